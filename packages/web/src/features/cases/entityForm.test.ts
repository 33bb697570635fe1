import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { CASE_SCHEMATA, EDGE_SCHEMATA, propertyOf, UI_LANGUAGES } from '@focal/shared';
import en from '../../i18n/en.json';
import fr from '../../i18n/fr.json';
import es from '../../i18n/es.json';
import ar from '../../i18n/ar.json';
import { checkValues, formProperties, labelOf, propertyLabel, rangeOptions, serverErrors, translatedProperties } from './entityForm';
import { entity } from './testEntities';

const catalogues = { en, fr, es, ar } as const;
const translator = (lang: keyof typeof catalogues) => {
  const instance = i18next.createInstance();
  void instance.init({ resources: { en: { translation: en }, [lang]: { translation: catalogues[lang] } }, lng: lang, fallbackLng: 'en', interpolation: { escapeValue: false }, initAsync: false });
  return instance.t.bind(instance) as (key: string, options?: Record<string, unknown>) => string;
};

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

describe('the model’s words in the reader’s language', () => {
  it('has every schema and relation of a case in each language', () => {
    for (const lang of UI_LANGUAGES) {
      const cases = (catalogues[lang] as { cases: { schema: Record<string, string>; graph: { edge: Record<string, string> } } }).cases;
      for (const schema of CASE_SCHEMATA) expect(cases.schema[schema], `${lang} ${schema}`).toBeTruthy();
      for (const schema of EDGE_SCHEMATA) expect(cases.graph.edge[schema], `${lang} ${schema}`).toBeTruthy();
    }
  });

  it('translates the labels of the properties forms show first, in each language', () => {
    const names = translatedProperties();
    expect(names).toEqual(expect.arrayContaining(['name', 'birthDate', 'iban', 'owner', 'asset', 'payer', 'beneficiaryAccount']));
    for (const lang of UI_LANGUAGES) {
      const props = (catalogues[lang] as { cases: { props: Record<string, string> } }).cases.props;
      expect(names.filter((name) => !props[name]), lang).toEqual([]);
    }
    const t = translator('fr');
    expect(propertyLabel(t, 'Person', 'birthDate')).toBe('Date de naissance');
    expect(propertyLabel(t, 'Ownership', 'owner')).toBe('Propriétaire');
    expect(propertyLabel(translator('es'), 'BankAccount', 'accountNumber')).toBe('Número de cuenta');
    expect(propertyLabel(translator('ar'), 'Payment', 'payer')).toBe('الدافع');
    expect(labelOf(translator('ar'), formProperties('BankAccount').main.find((p) => p.name === 'iban')!)).toContain('IBAN');
  });

  it('keeps the model’s English label for the properties only the longer list shows', () => {
    const rare = formProperties('BankAccount').more.find((p) => !translatedProperties().includes(p.name))!;
    expect(propertyLabel(translator('fr'), 'BankAccount', rare.name)).toBe(propertyOf('BankAccount', rare.name)!.label);
    expect(propertyLabel(translator('fr'), 'BankAccount', 'noSuchProperty')).toBe('noSuchProperty');
  });
});
