// Synthetic FollowTheMoney entities for the case and matching benchmarks: people, companies,
// bank accounts and ownerships, deterministic for a seed. Every person here is invented.
//
// Names come from several naming cultures, each in its own script where it has one (Cyrillic,
// Arabic, Chinese, Greek) and in Latin transliterations that differ as real sources differ
// (Vasilyev / Wassiljew / Vassiliev, Mohamed / Muhammad, Xilai Bo / Bo Hsi-lai). Each culture
// mixes a list of common names with invented ones built from its own sounds, so name
// frequencies have a long tail as in a real register rather than a few hundred names repeated.
// About 8% of parties are recorded again (in another case, in another spelling or script, with
// initials, a typo, another word order, a different legal-form spelling): the true matches the
// cross-referencing has to find. Companies carry legal forms, registration numbers and
// jurisdictions; accounts carry valid IBANs (ISO 13616 check digits) and bank names.
import crypto from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

/** Mulberry32: small, fast and the same sequence on every machine for a given seed. */
export function createRandom(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const words = (text) => text.trim().split(/\s+/);

// ------------------------------------------------------------------ Cyrillic

const CYRILLIC_SYSTEMS = {
  // English-style (BGN/PCGN, passports)
  en: { а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'yo', ж: 'zh', з: 'z', и: 'i', й: 'y', к: 'k', л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya', і: 'i', ї: 'yi', є: 'ye' },
  // German (Duden)
  de: { а: 'a', б: 'b', в: 'w', г: 'g', д: 'd', е: 'e', ё: 'jo', ж: 'sh', з: 's', и: 'i', й: 'j', к: 'k', л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'ch', ц: 'z', ч: 'tsch', ш: 'sch', щ: 'schtsch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'ju', я: 'ja', і: 'i', ї: 'ji', є: 'je' },
  // French
  fr: { а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'io', ж: 'j', з: 'z', и: 'i', й: 'i', к: 'k', л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'ou', ф: 'f', х: 'kh', ц: 'ts', ч: 'tch', ш: 'ch', щ: 'chtch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'iou', я: 'ia', і: 'i', ї: 'ii', є: 'ie' },
  // Scholarly, with the diacritics folded as databases often store them
  iso: { а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'e', ж: 'z', з: 'z', и: 'i', й: 'j', к: 'k', л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'h', ц: 'c', ч: 'c', ш: 's', щ: 'sc', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'ju', я: 'ja', і: 'i', ї: 'ji', є: 'je' },
};
const CYRILLIC_VOWELS = new Set([...'аеёиоуыэюяіїє']);

function cyrillicToLatin(text, system) {
  const table = CYRILLIC_SYSTEMS[system];
  let out = '';
  let previous = ' ';
  for (const char of text) {
    const lower = char.toLowerCase();
    let latin = table[lower];
    if (latin === undefined) latin = char;
    else if (lower === 'е' && (CYRILLIC_VOWELS.has(previous) || previous === ' ' || previous === 'ь') && system === 'en') latin = 'ye';
    else if (lower === 'е' && (CYRILLIC_VOWELS.has(previous) || previous === ' ') && system === 'de') latin = 'je';
    out += char !== lower && latin ? latin[0].toUpperCase() + latin.slice(1) : latin;
    previous = lower;
  }
  // German doubles an "s" between vowels to keep it voiceless.
  if (system === 'de') out = out.replace(/([aeiouy])s([aeiouy])/g, '$1ss$2');
  return out;
}

const RU_MALE = words('Владимир Сергей Александр Дмитрий Андрей Алексей Игорь Николай Михаил Юрий Евгений Олег Виктор Павел Роман Максим Артём Иван Григорий Борис Геннадий Аркадий Вячеслав Анатолий Валерий Леонид Константин Тимур Руслан Вадим Фёдор Денис Кирилл Степан Ярослав Богдан Тарас Остап');
const RU_FEMALE = words('Ольга Елена Татьяна Наталья Ирина Светлана Анна Мария Екатерина Юлия Людмила Галина Марина Дарья Ксения Оксана Валентина Вера Надежда Алина Полина Виктория Лариса Зоя');
const RU_SURNAMES = words('Иванов Смирнов Кузнецов Попов Васильев Петров Соколов Михайлов Новиков Фёдоров Морозов Волков Алексеев Лебедев Семёнов Егоров Павлов Козлов Степанов Николаев Орлов Андреев Макаров Никитин Захаров Зайцев Соловьёв Борисов Яковлев Григорьев Романов Воробьёв Сергеев Фролов Александров Дмитриев Королёв Гусев Киселёв Ильин Максимов Поляков Сорокин Виноградов Ковалёв Белов Медведев Антонов Тарасов Жуков Баранов Филиппов Комаров Давыдов Беляев Герасимов Богданов Осипов Сидоров Матвеев Титов Марков Миронов Крылов Куликов Карпов Власов Мельников Денисов Гаврилов Тихонов Казаков Афанасьев Данилов Савельев Тимофеев Фомин Чернов Абрамов Мартынов Ефимов Федотов Щербаков Назаров Калинин Исаев Чернышёв Быков Маслов Родионов Коновалов Лазарев Воронин Климов Филатов Пономарёв Голубев Кудрявцев Прохоров Наумов Потапов Журавлёв Овчинников Трофимов Леонов Соболев Ермаков Колесников Гончаров Емельянов Никифоров Грачёв Котов Гришин Ефремов Архипов Громов Кириллов Малышев Панов Моисеев Румянцев Акимов Кондратьев Бирюков Горбунов Анисимов Ерёмин Тихомиров Галкин Лукьянов Михеев Скворцов Юдин Белоусов Нестеров Симонов Прокофьев Харитонов Князев Цветков Левин Митрофанов Воронов Аксёнов Софронов Мальцев Логинов Горшков Савин Краснов Майоров Демидов Ротенберг Тимченко Коваленко Бондаренко Шевченко Ткаченко Кравченко Олейник Мельник Шевчук Бойко Курченко Яценко Литвиненко Руденко Савченко Петренко Марченко Лысенко');
const CYR_CONSONANTS = words('б в г д ж з к л м н п р с т ф х ц ч ш');
const CYR_VOWELS = words('а о у и е я ы ю');
const RU_SUFFIXES = words('ов ев ин ёв енко ский цкий ук ич');

const patronymic = (given, female) => {
  if (given.endsWith('ий')) return given.slice(0, -2) + (female ? 'ьевна' : 'ьевич');
  if (/[еа]й$/.test(given) || given.endsWith('ь')) return given.slice(0, -1) + (female ? 'евна' : 'евич');
  if (/[ая]$/.test(given)) return given.slice(0, -1) + (female ? 'ична' : 'ич');
  return given + (female ? 'овна' : 'ович');
};
const feminineSurname = (surname) => (/(ов|ев|ёв|ин)$/.test(surname) ? `${surname}а` : surname.replace(/(ский|цкий)$/, (m) => `${m.slice(0, -2)}ая`));

function cyrillicSurname(random) {
  if (random() < 0.55) return RU_SURNAMES[Math.floor(random() ** 1.6 * RU_SURNAMES.length)];
  let stem = '';
  const syllables = 1 + Math.floor(random() * 2);
  for (let i = 0; i < syllables; i++) stem += CYR_CONSONANTS[Math.floor(random() * CYR_CONSONANTS.length)] + CYR_VOWELS[Math.floor(random() * CYR_VOWELS.length)];
  stem += CYR_CONSONANTS[Math.floor(random() * CYR_CONSONANTS.length)];
  const word = stem + RU_SUFFIXES[Math.floor(random() * RU_SUFFIXES.length)];
  return word[0].toUpperCase() + word.slice(1);
}

// ------------------------------------------------------------------ Arabic

/** [Arabic, Latin spellings…] */
const AR_MALE = [
  ['محمد', 'Mohamed', 'Muhammad', 'Mohammed', 'Mohammad'], ['أحمد', 'Ahmed', 'Ahmad'], ['علي', 'Ali'], ['حسن', 'Hassan', 'Hasan'], ['حسين', 'Hussein', 'Hussain', 'Husayn'],
  ['عمر', 'Omar', 'Umar'], ['خالد', 'Khaled', 'Khalid'], ['يوسف', 'Youssef', 'Yusuf', 'Yousef'], ['إبراهيم', 'Ibrahim', 'Ebrahim'], ['عبد الله', 'Abdullah', 'Abdallah', 'Abdellah'],
  ['عبد الرحمن', 'Abdelrahman', 'Abdul Rahman', 'Abderrahmane'], ['سعيد', 'Said', 'Saeed'], ['كريم', 'Karim', 'Kareem'], ['طارق', 'Tarek', 'Tariq'], ['مصطفى', 'Mustafa', 'Moustafa', 'Mostafa'],
  ['حافظ', 'Hafez', 'Hafiz'], ['رامي', 'Rami'], ['سامي', 'Sami', 'Samy'], ['ماهر', 'Maher'], ['بشار', 'Bashar', 'Bachar'], ['وليد', 'Walid', 'Waleed'], ['جمال', 'Jamal', 'Gamal'],
  ['ناصر', 'Nasser', 'Nasir'], ['منصور', 'Mansour', 'Mansur'], ['فيصل', 'Faisal', 'Faysal'], ['سليم', 'Salim', 'Selim'], ['عادل', 'Adel', 'Adil'], ['هشام', 'Hisham', 'Hicham'],
  ['ياسر', 'Yasser', 'Yasir'], ['عماد', 'Imad', 'Emad'], ['نبيل', 'Nabil', 'Nabeel'], ['فؤاد', 'Fouad', 'Fuad'], ['رشيد', 'Rachid', 'Rashid'], ['زياد', 'Ziad', 'Ziyad'],
  ['مروان', 'Marwan'], ['بلال', 'Bilal'], ['حمزة', 'Hamza', 'Hamzah'], ['أنور', 'Anwar', 'Anouar'], ['توفيق', 'Tawfiq', 'Toufik'], ['صالح', 'Saleh', 'Salih'],
];
const AR_FEMALE = [
  ['فاطمة', 'Fatima', 'Fatma', 'Fatimah'], ['عائشة', 'Aisha', 'Aicha', 'Aysha'], ['مريم', 'Maryam', 'Mariam', 'Meriem'], ['ليلى', 'Leila', 'Layla', 'Laila'], ['نور', 'Nour', 'Noor'],
  ['أسماء', 'Asma', 'Asmaa'], ['زينب', 'Zainab', 'Zeinab'], ['خديجة', 'Khadija', 'Khadidja'], ['سلمى', 'Salma', 'Selma'], ['هدى', 'Huda', 'Houda'], ['رانيا', 'Rania', 'Ranya'],
  ['سارة', 'Sara', 'Sarah'], ['ياسمين', 'Yasmin', 'Yasmine'], ['أمل', 'Amal'], ['منى', 'Mona', 'Muna'],
];
const AR_FAMILIES = [
  ['مخلوف', 'Makhlouf', 'Makhluf'], ['الأسد', 'al-Assad', 'Assad', 'el-Assad'], ['القذافي', 'Gaddafi', 'Qadhafi', 'Kadhafi', 'al-Gaddafi'], ['الحسن', 'al-Hassan', 'Al Hasan'],
  ['المصري', 'al-Masri', 'El Masry'], ['الشامي', 'al-Shami', 'Chami'], ['حداد', 'Haddad'], ['خوري', 'Khoury', 'Khouri'], ['نصر', 'Nasr', 'Nassar'], ['سليمان', 'Suleiman', 'Sleiman', 'Soliman'],
  ['عثمان', 'Othman', 'Osman', 'Uthman'], ['الزين', 'al-Zein', 'El Zein'], ['بن علي', 'Ben Ali'], ['الطرابلسي', 'Trabelsi', 'al-Trabelsi'], ['السعدي', 'al-Saadi', 'Saadi'],
  ['الحمدان', 'Al Hamdan', 'al-Hamdan'], ['الراشد', 'Al Rashid', 'Al-Rashed'], ['القاسم', 'Al Qasim', 'al-Kassem'], ['البشير', 'al-Bashir', 'El Bechir'], ['مبارك', 'Mubarak', 'Moubarak'],
  ['الخطيب', 'al-Khatib', 'El Khatib'], ['العطار', 'al-Attar', 'Attar'], ['الفاسي', 'El Fassi', 'al-Fasi'], ['بنكيران', 'Benkirane'], ['الجزائري', 'al-Jazairi', 'Djazairi'],
];
/** Arabic letter, Latin spellings (first: English-style; second: French-style). */
const AR_LETTERS = [
  ['ب', 'b'], ['ت', 't'], ['ج', 'j', 'dj'], ['د', 'd'], ['ر', 'r'], ['ز', 'z'], ['س', 's'], ['ش', 'sh', 'ch'], ['ط', 't'], ['ع', "'", ''], ['ف', 'f'], ['ق', 'q', 'k'],
  ['ك', 'k'], ['ل', 'l'], ['م', 'm'], ['ن', 'n'], ['ح', 'h'], ['خ', 'kh'], ['ص', 's'], ['غ', 'gh'],
];

/** A family name from a root: al-C1aC2C3i (a nisba), as الحمدي / al-Hamdi. */
function arabicRootFamily(random) {
  const letters = [];
  for (let i = 0; i < 3; i++) letters.push(AR_LETTERS[Math.floor(random() * AR_LETTERS.length)]);
  if (letters[0][1] === "'") letters[0] = AR_LETTERS[0];
  const arabic = `ال${letters.map((l) => l[0]).join('')}ي`;
  const latin = (french) => {
    const c = letters.map((l) => (french ? (l[2] ?? l[1]) : l[1]));
    const core = `${c[0]}a${c[1]}${c[2]}i`;
    return core[0].toUpperCase() + core.slice(1);
  };
  return [arabic, `al-${latin(false)}`, `Al ${latin(false)}`, `El ${latin(true)}`, latin(false)];
}

// ------------------------------------------------------------------ Chinese

/** [hanzi, pinyin, Wade-Giles] */
const ZH_SURNAMES = [
  ['王', 'Wang', 'Wang'], ['李', 'Li', 'Li'], ['张', 'Zhang', 'Chang'], ['刘', 'Liu', 'Liu'], ['陈', 'Chen', 'Chen'], ['杨', 'Yang', 'Yang'], ['黄', 'Huang', 'Huang'], ['赵', 'Zhao', 'Chao'],
  ['吴', 'Wu', 'Wu'], ['周', 'Zhou', 'Chou'], ['徐', 'Xu', 'Hsu'], ['孙', 'Sun', 'Sun'], ['马', 'Ma', 'Ma'], ['朱', 'Zhu', 'Chu'], ['胡', 'Hu', 'Hu'], ['郭', 'Guo', 'Kuo'], ['何', 'He', 'Ho'],
  ['高', 'Gao', 'Kao'], ['林', 'Lin', 'Lin'], ['罗', 'Luo', 'Lo'], ['郑', 'Zheng', 'Cheng'], ['梁', 'Liang', 'Liang'], ['谢', 'Xie', 'Hsieh'], ['宋', 'Song', 'Sung'], ['唐', 'Tang', 'Tang'],
  ['韩', 'Han', 'Han'], ['冯', 'Feng', 'Feng'], ['邓', 'Deng', 'Teng'], ['曹', 'Cao', 'Tsao'], ['彭', 'Peng', 'Peng'], ['曾', 'Zeng', 'Tseng'], ['萧', 'Xiao', 'Hsiao'], ['田', 'Tian', 'Tien'],
  ['董', 'Dong', 'Tung'], ['袁', 'Yuan', 'Yuan'], ['潘', 'Pan', 'Pan'], ['蒋', 'Jiang', 'Chiang'], ['蔡', 'Cai', 'Tsai'], ['薄', 'Bo', 'Po'], ['贾', 'Jia', 'Chia'], ['丁', 'Ding', 'Ting'],
  ['魏', 'Wei', 'Wei'], ['薛', 'Xue', 'Hsueh'], ['叶', 'Ye', 'Yeh'], ['阎', 'Yan', 'Yen'], ['余', 'Yu', 'Yu'], ['杜', 'Du', 'Tu'], ['苏', 'Su', 'Su'], ['卢', 'Lu', 'Lu'], ['汪', 'Wang', 'Wang'],
];
const ZH_GIVEN = [
  ['伟', 'wei', 'wei'], ['芳', 'fang', 'fang'], ['娜', 'na', 'na'], ['敏', 'min', 'min'], ['静', 'jing', 'ching'], ['丽', 'li', 'li'], ['强', 'qiang', 'chiang'], ['磊', 'lei', 'lei'],
  ['军', 'jun', 'chun'], ['洋', 'yang', 'yang'], ['勇', 'yong', 'yung'], ['艳', 'yan', 'yen'], ['杰', 'jie', 'chieh'], ['娟', 'juan', 'chuan'], ['涛', 'tao', 'tao'], ['明', 'ming', 'ming'],
  ['超', 'chao', 'chao'], ['秀', 'xiu', 'hsiu'], ['霞', 'xia', 'hsia'], ['平', 'ping', 'ping'], ['刚', 'gang', 'kang'], ['华', 'hua', 'hua'], ['建', 'jian', 'chien'], ['国', 'guo', 'kuo'],
  ['文', 'wen', 'wen'], ['辉', 'hui', 'hui'], ['鹏', 'peng', 'peng'], ['志', 'zhi', 'chih'], ['红', 'hong', 'hung'], ['玉', 'yu', 'yu'], ['兰', 'lan', 'lan'], ['海', 'hai', 'hai'],
  ['春', 'chun', 'chun'], ['东', 'dong', 'tung'], ['晓', 'xiao', 'hsiao'], ['飞', 'fei', 'fei'], ['宇', 'yu', 'yu'], ['浩', 'hao', 'hao'], ['鑫', 'xin', 'hsin'], ['龙', 'long', 'lung'],
  ['云', 'yun', 'yun'], ['成', 'cheng', 'cheng'], ['新', 'xin', 'hsin'], ['永', 'yong', 'yung'], ['金', 'jin', 'chin'], ['斌', 'bin', 'pin'], ['德', 'de', 'te'], ['俊', 'jun', 'chun'],
  ['熙', 'xi', 'hsi'], ['来', 'lai', 'lai'], ['远', 'yuan', 'yuan'], ['正', 'zheng', 'cheng'], ['光', 'guang', 'kuang'], ['荣', 'rong', 'jung'], ['庆', 'qing', 'ching'], ['生', 'sheng', 'sheng'],
  ['忠', 'zhong', 'chung'], ['立', 'li', 'li'], ['峰', 'feng', 'feng'], ['琳', 'lin', 'lin'], ['婷', 'ting', 'ting'], ['雪', 'xue', 'hsueh'], ['梅', 'mei', 'mei'], ['嘉', 'jia', 'chia'],
];
const ZH_PLACES = [['北京', 'Beijing'], ['上海', 'Shanghai'], ['深圳', 'Shenzhen'], ['厦门', 'Xiamen'], ['广州', 'Guangzhou'], ['香港', 'Hong Kong'], ['天津', 'Tianjin'], ['重庆', 'Chongqing'], ['杭州', 'Hangzhou'], ['大连', 'Dalian']];
const ZH_SECTORS = [['集团', 'Group'], ['贸易', 'Trading'], ['实业', 'Industrial'], ['投资', 'Investment'], ['能源', 'Energy'], ['科技', 'Technology'], ['物流', 'Logistics'], ['房地产', 'Real Estate']];

// ------------------------------------------------------------------ Greek

/** [Greek, Latin spellings…] */
const EL_MALE = [['Γιώργος', 'Giorgos', 'Georgios', 'Yorgos'], ['Γιάννης', 'Giannis', 'Yannis', 'Ioannis'], ['Κωνσταντίνος', 'Konstantinos', 'Constantinos'], ['Δημήτρης', 'Dimitris', 'Dimitrios'], ['Νίκος', 'Nikos', 'Nikolaos'], ['Παναγιώτης', 'Panagiotis', 'Panayiotis'], ['Βασίλης', 'Vasilis', 'Vassilis'], ['Χρήστος', 'Christos', 'Hristos'], ['Αθανάσιος', 'Athanasios', 'Thanasis'], ['Μιχάλης', 'Michalis', 'Michail'], ['Σταύρος', 'Stavros'], ['Σπύρος', 'Spyros', 'Spiros'], ['Αντώνης', 'Antonis', 'Antonios']];
const EL_FEMALE = [['Μαρία', 'Maria'], ['Ελένη', 'Eleni', 'Helen'], ['Αικατερίνη', 'Aikaterini', 'Katerina'], ['Σοφία', 'Sofia', 'Sophia'], ['Άννα', 'Anna'], ['Δέσποινα', 'Despoina', 'Despina'], ['Γεωργία', 'Georgia'], ['Βασιλική', 'Vasiliki', 'Vassiliki']];
const EL_STEMS = [['Γεωργ', 'Georg'], ['Νικολ', 'Nikol'], ['Δημητρ', 'Dimitr'], ['Κωνσταντιν', 'Konstantin'], ['Αθανασ', 'Athanas'], ['Βασιλ', 'Vasil'], ['Χριστ', 'Christ'], ['Ιωανν', 'Ioann'], ['Μιχαλ', 'Michal'], ['Σταυρ', 'Stavr'], ['Πετρ', 'Petr'], ['Αντων', 'Anton'], ['Λαμπρ', 'Lampr'], ['Μανωλ', 'Manol'], ['Σπυρ', 'Spyr'], ['Θεοδωρ', 'Theodor'], ['Ευαγγελ', 'Evangel'], ['Αλεξ', 'Alex'], ['Αναστασ', 'Anastas'], ['Παυλ', 'Pavl'], ['Στεφαν', 'Stefan'], ['Φωτ', 'Fot'], ['Γρηγορ', 'Grigor'], ['Μαρκ', 'Mark'], ['Ζαχαρ', 'Zachar'], ['Κυριακ', 'Kyriak'], ['Ξεν', 'Xen'], ['Λεωνιδ', 'Leonid'], ['Ηλι', 'Ili'], ['Τσακαλ', 'Tsakal']];
const EL_PREFIXES = [['', ''], ['', ''], ['Παπα', 'Papa'], ['Χατζη', 'Chatzi'], ['Καρα', 'Kara']];
const EL_SUFFIXES = [['όπουλος', 'opoulos'], ['άκης', 'akis'], ['ίδης', 'idis'], ['ίου', 'iou'], ['άτος', 'atos'], ['έας', 'eas']];

// ------------------------------------------------------------------ Latin-script cultures

const LATIN = {
  en: {
    male: words('James John Robert Michael William David Richard Joseph Thomas Charles Christopher Daniel Matthew Anthony Mark Paul Steven Andrew Kenneth George Edward Brian Kevin Ronald Timothy Jason Jeffrey Gary Ryan Nicholas Eric Stephen Jacob Jonathan Larry Frank Scott Justin Brandon Raymond Gregory Samuel Benjamin Patrick Jack Dennis Jerry Alexander Tyler'),
    female: words('Mary Patricia Jennifer Linda Elizabeth Barbara Susan Jessica Sarah Karen Nancy Lisa Margaret Betty Sandra Ashley Dorothy Kimberly Emily Donna Michelle Carol Amanda Melissa Deborah Stephanie Rebecca Laura Sharon Cynthia Kathleen Amy Shirley Angela Helen Anna Brenda Pamela Nicole Ruth Katherine Samantha Christine Emma Catherine'),
    family: words('Smith Johnson Williams Brown Jones Miller Davis Wilson Anderson Taylor Thomas Moore Jackson Martin Lee Thompson White Harris Clark Lewis Robinson Walker Young Allen King Wright Scott Green Baker Adams Nelson Hill Campbell Mitchell Roberts Carter Phillips Evans Turner Parker Collins Edwards Stewart Morris Murphy Cook Rogers Morgan Cooper Peterson Reed Bailey Bell Kelly Howard Ward Cox Richardson Wood Watson Brooks Bennett Gray Hughes Price Sanders Myers Long Ross Foster Powell Jenkins Perry Russell Sullivan Fisher Hamilton Graham Wallace Cole West Jordan Reynolds Ellis Marshall Gibson Murray Ford Harrison'),
    prefixes: words('Ash Brad Brook Cal Craw Dun Fair Hal Har Kings Lang Mar Mel Ox Ray Red Rad Stan Wes Whit Wood Win Black Brom Chal Dal Ever Gar Hart Holl Lind Nor Pem Rus Sel Thorn Wal'),
    suffixes: words('ford ley ton wood field by worth well more ham ridge stone wick combe dale bury hurst land'),
  },
  fr: {
    male: words('Jean Pierre Michel Philippe Alain Nicolas François Laurent Julien Jérôme Sébastien Stéphane Frédéric Thierry Benoît Olivier Christophe Patrick Éric Didier Bruno Pascal Yves Gilles Guillaume Mathieu Antoine Arnaud Vincent Cédric Rémi'),
    female: words('Marie Nathalie Isabelle Sylvie Catherine Sophie Céline Émilie Hélène Amélie Valérie Sandrine Véronique Christine Aurélie Camille Claire Élodie Julie Chantal Brigitte Françoise Martine Anne Delphine'),
    family: words('Martin Bernard Dubois Thomas Robert Richard Petit Durand Leroy Moreau Simon Laurent Lefèvre Michel Garcia David Bertrand Roux Vincent Fournier Morel Girard André Lefebvre Mercier Dupont Lambert Bonnet François Martinez Legrand Garnier Faure Rousseau Blanc Guérin Muller Henry Roussel Nicolas Perrin Morin Mathieu Clément Gauthier Dumont Lopez Fontaine Chevalier Robin Masson Sanchez Gérard Nguyen Boyer Denis Lemaire Duval Joly Gautier Roger Roche Roy Noël Meyer Lucas Meunier Jean Perez Marchand Dufour Blanchard Marie Barbier Brun Dumas Brunet Schmitt Leroux Colin Fernandez Pierre Renard Arnaud Rolland Caron Aubert Giraud Leclerc Vidal Bourgeois Renaud Lemoine Picard Gaillard Philippe Leclercq Lacroix Fabre Dupuis Olivier Rodriguez'),
    prefixes: words('Beau Bel Bon Mont Val Ville Dela Roche Font Cham Mar Lar Pré Gros Haut Lon Mal Ro Bois Cour'),
    suffixes: words('champ mont ville fort court lieu pré bois val roche noir clair mare lac bert mond'),
  },
  es: {
    male: words('José Juan Carlos Luis Miguel Javier Antonio Francisco Manuel Jorge Pedro Rafael Alejandro Fernando Sergio Pablo Diego Andrés Ricardo Eduardo Alberto Raúl Enrique Ramón João Paulo Marcelo Rodrigo Gustavo Thiago Felipe'),
    female: words('María Carmen Ana Lucía Isabel Laura Marta Elena Cristina Patricia Rosa Pilar Teresa Beatriz Luísa Fernanda Gabriela Juliana Mariana Camila Adriana Daniela Valentina Paula'),
    family: words('García Rodríguez González Fernández López Martínez Sánchez Pérez Gómez Martín Jiménez Ruiz Hernández Díaz Moreno Álvarez Romero Alonso Gutiérrez Navarro Torres Domínguez Vázquez Ramos Gil Ramírez Serrano Blanco Suárez Molina Morales Ortega Delgado Castro Ortiz Rubio Marín Sanz Núñez Iglesias Medina Garrido Cortés Castillo Santos Lozano Guerrero Cano Prieto Méndez Cruz Calvo Gallego Vidal León Márquez Herrera Peña Flores Cabrera Campos Vega Fuentes Carrasco Diez Caballero Reyes Nieto Aguilar Pascual Santana Herrero Lorenzo Montero Hidalgo Giménez Ibáñez Ferrer Durán Santiago Benítez Mora Vicente Vargas Arias Carmona Crespo Román Pastor Soto Sáez Velasco Moya Soler Parra Esteban Bravo Gallardo Rojas Silva Oliveira Souza Pereira Costa Carvalho Almeida Ferreira Ribeiro Rodrigues Gomes Lima Araújo Fernandes Barbosa Rocha Dias Nascimento Moura Cardoso Teixeira Correia Mendes Pinto Cavalcanti Monteiro'),
    prefixes: words('Al Bel Cas Cor Fer Gar Mar Mon Pal Val Vil Tor Bar Cam Sal Quin Ri Zam Olm Arg'),
    suffixes: words('ares ado eda illo ero ueña anda uera ano ino ez iz ón ales era iega'),
  },
  de: {
    male: words('Hans Peter Klaus Jürgen Wolfgang Michael Thomas Andreas Stefan Matthias Frank Uwe Dieter Bernd Jörg Ralf Holger Markus Sven Tobias Florian Lukas Jan Dirk Heinz'),
    female: words('Ursula Monika Petra Sabine Gabriele Heike Katrin Andrea Birgit Claudia Susanne Karin Renate Anja Stefanie Julia Nicole Martina Silke Brigitte'),
    family: words('Müller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz Hoffmann Schäfer Koch Bauer Richter Klein Wolf Schröder Neumann Schwarz Zimmermann Braun Krüger Hofmann Hartmann Lange Schmitt Werner Krause Meier Lehmann Schmid Schulze Maier Köhler Herrmann König Walter Mayer Huber Kaiser Fuchs Peters Lang Scholz Möller Weiß Jung Hahn Schubert Vogel Friedrich Keller Günther Frank Berger Winkler Roth Beck Lorenz Baumann Franke Albrecht Schuster Simon Ludwig Böhm Winter Kraus Martin Schumacher Krämer Vogt Stein Jäger Otto Sommer Groß Seidel Heinrich Brandt Haas Schreiber Graf Schulte Dietrich Ziegler Kuhn Kühn Pohl Engel Horn Busch Bergmann Thomas Voigt Sauer Arnold Wolff Pfeiffer'),
    prefixes: words('Stein Rosen Gold Silber Eisen Lichten Grün Blum Hoch Neu Alt Wald Berg Feld Kirch Mühl Schwarz Weiß Lind Wein Stern Falken Hirsch Tann'),
    suffixes: words('berg feld stein thal mann bach hof hausen baum dorf heim wald burg er'),
  },
  it: {
    male: words('Giuseppe Giovanni Antonio Mario Luigi Francesco Angelo Vincenzo Pietro Salvatore Carlo Franco Domenico Bruno Paolo Michele Giorgio Aldo Sergio Luciano Marco Alessandro Andrea Stefano Matteo'),
    female: words('Giulia Francesca Chiara Alessandra Maria Anna Giuseppina Rosa Angela Giovanna Teresa Lucia Carmela Caterina Federica Valentina Silvia Elena Sara Martina'),
    family: words('Rossi Russo Ferrari Esposito Bianchi Romano Colombo Ricci Marino Greco Bruno Gallo Conti De Luca Mancini Costa Giordano Rizzo Lombardi Moretti Barbieri Fontana Santoro Mariani Rinaldi Caruso Ferrara Galli Martini Leone Longo Gentile Martinelli Vitale Lombardo Serra Coppola De Santis D’Angelo Marchetti Parisi Villa Conte Ferraro Ferri Fabbri Bianco Marini Grasso Valentini Messina Sala De Angelis Gatti Pellegrini Palumbo Sanna Farina Rizzi Monti Cattaneo Morelli Amato Silvestri Mazza Testa Grassi Pellegrino Carbone Giuliani Benedetti Barone Rossetti Caputo Montanari Guerra Palmieri Bernardi Martino Fiore De Rosa Ferretti Bellini Basile Riva Donati Piras Vitali Battaglia Sartori Neri Costantini Milani Pagano Ruggiero Sorrentino'),
    prefixes: words('Bel Cal Fer Gal Mar Pel San Tor Vit Cas Ross Mont Bar Cor Fal Gior Lan Mel Pan Ser'),
    suffixes: words('etti ini elli one ucci ari ano aro otti ato enti ella ozzi uzzi'),
  },
  ng: {
    male: words('Babatunde Oluwaseun Chinedu Adebayo Emeka Chukwuemeka Ifeanyi Olumide Aminu Ibrahim Musa Tunde Segun Kunle Femi Obinna Nnamdi Uche Kelechi Sani Usman Abubakar Yakubu Dapo Gbenga'),
    female: words('Ngozi Funmilayo Yetunde Chiamaka Adaeze Folake Bukola Nkechi Amina Zainab Halima Ifeoma Omolara Titilayo Uchenna Blessing Esther Chidinma Aisha Kemi'),
    family: words('Adeyemi Okafor Okonkwo Adebayo Olawale Eze Nwosu Ogunleye Bello Abubakar Okeke Chukwu Obi Adeleke Balogun Ogunbiyi Nwachukwu Onyeka Ibrahim Mohammed Yusuf Danjuma Olatunji Akinola Oyelaran Etete Alamieyeseigha Ibori Dasuki Diezani Onu Uzor Ekwueme Igwe Anyanwu Ojo Ayodele Afolabi Lawal Salami'),
    prefixes: words('Ade Olu Ogun Oba Chi Nwa Oke Ola Aki Ayo Ife Obi Ode Eke Ezi Uzo'),
    suffixes: words('yemi wale leye bayo nedu kwe femi sola tunde deji kunle moye gbemi nna chukwu'),
  },
  pl: {
    male: words('Piotr Krzysztof Andrzej Tomasz Paweł Marcin Michał Grzegorz Jerzy Tadeusz Adam Łukasz Zbigniew Ryszard Dariusz Henryk Mariusz Kazimierz Wojciech Robert'),
    female: words('Anna Katarzyna Małgorzata Agnieszka Barbara Ewa Krystyna Elżbieta Magdalena Joanna Zofia Aleksandra Monika Teresa Danuta'),
    family: words('Nowak Kowalski Wiśniewski Wójcik Kowalczyk Kamiński Lewandowski Zieliński Szymański Woźniak Dąbrowski Kozłowski Jankowski Mazur Kwiatkowski Krawczyk Piotrowski Grabowski Nowakowski Pawłowski Michalski Nowicki Adamczyk Dudek Zając Wieczorek Jabłoński Król Majewski Olszewski Jaworski Wróbel Malinowski Pawlak Witkowski Walczak Stępień Górski Rutkowski Michalak'),
    prefixes: words('Bor Dom Gor Jas Kal Lis Mal Now Ost Pol Sos Wal Zar Brz Chmiel'),
    suffixes: words('owski ewski iński ak ek czyk ski ała uk'),
  },
};

// Each entry: culture, weight (share of parties), the country codes it lives in.
const CULTURES = [
  ['en', 10, ['GB', 'US', 'IE', 'CA', 'AU', 'ZA', 'KE']],
  ['fr', 8, ['FR', 'BE', 'CH', 'LU', 'SN', 'CI']],
  ['es', 12, ['ES', 'PT', 'BR', 'MX', 'AR', 'CO', 'VE']],
  ['de', 6, ['DE', 'AT', 'CH', 'LI']],
  ['it', 5, ['IT', 'MT', 'SM']],
  ['ng', 6, ['NG', 'GH']],
  ['pl', 3, ['PL']],
  ['ru', 17, ['RU', 'UA', 'KZ', 'BY', 'MD', 'CY']],
  ['ar', 17, ['EG', 'LB', 'SY', 'TN', 'MA', 'AE', 'SA', 'LY', 'JO', 'DZ']],
  ['zh', 11, ['CN', 'HK', 'SG', 'TW']],
  ['el', 5, ['GR', 'CY']],
];

// Legal forms per culture: [native script form or null, Latin forms…].
const LEGAL_FORMS = {
  en: [[null, 'Ltd', 'Limited', 'Ltd.'], [null, 'LLC', 'L.L.C.'], [null, 'Inc.', 'Incorporated', 'Inc'], [null, 'PLC', 'plc']],
  fr: [[null, 'SARL', 'S.A.R.L.'], [null, 'SA', 'S.A.'], [null, 'SAS', 'S.A.S.']],
  es: [[null, 'S.A.', 'SA', 'Sociedad Anónima'], [null, 'S.L.', 'SL'], [null, 'Ltda', 'Ltda.']],
  de: [[null, 'GmbH'], [null, 'AG'], [null, 'GmbH & Co. KG', 'GmbH & Co KG']],
  it: [[null, 'S.p.A.', 'SpA'], [null, 'S.r.l.', 'Srl', 'SRL']],
  ng: [[null, 'Limited', 'Ltd', 'Nig. Ltd'], [null, 'PLC', 'plc']],
  pl: [[null, 'Sp. z o.o.', 'sp. z o.o.'], [null, 'S.A.', 'SA']],
  ru: [['ООО', 'OOO', 'LLC', 'Ltd'], ['АО', 'AO', 'JSC'], ['ПАО', 'PAO', 'PJSC']],
  ar: [['ش.م.م', 'LLC', 'L.L.C.'], ['ش.م.ل', 'SAL', 'S.A.L.'], [null, 'FZE', 'FZCO']],
  zh: [['有限公司', 'Co., Ltd.', 'Company Limited', 'Co. Ltd'], ['股份有限公司', 'Co., Ltd.', 'Corporation']],
  el: [['Α.Ε.', 'A.E.', 'S.A.'], ['Ε.Π.Ε.', 'E.P.E.', 'Ltd']],
};
const SECTORS = words('Trading Holdings Mining Energy Logistics Petroleum Construction Shipping Investments Capital Resources Consulting Industries Group Partners Properties Commodities Finance Agro Marine Services Technologies Pharma Textiles Metals');
const RU_SECTORS = [['Торг', 'Torg'], ['Строй', 'Stroy'], ['Нефть', 'Neft'], ['Инвест', 'Invest'], ['Газ', 'Gaz'], ['Транс', 'Trans'], ['Холдинг', 'Holding'], ['Пром', 'Prom'], ['Снаб', 'Snab'], ['Металл', 'Metall']];
const AR_SECTORS = [['للتجارة', 'Trading'], ['للاستثمار', 'Investment'], ['للمقاولات', 'Contracting'], ['للنفط', 'Petroleum'], ['القابضة', 'Holding']];
const EL_SECTORS = [['Ναυτιλιακή', 'Naftiliaki', 'Shipping'], ['Εμπορική', 'Emporiki', 'Trading'], ['Τεχνική', 'Techniki', 'Construction'], ['Επενδυτική', 'Ependytiki', 'Investments']];
const BRAND_SYLLABLES = words('ka lo mi ren ta so vel dor an is un pra ke zu mo ri sel tan fo gra li ne ost pe qui ba che de el fa gu hin jo lum nar op res sti tor ul vin wa xe yor zal bre cla dri ax or ion tri');
const BANKS = {
  GB: 'Barclays Bank PLC', FR: 'BNP Paribas', DE: 'Deutsche Bank AG', CH: 'UBS Switzerland AG', ES: 'Banco Santander', PT: 'Millennium BCP', IT: 'UniCredit S.p.A.', PL: 'PKO Bank Polski',
  CY: 'Bank of Cyprus', GR: 'Piraeus Bank', AE: 'Emirates NBD', LB: 'Banque Libano-Française', RU: 'Sberbank', UA: 'PrivatBank', KZ: 'Halyk Bank', EG: 'Banque Misr', SA: 'Al Rajhi Bank',
  TN: 'Banque de Tunisie', MA: 'Attijariwafa Bank', BR: 'Banco do Brasil', NG: 'Zenith Bank', LU: 'Banque Internationale à Luxembourg', MT: 'Bank of Valletta', LI: 'LGT Bank', AT: 'Erste Bank', BE: 'KBC Bank',
  IE: 'AIB', JO: 'Arab Bank', MD: 'Moldindconbank', TR: 'Ziraat Bankası', SM: 'Banca di San Marino', BY: 'Belarusbank', SY: 'Commercial Bank of Syria', LY: 'Libyan Foreign Bank', DZ: 'BNA',
};
const IBAN_COUNTRIES = { GB: 22, FR: 27, DE: 22, CH: 21, ES: 24, PT: 25, IT: 27, PL: 28, CY: 28, GR: 27, AE: 23, LB: 28, RU: 33, UA: 29, KZ: 20, EG: 29, SA: 24, TN: 24, BR: 29, LU: 20, MT: 31, LI: 21, AT: 20, BE: 16, IE: 22, JO: 30, MD: 24, SM: 27, BY: 28, LY: 25 };
const OFFSHORE = ['CY', 'LU', 'MT', 'LI', 'CH', 'AE', 'GB', 'BE', 'AT', 'IE'];

// ------------------------------------------------------------------ helpers

const stripAccents = (text) => text.normalize('NFD').replace(/\p{M}/gu, '').normalize('NFC');
const capitalise = (w) => (w ? w[0].toUpperCase() + w.slice(1) : w);

function ibanFor(country, random) {
  const length = IBAN_COUNTRIES[country] ?? 22;
  let bban = '';
  for (let i = 0; i < length - 4; i++) bban += String(Math.floor(random() * 10));
  let remainder = 0;
  for (const char of `${bban}${country}00`) {
    const digits = char >= 'A' ? String(char.charCodeAt(0) - 55) : char;
    for (const d of digits) remainder = (remainder * 10 + Number(d)) % 97;
  }
  return `${country}${String(98 - remainder).padStart(2, '0')}${bban}`;
}

const digits = (random, n) => Array.from({ length: n }, (_, i) => String(i === 0 ? 1 + Math.floor(random() * 9) : Math.floor(random() * 10))).join('');
const REGISTRATION = {
  FR: (r) => digits(r, 9), GB: (r) => `0${digits(r, 7)}`, DE: (r) => `HRB ${digits(r, 5)}`, RU: (r) => digits(r, 13), UA: (r) => digits(r, 8), CY: (r) => `HE${digits(r, 6)}`,
  CH: (r) => `CHE-${digits(r, 3)}.${digits(r, 3)}.${digits(r, 3)}`, CN: (r) => `91${digits(r, 16)}`, HK: (r) => digits(r, 7), AE: (r) => digits(r, 6), GR: (r) => digits(r, 12),
  ES: (r) => `B${digits(r, 8)}`, BR: (r) => digits(r, 14), IT: (r) => digits(r, 11), NG: (r) => `RC ${digits(r, 6)}`, PL: (r) => digits(r, 10), LU: (r) => `B${digits(r, 6)}`,
};

/** One spelling mistake in a Latin word of four letters or more: a letter replaced, dropped, doubled or swapped. */
function typo(text, random) {
  const candidates = [...text.matchAll(/[A-Za-z]{4,}/g)];
  if (candidates.length === 0) return text;
  const match = candidates[Math.floor(random() * candidates.length)];
  const word = match[0];
  const at = 1 + Math.floor(random() * (word.length - 2));
  const kind = Math.floor(random() * 4);
  const letters = 'aeioulnrstmdk';
  let changed;
  if (kind === 0) changed = word.slice(0, at) + letters[Math.floor(random() * letters.length)] + word.slice(at + 1);
  else if (kind === 1) changed = word.slice(0, at) + word.slice(at + 1);
  else if (kind === 2) changed = word.slice(0, at) + word[at] + word.slice(at);
  else changed = word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2);
  return text.slice(0, match.index) + changed + text.slice(match.index + word.length);
}

const pickWeighted = (random, list) => {
  let x = random() * list.reduce((n, [, w]) => n + w, 0);
  for (const item of list) if ((x -= item[1]) < 0) return item;
  return list[list.length - 1];
};
const pick = (random, list) => list[Math.floor(random() * list.length)];
/** Zipf-like: the first items of a list (the common names) far more often than the last. */
const pickCommon = (random, list) => list[Math.floor(random() ** 2.2 * list.length)];

// ------------------------------------------------------------------ identities

/** A name part in every form a source may write it: `native` (own script) or null, Latin spellings. */
const part = (native, ...latin) => ({ native, latin });

function latinPart(random, culture, kind) {
  const data = LATIN[culture];
  if (kind === 'family') {
    if (random() < 0.35) {
      const name = pick(random, data.prefixes) + pick(random, data.suffixes);
      return part(null, name, stripAccents(name));
    }
    const name = pickCommon(random, data.family);
    return part(null, name, stripAccents(name));
  }
  const name = pickCommon(random, data[kind]);
  return part(null, name, stripAccents(name));
}

const cyrillicPart = (word) => part(word, cyrillicToLatin(word, 'en'), cyrillicToLatin(word, 'de'), cyrillicToLatin(word, 'fr'), cyrillicToLatin(word, 'iso'));

function personIdentity(random) {
  const [culture, , countries] = pickWeighted(random, CULTURES);
  const female = random() < 0.3;
  const country = pick(random, countries);
  let given;
  let middle = null;
  let family;
  if (culture === 'ru') {
    const first = pickCommon(random, female ? RU_FEMALE : RU_MALE);
    given = cyrillicPart(first);
    middle = cyrillicPart(patronymic(pickCommon(random, RU_MALE), female));
    const surname = cyrillicSurname(random);
    family = cyrillicPart(female ? feminineSurname(surname) : surname);
  } else if (culture === 'ar') {
    const first = pickCommon(random, female ? AR_FEMALE : AR_MALE);
    given = part(first[0], ...first.slice(1));
    const father = pickCommon(random, AR_MALE);
    middle = part(father[0], ...father.slice(1));
    const fam = random() < 0.5 ? pickCommon(random, AR_FAMILIES) : arabicRootFamily(random);
    family = part(fam[0], ...fam.slice(1));
  } else if (culture === 'zh') {
    const surname = pickCommon(random, ZH_SURNAMES);
    const chars = random() < 0.75 ? [pick(random, ZH_GIVEN), pick(random, ZH_GIVEN)] : [pick(random, ZH_GIVEN)];
    family = part(surname[0], surname[1], surname[2]);
    const pinyin = capitalise(chars.map((c) => c[1]).join(''));
    const wade = chars.map((c, i) => (i === 0 ? capitalise(c[2]) : c[2])).join('-');
    given = part(chars.map((c) => c[0]).join(''), pinyin, wade);
  } else if (culture === 'el') {
    const first = pickCommon(random, female ? EL_FEMALE : EL_MALE);
    given = part(first[0], ...first.slice(1));
    const [p, s, x] = [pick(random, EL_PREFIXES), pick(random, EL_STEMS), pick(random, EL_SUFFIXES)];
    let greek = p[0] + (p[0] ? s[0].toLowerCase() : s[0]) + x[0];
    let latin = p[1] + (p[1] ? s[1].toLowerCase() : s[1]) + x[1];
    // Women's surnames take the genitive: Papadopoulou, Chatzidakis → Chatzidaki.
    if (female) [greek, latin] = [greek.replace(/ος$/, 'ου').replace(/ίδης$/, 'ίδου').replace(/ης$/, 'η').replace(/ας$/, 'α'), latin.replace(/os$/, 'ou').replace(/idis$/, 'idou').replace(/is$/, 'i').replace(/as$/, 'a')];
    family = part(greek, latin, latin.replace(/ou/g, 'u').replace(/ch/gi, (m) => (m[0] === 'C' ? 'H' : 'h')));
  } else {
    given = latinPart(random, culture, female ? 'female' : 'male');
    if (random() < (culture === 'es' ? 0.5 : 0.25)) middle = culture === 'es' ? latinPart(random, culture, 'family') : latinPart(random, culture, female ? 'female' : 'male');
    family = latinPart(random, culture, 'family');
  }
  const year = 1940 + Math.floor(random() * 60);
  const month = 1 + Math.floor(random() * 12);
  const day = 1 + Math.floor(random() * 28);
  return {
    kind: 'person',
    culture,
    country,
    given,
    middle,
    family,
    female,
    birthDate: `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
    passport: random() < 0.15 ? `${country}${digits(random, 8)}` : null,
  };
}

function brand(random) {
  const n = 2 + Math.floor(random() * 2);
  let word = '';
  for (let i = 0; i < n; i++) word += pick(random, BRAND_SYLLABLES);
  return capitalise(word);
}

function companyIdentity(random, founders) {
  const [culture, , countries] = pickWeighted(random, CULTURES);
  // A fifth of companies are registered offshore, away from their founders' country.
  const jurisdiction = random() < 0.2 ? pick(random, OFFSHORE) : pick(random, countries);
  const forms = LEGAL_FORMS[culture];
  const form = pick(random, forms);
  let core;
  const founder = founders.length && random() < 0.25 ? pick(random, founders) : null;
  if (culture === 'ru') {
    const sector = pick(random, RU_SECTORS);
    const stem = founder?.culture === 'ru' ? founder.family.native.replace(/(ов|ев|ин|ёв|а)$/, '') : cyrillicSurname(random).replace(/(ов|ев|ин|ёв|енко|ский|цкий|ук|ич)$/, '');
    const native = `${stem}${sector[0].toLowerCase()}`;
    core = part(native, cyrillicToLatin(native, 'en'), cyrillicToLatin(native, 'de'));
  } else if (culture === 'zh') {
    const place = pick(random, ZH_PLACES);
    const chars = [pick(random, ZH_GIVEN), pick(random, ZH_GIVEN)];
    const sector = pick(random, ZH_SECTORS);
    const pinyin = capitalise(chars.map((c) => c[1]).join(''));
    core = part(`${place[0]}${chars.map((c) => c[0]).join('')}${sector[0]}`, `${place[1]} ${pinyin} ${sector[1]}`, `${pinyin} ${sector[1]}`);
  } else if (culture === 'ar') {
    const sector = pick(random, AR_SECTORS);
    const fam = founder?.culture === 'ar' ? [founder.family.native, ...founder.family.latin] : pickCommon(random, AR_FAMILIES);
    core = part(`شركة ${fam[0]} ${sector[0]}`, `${fam[1]} ${sector[1]} Company`, `${fam[fam.length - 1]} ${sector[1]}`);
  } else if (culture === 'el') {
    const sector = pick(random, EL_SECTORS);
    const stem = pick(random, EL_STEMS);
    core = part(`${sector[0]} ${stem[0]}ική`, `${sector[1]} ${stem[1]}iki`, `${stem[1]}iki ${sector[2]}`);
  } else {
    const name = founder && founder.culture === culture ? founder.family.latin[0] : brand(random);
    const sector = pick(random, SECTORS);
    const joined = random() < 0.5 ? `${name} ${sector}` : random() < 0.5 ? `${name} & ${brand(random)}` : name;
    core = part(null, joined, joined.replace(' & ', ' and '));
  }
  const registration = REGISTRATION[jurisdiction] && random() < 0.7 ? REGISTRATION[jurisdiction](random) : null;
  return { kind: 'company', culture, country: jurisdiction, core, form, registration };
}

// ------------------------------------------------------------------ rendering

/**
 * A name as one source writes it. `variation` (0…1) is the chance of each kind of variation:
 * another script or transliteration, another word order, initials, a dropped or added middle
 * name, a typo, accents lost. 0 gives the identity's usual written form.
 */
export function renderPerson(identity, random, variation = 0) {
  const vary = () => random() < variation;
  const hasNative = identity.given.native !== null;
  const nativeScript = hasNative && (variation === 0 ? random() < 0.45 : vary() ? random() < 0.5 : random() < 0.45);
  const spelling = (p) => {
    if (nativeScript && p.native) return p.native;
    if (variation === 0 || !vary()) return p.latin[0];
    return pick(random, p.latin);
  };
  const { culture } = identity;
  let given = spelling(identity.given);
  let family = spelling(identity.family);
  let middle = identity.middle ? spelling(identity.middle) : null;
  // Russian sources write the patronymic; Latin ones mostly drop it. Arabic names keep the
  // father's name in about half the sources.
  const keepMiddle = culture === 'ru' ? (nativeScript ? random() < 0.8 : random() < 0.25) : culture === 'ar' ? random() < 0.5 : random() < 0.7;
  if (!keepMiddle || (variation && vary() && random() < 0.5)) middle = null;
  if (!nativeScript && variation && vary() && random() < 0.4) {
    // Initials for the given name (and middle).
    given = `${[...given][0]}.`;
    if (middle) middle = `${[...middle][0]}.`;
  }
  let text;
  if (culture === 'zh') {
    if (nativeScript) text = `${family}${given}`;
    else text = random() < (variation ? 0.5 : 0.3) ? `${given} ${family}` : `${family} ${given}`;
  } else if (culture === 'ru' && nativeScript) {
    text = random() < 0.5 ? `${family} ${given}${middle ? ` ${middle}` : ''}` : `${given}${middle ? ` ${middle}` : ''} ${family}`;
  } else {
    text = `${given}${middle ? ` ${middle}` : ''} ${family}`;
    if (variation && vary() && random() < 0.5) text = random() < 0.5 ? `${family.toUpperCase()}, ${given}${middle ? ` ${middle}` : ''}` : `${family} ${given}`;
  }
  if (!nativeScript && variation && vary() && random() < 0.5) text = typo(text, random);
  if (!nativeScript && variation && vary()) text = stripAccents(text);
  return text;
}

export function renderCompany(identity, random, variation = 0) {
  const vary = () => random() < variation;
  const nativeScript = identity.core.native !== null && (variation ? random() < 0.5 : random() < 0.4);
  let core = nativeScript ? identity.core.native : variation && vary() ? pick(random, identity.core.latin) : identity.core.latin[0];
  const formNative = identity.form[0];
  const formLatin = identity.form.slice(1);
  let form = nativeScript && formNative ? formNative : variation && vary() ? pick(random, formLatin) : formLatin[0];
  if (variation && vary() && random() < 0.3) form = '';
  if (!nativeScript && variation && vary() && random() < 0.5) core = typo(core, random);
  if (!nativeScript && variation && vary() && random() < 0.3) core = core.toUpperCase();
  if (identity.culture === 'ru' && nativeScript) return `${form} «${core}»`;
  if (identity.culture === 'ru' && form && ['OOO', 'AO', 'PAO'].includes(form)) return `${form} "${core}"`;
  if (identity.culture === 'zh' && nativeScript) return `${core}${form}`;
  if (identity.culture === 'el' && nativeScript) return `${core.toUpperCase()} ${form}`;
  return form ? `${core}${form.startsWith(',') ? '' : ' '}${form}` : core;
}

// ------------------------------------------------------------------ entities

/** The FtM id of the n-th entity generated with `seed` (40 hex characters, like FtM's SHA-1 ids). */
export const ftmId = (seed, n) => crypto.createHash('sha1').update(`${seed}:${n}`).digest('hex');

/**
 * A stream of entities in groups: a party (a person, or a company), sometimes a bank account
 * with the Ownership that ties it to its holder, sometimes a person's share in a company of the
 * same group. With `relations: false`: parties and accounts only (what the matcher indexes).
 * `take(n)` gives the entities of one case.
 */
export function createGenerator({ seed = 42, relations = true, reuse = 0.08 } = {}) {
  const random = createRandom(seed);
  let counter = 0;
  const nextId = () => ftmId(seed, counter++);
  // Identities recorded once may be recorded again later (in another case): a bounded pool.
  const pool = [];
  const accounts = [];
  // Every party and account gets a number: entities with the same number are the same party
  // (or account) recorded twice, the true matches.
  let uids = 0;
  const POOL = 50_000;
  let companies = [];
  let founders = [];
  const remember = (list, item) => {
    if (list.length < POOL) list.push(item);
    else list[Math.floor(random() * POOL)] = item;
  };

  const personEntity = (identity, variation) => {
    const name = renderPerson(identity, random, variation);
    const properties = { name: [name] };
    // Sources in a national script often give the Latin form too.
    if (identity.given.native && random() < 0.25) properties.name.push(renderPerson(identity, random, 0.3));
    const dateRoll = random();
    if (dateRoll < 0.6) properties.birthDate = [identity.birthDate];
    else if (dateRoll < 0.75) properties.birthDate = [identity.birthDate.slice(0, 4)];
    if (random() < 0.8) properties.nationality = [identity.country.toLowerCase()];
    if (identity.passport && random() < 0.7) properties.passportNumber = [identity.passport];
    if (random() < 0.5) properties.gender = [identity.female ? 'female' : 'male'];
    return { id: nextId(), schema: 'Person', properties };
  };
  const companyEntity = (identity, variation) => {
    const properties = { name: [renderCompany(identity, random, variation)] };
    if (identity.core.native && random() < 0.3) properties.name.push(renderCompany(identity, random, 0.3));
    properties.jurisdiction = [identity.country.toLowerCase()];
    if (identity.registration && random() < 0.85) properties.registrationNumber = [identity.registration];
    if (random() < 0.4) properties.incorporationDate = [`${1990 + Math.floor(random() * 35)}-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`];
    return { id: nextId(), schema: 'Company', properties };
  };
  const accountEntity = (holder) => {
    let account;
    if (accounts.length && random() < reuse) account = pick(random, accounts);
    else {
      const country = random() < 0.6 && IBAN_COUNTRIES[holder.country] ? holder.country : pick(random, Object.keys(IBAN_COUNTRIES));
      account = { kind: 'account', uid: uids++, country, iban: ibanFor(country, random), bank: BANKS[country] ?? `${brand(random)} Bank` };
      remember(accounts, account);
    }
    // Sources write an IBAN in groups of four, or compact.
    const iban = random() < 0.5 ? account.iban.replace(/(.{4})(?=.)/g, '$1 ') : account.iban;
    const properties = { iban: [iban], bankName: [account.bank] };
    if (random() < 0.3) properties.accountNumber = [account.iban.slice(-10)];
    return { entity: { id: nextId(), schema: 'BankAccount', properties }, account };
  };

  /** The next group of entities, each with the party or account it records (`identity`: its `uid`, `kind`). */
  const group = () => {
    const out = [];
    const isPerson = random() < (relations ? 0.62 : 0.647);
    let identity;
    let variation = 0;
    if (pool.length && random() < reuse) {
      // A party seen before, recorded again with variations.
      identity = pick(random, pool);
      if ((identity.kind === 'person') !== isPerson) identity = isPerson ? personIdentity(random) : companyIdentity(random, founders);
      else variation = 0.5;
    } else identity = isPerson ? personIdentity(random) : companyIdentity(random, founders);
    if (variation === 0) {
      identity.uid = uids++;
      remember(pool, identity);
    }
    const party = identity.kind === 'person' ? personEntity(identity, variation) : companyEntity(identity, variation);
    out.push({ entity: party, identity });
    if (identity.kind === 'person') remember(founders, identity);
    if (!relations) {
      if (random() < 0.24) {
        const { entity, account } = accountEntity(identity);
        out.push({ entity, identity: account });
      }
      return out;
    }
    if (random() < 0.35) {
      const { entity: account, account: identityOfAccount } = accountEntity(identity);
      out.push({ entity: account, identity: identityOfAccount });
      out.push({ entity: { id: nextId(), schema: 'Ownership', properties: { owner: [party.id], asset: [account.id], ...(random() < 0.3 ? { startDate: [`${2000 + Math.floor(random() * 25)}`] } : {}) } }, identity: null });
    }
    if (identity.kind === 'company') companies.push(party.id);
    else if (companies.length && random() < 0.1) {
      const percentage = String(1 + Math.floor(random() * 100));
      out.push({ entity: { id: nextId(), schema: 'Ownership', properties: { owner: [party.id], asset: [pick(random, companies)], percentage: [percentage] } }, identity: null });
    }
    if (companies.length > 50) companies = companies.slice(-50);
    if (founders.length > 1000) founders = founders.slice(-1000);
    return out;
  };
  return {
    random,
    group,
    /** `n` entities for one case: whole groups, relations only between entities of the case. */
    take(n) {
      companies = [];
      const out = [];
      while (out.length < n) {
        const items = group().map((item) => item.entity);
        const room = n - out.length;
        out.push(...(items.length <= room ? items : items.filter((e) => e.schema !== 'Ownership').slice(0, room)));
      }
      return out;
    },
  };
}

/** Yields exactly `count` entities ({ entity, identity }) from the generator. */
export function* generateEntities({ count, seed = 42, relations = true, reuse = 0.08 }) {
  const generator = createGenerator({ seed, relations, reuse });
  let emitted = 0;
  while (emitted < count) {
    const items = generator.group();
    // The last group may be cut short: then without its relations, whose ends could be missing.
    const room = count - emitted;
    for (const item of items.length <= room ? items : items.filter((i) => i.entity.schema !== 'Ownership').slice(0, room)) {
      emitted++;
      yield item;
    }
  }
}

/** The FtM JSON line of an entity, keys in a stable order (as toFtmLine writes them). */
export function ftmLine(entity) {
  const properties = {};
  for (const name of Object.keys(entity.properties).sort()) properties[name] = entity.properties[name];
  return JSON.stringify({ id: entity.id, schema: entity.schema, properties });
}

/**
 * Writes `lines` entities as FtM JSON lines to `path`, streaming (bounded memory). A small
 * share of Ownership lines come before the entities they link, as in files exported edge first.
 * Returns the byte count and the count of each schema.
 */
export async function writeFtmFile(path, { lines, seed = 42 }) {
  const out = createWriteStream(path);
  const counts = {};
  let bytes = 0;
  let chunk = [];
  const write = async (text) => {
    chunk.push(text);
    if (chunk.length >= 2000) {
      const data = chunk.join('');
      chunk = [];
      bytes += Buffer.byteLength(data);
      if (!out.write(data)) await once(out, 'drain');
    }
  };
  // Each line is written one entity late, so that an Ownership can jump ahead of its asset.
  let previous = null;
  let index = 0;
  for (const { entity } of generateEntities({ count: lines, seed })) {
    counts[entity.schema] = (counts[entity.schema] ?? 0) + 1;
    const line = `${ftmLine(entity)}\n`;
    if (entity.schema === 'Ownership' && previous !== null && index++ % 100 === 7) {
      await write(line);
      continue;
    }
    if (previous !== null) await write(previous);
    previous = line;
  }
  if (previous !== null) await write(previous);
  const data = chunk.join('');
  bytes += Buffer.byteLength(data);
  out.end(data);
  await once(out, 'finish');
  return { bytes, counts };
}
