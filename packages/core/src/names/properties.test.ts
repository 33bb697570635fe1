import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareDates, parsePartialDate } from './dates.js';
import { normalizeIdentifier } from './identifiers.js';
import { MATCH_THRESHOLD, scoreEntities } from './score.js';
import { person, score, why } from './test-helpers.js';
import type { MatchEntity } from './types.js';

describe('identifiers', () => {
  const account = (names: string[], iban: string): MatchEntity => ({ schema: 'BankAccount', names, identifiers: [{ kind: 'iban', value: iban }] });

  it('an equal IBAN is near-certain, whatever the spacing and case', () => {
    const result = scoreEntities(account(['Account of R. Okafor'], 'GB33 BUKB 2020 1555 5555 55'), account(['Okafor current account'], 'gb33bukb20201555555555'));
    expect(result.score).toBeGreaterThan(0.9);
    expect(why(result)).toContain('Same IBAN on both: GB33BUKB20201555555555');
  });

  it('an equal passport number overrides a differently spelled name', () => {
    const a: MatchEntity = { schema: 'Person', names: ['Ifeoma Nwankwo'], identifiers: [{ kind: 'passport', value: 'A0-1234567' }] };
    const b: MatchEntity = { schema: 'Person', names: ['Ify Nwankwo-Eze'], identifiers: [{ kind: 'passport', value: 'a01234567' }] };
    expect(scoreEntities(a, b).match).toBe(true);
  });

  it('a different identifier of the same kind is strong evidence against, even with identical names', () => {
    const a: MatchEntity = { schema: 'Company', names: ['Harrowgate Freight Ltd'], identifiers: [{ kind: 'registration', value: '04512873' }] };
    const b: MatchEntity = { schema: 'Company', names: ['Harrowgate Freight Ltd'], identifiers: [{ kind: 'registration', value: '09981231' }] };
    const result = scoreEntities(a, b);
    expect(result.match).toBe(false);
    expect(why(result)).toContain('Different registration numbers: 04512873 and 09981231');
  });

  it('identifiers of different kinds neither help nor hurt', () => {
    const a: MatchEntity = { schema: 'Company', names: ['Harrowgate Freight Ltd'], identifiers: [{ kind: 'registration', value: '04512873' }] };
    const b: MatchEntity = { schema: 'Company', names: ['Harrowgate Freight Ltd'], identifiers: [{ kind: 'tax', value: 'GB123456789' }] };
    expect(scoreEntities(a, b).score).toBe(scoreEntities({ ...a, identifiers: [] }, { ...b, identifiers: [] }).score);
  });

  it('normalises identifiers but keeps the case of Base58 crypto addresses', () => {
    expect(normalizeIdentifier({ kind: 'lei', value: '5493 00-abcd.ef12 3456 78' })).toBe('549300ABCDEF12345678');
    expect(normalizeIdentifier({ kind: 'crypto', value: '1BoatSLRHtKNngkdXEeobR76b53LETtpyT' })).toBe('1BoatSLRHtKNngkdXEeobR76b53LETtpyT');
    expect(normalizeIdentifier({ kind: 'crypto', value: '0xAbC123' })).toBe('0xabc123');
  });

  it('treats a BIC with and without the XXX branch code as one', () => {
    const a: MatchEntity = { schema: 'Company', names: ['Banca Litorale'], identifiers: [{ kind: 'bic', value: 'BLITITMM' }] };
    const b: MatchEntity = { schema: 'Company', names: ['Banca del Litorale'], identifiers: [{ kind: 'bic', value: 'BLITITMMXXX' }] };
    expect(why(scoreEntities(a, b))).toContain('Same SWIFT/BIC code');
  });
});

