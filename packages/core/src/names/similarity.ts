import { distance } from 'fastest-levenshtein';
import { jaroWinkler } from './jaro-winkler.js';
import { looseKey } from './keys.js';
import { NICKNAME_GROUPS } from './lexicon/nicknames.js';
import { VOWEL_LOSSY_ORIGINS, type Origin } from './scripts.js';
import type { NameToken } from './token.js';
import type { PartAgreement } from './types.js';

// Similarity of two name parts in [0, 1], with the reason a person can read. Several measures
// are tried and the best wins; each is only used where its assumption holds (a consonant
// skeleton only when one side comes from a script without written vowels, Korean keys only
// when the entities are Korean), so that leniency for one script does not leak into others.

export interface TokenComparison {
  similarity: number;
  agreement: PartAgreement;
}

export interface ComparisonContext {
  /** Stricter measures for company words: a shared prefix ("Gazprom"/"Gazprombank") is not a match. */
  company: boolean;
  /** Korean romanisations are compared on the Korean key and the surname table. */
  korean: boolean;
}

const NICKNAMES = new Map<string, Set<number>>();
NICKNAME_GROUPS.forEach((group, index) => {
  for (const name of group) {
    const key = looseKey(name);
    if (!NICKNAMES.has(key)) NICKNAMES.set(key, new Set());
    NICKNAMES.get(key)?.add(index);
  }
});

function areNicknames(a: string, b: string): boolean {
  const groups = NICKNAMES.get(a);
  if (!groups) return false;
  for (const group of NICKNAMES.get(b) ?? []) if (groups.has(group)) return true;
  return false;
}

const NO_MATCH: TokenComparison = { similarity: 0, agreement: 'similar' };
const SYLLABIC: ReadonlySet<Origin> = new Set(['han', 'kana', 'hangul']);
const ABJAD: ReadonlySet<Origin> = new Set(['arabic', 'hebrew']);
const SYLLABIC_SPELLING_DISCOUNT = 0.9;

/** Edit similarity in [0, 1]: 1 minus the Levenshtein distance over the longer length. */
export function editSimilarity(a: string, b: string): number {
  const longest = Math.max(a.length, b.length);
  return longest === 0 ? 1 : 1 - distance(a, b) / longest;
}

export function compareTokens(a: NameToken, b: NameToken, context: ComparisonContext): TokenComparison {
  if (a.role === 'initial' || b.role === 'initial') return compareInitials(a, b);
  if (a.latin === b.latin) return { similarity: 1, agreement: 'exact' };
  if (a.loose === b.loose) return { similarity: 0.95, agreement: 'spelling variant' };
  if (!context.company && areNicknames(a.loose, b.loose)) return { similarity: 0.9, agreement: 'nickname' };
  const syllabicA = SYLLABIC.has(a.origin);
  const syllabicB = SYLLABIC.has(b.origin);
  if (syllabicA && syllabicB) {
    // Two names in Han or Hangul differ by whole characters: "建国" and "建华" are two names.
    return a.chinese === b.chinese || a.korean === b.korean ? { similarity: 0.95, agreement: 'spelling variant' } : NO_MATCH;
  }
  let best = context.company ? companySpelling(a, b) : personSpelling(a, b);
  // One differing syllable of a romanised CJK given name changes the name, not its spelling.
  if ((syllabicA || syllabicB) && !context.company) best = { ...best, similarity: best.similarity * SYLLABIC_SPELLING_DISCOUNT };
  const consider = (similarity: number, agreement: PartAgreement) => {
    if (similarity > best.similarity) best = { similarity, agreement };
  };
  if (VOWEL_LOSSY_ORIGINS.has(a.origin) || VOWEL_LOSSY_ORIGINS.has(b.origin)) {
    consider(skeletonSimilarity(a.skeleton, b.skeleton, ABJAD.has(a.origin) || ABJAD.has(b.origin) ? 'abjad' : 'brahmic'), 'vowel-tolerant');
  }
  if (SYLLABIC.has(a.origin) || SYLLABIC.has(b.origin)) {
    if (a.chinese === b.chinese) consider(0.95, 'spelling variant');
    consider(skeletonSimilarity(a.skeleton, b.skeleton, 'syllabic') * 0.95, 'sounds alike');
  }
  if (context.korean) {
    if (a.koreanSurnames.some((group) => b.koreanSurnames.includes(group))) consider(0.95, 'spelling variant');
    if (a.korean === b.korean) consider(0.95, 'spelling variant');
  }
  return best;
}

