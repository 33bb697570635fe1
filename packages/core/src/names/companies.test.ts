import { describe, expect, it } from 'vitest';
import { company, score, why } from './test-helpers.js';

const SAME_COMPANY: [kind: string, a: string, b: string][] = [
  ['Ltd / Limited', 'Harrowgate Freight Limited', 'Harrowgate Freight Ltd.'],
  ['S.A. / SA', 'Inversiones Cordillera S.A.', 'Inversiones Cordillera SA'],
  ['S.A.R.L. / SARL', 'Sahel Négoce S.A.R.L.', 'Sahel Negoce SARL'],
  ['B.V. / BV', 'Veldkamp Trading B.V.', 'Veldkamp Trading BV'],
  ['GmbH', 'Brenner Anlagenbau GmbH', 'BRENNER ANLAGENBAU GMBH'],
  ['legal form on one side only', 'Qorvath Minerals Plc', 'Qorvath Minerals'],
  ['Pte Ltd / Private Limited', 'Lionsgate Maritime Pte Ltd', 'Lionsgate Maritime Private Limited'],
  ['Sdn Bhd', 'Permata Sawit Sdn. Bhd.', 'Permata Sawit Sdn Bhd'],
  ['Cyrillic legal form', 'ООО «Терра Капитал»', 'Terra Kapital LLC'],
  ['Cyrillic, PJSC', 'ПАО «Северсталь»', 'PJSC Severstal'],
  ['spelled-out legal form', 'Cantieri Adriatici Società per Azioni', 'Cantieri Adriatici S.p.A.'],
  ['Greek', 'Αιγαίον Ναυτιλιακή Α.Ε.', 'Aigaion Naftiliaki S.A.'],
  ['Chinese with translated words', '华晨国际控股有限公司', 'Huachen International Holding Limited'],
  ['Greek with translated words', 'Ελληνική Ναυτιλιακή Τράπεζα', 'Hellenic Shipping Bank'],
  ['Korean with translated words', '대한전자 주식회사', 'Daehan Electronics Co., Ltd.'],
  ['weak word missing', 'Mabrook Holdings Limited', 'Mabrook Limited'],
  ['article', 'The Harrowgate Freight Company', 'Harrowgate Freight Co'],
  ['aliases in one name', 'KESTREL - Kestrel Exploration and Mining Company', 'Kestrel'],
  ['acronym', 'Atlantic Maritime Services Corporation', 'AMSC'],
  ['acronym skipping legal words', 'Banco Comercial del Litoral S.A.', 'BCL'],
  ['syllable abbreviation', 'Tecnologia Industrial Brasileira', 'Tecnibras'],
];

describe('one company written differently', () => {
  it.each(SAME_COMPANY)('%s: "%s" = "%s"', (_kind, a, b) => {
    const result = score(company(a), company(b));
    expect(result.match, why(result)).toBe(true);
  });
});

describe('similar companies are different companies', () => {
  it('an extra distinguishing word', () => {
    for (const [a, b] of [
      ['Vostok Neft', 'Vostok Neft Trading'],
      ['Harrowgate Freight Limited', 'Harrowgate Freight Logistics Limited'],
      ['Qorvath Minerals', 'Qorvath Minerals International'],
      ['Inversiones Cordillera S.A.', 'Inversiones Cordillera Norte S.A.'],
    ]) {
      const result = score(company(a as string), company(b as string));
      expect(result.match, `${a} / ${b}\n${why(result)}`).toBe(false);
    }
  });

  it('a different distinguishing word', () => {
    expect(score(company('Danube Shipping Holdings Ltd'), company('Danube Logistics Holdings Ltd')).match).toBe(false);
  });

  it('a name that only starts like the other', () => {
    expect(score(company('Severgaz'), company('Severgazbank')).match).toBe(false);
  });

  it('the same name registered in two countries', () => {
    const result = score(company('Harrowgate Freight Ltd', ['GB']), company('Harrowgate Freight Ltd', ['MT']));
    expect(result.match).toBe(false);
    expect(why(result)).toContain('Registered in different countries: GB and MT');
  });

  it('the same name under legal forms of two jurisdictions', () => {
    const result = score(company('Brenner Anlagenbau AG'), company('Brenner Anlagenbau Oy'));
    expect(result.match, why(result)).toBe(false);
    expect(why(result)).toContain('Legal forms of different countries');
  });

  it('a company and a partnership of the same name', () => {
    const result = score(company('Qorvath Minerals Plc'), company('Qorvath Minerals LLP'));
    expect(result.match, why(result)).toBe(false);
  });

  it('a different legal form is weak evidence only', () => {
    const same = score(company('Inversiones Cordillera S.A.'), company('Inversiones Cordillera S.A.'));
    const close = score(company('Inversiones Cordillera S.A.'), company('Inversiones Cordillera Ltda'));
    expect(close.score).toBeLessThan(same.score);
    expect(close.match, why(close)).toBe(true);
  });

  it('an abbreviation that leaves out a distinguishing word', () => {
    expect(score(company('Atlantic Maritime Services Corporation'), company('AMS')).match).toBe(true);
    expect(score(company('Atlantic Maritime Services Corporation'), company('AMX')).match).toBe(false);
  });

  it('a company is not a person', () => {
    expect(score(company('Harrowgate Freight Ltd'), { schema: 'Person', names: ['Harrowgate Freight'] }).match).toBe(false);
  });
});
