import anyAscii from 'any-ascii';
import { ARABIC_ARTICLE } from './lexicon/particles.js';
import { wordOrigin, type Origin } from './scripts.js';

// Transliteration to lowercase ASCII. any-ascii covers every script; the tables here correct it
// where a name would otherwise be spelled unlike any Latin source: Cyrillic is given the
// English-style national conventions (Ukrainian "г" is "h", "ё" is "yo"), Greek "ου" is "ou",
// the Arabic article is detached, Thai silent letters are dropped, small kana are combined.

const RUSSIAN: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'yo', ж: 'zh', з: 'z', и: 'i', й: 'y', к: 'k', л: 'l', м: 'm', н: 'n',
  о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch', ъ: '', ы: 'y',
  ь: '', э: 'e', ю: 'yu', я: 'ya',
};
const UKRAINIAN: Record<string, string> = { ...RUSSIAN, г: 'h', ґ: 'g', е: 'e', є: 'ye', и: 'y', і: 'i', ї: 'yi', "'": '', '’': '', ʼ: '' };
const CYRILLIC_VOWELS = new Set([...'аеёиоуыэюяіїє']);

/** Ukrainian-only letters: a name containing them follows the Ukrainian convention throughout. */
export function isUkrainian(text: string): boolean {
  return /[іїєґІЇЄҐ]/u.test(text);
}

function transliterateCyrillic(word: string, ukrainian: boolean): string {
  const table = ukrainian ? UKRAINIAN : RUSSIAN;
  let out = '';
  let previous = '';
  for (const upper of word) {
    const char = upper.toLowerCase();
    let latin = table[char];
    if (latin === undefined) latin = anyAscii(char).toLowerCase();
    // Russian "е" after a vowel or a sign is pronounced and commonly spelled "ye" (Aliyeva).
    else if (!ukrainian && char === 'е' && (CYRILLIC_VOWELS.has(previous) || previous === 'ь' || previous === 'ъ')) latin = 'ye';
    out += latin;
    previous = char;
  }
  return out;
}

const GREEK_DIGRAPHS: readonly [RegExp, string][] = [
  [/ου/gu, 'ou'], [/ού/gu, 'ou'],
  // "αυ" and "ευ" are "af" and "ef" before a voiceless consonant or at the end, else "av" and "ev".
  [/([αε])[υύ](?=[θκξπστφχψς]|$)/gu, '$1f'], [/α[υύ]/gu, 'av'], [/ε[υύ]/gu, 'ev'],
  [/^μπ/gu, 'b'], [/μπ/gu, 'mb'], [/^ντ/gu, 'd'], [/ντ/gu, 'nt'], [/^γκ/gu, 'g'], [/γκ/gu, 'ng'], [/γγ/gu, 'ng'],
];

function transliterateGreek(word: string): string {
  let text = word.toLowerCase();
  for (const [pattern, latin] of GREEK_DIGRAPHS) text = text.replace(pattern, latin);
  return anyAscii(text).toLowerCase();
}

/** The article glued to an Arabic noun, which Latin sources write "al-", "el-" or not at all. */
export function splitArabicArticle(word: string): [article: string, noun: string] {
  return word.startsWith(ARABIC_ARTICLE) && [...word].length > 3 ? [ARABIC_ARTICLE, word.slice(ARABIC_ARTICLE.length)] : ['', word];
}

function transliterateArabic(word: string): string {
  return anyAscii(word).toLowerCase();
}

const THAI_SILENCER = '\u0E4C';

const THAI_LEADING_VOWELS = new Set([...'เแโใไ']);

function transliterateThai(word: string): string {
  // The thanthakhat marks the letter before it as silent.
  const chars = [...word];
  const spoken = chars.filter((char, index) => char !== THAI_SILENCER && chars[index + 1] !== THAI_SILENCER);
  // Some vowels are written before the consonant they follow in speech: "ใจ" is "chai".
  for (let index = 0; index + 1 < spoken.length; index++) {
    if (THAI_LEADING_VOWELS.has(spoken[index] ?? '')) {
      [spoken[index], spoken[index + 1]] = [spoken[index + 1] ?? '', spoken[index] ?? ''];
      index++;
    }
  }
  return anyAscii(spoken.join('')).toLowerCase();
}

const SMALL_Y_KANA = new Set([...'ゃゅょャュョ']);
const SMALL_VOWEL_KANA = new Set([...'ぁぃぅぇぉァィゥェォ']);
const SOKUON = new Set(['っ', 'ッ']);
const LONG_MARK = 'ー';

/** Romanises kana one character at a time so that contracted sounds (ジョ "jo") come out whole. */
export function romanizeKana(text: string): string {
  let out = '';
  let doubleNext = false;
  for (const char of text) {
    if (SOKUON.has(char)) {
      doubleNext = true;
      continue;
    }
    if (char === LONG_MARK) continue;
    let latin = anyAscii(char).toLowerCase();
    if (SMALL_Y_KANA.has(char) && out.endsWith('i')) {
      out = out.slice(0, -1);
      if (/(j|sh|ch)$/.test(out)) latin = latin.slice(1);
    } else if (SMALL_VOWEL_KANA.has(char) && /[aeiou]$/.test(out)) {
      out = out.slice(0, -1);
    }
    if (doubleNext && /^[bcdfghjkmnpqrstvwz]/.test(latin)) latin = latin[0] + latin;
    doubleNext = false;
    out += latin;
  }
  return out;
}

const LATIN_PREMAP: Record<string, string> = {
  š: 'sh', ș: 'sh', ş: 'sh', Š: 'sh', Ș: 'sh', Ş: 'sh', č: 'ch', ć: 'ch', Č: 'ch', Ć: 'ch', ž: 'zh', Ž: 'zh', ț: 'ts', ţ: 'ts', Ț: 'ts', Ţ: 'ts',
  ğ: 'g', Ğ: 'g', ı: 'i',
};

/** Latin text folded to lowercase ASCII; the letters commonly spelled as digraphs become digraphs. */
export function foldLatin(text: string): string {
  let premapped = '';
  for (const char of text) premapped += LATIN_PREMAP[char] ?? char;
  return anyAscii(premapped).toLowerCase();
}

/** One syllable per character, in lowercase ASCII, for Han and Hangul text. */
export function syllables(text: string): string[] {
  const out: string[] = [];
  for (const char of text) {
    const latin = anyAscii(char).toLowerCase().replace(/[^a-z0-9]/g, '');
    if (latin) out.push(latin);
  }
  return out;
}

export interface TransliteratedWord {
  latin: string;
  origin: Origin;
}

/** A whitespace-free word in any script, in lowercase ASCII, keeping hyphens, dots and apostrophes. */
export function transliterateWord(word: string, ukrainian = false): TransliteratedWord {
  const origin = wordOrigin(word);
  switch (origin) {
    case 'cyrillic':
      return { origin, latin: transliterateCyrillic(word, ukrainian) };
    case 'greek':
      return { origin, latin: transliterateGreek(word) };
    case 'arabic':
      return { origin, latin: transliterateArabic(word) };
    case 'thai':
      return { origin, latin: transliterateThai(word) };
    case 'kana':
      return { origin, latin: romanizeKana(word) };
    case 'latin':
      return { origin, latin: foldLatin(word) };
    default:
      return { origin, latin: anyAscii(word).toLowerCase() };
  }
}
