// Which writing system a piece of text comes from decides how it is transliterated and how
// its tokens are compared: abjads (Arabic, Hebrew) omit short vowels, Han and Hangul write
// one syllable per character, Indic and Thai scripts carry implicit vowels.

export type Origin =
  | 'latin'
  | 'cyrillic'
  | 'greek'
  | 'arabic'
  | 'hebrew'
  | 'han'
  | 'kana'
  | 'hangul'
  | 'indic'
  | 'thai'
  | 'other'
  | 'translated';

const SCRIPT_TESTS: readonly [Origin, RegExp][] = [
  ['latin', /\p{Script=Latin}/u],
  ['cyrillic', /\p{Script=Cyrillic}/u],
  ['greek', /\p{Script=Greek}/u],
  ['arabic', /\p{Script=Arabic}/u],
  ['hebrew', /\p{Script=Hebrew}/u],
  ['han', /\p{Script=Han}/u],
  ['kana', /[\p{Script=Hiragana}\p{Script=Katakana}]/u],
  ['hangul', /\p{Script=Hangul}/u],
  ['indic', /[\p{Script=Devanagari}\p{Script=Bengali}\p{Script=Gurmukhi}\p{Script=Gujarati}\p{Script=Oriya}\p{Script=Tamil}\p{Script=Telugu}\p{Script=Kannada}\p{Script=Malayalam}\p{Script=Sinhala}]/u],
  ['thai', /[\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u],
];

/** The script of one character, or undefined for digits, punctuation and spaces. */
export function charOrigin(char: string): Origin | undefined {
  const code = char.charCodeAt(0);
  if (code < 0x80) return (code >= 65 && code <= 90) || (code >= 97 && code <= 122) ? 'latin' : undefined;
  if (!/\p{L}/u.test(char)) return undefined;
  for (const [origin, test] of SCRIPT_TESTS) if (test.test(char)) return origin;
  return 'other';
}

/** The script most letters of a word are written in. */
export function wordOrigin(word: string): Origin {
  if (/^\p{ASCII}*$/u.test(word)) return 'latin';
  const counts = new Map<Origin, number>();
  for (const char of word) {
    const origin = charOrigin(char);
    if (origin) counts.set(origin, (counts.get(origin) ?? 0) + 1);
  }
  // Japanese names mix kanji and kana: any kana makes the word Japanese.
  if (counts.has('kana')) return 'kana';
  let best: Origin = 'latin';
  let bestCount = 0;
  for (const [origin, count] of counts) if (count > bestCount) [best, bestCount] = [origin, count];
  return best;
}

/** Scripts written one syllable per character, where word boundaries are not written. */
export const SYLLABIC_ORIGINS: ReadonlySet<Origin> = new Set(['han', 'kana', 'hangul']);

/** Scripts whose romanisation loses or invents vowels, so consonants carry the comparison. */
export const VOWEL_LOSSY_ORIGINS: ReadonlySet<Origin> = new Set(['arabic', 'hebrew', 'indic', 'thai']);
