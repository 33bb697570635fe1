import { NATIVE_TITLES } from './lexicon/honorifics.js';
import { SYLLABIC_ORIGINS, wordOrigin, type Origin } from './scripts.js';
import { isUkrainian, splitArabicArticle, syllables, transliterateWord } from './transliterate.js';

/** A word of a name after transliteration, split at hyphens into parts. */
export interface Piece {
  /** As written in the source. */
  display: string;
  latin: string;
  origin: Origin;
  /** Pieces of one hyphenated word share a group number. */
  group: number;
  /** Letters written with dots ("D.S.P.", "S.A."): initials in a person's name, an abbreviation in a company's. */
  dotted: boolean;
  /** Written in capitals in the source ("JG", "ABLYAZOV"). */
  upper: boolean;
  /** A title written in its own script ("господин", "السيد"). */
  nativeTitle: boolean;
  /** Syllables of a Han, Hangul or kana word, one per character. */
  syllables?: string[];
  /** Parts of a word written in camel case ("RosUkrEnergo"), for abbreviations. */
  camelParts: string[];
}

const WORD_SEPARATORS = /[\s,;:!?"“”„«»‹›()[\]{}<>|+*=_~^·・‧•／/\\&]+/u;
const DASHES = /[-‐‑‒–—―]/u;

// A word gives the same pieces wherever it appears, and names share most of their words (given
// names, common surnames): each word is transliterated once. Bounded like the token cache.
type WordPiece = Omit<Piece, 'group'>;
const WORD_CACHE_LIMIT = 100_000;
/** A word's pieces; null for a "word" with no letter or digit, which is not counted as a word. */
const wordCache = new Map<string, readonly WordPiece[] | null>();

/** Splits a name into pieces, transliterating each word into lowercase ASCII. */
export function splitPieces(name: string, camelCase = false): Piece[] {
  const text = name
    .normalize('NFKC')
    // Slash abbreviations ("S/A", "A/S") are one legal-form word.
    .replace(/\b(\p{L})\/(\p{L})\b/gu, '$1$2');
  const ukrainian = isUkrainian(text);
  const pieces: Piece[] = [];
  let group = 0;
  for (const word of text.split(WORD_SEPARATORS)) {
    if (!word) continue;
    const cacheKey = `${ukrainian ? 'u' : '-'}${camelCase ? 'c' : '-'}${word}`;
    let wordPieces = wordCache.get(cacheKey);
    if (wordPieces === undefined) {
      if (wordCache.size >= WORD_CACHE_LIMIT) wordCache.clear();
      wordPieces = /[\p{L}\p{N}]/u.test(word) ? splitWord(word, ukrainian, camelCase) : null;
      wordCache.set(cacheKey, wordPieces);
    }
    if (wordPieces === null) continue;
    group++;
    for (const piece of wordPieces) pieces.push({ ...piece, group });
  }
  return pieces;
}

/** The pieces of one word that has a letter or a digit. */
function splitWord(word: string, ukrainian: boolean, camelCase: boolean): WordPiece[] {
  const pieces: WordPiece[] = [];
  const bare = word.replace(/\.$/u, '').toLowerCase();
  const nativeTitle = NATIVE_TITLES.has(bare) || NATIVE_TITLES.has(word.toLowerCase());
  const origin = wordOrigin(word);
  if (SYLLABIC_ORIGINS.has(origin) && origin !== 'kana') {
    const letters = word.replace(/[^\p{L}]/gu, '');
    pieces.push({ display: letters, latin: syllables(letters).join(''), origin, dotted: false, upper: false, nativeTitle, syllables: syllables(letters), camelParts: [] });
    return pieces;
  }
  if (origin === 'arabic') {
    const [article, noun] = splitArabicArticle(word);
    if (article) {
      pieces.push({ display: article, latin: 'al', origin, dotted: false, upper: false, nativeTitle: false, camelParts: [] });
      pieces.push({ display: noun, latin: transliterateWord(noun).latin.replace(/[^a-z0-9]/g, ''), origin, dotted: false, upper: false, nativeTitle, camelParts: [] });
      return pieces;
    }
  }
  const { latin } = transliterateWord(word, ukrainian);
  const dottedLetters = /^(?:[a-z]\.)+[a-z]?\.?$/.test(latin) && latin.includes('.') && latin.replace(/\./g, '').length <= 6;
  if (dottedLetters) {
    pieces.push({ display: word, latin: latin.replace(/\./g, ''), origin, dotted: true, upper: false, nativeTitle, camelParts: [] });
    return pieces;
  }
  const displayParts = word.split(DASHES);
  const latinParts = latin.split(/-+/);
  const aligned = displayParts.length === latinParts.length;
  latinParts.forEach((part, index) => {
    const clean = part.replace(/[^a-z0-9]/g, '');
    if (!clean) return;
    const display = aligned ? (displayParts[index] ?? part) : part;
    pieces.push({
      display: display.replace(/[.'’`ʼ]/gu, '') || display,
      latin: clean,
      origin,
      dotted: false,
      upper: /\p{Lu}/u.test(display) && !/\p{Ll}/u.test(display),
      nativeTitle,
      camelParts: camelCase ? camelCaseParts(display) : [],
    });
  });
  return pieces;
}

function camelCaseParts(word: string): string[] {
  const parts = word.match(/\p{Lu}\p{Ll}+|\p{Lu}+(?!\p{Ll})|\p{Ll}+/gu) ?? [];
  return parts.length > 1 ? parts.map((part) => transliterateWord(part).latin.replace(/[^a-z0-9]/g, '')) : [];
}
