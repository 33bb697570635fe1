import { scoreEntities } from './score.js';
import type { MatchEntity, MatchResult } from './types.js';

// Shorthands for tests: a person or company with optional birth date and countries.

export function person(name: string | string[], birthDate?: string, countries?: string[]): MatchEntity {
  return { schema: 'Person', names: Array.isArray(name) ? name : [name], birthDate, countries };
}

export function company(name: string | string[], countries?: string[]): MatchEntity {
  return { schema: 'Company', names: Array.isArray(name) ? name : [name], countries };
}

export function score(a: MatchEntity, b: MatchEntity): MatchResult {
  return scoreEntities(a, b);
}

/** All explanation texts in one string, for readable assertions. */
export function why(result: MatchResult): string {
  return result.explanation.map((evidence) => `${evidence.effect}: ${evidence.text}`).join('\n');
}
