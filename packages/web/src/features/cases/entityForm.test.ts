import { describe, expect, it } from 'vitest';
import { checkValues, formProperties, rangeOptions, serverErrors } from './entityForm';
import { entity } from './testEntities';

const person = entity('p1', 'Person', { name: ['Ivan Petrov'] });
const company = entity('c1', 'Company', { name: ['Meridian Holdings'] });
const account = entity('a1', 'BankAccount', { iban: ['CH9300762011623852957'] });

describe('entity forms', () => {
  it('puts featured, required and key properties first', () => {
    const { main, more } = formProperties('BankAccount');
    expect(main.map((p) => p.name).slice(0, 3)).toEqual(['accountNumber', 'bankName', 'iban']);
    expect(more.some((p) => p.name === 'iban')).toBe(false);
    expect(more.length).toBeGreaterThan(10);
    const ownership = formProperties('Ownership').main.map((p) => p.name);
    expect(ownership.slice(0, 2)).toEqual(['owner', 'asset']);
  });

  it('offers for a reference only the entities of its range', () => {
    const owner = formProperties('Ownership').main.find((p) => p.name === 'owner')!;
    const asset = formProperties('Ownership').main.find((p) => p.name === 'asset')!;
    expect(rangeOptions([person, company, account], owner).map((e) => e.ftmId)).toEqual(['p1', 'c1']);
    expect(rangeOptions([person, company, account], asset).map((e) => e.ftmId)).toEqual(['c1', 'a1']);
  });

  it('normalises good values, keeps several per property and skips empty inputs', () => {
    const checked = checkValues('Person', { name: ['Иван  Петров', 'Ivan Petrov', ''], nationality: ['RU'], birthDate: ['1970-05'] }, [], true);
    expect(checked.ok).toBe(true);
    expect(checked.properties).toEqual({ name: ['Иван Петров', 'Ivan Petrov'], nationality: ['ru'], birthDate: ['1970-05'] });
  });

  it('reports each bad input by its index, and a missing required property', () => {
    const checked = checkValues('BankAccount', { iban: ['CH93 0076 2011 6238 5295 8'], country: ['zz'], balanceDate: ['2024-13-01'] }, [], true);
    expect(checked.ok).toBe(false);
    expect(checked.errors).toEqual({ iban: { values: { 0: 'invalid_iban' } }, country: { values: { 0: 'invalid_country' } }, balanceDate: { values: { 0: 'invalid_date' } } });
    expect(checkValues('Person', { nationality: ['fr'] }, [], true).errors).toEqual({ name: { reason: 'required' } });
    // Adding values to an existing entity needs only what is given.
    expect(checkValues('Person', { nationality: ['fr'] }, [], false).ok).toBe(true);
  });

  it('checks references against the case’s entities', () => {
    expect(checkValues('Ownership', { owner: ['p1'], asset: ['a1'] }, [person, account], true).ok).toBe(true);
    expect(checkValues('Ownership', { owner: ['a1'], asset: ['zz'] }, [person, account], true).errors).toEqual({
      owner: { values: { 0: 'wrong_range' } },
      asset: { values: { 0: 'unknown_entity' } },
    });
  });

  it('reads the server’s field errors', () => {
    expect(serverErrors({ iban: 'invalid_iban', reach: 'not_participant' })).toEqual({ iban: { reason: 'invalid_iban' }, reach: { reason: 'not_participant' } });
    expect(serverErrors(undefined)).toEqual({});
  });
});
