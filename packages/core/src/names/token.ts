import { abjadSkeleton } from './abjad-skeleton.js';
import { KOREAN_SURNAME_GROUPS } from './lexicon/korean-surnames.js';
import { chineseKey, consonantSkeleton, koreanKey, looseKey, phoneticCodes } from './keys.js';
import type { Origin } from './scripts.js';

/**
 * The part a token plays: initials and patronymics are weak evidence and may be missing
 * from other sources; weak company words ("Holdings") describe without distinguishing.
 */
export type TokenRole = 'name' | 'initial' | 'patronymic' | 'weak';

/** One name part with every comparison key computed once. */
export interface NameToken {
  /** As written in the source, in its own script. */
  display: string;
  /** Lowercase ASCII. */
  latin: string;
  origin: Origin;
  role: TokenRole;
  loose: string;
  skeleton: string;
  phonetic: string[];
  korean: string;
  chinese: string;
  /** Indexes into KOREAN_SURNAME_GROUPS this spelling may belong to. */
  koreanSurnames: number[];
  /** Made by joining two adjacent parts. */
  joined?: boolean;
}

const SURNAME_GROUPS_BY_SPELLING = new Map<string, number[]>();
KOREAN_SURNAME_GROUPS.forEach((group, index) => {
  for (const spelling of group) SURNAME_GROUPS_BY_SPELLING.set(spelling, [...(SURNAME_GROUPS_BY_SPELLING.get(spelling) ?? []), index]);
});

/**
 * Pinyin letters that English spells otherwise (x is "sh", q is "ch", c is "ts"), and the "w"
 * with which Chinese and Japanese transcribe a foreign "v" ("Silvio" is 西尔维奥 "xierweiao"); the
 * nasal coda "ng" is one sound. Japanese has one liquid, written "r", for a foreign "l" or "r".
 */
function pinyinAsEnglish(latin: string): string {
  return latin.replace(/x/g, 's').replace(/q/g, 'j').replace(/c(?!h)/g, 's').replace(/w/g, 'v').replace(/ng/g, 'n');
}

function skeletonOf(display: string, latin: string, origin: Origin): string {
  if (origin === 'arabic' || origin === 'hebrew') return abjadSkeleton(display);
  if (origin === 'kana') return consonantSkeleton(pinyinAsEnglish(latin).replace(/r/g, 'l'));
  return consonantSkeleton(origin === 'han' ? pinyinAsEnglish(latin) : latin);
}

// Tokens are immutable, and names repeat across a data set: computing the keys of a spelling
// once keeps scoring fast. The cache is bounded so a long-running process does not grow.
const TOKEN_CACHE_LIMIT = 100_000;
const tokenCache = new Map<string, NameToken>();

export function makeToken(display: string, latin: string, origin: Origin, role: TokenRole = 'name'): NameToken {
  const cacheKey = `${origin}\u0000${role}\u0000${latin}\u0000${display}`;
  const cached = tokenCache.get(cacheKey);
  if (cached) return cached;
  if (tokenCache.size >= TOKEN_CACHE_LIMIT) tokenCache.clear();
  const token = computeToken(display, latin, origin, role);
  tokenCache.set(cacheKey, token);
  return token;
}

function computeToken(display: string, latin: string, origin: Origin, role: TokenRole): NameToken {
  const clean = latin.replace(/[^a-z0-9]/g, '');
  const loose = looseKey(clean);
  return {
    display,
    latin: clean,
    origin,
    role,
    loose,
    skeleton: skeletonOf(display, clean, origin),
    phonetic: [...new Set([...phoneticCodes(clean), ...phoneticCodes(loose)])],
    korean: koreanKey(clean),
    chinese: chineseKey(clean),
    koreanSurnames: SURNAME_GROUPS_BY_SPELLING.get(clean) ?? [],
  };
}

/** Two adjacent tokens written as one ("Shui-bian" and "Shuibian", "Sai Gon" and "Saigon"). */
export function joinTokens(first: NameToken, second: NameToken): NameToken {
  const separator = first.origin === 'han' || first.origin === 'hangul' ? '' : ' ';
  const role = first.role === 'weak' && second.role === 'weak' ? 'weak' : 'name';
  const cacheKey = `joined\u0000${first.origin}\u0000${role}\u0000${first.latin}\u0000${second.latin}\u0000${first.display}\u0000${second.display}`;
  const cached = tokenCache.get(cacheKey);
  if (cached) return cached;
  const token = { ...computeToken(`${first.display}${separator}${second.display}`, first.latin + second.latin, first.origin, role), joined: true };
  tokenCache.set(cacheKey, token);
  return token;
}
