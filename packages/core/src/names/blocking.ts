import { normalizeIdentifier } from './identifiers.js';
import { prepareEntity } from './prepare.js';
import { formatDate } from './dates.js';
import type { NameToken } from './token.js';
import type { MatchEntity } from './types.js';

// Blocking keys: the index a deployment keeps to find candidates without scoring every entity.
// Two entities become candidates when they share a key. The keys are designed so that the
// variations the scorer forgives also share a key:
//   n:<loose key>       one per distinguishing name part, after transliteration and folding
//                       (catches reordering, honorifics, particles, spelling variants);
//   p:<metaphone>       Double Metaphone of each part (typos, sound-alike spellings);
//   s:<skeleton>        coarse consonant skeleton of each part (scripts without vowels,
//                       transcriptions into Chinese or Japanese);
//   s2:<skel>+<skel>    a pair of coarse skeletons of two parts of a person's name (short
//                       skeletons such as "ST" are selective only in pairs);
//   c:<korean>          romanisation-neutral key of each part of a Korean name;
//   a:<3 letters>       for companies, the first three letters of the first word (with and
//                       without legal-form words) and the initials of the first three words, so
//                       that abbreviations ("CNPC", "SocGen") meet their expansion;
//   d:<YYYY-MM-DD>      a full birth date (selective: a few dozen people a day per million);
//   id:<kind>:<value>   each normalised identifier.
// Parts shorter than 3 letters, initials, and phonetic codes or skeletons shorter than 3
// consonants give no key: they would each pull a large share of any index. A key shared by a large share of
// the index (a very common surname) should be ignored at query time by the index, which knows
// its posting-list lengths; the other keys of a name still find its true matches.

const MIN_KEY_LENGTH = 3;
/** Phonetic codes and skeletons of two consonants ("ST") are shared by too many names. */
const MIN_CODE_LENGTH = 3;

// Coarser than the scorer's skeleton: transcriptions drop "h", confuse "l" and "r", and add
// or drop nasals and liquids before consonants ("Suharto" / 苏哈托 "suhatuo").
function coarseSkeleton(token: NameToken): string {
  return token.skeleton
    .replace(/H/g, '')
    .replace(/R/g, 'L')
    .replace(/(.)\1+/g, '$1')
    .replace(/[LMN](?=[^LMN])/g, '')
    .replace(/(.)\1+/g, '$1');
}

/** Short skeletons are only selective in combination: one key per pair of parts of a name. */
function skeletonPairKeys(tokens: NameToken[], keys: Set<string>): void {
  const skeletons = tokens.filter((token) => token.role === 'name').map(coarseSkeleton).filter((skeleton) => skeleton.length > 0);
  if (skeletons.length === 1 && tokens.length === 1 && (skeletons[0]?.length ?? 0) >= 2) keys.add(`s:${skeletons[0]}`);
  for (let i = 0; i < skeletons.length; i++) {
    for (let j = i + 1; j < skeletons.length; j++) {
      const pair = [skeletons[i], skeletons[j]].sort();
      keys.add(`s2:${pair.join('+')}`);
    }
  }
}

function tokenKeys(token: NameToken, korean: boolean, keys: Set<string>): void {
  if (token.role === 'initial' || token.latin.length < MIN_KEY_LENGTH) return;
  keys.add(`n:${token.loose}`);
  for (const code of token.phonetic) if (code.length >= MIN_CODE_LENGTH) keys.add(`p:${code}`);
  const skeleton = coarseSkeleton(token);
  if (skeleton.length >= MIN_CODE_LENGTH) keys.add(`s:${skeleton}`);
  if (korean || token.origin === 'hangul') keys.add(`c:${token.korean}`);
}

/** The candidate keys of an entity. */
export function blockingKeys(entity: MatchEntity): string[] {
  const prepared = prepareEntity(entity);
  const keys = new Set<string>();
  for (const name of prepared.names) {
    for (const variant of name.variants) {
      for (const token of variant) if (token.role !== 'weak' || variant.length === 1) tokenKeys(token, prepared.korean, keys);
      if (prepared.kind === 'person') skeletonPairKeys(variant, keys);
    }
    if (prepared.kind !== 'person') {
      const words = name.acronymWords.filter((word) => !word.skippable).map((word) => word.text);
      const first = words[0];
      const firstOfAll = name.acronymWords[0]?.text;
      if (first) keys.add(`a:${first.slice(0, 3)}`);
      if (firstOfAll) keys.add(`a:${firstOfAll.slice(0, 3)}`);
      if (words.length >= 2) keys.add(`a:${words.slice(0, 3).map((word) => word[0]).join('')}`);
      // Abbreviations also take the initials of weak words ("ZCH" for "Zambezi Copper Holdings").
      const parts = (name.variants[0] ?? []).map((token) => token.latin[0] ?? '');
      if (parts.length >= 2) keys.add(`a:${parts.slice(0, 3).join('')}`);
    }
  }
  if (prepared.birthDate?.day !== undefined) keys.add(`d:${formatDate(prepared.birthDate)}`);
  for (const identifier of prepared.identifiers) keys.add(`id:${identifier.kind}:${normalizeIdentifier(identifier)}`);
  return [...keys].sort();
}

/** Whether two entities share at least one blocking key. */
export function shareBlockingKey(a: MatchEntity, b: MatchEntity): boolean {
  const keysA = new Set(blockingKeys(a));
  return blockingKeys(b).some((key) => keysA.has(key));
}

/** Share of the given pairs (true matches) that share at least one blocking key. */
export function blockingRecall(pairs: readonly { a: MatchEntity; b: MatchEntity }[]): number {
  if (pairs.length === 0) return 1;
  return pairs.filter((pair) => shareBlockingKey(pair.a, pair.b)).length / pairs.length;
}
