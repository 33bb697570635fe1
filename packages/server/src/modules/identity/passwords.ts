import { hash, verify } from '@node-rs/argon2';
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as english from '@zxcvbn-ts/language-en';
import { PASSWORD_MIN_LENGTH } from '@focal/shared';
import { badRequest } from '../../errors.js';

// argon2id (algorithm 2) with 64 MiB of memory, as OWASP recommends for interactive logins.
const ARGON2 = { algorithm: 2, memoryCost: 65536, timeCost: 3, parallelism: 1 } as const;

export const hashPassword = (password: string) => hash(password, ARGON2);
export const verifyPassword = (passwordHash: string, password: string) => verify(passwordHash, password).catch(() => false);

/** A valid hash of nothing anyone knows, verified when the account does not exist so timing reveals nothing. */
let decoyHash: Promise<string> | undefined;
export const decoyPasswordHash = () => (decoyHash ??= hashPassword(`decoy-${Math.random()}-${Date.now()}`));

let strengthChecker: ZxcvbnFactory | undefined;
function checker() {
  strengthChecker ??= new ZxcvbnFactory({
    translations: english.translations,
    graphs: common.adjacencyGraphs,
    dictionary: { ...common.dictionary, ...english.dictionary },
  });
  return strengthChecker;
}

/**
 * Rejects passwords shorter than 12 characters or that zxcvbn scores below 3 (of 4), with its
 * advice, taking the person's own name and email into account.
 */
export function assertStrongPassword(password: string, personalWords: string[]): void {
  if (password.length < PASSWORD_MIN_LENGTH) {
    throw badRequest('password_too_short', `Use at least ${PASSWORD_MIN_LENGTH} characters.`, { password: 'too_short' });
  }
  const words = personalWords.flatMap((w) => w.toLowerCase().split(/[\s@._-]+/)).filter((w) => w.length >= 3);
  const result = checker().check(password, words);
  if (result.score < 3) {
    const advice = [result.feedback.warning, ...result.feedback.suggestions].filter(Boolean).join(' ');
    throw badRequest(
      'password_too_weak',
      `This password is too easy to guess. ${advice || 'Add more words or characters that are hard to guess.'}`.trim(),
      { password: 'too_weak' },
    );
  }
}
