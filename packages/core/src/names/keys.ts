import { doubleMetaphone } from 'double-metaphone';

// Comparison keys computed once per token. Each key forgets one kind of variation that
// transliteration introduces, so that two spellings of one name become equal:
// - the loose key forgets spelling conventions (kh/h, w/v, y/i, doubled letters, ou/u);
// - the consonant skeleton forgets vowels, for scripts that do not write them (Arabic, Hebrew);
// - the Korean key forgets the differences between Korean romanisation systems;
// - the Chinese key forgets the differences between Wade-Giles and pinyin.

const LOOSE_RULES: readonly [RegExp, string][] = [
  [/[^a-z0-9]/g, ''],
  [/tsch/g, 'ch'],
  [/sch/g, 'sh'],
  [/dzh|dj/g, 'j'],
  [/zh/g, 'j'],
  [/kh/g, 'h'],
  [/gh/g, 'g'],
  [/ph/g, 'f'],
  [/th/g, 't'],
  [/dh/g, 'd'],
  [/ck/g, 'k'],
  [/q/g, 'k'],
  [/x/g, 'ks'],
  [/w/g, 'v'],
  [/c(?=[eiy])/g, 's'],
  [/c(?!h)/g, 'k'],
  [/z/g, 's'],
  [/(?<=[aeiouy])j/g, 'i'],
  [/y/g, 'i'],
  [/ou|oo/g, 'u'],
  [/ee/g, 'i'],
  [/(.)\1+/g, '$1'],
  [/(?<=[aeiou])h$/g, ''],
];

/** Lowercase ASCII token with transliteration conventions folded away. */
export function looseKey(latin: string): string {
  let key = latin;
  for (const [pattern, replacement] of LOOSE_RULES) key = key.replace(pattern, replacement);
  return key;
}

/** Consonant classes in order, vowels and glides (w, y) dropped: "Makhlouf" and "mkhlwf" both give "MKLF". */
export function consonantSkeleton(latin: string): string {
  return latin
    .replace(/[^a-z]/g, '')
    .replace(/tsch|sch|sh|ch/g, 'S')
    .replace(/dzh|dj|zh|j/g, 'J')
    .replace(/kh|gh|ck|q|k|g|c(?![eiy])/g, 'K')
    .replace(/th|dh|dz|tz|d|t|z/g, 'T')
    .replace(/ph|f|v/g, 'F')
    .replace(/c|s/g, 'S')
    .replace(/x/g, 'KS')
    .replace(/b|p/g, 'B')
    .replace(/h$/, '')
    .replace(/[hlmnr]/g, (letter) => letter.toUpperCase())
    .replace(/[a-z]/g, '')
    .replace(/(.)\1+/g, '$1');
}

const KOREAN_RULES: readonly [RegExp, string][] = [
  [/[^a-z]/g, ''],
  [/tch|ch|jj|j/g, 'J'],
  [/kk|k|g/g, 'G'],
  [/tt|t|d/g, 'D'],
  [/pp|p|b/g, 'B'],
  [/ss|sh|s/g, 'S'],
  [/r|l/g, 'L'],
  [/eui|ui|ee|i/g, 'I'],
  [/eo|eu|oo|o|u/g, 'O'],
  [/ae|e|oe/g, 'E'],
  [/[wy]/g, ''],
  [/(.)\1+/g, '$1'],
];

/** A key on which the Revised, McCune-Reischauer and informal Korean romanisations agree. */
export function koreanKey(latin: string): string {
  let key = latin;
  for (const [pattern, replacement] of KOREAN_RULES) key = key.replace(pattern, replacement);
  return key.toLowerCase();
}

const CHINESE_RULES: readonly [RegExp, string][] = [
  [/[^a-z]/g, ''],
  [/hs/g, 'x'],
  [/ts|tz/g, 'z'],
  [/ih(?=$|[^aeiou])/g, 'i'],
  [/ung/g, 'ong'],
  [/ieh/g, 'ie'],
  [/ien/g, 'ian'],
  [/zh|ch|j|q/g, 'J'],
  [/k|g/g, 'G'],
  [/t|d/g, 'D'],
  [/p|b/g, 'B'],
  [/z|c/g, 'Z'],
];

/** A key on which Wade-Giles ("Chang-hsing", "Chih-chung") and pinyin ("Changxing", "Zhizhong") agree. */
export function chineseKey(latin: string): string {
  let key = latin;
  for (const [pattern, replacement] of CHINESE_RULES) key = key.replace(pattern, replacement);
  return key.toLowerCase();
}

/** Double Metaphone codes, without empty or duplicate codes. */
export function phoneticCodes(latin: string): string[] {
  const letters = latin.replace(/[^a-z]/g, '');
  if (letters.length < 2) return [];
  const [primary, secondary] = doubleMetaphone(letters);
  return [...new Set([primary, secondary].filter((code) => code.length > 0))];
}
