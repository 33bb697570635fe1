import type { AcronymWord } from './company-name.js';

// Companies are often known by an abbreviation built from the start of their words: initials
// ("CNPC", "SNEPCo", the "Co" from "Company") or syllables ("Petrobras", "SocGen"). An
// abbreviation matches when it can be cut into non-empty prefixes of consecutive words, each
// word used in order; stopwords, legal forms and weak words may be skipped, and a trailing
// "of ..." phrase may be left out ("SPDC" for "Shell Petroleum Development Company of Nigeria").

const MIN_ABBREVIATION = 2;
const MIN_WORDS_USED = 2;
const TRAILING_PHRASE_STARTS = new Set(['of', 'de', 'do', 'da', 'del', 'des', 'du', 'for', 'in']);

export function isAbbreviationOf(abbreviation: string, words: readonly AcronymWord[]): boolean {
  const letters = abbreviation.replace(/[^a-z0-9]/g, '');
  if (letters.length < MIN_ABBREVIATION || words.length < 2) return false;
  if (!words.some((word) => !word.skippable) || letters === words.map((word) => word.text).join('')) return false;
  return search(letters, 0, words, 0, 0);
}

function search(letters: string, position: number, words: readonly AcronymWord[], wordIndex: number, used: number): boolean {
  if (position === letters.length) return used >= MIN_WORDS_USED && restMayBeLeftOut(words, wordIndex);
  const word = words[wordIndex];
  if (!word) return false;
  if (word.skippable && search(letters, position, words, wordIndex + 1, used)) return true;
  for (let length = Math.min(word.text.length, letters.length - position); length >= 1; length--) {
    if (letters.startsWith(word.text.slice(0, length), position) && search(letters, position + length, words, wordIndex + 1, used + 1)) return true;
  }
  return false;
}

function restMayBeLeftOut(words: readonly AcronymWord[], from: number): boolean {
  const rest = words.slice(from);
  return rest.every((word) => word.skippable) || TRAILING_PHRASE_STARTS.has(rest[0]?.text ?? '');
}
