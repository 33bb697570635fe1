// Titles, honorifics and generational suffixes, folded to lowercase ASCII without dots.
// They say nothing about who a person is, so they are dropped before comparison.

/** Titles that are never a given name or surname: always dropped when a name remains. */
export const TITLES = new Set([
  'mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'prof', 'professor', 'he', 'hon', 'honourable', 'honorable',
  'rt', 'right', 'excellency', 'his', 'her',
  'gen', 'general', 'lt', 'lieutenant', 'col', 'colonel', 'maj', 'major', 'capt', 'captain', 'cpt',
  'sgt', 'sergeant', 'cmdr', 'commander', 'adm', 'admiral', 'brig', 'brigadier', 'marshal', 'field',
  'sen', 'senator', 'gov', 'governor', 'rep', 'pres', 'president', 'minister', 'amb', 'ambassador',
  'rev', 'reverend', 'fr', 'pastor', 'bishop', 'archbishop', 'imam', 'mullah', 'ayatollah', 'rabbi',
  'alhaji', 'alhaja', 'alh', 'hajji', 'haji', 'hajj', 'hadji', 'sheikh', 'shaikh', 'sheik', 'shaykh', 'cheikh',
  'sayyid', 'sayed', 'syed', 'chief', 'oba', 'otunba', 'igwe', 'eze',
  'datuk', 'dato', 'datin', 'tan', 'sri', 'tun', 'pehin', 'tengku', 'tunku', 'raja', 'pengiran',
  'herr', 'frau', 'sr', 'sra', 'srta', 'senor', 'senora', 'dona', 'mme', 'mlle', 'monsieur', 'madame',
  'signor', 'signora', 'dott', 'ing', 'avv', 'mgr', 'ir', 'drs', 'engr', 'eng', 'barrister', 'esq',
  'gospodin', 'gospozha', 'pan', 'pani', 'bay', 'bayan', 'hanim', 'bey', 'effendi', 'pasha',
  'shri', 'shrimati', 'smt', 'kumari', 'thiru', 'tmt',
]);

/** Titles that are also common given names or surnames: dropped only when two name parts remain. */
export const AMBIGUOUS_TITLES = new Set(['don', 'sir', 'dame', 'lord', 'lady', 'prince', 'princess', 'king', 'queen', 'emir', 'amir', 'sultan', 'mian', 'mirza', 'sardar', 'chaudhry', 'khawaja', 'begum', 'madam']);

/** Generational and professional suffixes after the name. */
export const SUFFIXES = new Set(['jr', 'jnr', 'junior', 'snr', 'senior', 'ii', 'iii', 'iv', 'phd', 'mba', 'obe', 'mbe', 'cbe', 'kbe', 'qc', 'kc', 'san', 'sama', 'kun', 'chan', 'ssi', 'nim']);

/** Honorifics written in other scripts, matched on the original word before transliteration. */
export const NATIVE_TITLES = new Set([
  'господин', 'госпожа', 'г-н', 'г-жа', 'пан', 'пані', 'шейх', 'генерал',
  'شيخ', 'الشيخ', 'السيد', 'سيد', 'الحاج', 'حاج', 'الدكتور', 'د', 'دكتور', 'المشير', 'الفريق', 'اللواء', 'العقيد', 'الأمير', 'جناب', 'محترم', 'محترمہ',
  'מר', 'גברת', 'ד"ר', 'הרב',
  'κ', 'κος', 'κα', 'κύριος', 'κυρία', 'δρ',
  '先生', '女士', '小姐', '博士', '同志', '씨', '님', '선생', '박사', 'さん', '様', '氏', 'श्री', 'श्रीमती', 'डॉ',
]);
