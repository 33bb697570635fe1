import { describe, expect, it } from 'vitest';
import { isAbbreviationOf } from './acronym.js';
import { bestAssignment } from './align.js';
import { parseCompanyName } from './company-name.js';
import { jaroWinkler } from './jaro-winkler.js';
import { chineseKey, consonantSkeleton, koreanKey, looseKey } from './keys.js';
import { PairsFileError, parsePairsTsv } from './pairs-tsv.js';
import { parsePersonName } from './person-name.js';

describe('Jaro-Winkler', () => {
  it('gives the textbook values', () => {
    expect(jaroWinkler('martha', 'marhta')).toBeCloseTo(0.961, 3);
    expect(jaroWinkler('dwayne', 'duane')).toBeCloseTo(0.84, 2);
    expect(jaroWinkler('abc', 'abc')).toBe(1);
    expect(jaroWinkler('abc', 'xyz')).toBe(0);
  });
});

describe('best assignment', () => {
  it('finds the order-free pairing with the highest total', () => {
    expect(bestAssignment([[0.9, 0.8], [0.85, 0.1]], 0.5)).toEqual([[0, 1], [1, 0]]);
  });

  it('leaves parts below the minimum unaligned', () => {
    expect(bestAssignment([[0.3, 0.95]], 0.5)).toEqual([[0, 1]]);
    expect(bestAssignment([[0.3]], 0.5)).toEqual([]);
  });

  it('handles more columns than rows and empty lists', () => {
    expect(bestAssignment([[0.1, 0.2, 0.9]], 0.5)).toEqual([[0, 2]]);
    expect(bestAssignment([], 0.5)).toEqual([]);
  });
});

describe('keys', () => {
  it('fold transliteration conventions', () => {
    expect(looseKey('makhlouf')).toBe(looseKey('makhluf'));
    expect(looseKey('timtschenko')).toBe(looseKey('timchenko'));
    expect(looseKey('aliyev')).toBe(looseKey('alijew'));
  });

  it('keep the consonants of a name in classes', () => {
    expect(consonantSkeleton('makhlouf')).toBe('MKLF');
    expect(consonantSkeleton('gaddafi')).toBe(consonantSkeleton('qadhafi'));
  });

  it('reconcile Korean and Chinese romanisations', () => {
    expect(koreanKey('myungbak')).toBe(koreanKey('myeongbak'));
    expect(koreanKey('soonsil')).toBe(koreanKey('sunsil'));
    expect(chineseKey('changhsing')).toBe(chineseKey('changxing'));
    expect(chineseKey('chihchung')).toBe(chineseKey('zhizhong'));
  });
});

describe('name parsing', () => {
  it('drops titles and particles and marks initials and patronymics', () => {
    const [tokens] = parsePersonName('H.E. Dr. Pavel S. Andreyevich Volkov Jr.').variants;
    expect(tokens?.map((token) => [token.latin, token.role])).toEqual([
      ['pavel', 'name'],
      ['s', 'initial'],
      ['andreyevich', 'patronymic'],
      ['volkov', 'name'],
    ]);
  });

  it('reads a company name as distinguishing words, legal forms and abbreviation words', () => {
    const parsed = parseCompanyName('Banco Comercial del Litoral S.A.');
    expect(parsed.variants[0]?.map((token) => token.latin)).toEqual(['bank', 'comercial', 'litoral']);
    expect(parsed.legalForms.map((hit) => hit.form.code)).toEqual(['SA']);
    expect(parsed.acronymWords.map((word) => word.text)).toEqual(['bank', 'comercial', 'del', 'litoral', 'sa']);
  });

  it('reads a glued Nordic legal form', () => {
    expect(parseCompanyName('Telefonaktiebolaget Nordvik').legalForms[0]?.form.code).toBe('AB');
  });
});

describe('abbreviations', () => {
  const words = (name: string) => parseCompanyName(name).acronymWords;

  it('accepts initials and syllables of consecutive words', () => {
    expect(isAbbreviationOf('amsc', words('Atlantic Maritime Services Corporation'))).toBe(true);
    expect(isAbbreviationOf('tecnibras', words('Tecnologia Industrial Brasileira'))).toBe(true);
    expect(isAbbreviationOf('sgc', words('Southern Grain Company of Kenya Limited'))).toBe(true);
  });

  it('rejects an abbreviation that skips a distinguishing word', () => {
    expect(isAbbreviationOf('ams', words('Atlantic Maritime Logistics Services'))).toBe(false);
    expect(isAbbreviationOf('severgaz', words('Severgaz Trading'))).toBe(false);
  });
});

describe('pair files', () => {
  const header = 'id\tschema\ta_name\ta_birth_date\ta_country\tb_name\tb_birth_date\tb_country';

  it('reads pairs and optional labels', () => {
    const [pair] = parsePairsTsv(`${header}\tlabel\tkind\nq1\tPerson\tA B\t1961\tKZ, RU\tC D\t\t\t1\ttypo\n`);
    expect(pair).toMatchObject({ id: 'q1', line: 2, label: 1, kind: 'typo', a: { names: ['A B'], birthDate: '1961', countries: ['KZ', 'RU'] }, b: { birthDate: undefined } });
  });

  it('names the line of a problem', () => {
    expect(() => parsePairsTsv(`${header}\n\nq1\tPerson\tA\t\t\tB\t\t\n`)).not.toThrow();
    expect(() => parsePairsTsv(`${header}\nq1\tPerson\tA\t\t\tB\t\t\nq1\tPerson\tA\t\t\tB\t\t\n`)).toThrow(/line 3: the id q1 appears twice/);
    expect(() => parsePairsTsv(`${header}\nq1\tPerson\tA\t1999-02-31\t\tB\t\t\n`)).toThrow(PairsFileError);
  });
});
