import crypto from 'node:crypto';

/**
 * The blind word index. A message's words are normalised, then each is hashed with the
 * deployment's HMAC key *and the mailbox owner's id*, truncated to 64 bits and stored as a
 * bigint array on that person's copy. A search hashes the query words the same way, so the
 * database never holds a word in clear, and the same word gives different hashes in two
 * mailboxes (one person's index says nothing about another's).
 */

const MAX_WORDS = 4000;
const MAX_WORD_LENGTH = 64;
// Scripts written without spaces: index each character, and search for each character of a
// query word, which finds the word wherever it stands in a sentence.
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}]/u;

/** Lower case, no accents or Arabic short vowels, compatibility forms folded. */
export function normaliseWord(word: string): string {
  return word
    .normalize('NFKD')
    // Accents and Arabic short vowels go; Japanese voicing marks stay (で is not て).
    .replace(/(?![\u3099\u309A])\p{M}/gu, '')
    .replace(/[\u0640]/g, '') // Arabic tatweel (kashida) is decoration
    .toLowerCase()
    .normalize('NFC');
}

/** The distinct normalised words of a text, as the index stores them. */
export function wordsOf(text: string): string[] {
  const found = new Set<string>();
  for (const raw of text.match(/[\p{L}\p{N}\p{M}]+(?:['’][\p{L}\p{M}]+)?/gu) ?? []) {
    const word = normaliseWord(raw.replace(/['’]/g, ''));
    if (UNSPACED.test(word)) {
      for (const char of word) if (UNSPACED.test(char)) found.add(char);
      const rest = word.replace(new RegExp(UNSPACED.source, 'gu'), ' ').trim();
      for (const part of rest.split(/\s+/)) if (part.length >= 2) found.add(part.slice(0, MAX_WORD_LENGTH));
    } else if (word.length >= 2 || /\p{N}/u.test(word)) {
      found.add(word.slice(0, MAX_WORD_LENGTH));
    }
    if (found.size >= MAX_WORDS) break;
  }
  return [...found];
}

/** The 64-bit keyed hash of a word for one mailbox, as a decimal string (a PostgreSQL bigint). */
export function wordHash(key: Buffer, ownerId: string, word: string): string {
  return hashAfter(key, `${ownerId}\0`, word);
}

/** Hashes of many words for one mailbox (a message's index: the costliest part of a send). */
export function wordHashes(key: Buffer, ownerId: string, words: readonly string[]): string[] {
  const prefix = `${ownerId}\0`;
  return words.map((word) => hashAfter(key, prefix, word));
}

// HMAC(key, owner ‖ NUL ‖ word), the message given in one piece: each call into the native
// HMAC costs more than the hashing itself.
const hashAfter = (key: Buffer, prefix: string, word: string) => crypto.createHmac('sha256', key).update(prefix + word).digest().readBigInt64BE(0).toString();
