import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scoreCeiling } from './ceiling.js';
import { parsePairsTsv } from './pairs-tsv.js';
import { scoreEntities } from './score.js';
import { company, person } from './test-helpers.js';
import type { IdentifierKind, MatchEntity } from './types.js';

// The ceiling lets cross-referencing skip the name comparison of pairs that cannot be kept: it
// must never be under the score itself, whatever the scorer's weights become.

const FILES = ['../../../../../shared/datasets/names-dev.tsv', './fixtures/heldout-invented.tsv', './fixtures/heldout-invented-2.tsv'];

const fresh = (entity: MatchEntity): MatchEntity => structuredClone(entity);

describe('score ceiling', () => {
  it('is never under the score on the development set and the invented held-out pairs', () => {
    const pairs = FILES.flatMap((file) => parsePairsTsv(readFileSync(new URL(file, import.meta.url), 'utf8')));
    expect(pairs.length).toBeGreaterThan(300);
    for (const pair of pairs) {
      for (const [a, b] of [
        [pair.a, pair.b],
        [pair.b, pair.a],
      ] as const) {
        expect(scoreCeiling(fresh(a), fresh(b)), pair.id).toBeGreaterThanOrEqual(scoreEntities(fresh(a), fresh(b)).score);
      }
    }
  });

  it('is never under the score for any mix of schemata, dates, countries and identifiers', () => {
    const names = ['Oleksandr Petrenko', 'Олександр Петренко', 'PETRENKO, O.', 'Petrenko Holdings Ltd', 'Petrenko Holdings LLC', '彼得连科', 'Maria Petrenko', 'SocGen', 'Société Générale S.A.', 'Ali Hassan', 'علي حسن'];
    const kinds: IdentifierKind[] = ['iban', 'registration', 'passport', 'bic'];
    const entity = fc.record({
      schema: fc.constantFrom('Person', 'Company', 'LegalEntity', 'Organization', 'BankAccount', 'Vessel'),
      names: fc.array(fc.constantFrom(...names), { minLength: 0, maxLength: 2 }),
      birthDate: fc.option(fc.constantFrom('1961', '1961-04', '1961-04-02', '1961-02-04', '1962-04-02', '1975'), { nil: undefined }),
      countries: fc.array(fc.constantFrom('UA', 'ua', 'FR', 'NG', ' '), { maxLength: 2 }),
      identifiers: fc.array(fc.record({ kind: fc.constantFrom(...kinds), value: fc.constantFrom('UA21 3223 1300 0002 6007 2335 6600 1', 'UA213223130000026007233566001', '12345678', 'AB123456', 'DEUTDEFFXXX', 'DEUTDEFF') }), { maxLength: 2 }),
    });
    fc.assert(
      fc.property(entity, entity, (a, b) => {
        expect(scoreCeiling(fresh(a), fresh(b))).toBeGreaterThanOrEqual(scoreEntities(fresh(a), fresh(b)).score);
      }),
      { numRuns: 500, seed: 42 },
    );
  }, 30_000);

  it('rules out namesakes born in other years, companies of other countries, and a person against a company', () => {
    expect(scoreCeiling(person('Oleksandr Petrenko', '1961-04-02'), person('Oleksandr Petrenko', '1975'))).toBeLessThan(0.3);
    expect(scoreCeiling(company('Petrenko Holdings Ltd', ['GB']), company('Petrenko Holdings Ltd', ['CY']))).toBeLessThan(0.3);
    expect(scoreCeiling(person('Oleksandr Petrenko'), company('Petrenko Holdings Ltd'))).toBeLessThan(0.3);
  });

  it('keeps what a name could still decide, an equal identifier, and a possible alias', () => {
    expect(scoreCeiling(person('Oleksandr Petrenko'), person('Sasha Petrenko', '1961'))).toBeGreaterThan(0.9);
    const passport = [{ kind: 'passport' as const, value: 'AB123456' }];
    expect(scoreCeiling({ ...person('O. Petrenko'), identifiers: passport }, { ...company('Petrenko Holdings Ltd'), identifiers: passport })).toBeGreaterThan(0.3);
    // Same full birth date: scorePrepared may keep the pair as a possible alias under another name.
    expect(scoreCeiling(person('Maria Petrenko', '1961-04-02', ['UA']), person('Maria Kowalska', '1961-04-02', ['PL']))).toBeGreaterThanOrEqual(0.5);
  });
});
