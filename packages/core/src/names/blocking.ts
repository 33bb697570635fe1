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
//   s:<skeleton>        consonant skeleton of parts of 3+ consonants (scripts without vowels,
//                       transcriptions into Chinese or Japanese);
//   c:<korean/chinese>  romanisation-neutral keys for Korean and Chinese syllables;
//   a:<3 letters>       for companies, the first letters of a one-word name and the initials of
//                       a longer one, so that abbreviations ("CNPC") meet their expansion;
//   d:<YYYY-MM-DD>      a full birth date (selective: a few dozen people a day per million);
//   id:<kind>:<value>   each normalised identifier.
// Parts shorter than 3 letters and initials give no name key. A key shared by a large share of
// the index (a very common surname) should be ignored at query time by the index, which knows
// its posting-list lengths; the other keys of a name still find its true matches.

const MIN_KEY_LENGTH = 3;

function tokenKeys(token: NameToken, keys: Set<string>): void {
  if (token.role === 'initial' || token.latin.length < MIN_KEY_LENGTH) return;
  keys.add(`n:${token.loose}`);
  for (const code of token.phonetic) keys.add(`p:${code}`);
  const skeleton = token.skeleton.replace(/[HNRLM](?=[^HNRLM])/g, '').replace(/[RL]/g, 'L');
  if (skeleton.length >= 2) keys.add(`s:${skeleton}`);
  if (token.origin === 'hangul' || token.origin === 'han' || token.latin.length <= 8) keys.add(`c:${token.korean}`);
}

/** The candidate keys of an entity. */
export function blockingKeys(entity: MatchEntity): string[] {
  const prepared = prepareEntity(entity);
  const keys = new Set<string>();
  for (const name of prepared.names) {
    for (const variant of name.variants) for (const token of variant) if (token.role !== 'weak' || variant.length === 1) tokenKeys(token, keys);
    if (prepared.kind !== 'person') {
      const words = name.acronymWords.filter((word) => !word.skippable).map((word) => word.text);
      const first = words[0];
      if (words.length === 1 && first) keys.add(`a:${first.slice(0, 3)}`);
      if (words.length >= 2) {
        keys.add(`a:${words.slice(0, 3).map((word) => word[0]).join('')}`);
        if (first) keys.add(`a:${first.slice(0, 3)}`);
      }
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
