import { describe, expect, it } from 'vitest';
import { EVIDENCE_CODES as CONTRACT_CODES, MATCH_IDENTIFIER_KINDS, PART_AGREEMENTS } from '@focal/shared';
import { scoreEntities } from './score.js';
import { company, person, score } from './test-helpers.js';
import { EVIDENCE_CODES, type EvidenceCode, type MatchEntity, type MatchResult } from './types.js';

// Every piece of evidence carries a stable code and the values its sentence names, so that an
// interface can word it in the reader's language; the English text stays as it was.

const find = (result: MatchResult, code: EvidenceCode) => {
  const found = result.explanation.find((e) => e.code === code);
  if (!found) throw new Error(`no ${code} in:\n${result.explanation.map((e) => `${e.code}: ${e.text}`).join('\n')}`);
  return found;
};

describe('explanation codes', () => {
  it('are the list the HTTP contract gives the interface', () => {
    expect([...EVIDENCE_CODES]).toEqual([...CONTRACT_CODES]);
    // The agreements and identifier kinds the interface translates are those the matcher names.
    const agreements: string[] = [...PART_AGREEMENTS];
    const kinds: string[] = [...MATCH_IDENTIFIER_KINDS];
    const result = score(person('Jon A. Smyth'), person('John Smith'));
    for (const part of find(result, 'name.compared').detail?.parts ?? []) expect(agreements).toContain(part.agreement);
    expect(kinds).toEqual(['iban', 'registration', 'tax', 'passport', 'crypto', 'lei', 'bic', 'account']);
  });

  it('name the two names compared, their parts and what agrees, the text unchanged', () => {
    const result = score(person('Олександр Петренко'), person('Oleksandr PETRENKO'));
    const names = find(result, 'name.compared');
    expect(names.params).toEqual({ aName: 'Олександр Петренко', bName: 'Oleksandr PETRENKO' });
    expect(names.detail?.parts?.map((p) => [p.a, p.b, p.transliterated])).toEqual([
      ['Олександр', 'Oleksandr', true],
      ['Петренко', 'PETRENKO', true],
    ]);
    expect(names.text).toMatch(/^"Олександр Петренко" and "Oleksandr PETRENKO": name parts agree: /);
  });

  it('name an abbreviation, a missing name and a person compared with a company', () => {
    expect(find(score(company('Atlantic Maritime Services Corporation'), company('AMSC')), 'name.abbreviation').params).toEqual({
      aName: 'Atlantic Maritime Services Corporation',
      bName: 'AMSC',
    });
    expect(find(scoreEntities({ schema: 'Person', names: [] }, person('Ivan Petrov')), 'name.missing').params).toEqual({});
    const clash = find(score(company('Harrowgate Freight Ltd'), person('Harrowgate Freight')), 'schema.mismatch');
    expect(clash).toMatchObject({ params: { a: 'Company', b: 'Person' }, text: 'One is a Company, the other a Person', effect: 'against' });
  });

  it('give identifiers with their kind, equal or conflicting', () => {
    const account = (iban: string): MatchEntity => ({ schema: 'BankAccount', names: ['Okafor current account'], identifiers: [{ kind: 'iban', value: iban }] });
    expect(find(scoreEntities(account('GB33 BUKB 2020 1555 5555 55'), account('gb33bukb20201555555555')), 'identifier.same').params).toEqual({
      identifierKind: 'iban',
      value: 'GB33BUKB20201555555555',
    });
    const a: MatchEntity = { schema: 'Company', names: ['Harrowgate Freight Ltd'], identifiers: [{ kind: 'registration', value: '04512873' }] };
    const b: MatchEntity = { ...a, identifiers: [{ kind: 'registration', value: '09981231' }] };
    expect(find(scoreEntities(a, b), 'identifier.different')).toMatchObject({
      params: { identifierKind: 'registration', a: '04512873', b: '09981231' },
      text: 'Different registration numbers: 04512873 and 09981231',
    });
  });

  it('give both birth dates as ISO dates, as precise as each is known', () => {
    const pair = (a: string, b: string) => score(person('Ivan Petrov', a), person('Ivan Petrov', b));
    expect(find(pair('1961-04-02', '1961-04-02'), 'birthDate.sameDay').params).toEqual({ a: '1961-04-02', b: '1961-04-02' });
    expect(find(pair('1961-04', '1961-04-02'), 'birthDate.sameMonth').params).toEqual({ a: '1961-04', b: '1961-04-02' });
    expect(find(pair('1961', '1961-04-02'), 'birthDate.sameYear').params).toEqual({ a: '1961', b: '1961-04-02' });
    expect(find(pair('1961-04-02', '1961-02-04'), 'birthDate.swapped').params).toEqual({ a: '1961-04-02', b: '1961-02-04' });
    expect(find(pair('1961-04-02', '1975-11-30'), 'birthDate.different').params).toEqual({ a: '1961-04-02', b: '1975-11-30' });
    // A woman known under her married name: same full date of birth, one shared name part.
    expect(find(score(person('Amina Bello', '1980-05-17'), person('Amina Okafor', '1980-05-17')), 'birthDate.possibleAlias').params).toEqual({});
  });

  it('give countries as ISO codes: shared, or apart for a person and for a company', () => {
    expect(find(score(person('Ivan Petrov', undefined, ['RU', 'CY']), person('Ivan Petrov', undefined, ['CY'])), 'country.shared').params).toEqual({ countries: ['CY'] });
    expect(find(score(person('Ivan Petrov', undefined, ['RU']), person('Ivan Petrov', undefined, ['CY'])), 'country.personApart').params).toEqual({ a: ['RU'], b: ['CY'] });
    expect(find(score(company('Harrowgate Freight Ltd', ['GB']), company('Harrowgate Freight Ltd', ['MT'])), 'country.companyApart').params).toEqual({ a: ['GB'], b: ['MT'] });
  });

  it('give legal forms as read, for each way two forms compare', () => {
    expect(find(score(company('Harrowgate Freight Limited'), company('Harrowgate Freight Ltd.')), 'legalForm.same').params).toEqual({ a: 'Limited', b: 'Ltd' });
    expect(find(score(company('Brenner Anlagenbau AG'), company('Brenner Anlagenbau Oy')), 'legalForm.otherJurisdiction').params).toEqual({ a: 'AG', b: 'Oy' });
    expect(find(score(company('Qorvath Minerals Plc'), company('Qorvath Minerals LLP')), 'legalForm.otherKind').params).toEqual({ a: 'Plc', b: 'LLP' });
    expect(find(score(company('Inversiones Cordillera S.A.'), company('Inversiones Cordillera Ltda')), 'legalForm.close').params).toEqual({ a: 'S.A.', b: 'Ltda' });
    expect(find(score(company('Harrowgate Freight Co'), company('Harrowgate Freight Ltd')), 'legalForm.compatible').params).toEqual({ a: 'Co', b: 'Ltd' });
  });

  it('are on every piece of evidence the matcher gives', () => {
    const pairs: [MatchEntity, MatchEntity][] = [
      [person('Mohammed bin Salman', '1985-08-31', ['SA']), person('محمد بن سلمان', '1985-08-31', ['SA'])],
      [company('大韩电子 주식회사'), company('Daehan Electronics Co., Ltd.', ['KR'])],
      [person('J. Smith', '1970'), person('John Smith', '1971')],
    ];
    for (const [a, b] of pairs) {
      for (const evidence of scoreEntities(a, b).explanation) {
        expect(EVIDENCE_CODES).toContain(evidence.code);
        expect(evidence.params).toBeTypeOf('object');
      }
    }
  });
});
