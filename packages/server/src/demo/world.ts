import type { TAgencyType, TRole } from '@focal/shared';

/**
 * An invented network for demonstrations and tests: every person here is fictitious. Names are
 * written in each country's own script with a Latin form, so the directory's cross-script
 * search can be tried at once.
 */
export interface DemoPerson {
  key: string;
  name: string;
  nameLatin: string;
  roles: TRole[];
  agency: number;
  languages: string[];
  timeZone: string;
  phone: string;
  available247?: boolean;
}

export interface DemoCountry {
  code: string;
  agencies: { name: string; type: TAgencyType }[];
  people: DemoPerson[];
}

export const DEMO_WORLD: DemoCountry[] = [
  {
    code: 'FR',
    agencies: [
      { name: 'Agence de gestion et de recouvrement des avoirs saisis et confisqués', type: 'asset_recovery_office' },
      { name: 'Office central pour la répression de la grande délinquance financière', type: 'police' },
    ],
    people: [
      { key: 'secretariat', name: 'Claire Moreau', nameLatin: 'Claire Moreau', roles: ['secretariat'], agency: 1, languages: ['fr', 'en', 'es'], timeZone: 'Europe/Paris', phone: '+33 1 00 00 00 01' },
      { key: 'fr-admin', name: 'Julien Lefèvre', nameLatin: 'Julien Lefevre', roles: ['national_admin'], agency: 0, languages: ['fr', 'en'], timeZone: 'Europe/Paris', phone: '+33 1 00 00 00 02' },
      { key: 'fr-fp', name: 'Amélie Durand', nameLatin: 'Amelie Durand', roles: ['focal_point'], agency: 1, languages: ['fr', 'en'], timeZone: 'Europe/Paris', phone: '+33 1 00 00 00 03', available247: true },
    ],
  },
  {
    code: 'NG',
    agencies: [
      { name: 'Economic and Financial Crimes Commission', type: 'anti_corruption_agency' },
      { name: 'Nigerian Financial Intelligence Unit', type: 'fiu' },
    ],
    people: [
      { key: 'ng-admin', name: 'Ngozi Okafor', nameLatin: 'Ngozi Okafor', roles: ['national_admin'], agency: 0, languages: ['en', 'ig'], timeZone: 'Africa/Lagos', phone: '+234 9 000 0001' },
      { key: 'ng-fp', name: 'Babatunde Adeyemi', nameLatin: 'Babatunde Adeyemi', roles: ['focal_point'], agency: 0, languages: ['en', 'yo', 'fr'], timeZone: 'Africa/Lagos', phone: '+234 9 000 0002', available247: true },
    ],
  },
  {
    code: 'BR',
    agencies: [{ name: 'Polícia Federal – Diretoria de Investigação e Combate ao Crime Organizado', type: 'police' }],
    people: [
      { key: 'br-admin', name: 'Rafael Carvalho', nameLatin: 'Rafael Carvalho', roles: ['national_admin'], agency: 0, languages: ['pt', 'es', 'en'], timeZone: 'America/Sao_Paulo', phone: '+55 61 0000 0001' },
      { key: 'br-fp', name: 'Luísa Fernandes', nameLatin: 'Luisa Fernandes', roles: ['focal_point'], agency: 0, languages: ['pt', 'en'], timeZone: 'America/Sao_Paulo', phone: '+55 61 0000 0002' },
    ],
  },
  {
    code: 'KE',
    agencies: [{ name: 'Assets Recovery Agency', type: 'asset_recovery_office' }],
    people: [
      { key: 'ke-admin', name: 'Wanjiru Kamau', nameLatin: 'Wanjiru Kamau', roles: ['national_admin'], agency: 0, languages: ['en', 'sw'], timeZone: 'Africa/Nairobi', phone: '+254 20 000 0001' },
      { key: 'ke-fp', name: 'Otieno Ochieng', nameLatin: 'Otieno Ochieng', roles: ['focal_point'], agency: 0, languages: ['en', 'sw'], timeZone: 'Africa/Nairobi', phone: '+254 20 000 0002' },
    ],
  },
  {
    code: 'CH',
    agencies: [{ name: 'Bundesamt für Justiz', type: 'ministry' }],
    people: [
      { key: 'ch-admin', name: 'Matthias Keller', nameLatin: 'Matthias Keller', roles: ['national_admin'], agency: 0, languages: ['de', 'fr', 'en'], timeZone: 'Europe/Zurich', phone: '+41 58 000 00 01' },
      { key: 'ch-fp', name: 'Sophie Rochat', nameLatin: 'Sophie Rochat', roles: ['focal_point'], agency: 0, languages: ['fr', 'de', 'en', 'it'], timeZone: 'Europe/Zurich', phone: '+41 58 000 00 02' },
    ],
  },
  {
    code: 'UA',
    agencies: [{ name: 'Національне агентство з питань виявлення, розшуку та управління активами', type: 'asset_recovery_office' }],
    people: [
      { key: 'ua-admin', name: 'Оксана Коваленко', nameLatin: 'Oksana Kovalenko', roles: ['national_admin'], agency: 0, languages: ['uk', 'en'], timeZone: 'Europe/Kyiv', phone: '+380 44 000 0001' },
      { key: 'ua-fp', name: 'Дмитро Бондаренко', nameLatin: 'Dmytro Bondarenko', roles: ['focal_point'], agency: 0, languages: ['uk', 'en', 'pl'], timeZone: 'Europe/Kyiv', phone: '+380 44 000 0002' },
    ],
  },
  {
    code: 'EG',
    agencies: [{ name: 'هيئة الرقابة الإدارية', type: 'anti_corruption_agency' }],
    people: [
      { key: 'eg-admin', name: 'منى عبد الرحمن', nameLatin: 'Mona Abdelrahman', roles: ['national_admin'], agency: 0, languages: ['ar', 'en'], timeZone: 'Africa/Cairo', phone: '+20 2 0000 0001' },
      { key: 'eg-fp', name: 'كريم الشناوي', nameLatin: 'Karim El-Shenawy', roles: ['focal_point'], agency: 0, languages: ['ar', 'en', 'fr'], timeZone: 'Africa/Cairo', phone: '+20 2 0000 0002' },
    ],
  },
  {
    code: 'JO',
    agencies: [{ name: 'هيئة النزاهة ومكافحة الفساد', type: 'anti_corruption_agency' }],
    people: [{ key: 'jo-fp', name: 'ليلى الحسيني', nameLatin: 'Layla Al-Husseini', roles: ['national_admin', 'focal_point'], agency: 0, languages: ['ar', 'en'], timeZone: 'Asia/Amman', phone: '+962 6 000 0001' }],
  },
  {
    code: 'CN',
    agencies: [{ name: '公安部经济犯罪侦查局', type: 'police' }],
    people: [
      { key: 'cn-admin', name: '王丽华', nameLatin: 'Wang Lihua', roles: ['national_admin'], agency: 0, languages: ['zh', 'en'], timeZone: 'Asia/Shanghai', phone: '+86 10 0000 0001' },
      { key: 'cn-fp', name: '陈志强', nameLatin: 'Chen Zhiqiang', roles: ['focal_point'], agency: 0, languages: ['zh', 'en'], timeZone: 'Asia/Shanghai', phone: '+86 10 0000 0002' },
    ],
  },
  {
    code: 'JP',
    agencies: [{ name: '警察庁刑事局', type: 'police' }],
    people: [{ key: 'jp-fp', name: '佐藤 健太', nameLatin: 'Kenta Sato', roles: ['national_admin', 'focal_point'], agency: 0, languages: ['ja', 'en'], timeZone: 'Asia/Tokyo', phone: '+81 3 0000 0001' }],
  },
  {
    code: 'KR',
    agencies: [{ name: '대검찰청 범죄수익환수과', type: 'prosecution' }],
    people: [{ key: 'kr-fp', name: '김민준', nameLatin: 'Kim Min-jun', roles: ['national_admin', 'focal_point'], agency: 0, languages: ['ko', 'en'], timeZone: 'Asia/Seoul', phone: '+82 2 0000 0001' }],
  },
  {
    code: 'IN',
    agencies: [{ name: 'प्रवर्तन निदेशालय', type: 'customs_tax' }],
    people: [{ key: 'in-fp', name: 'प्रिया शर्मा', nameLatin: 'Priya Sharma', roles: ['national_admin', 'focal_point'], agency: 0, languages: ['hi', 'en'], timeZone: 'Asia/Kolkata', phone: '+91 11 0000 0001' }],
  },
  {
    code: 'GR',
    agencies: [{ name: 'Αρχή Καταπολέμησης της Νομιμοποίησης Εσόδων από Εγκληματικές Δραστηριότητες', type: 'fiu' }],
    people: [{ key: 'gr-fp', name: 'Γιώργος Παπαδόπουλος', nameLatin: 'Giorgos Papadopoulos', roles: ['national_admin', 'focal_point'], agency: 0, languages: ['el', 'en'], timeZone: 'Europe/Athens', phone: '+30 210 000 0001' }],
  },
  {
    code: 'PE',
    agencies: [{ name: 'Procuraduría Pública Especializada en Delitos de Corrupción', type: 'prosecution' }],
    people: [
      { key: 'pe-admin', name: 'Mariana Quispe', nameLatin: 'Mariana Quispe', roles: ['national_admin'], agency: 0, languages: ['es', 'qu', 'en'], timeZone: 'America/Lima', phone: '+51 1 000 0001' },
      { key: 'pe-fp', name: 'Diego Ramírez', nameLatin: 'Diego Ramirez', roles: ['focal_point'], agency: 0, languages: ['es', 'en'], timeZone: 'America/Lima', phone: '+51 1 000 0002' },
    ],
  },
  {
    code: 'MY',
    agencies: [{ name: 'Suruhanjaya Pencegahan Rasuah Malaysia', type: 'anti_corruption_agency' }],
    people: [{ key: 'my-fp', name: 'Nurul Aisyah binti Ahmad', nameLatin: 'Nurul Aisyah binti Ahmad', roles: ['national_admin', 'focal_point'], agency: 0, languages: ['ms', 'en'], timeZone: 'Asia/Kuala_Lumpur', phone: '+60 3 0000 0001' }],
  },
  {
    code: 'AU',
    agencies: [{ name: 'Criminal Assets Confiscation Taskforce', type: 'asset_recovery_office' }],
    people: [{ key: 'au-fp', name: 'Hannah Mitchell', nameLatin: 'Hannah Mitchell', roles: ['national_admin', 'focal_point'], agency: 0, languages: ['en'], timeZone: 'Australia/Sydney', phone: '+61 2 0000 0001' }],
  },
  {
    code: 'CA',
    agencies: [{ name: 'Royal Canadian Mounted Police – Financial Integrity', type: 'police' }],
    people: [{ key: 'ca-fp', name: 'Émilie Tremblay', nameLatin: 'Emilie Tremblay', roles: ['national_admin', 'focal_point'], agency: 0, languages: ['fr', 'en'], timeZone: 'America/Toronto', phone: '+1 613 000 0001' }],
  },
  {
    code: 'AT',
    agencies: [{ name: 'United Nations Office on Drugs and Crime', type: 'international_organisation' }],
    people: [{ key: 'unodc-observer', name: 'Anna Berger', nameLatin: 'Anna Berger', roles: ['observer'], agency: 0, languages: ['en', 'de'], timeZone: 'Europe/Vienna', phone: '+43 1 0000 0001' }],
  },
];
