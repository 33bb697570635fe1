import { hash, verify } from '@node-rs/argon2';
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as english from '@zxcvbn-ts/language-en';
import * as french from '@zxcvbn-ts/language-fr';
import * as spanish from '@zxcvbn-ts/language-es-es';
import * as arabic from '@zxcvbn-ts/language-ar';
import { PASSWORD_MIN_LENGTH, type TUiLanguage } from '@focal/shared';
import { AppError, badRequest } from '../../errors.js';

// argon2id (algorithm 2) with 64 MiB of memory, as OWASP recommends for interactive logins.
const ARGON2 = { algorithm: 2, memoryCost: 65536, timeCost: 3, parallelism: 1 } as const;

export const hashPassword = (password: string) => hash(password, ARGON2);
export const verifyPassword = (passwordHash: string, password: string) => verify(passwordHash, password).catch(() => false);

/** A valid hash of nothing anyone knows, verified when the account does not exist so timing reveals nothing. */
let decoyHash: Promise<string> | undefined;
export const decoyPasswordHash = () => (decoyHash ??= hashPassword(`decoy-${Math.random()}-${Date.now()}`));

const packs = { en: english, fr: french, es: spanish, ar: arabic } as const;
const checkers = new Map<TUiLanguage, ZxcvbnFactory>();

/** One checker per interface language: advice in the user's language, dictionaries of all four. */
function checker(language: TUiLanguage) {
  let found = checkers.get(language);
  if (!found) {
    found = new ZxcvbnFactory({
      translations: packs[language].translations as typeof english.translations,
      graphs: common.adjacencyGraphs,
      dictionary: { ...common.dictionary, ...english.dictionary, ...french.dictionary, ...spanish.dictionary },
    });
    checkers.set(language, found);
  }
  return found;
}

/**
 * Rejects passwords shorter than 12 characters or that zxcvbn scores below 3 (of 4), with its
 * advice in the person's language (`hint`), taking their own name and email into account.
 */
export function assertStrongPassword(password: string, personalWords: string[], language: TUiLanguage = 'en'): void {
  if (password.length < PASSWORD_MIN_LENGTH) {
    throw badRequest('password_too_short', `Use at least ${PASSWORD_MIN_LENGTH} characters.`, { password: 'too_short' });
  }
  const words = personalWords.flatMap((w) => w.toLowerCase().split(/[\s@._-]+/)).filter((w) => w.length >= 3);
  const result = checker(language).check(password, words);
  if (result.score < 3) {
    const advice = [result.feedback.warning, ...result.feedback.suggestions].filter(Boolean).join(' ');
    throw new AppError(400, 'password_too_weak', 'This password is too easy to guess.', {
      fields: { password: 'too_weak' },
      ...(advice ? { hint: advice, hintLanguage: language } : {}),
    });
  }
}