function compareInitials(a: NameToken, b: NameToken): TokenComparison {
  if (a.latin[0] !== b.latin[0]) return NO_MATCH;
  return { similarity: a.role === 'initial' && b.role === 'initial' ? 1 : 0.85, agreement: 'initial' };
}

function personSpelling(a: NameToken, b: NameToken): TokenComparison {
  const jaro = jaroWinkler(a.loose, b.loose);
  const edit = editSimilarity(a.loose, b.loose);
  const similarity = (jaro + edit) / 2;
  const phonetic = a.phonetic.some((code) => b.phonetic.includes(code)) && Math.min(a.latin.length, b.latin.length) >= 3;
  if (phonetic && similarity < 0.85) return { similarity: Math.max(similarity, 0.85), agreement: 'sounds alike' };
  return { similarity, agreement: similarity >= 0.85 ? 'typo' : 'similar' };
}

function companySpelling(a: NameToken, b: NameToken): TokenComparison {
  const similarity = editSimilarity(a.loose, b.loose);
  return { similarity, agreement: similarity >= 0.85 ? 'typo' : 'similar' };
}

type SkeletonMode = 'abjad' | 'brahmic' | 'syllabic';

// Consonants that one romanisation or transcription writes where another writes the other.
const NEAR: Record<SkeletonMode, ReadonlySet<string>> = {
  abjad: new Set(['KJ', 'JK', 'FB', 'BF', 'ST', 'TS', 'KH', 'HK']),
  // Thai and Indic "ch" is often written "j" (Jaidee), aspirates lose their "h".
  brahmic: new Set(['KJ', 'JK', 'FB', 'BF', 'ST', 'TS', 'KH', 'HK', 'SJ', 'JS']),
  syllabic: new Set(['TJ', 'JT', 'SJ', 'JS', 'TS', 'ST', 'FB', 'BF', 'KH', 'HK', 'FH', 'HF', 'KJ', 'JK', 'SK', 'KS']),
};
// Consonants one writing drops: "h" in Arabic, and codas and "r" in Chinese transcriptions of foreign names.
const WEAK: Record<SkeletonMode, ReadonlySet<string>> = {
  abjad: new Set(['H']),
  brahmic: new Set(['H']),
  syllabic: new Set(['H', 'N', 'R', 'L', 'M']),
};

/** Weighted edit similarity of two consonant skeletons. */
export function skeletonSimilarity(rawA: string, rawB: string, mode: SkeletonMode): number {
  // Chinese and Japanese transcriptions write one liquid for both "l" and "r".
  const a = mode === 'syllabic' ? rawA.replace(/R/g, 'L').replace(/(.)\1+/g, '$1') : rawA;
  const b = mode === 'syllabic' ? rawB.replace(/R/g, 'L').replace(/(.)\1+/g, '$1') : rawB;
  if (a.length === 0 || b.length === 0) return 0;
  if (Math.max(a.length, b.length) === 1) return a === b ? 0.85 : 0;
  const near = NEAR[mode];
  const weak = WEAK[mode];
  const gap = (char: string) => (weak.has(char) ? 0.4 : 1);
  let previous = [0];
  for (let j = 1; j <= b.length; j++) previous[j] = (previous[j - 1] ?? 0) + gap(b[j - 1] ?? '');
  for (let i = 1; i <= a.length; i++) {
    const charA = a[i - 1] ?? '';
    const current = [(previous[0] ?? 0) + gap(charA)];
    for (let j = 1; j <= b.length; j++) {
      const charB = b[j - 1] ?? '';
      const substitution = charA === charB ? 0 : near.has(charA + charB) ? 0.4 : 1;
      current[j] = Math.min((previous[j - 1] ?? 0) + substitution, (previous[j] ?? 0) + gap(charA), (current[j - 1] ?? 0) + gap(charB));
    }
    previous = current;
  }
  const cost = previous[b.length] ?? 0;
  return Math.max(0, 1 - cost / Math.max(a.length, b.length));
}