describe('birth dates', () => {
  it('partial dates agree as far as both are known', () => {
    const [year, day] = [parsePartialDate('1961'), parsePartialDate('1961-04-02')];
    expect(year && day && compareDates(year, day)).toBe('same year');
    expect(compareDates(parsePartialDate('1953')!, parsePartialDate('1975')!)).toBe('different year');
    expect(compareDates(parsePartialDate('1961-04')!, parsePartialDate('1961-04-02')!)).toBe('same month');
    expect(compareDates(parsePartialDate('1961-04-02')!, parsePartialDate('1961-02-04')!)).toBe('swapped day and month');
  });

  it('rejects impossible dates', () => {
    for (const text of ['1961-13', '1961-02-30', '61', '1961/04/02', '']) expect(parsePartialDate(text), text).toBeUndefined();
    expect(parsePartialDate('2024-02-29')).toEqual({ year: 2024, month: 2, day: 29 });
  });

  it('the same name with a different birth date is a homonym', () => {
    const result = score(person('Mustafa Demir', '1971-03-08'), person('Mustafa Demir', '1994-11-20'));
    expect(result.match).toBe(false);
    expect(why(result)).toContain('Different dates of birth: 1971-03-08 and 1994-11-20');
  });

  it('a birth year agreeing with a full date supports the match', () => {
    const withYear = score(person('Mustafa Demir', '1971'), person('Mustafa Demir', '1971-03-08'));
    const without = score(person('Mustafa Demir'), person('Mustafa Demir'));
    expect(withYear.score).toBeGreaterThan(without.score);
  });

  it('the same month and day in another year is still a conflict', () => {
    expect(score(person('Mustafa Demir', '1971-03-08'), person('Mustafa Demir', '1972-03-08')).match).toBe(false);
  });

  it('the same full birth date and one shared name part flag a possible alias', () => {
    const result = score(person('Halyna Sorokina', '1979-05-03'), person('Halyna Bondar', '1979-05-03'));
    expect(result.match).toBe(true);
    expect(why(result)).toContain('possibly the same person under another name');
    expect(score(person('Halyna Sorokina'), person('Halyna Bondar')).match).toBe(false);
  });
});

describe('countries', () => {
  it('weigh a little for people', () => {
    const same = score(person('Mustafa Demir', undefined, ['TR']), person('Mustafa Demir', undefined, ['TR']));
    const apart = score(person('Mustafa Demir', undefined, ['TR']), person('Mustafa Demir', undefined, ['DE']));
    expect(same.score).toBeGreaterThan(apart.score);
    expect(apart.match).toBe(true);
  });
});

describe('family members are not the same person', () => {
  it.each([
    ['Viktor Halushko', 'Oksana Halushko'],
    ['Ahmed Youssef Khalil', 'Omar Youssef Khalil'],
    ['Gustavo Adolfo Rendon', 'Gustavo Rendon Jr'],
    ['박민호', '박민수'],
    ['林志强', '林志伟'],
    ['Nikos Alexiou', 'Eleni Alexiou'],
  ])('%s / %s', (a, b) => {
    const result = score(person(a), person(b));
    if (b.endsWith('Jr')) return expect(result.score).toBeLessThan(0.99);
    expect(result.match, why(result)).toBe(false);
  });

  it('a parent named inside a child name is told apart by the birth dates', () => {
    expect(score(person('Karim Haddad', '1950'), person('Samir Karim Haddad', '1982')).match).toBe(false);
  });
});

describe('score contract', () => {
  const names = fc.array(fc.constantFrom('Anna', 'Petrov', 'Ali', 'al-Hassan', 'Иван', 'Петров', '王', '伟', 'José', 'de', 'Ltd', 'J.', 'Mr'), { minLength: 1, maxLength: 4 });
  const entity = fc.record({ schema: fc.constantFrom('Person', 'Company'), names: fc.array(names.map((parts) => parts.join(' ')), { minLength: 1, maxLength: 2 }) });

  it('is in [0, 1], rounded to 3 decimals, deterministic, and decides at the threshold', () => {
    fc.assert(
      fc.property(entity, entity, (a, b) => {
        const result = scoreEntities(a, b);
        expect(result.score).toBeGreaterThanOrEqual(0);
        expect(result.score).toBeLessThanOrEqual(1);
        expect(Math.round(result.score * 1000) / 1000).toBe(result.score);
        expect(result.match).toBe(result.score >= MATCH_THRESHOLD);
        expect(scoreEntities(a, b)).toEqual(result);
      }),
      { numRuns: 300 },
    );
  });

  it('an entity matches itself', () => {
    fc.assert(
      fc.property(entity, (a) => {
        expect(scoreEntities(a, { ...a }).match).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
