import { describe, expect, it } from 'vitest';
import {
  ASSET_SCHEMATA,
  CASE_SCHEMATA,
  EDGE_SCHEMATA,
  editableProperties,
  entityCaption,
  entityErrorMessage,
  isA,
  isAssetSchema,
  isEdgeSchema,
  parseFtmLine,
  propertyOf,
  schemaOf,
  toFtmLine,
  validateEntity,
  validateValue,
  type FtmEntity,
  type TFtmType,
} from './ftm.js';

function valid(type: TFtmType, raw: string, options = {}) {
  const result = validateValue(type, raw, options);
  if (!result.ok) throw new Error(`${type} ${JSON.stringify(raw)}: ${result.reason}`);
  return result.value;
}
function reason(type: TFtmType, raw: string, options = {}) {
  const result = validateValue(type, raw, options);
  return result.ok ? `ok: ${result.value}` : result.reason;
}

describe('schemata', () => {
  it('lists every case schema, edges and assets among them', () => {
    expect(CASE_SCHEMATA).toHaveLength(17);
    for (const name of [...EDGE_SCHEMATA, ...ASSET_SCHEMATA]) expect(CASE_SCHEMATA).toContain(name);
    for (const name of CASE_SCHEMATA) expect(schemaOf(name), name).toBeDefined();
    expect(isEdgeSchema('Ownership')).toBe(true);
    expect(isEdgeSchema('Person')).toBe(false);
    expect(isAssetSchema('Company')).toBe(true);
    expect(isAssetSchema('Organization')).toBe(false);
    // Every schema the model marks as an edge is one of ours, and the other way round.
    for (const name of CASE_SCHEMATA) expect(schemaOf(name)?.edge !== undefined, name).toBe(isEdgeSchema(name));
  });

  it('walks inheritance for ancestry', () => {
    expect(isA('Person', 'LegalEntity')).toBe(true);
    expect(isA('Company', 'Asset')).toBe(true);
    expect(isA('Company', 'Organization')).toBe(true);
    expect(isA('Vessel', 'Vehicle')).toBe(true);
    expect(isA('Person', 'Person')).toBe(true);
    expect(isA('BankAccount', 'LegalEntity')).toBe(false);
    expect(isA('Nothing', 'Thing')).toBe(false);
  });

  it('describes a schema with inherited properties, featured first then by label', () => {
    const person = schemaOf('Person');
    expect(person).toMatchObject({ name: 'Person', label: 'Person', plural: 'People', required: ['name'], abstract: false });
    expect(person?.featured).toEqual(['name', 'nationality', 'birthDate']);
    const names = person?.properties.map((p) => p.name) ?? [];
    expect(names.slice(0, 3)).toEqual(['name', 'nationality', 'birthDate']);
    // Inherited from Thing and LegalEntity.
    expect(names).toContain('country');
    expect(names).toContain('registrationNumber');
    const rest = person?.properties.slice(3).map((p) => p.label) ?? [];
    expect(rest).toEqual([...rest].sort((a, b) => a.localeCompare(b, 'en')));
    expect(propertyOf('Person', 'birthDate')).toMatchObject({ type: 'date', label: 'Birth date', maxLength: 32 });
    expect(propertyOf('Person', 'nope')).toBeUndefined();
    expect(schemaOf('Nope')).toBeUndefined();
  });

  it('describes edges', () => {
    expect(schemaOf('Ownership')?.edge).toEqual({ source: 'owner', target: 'asset', label: 'owns', directed: true });
    expect(schemaOf('Family')?.edge?.directed).toBe(false);
    expect(propertyOf('Ownership', 'owner')).toMatchObject({ type: 'entity', range: 'LegalEntity' });
    expect(propertyOf('Ownership', 'asset')).toMatchObject({ type: 'entity', range: 'Asset' });
  });

  it('offers forms only the properties a person should edit', () => {
    const person = editableProperties('Person').map((p) => p.name);
    expect(person.slice(0, 3)).toEqual(['name', 'nationality', 'birthDate']);
    expect(person).not.toContain('indexText'); // hidden
    expect(person).not.toContain('ownershipOwner'); // stub: the reverse of Ownership:owner
    expect(person).not.toContain('proof'); // refers to documents, which cases do not hold
    expect(person).not.toContain('parent'); // deprecated
    expect(editableProperties('Vehicle').map((p) => p.name)).not.toContain('owner'); // deprecated, use Ownership
    expect(editableProperties('Payment').map((p) => p.name)).toEqual(
      expect.arrayContaining(['payer', 'beneficiary', 'payerAccount', 'amount']),
    );
    expect(editableProperties('Nope')).toEqual([]);
  });
});

describe('validateValue', () => {
  it('dates: prefixes, real calendar days, leap years', () => {
    expect(valid('date', '1970')).toBe('1970');
    expect(valid('date', '1970-02')).toBe('1970-02');
    expect(valid('date', ' 1970-01-02 ')).toBe('1970-01-02');
    expect(valid('date', '2024-02-29')).toBe('2024-02-29');
    expect(valid('date', '2000-02-29')).toBe('2000-02-29');
    expect(reason('date', '2023-02-29')).toBe('invalid_date');
    expect(reason('date', '1900-02-29')).toBe('invalid_date');
    expect(reason('date', '2023-02-30')).toBe('invalid_date');
    expect(reason('date', '2023-04-31')).toBe('invalid_date');
    expect(reason('date', '2023-13')).toBe('invalid_date');
    expect(reason('date', '2023-00-10')).toBe('invalid_date');
    expect(reason('date', '0000')).toBe('invalid_date');
    expect(reason('date', '23-01-01')).toBe('invalid_date');
    expect(reason('date', '01/02/1970')).toBe('invalid_date');
    expect(reason('date', '2021-W07')).toBe('invalid_date');
  });

  it('datetimes: stored in UTC without a zone, at the given precision', () => {
    expect(valid('date', '2021-02-16T21')).toBe('2021-02-16T21');
    expect(valid('date', '2021-02-16T21:48')).toBe('2021-02-16T21:48');
    expect(valid('date', '2021-02-16T21:48:52')).toBe('2021-02-16T21:48:52');
    expect(valid('date', '2021-02-16T21:48:52Z')).toBe('2021-02-16T21:48:52');
    expect(valid('date', '2021-02-16T21:48:52.123Z')).toBe('2021-02-16T21:48:52');
    expect(valid('date', '2021-02-16T01:30+02:00')).toBe('2021-02-15T23:30');
    expect(valid('date', '2020-12-31T23:00-05:30')).toBe('2021-01-01T04:30');
    expect(reason('date', '2021-02-16T24:00')).toBe('invalid_date');
    expect(reason('date', '2021-02-16T21:60')).toBe('invalid_date');
    expect(reason('date', '2021-02-16T21:48:60')).toBe('invalid_date');
    expect(reason('date', '2021-02-16T21:48+15:00')).toBe('invalid_date');
    expect(reason('date', '2021-02-16 21:48')).toBe('invalid_date');
  });

  it('countries: ISO codes, any case, stored in lower case', () => {
    expect(valid('country', 'CH')).toBe('ch');
    expect(valid('country', 'fr')).toBe('fr');
    expect(valid('country', 'eu')).toBe('eu');
    expect(valid('country', 'XK')).toBe('xk');
    expect(reason('country', 'xx')).toBe('invalid_country');
    expect(reason('country', 'fra')).toBe('invalid_country');
    expect(reason('country', 'France')).toBe('invalid_country');
  });

  it('IBANs: length per country and the mod-97 checksum', () => {
    expect(valid('iban', 'DE89 3704 0044 0532 0130 00')).toBe('DE89370400440532013000');
    expect(valid('iban', 'GB82 WEST 1234 5698 7654 32')).toBe('GB82WEST12345698765432');
    expect(valid('iban', 'CH93 0076 2011 6238 5295 7')).toBe('CH9300762011623852957');
    expect(valid('iban', 'gb82west12345698765432')).toBe('GB82WEST12345698765432');
    expect(valid('iban', 'NO9386011117947')).toBe('NO9386011117947');
    expect(reason('iban', 'DE88 3704 0044 0532 0130 00')).toBe('invalid_iban'); // checksum
    expect(reason('iban', 'GB82 WEST 1234 5698 7654 33')).toBe('invalid_iban'); // checksum
    expect(reason('iban', 'DE89 3704 0044 0532 0130 0')).toBe('invalid_iban'); // one digit short
    expect(reason('iban', 'CH93 0076 2011 6238 5295 70')).toBe('invalid_iban'); // one digit long
    expect(reason('iban', '3704 0044 0532 0130 00')).toBe('invalid_iban');
    expect(reason('iban', 'DE89-3704-0044-0532-0130-00')).toBe('invalid_iban');
  });

  it('IBANs of countries outside the table: 15 to 34 characters', () => {
    // Check digits computed for an arbitrary body under a code missing from the table.
    const body = '12345678901234';
    const numeric = (s: string) => [...s].map((c) => (c >= 'A' ? String(c.charCodeAt(0) - 55) : c)).join('');
    const check = 98 - Number(BigInt(numeric(`${body}ZZ00`)) % 97n);
    const iban = `ZZ${String(check).padStart(2, '0')}${body}`;
    expect(iban).toHaveLength(18);
    expect(valid('iban', iban)).toBe(iban);
    expect(reason('iban', 'ZZ00123')).toBe('invalid_iban');
  });

  it('emails', () => {
    expect(valid('email', ' Someone@Example.COM ')).toBe('Someone@example.com');
    expect(valid('email', 'a.b+tag@sub.example.org')).toBe('a.b+tag@sub.example.org');
    expect(reason('email', 'someone@example')).toBe('invalid_email');
    expect(reason('email', 'some one@example.com')).toBe('invalid_email');
    expect(reason('email', 'a@b@example.com')).toBe('invalid_email');
    expect(reason('email', '@example.com')).toBe('invalid_email');
    expect(reason('email', 'someone@example..com')).toBe('invalid_email');
  });

  it('URLs: http(s) with a host only', () => {
    expect(valid('url', 'https://example.com/a?b=c#d')).toBe('https://example.com/a?b=c#d');
    expect(valid('url', 'http://example.org')).toBe('http://example.org');
    expect(reason('url', 'javascript:alert(1)')).toBe('invalid_url');
    expect(reason('url', 'data:text/html,<b>x</b>')).toBe('invalid_url');
    expect(reason('url', 'ftp://example.com/file')).toBe('invalid_url');
    expect(reason('url', 'example.com')).toBe('invalid_url');
    expect(reason('url', 'https://exa mple.com')).toBe('invalid_url');
    expect(reason('url', 'https://')).toBe('invalid_url');
  });

  it('numbers: a dot for decimals, no thousands separators', () => {
    for (const n of ['0', '42', '-3.5', '+7', '.5', '1e6', '2.5E-3']) expect(valid('number', n)).toBe(n);
    for (const n of ['1,000', '1 000', '1.000,5', '12abc', '1.', 'e5', '--1', 'NaN']) expect(reason('number', n), n).toBe('invalid_number');
  });

  it('free text types: trimmed, non-empty, within the maximum length', () => {
    expect(valid('string', '  hello  ')).toBe('hello');
    expect(valid('name', ' Ivan   Petrov ')).toBe('Ivan Petrov');
    expect(valid('address', 'Rue du Rhône 1,\n1204 Genève')).toBe('Rue du Rhône 1, 1204 Genève');
    expect(valid('text', 'line one\nline two')).toBe('line one\nline two');
    expect(valid('identifier', 'CHE-123.456.789')).toBe('CHE-123.456.789');
    expect(valid('phone', '+41 22 123 45 67')).toBe('+41 22 123 45 67');
    for (const type of ['string', 'name', 'text', 'address', 'identifier', 'phone'] as const) {
      expect(reason(type, '   ')).toBe('empty');
    }
    expect(reason('string', 'x'.repeat(1025))).toBe('too_long');
    expect(valid('string', 'x'.repeat(1024))).toHaveLength(1024);
    expect(valid('text', 'x'.repeat(65000))).toHaveLength(65000);
    expect(reason('text', 'x'.repeat(65001))).toBe('too_long');
    expect(reason('identifier', 'abcdef', { maxLength: 5 })).toBe('too_long');
    // Characters, not UTF-16 units: these five emoji are ten units.
    expect(valid('string', '😀😀😀😀😀', { maxLength: 5 })).toBe('😀😀😀😀😀');
    expect(reason('string', 'a\u0000b')).toBe('invalid_characters');
    expect(reason('string', 42 as unknown as string)).toBe('not_a_string');
  });

  it('controlled vocabularies and codes', () => {
    expect(valid('checksum', 'DA39A3EE5E6B4B0D3255BFEF95601890AFD80709')).toBe('da39a3ee5e6b4b0d3255bfef95601890afd80709');
    expect(reason('checksum', 'xyz')).toBe('invalid_checksum');
    expect(reason('checksum', 'a'.repeat(41))).toBe('too_long');
    expect(valid('gender', 'Female')).toBe('female');
    expect(valid('gender', 'other')).toBe('other');
    expect(reason('gender', 'f')).toBe('invalid_gender');
    expect(valid('language', 'ENG')).toBe('eng');
    expect(valid('language', 'fr')).toBe('fr');
    expect(reason('language', 'english')).toBe('invalid_language');
    expect(reason('language', 'e1')).toBe('invalid_language');
    expect(valid('mimetype', 'Application/PDF')).toBe('application/pdf');
    expect(reason('mimetype', 'text/plain; charset=utf-8')).toBe('invalid_mimetype');
    expect(reason('mimetype', 'pdf')).toBe('invalid_mimetype');
    expect(valid('topic', 'sanction')).toBe('sanction');
    expect(valid('topic', 'crime.fin')).toBe('crime.fin');
    expect(reason('topic', 'villain')).toBe('invalid_topic');
    expect(valid('ip', '192.168.1.143')).toBe('192.168.1.143');
    expect(valid('ip', '0:0:0:0:0:FFFF:C0A8:18F')).toBe('::ffff:c0a8:18f');
    expect(reason('ip', '256.1.1.1')).toBe('invalid_ip');
    expect(reason('ip', 'example.com')).toBe('invalid_ip');
    expect(valid('json', '{"a": 1}')).toBe('{"a": 1}');
    expect(reason('json', '{a}')).toBe('invalid_json');
  });

  it('entity references: an id, and with a lookup an existing entity of the range', () => {
    const known = (id: string) => ({ p1: 'Person', acc: 'BankAccount' })[id];
    expect(valid('entity', 'p1')).toBe('p1');
    expect(valid('entity', 'NK-abc.123:x_y')).toBe('NK-abc.123:x_y');
    expect(reason('entity', 'has space')).toBe('invalid_id');
    expect(reason('entity', 'x'.repeat(201))).toBe('invalid_id');
    expect(valid('entity', 'p1', { range: 'LegalEntity', knownEntitySchemata: known })).toBe('p1');
    expect(reason('entity', 'acc', { range: 'LegalEntity', knownEntitySchemata: known })).toBe('wrong_range');
    expect(reason('entity', 'ghost', { range: 'LegalEntity', knownEntitySchemata: known })).toBe('unknown_entity');
  });
});

describe('validateEntity', () => {
  const person: FtmEntity = {
    id: 'person-1',
    schema: 'Person',
    properties: { name: ['Иван Петров', 'Ivan Petrov'], birthDate: ['1970-01-02'], nationality: ['ru'] },
  };
  const company: FtmEntity = { id: 'company-1', schema: 'Company', properties: { name: ['Acme Holdings SA'], jurisdiction: ['ch'] } };
  const account: FtmEntity = { id: 'account-1', schema: 'BankAccount', properties: { iban: ['CH9300762011623852957'] } };
  const entities = new Map([person, company, account].map((e) => [e.id, e.schema]));
  const knownEntitySchemata = (id: string) => entities.get(id);

  it('accepts a person with a Cyrillic and a Latin name', () => {
    expect(validateEntity(person)).toEqual({ ok: true, entity: person });
  });

  it('normalises values, wraps single strings, drops empty values and duplicates', () => {
    const result = validateEntity({
      id: 'p2',
      schema: 'Person',
      properties: { name: ' Jane  Doe ', country: ['CH', 'ch', ''], email: ['Jane@Example.com'] },
      caption: 'Jane Doe',
      datasets: ['x'],
    });
    expect(result).toEqual({
      ok: true,
      entity: { id: 'p2', schema: 'Person', properties: { name: ['Jane Doe'], country: ['ch'], email: ['Jane@example.com'] } },
    });
  });

  it('checks the range of entity references', () => {
    const ownership = { id: 'own-1', schema: 'Ownership', properties: { owner: ['person-1'], asset: ['company-1'], percentage: ['50'] } };
    expect(validateEntity(ownership, { knownEntitySchemata }).ok).toBe(true);
    const wrong = { id: 'own-2', schema: 'Ownership', properties: { owner: ['account-1'], asset: ['company-1'] } };
    expect(validateEntity(wrong, { knownEntitySchemata })).toEqual({
      ok: false,
      errors: [{ property: 'owner', reason: 'wrong_range', value: 'account-1' }],
    });
    const dangling = { id: 'own-3', schema: 'Ownership', properties: { owner: ['nobody'], asset: ['company-1'] } };
    expect(validateEntity(dangling, { knownEntitySchemata })).toEqual({
      ok: false,
      errors: [{ property: 'owner', reason: 'unknown_entity', value: 'nobody' }],
    });
    // Without a lookup only the id's form is checked.
    expect(validateEntity(wrong).ok).toBe(true);
  });

  it('rejects unknown and unused schemata, bad ids and bad shapes', () => {
    expect(validateEntity({ id: 'x', schema: 'Spaceship', properties: {} })).toEqual({
      ok: false,
      errors: [{ property: null, reason: 'unknown_schema', value: 'Spaceship' }],
    });
    // A real FtM schema, but not one cases hold.
    expect(validateEntity({ id: 'x', schema: 'Document', properties: {} })).toMatchObject({
      ok: false,
      errors: [{ reason: 'unknown_schema' }],
    });
    expect(validateEntity({ schema: 'Person', properties: { name: ['A'] } })).toEqual({
      ok: false,
      errors: [{ property: null, reason: 'missing_id' }],
    });
    expect(validateEntity({ id: 'a b', schema: 'Person', properties: { name: ['A'] } })).toMatchObject({
      ok: false,
      errors: [{ property: null, reason: 'invalid_id' }],
    });
    expect(validateEntity({ id: 'x'.repeat(201), schema: 'Person', properties: { name: ['A'] } }).ok).toBe(false);
    expect(validateEntity({ id: 'x'.repeat(200), schema: 'Person', properties: { name: ['A'] } }).ok).toBe(true);
    expect(validateEntity({ id: 'x', properties: {} })).toMatchObject({ errors: [{ reason: 'missing_schema' }] });
    expect(validateEntity([1, 2])).toMatchObject({ errors: [{ reason: 'not_an_object' }] });
    expect(validateEntity({ id: 'x', schema: 'Person', properties: [] })).toMatchObject({ errors: [{ reason: 'invalid_properties' }] });
    expect(validateEntity({ id: 'x', schema: 'Person', properties: { name: [42] } })).toMatchObject({
      errors: [{ property: 'name', reason: 'not_a_string' }],
    });
  });

  it('rejects unknown and reverse properties, and requires what the schema requires', () => {
    expect(validateEntity({ id: 'x', schema: 'Person', properties: { name: ['A'], favouriteColour: ['blue'] } })).toEqual({
      ok: false,
      errors: [{ property: 'favouriteColour', reason: 'unknown_property' }],
    });
    expect(validateEntity({ id: 'x', schema: 'Person', properties: { name: ['A'], ownershipOwner: ['own-1'] } })).toMatchObject({
      errors: [{ property: 'ownershipOwner', reason: 'reverse_property' }],
    });
    expect(validateEntity({ id: 'x', schema: 'Person', properties: { birthDate: ['1970'] } })).toEqual({
      ok: false,
      errors: [{ property: 'name', reason: 'required' }],
    });
    expect(validateEntity({ id: 'x', schema: 'Ownership', properties: { owner: ['p'] } })).toEqual({
      ok: false,
      errors: [{ property: 'asset', reason: 'required' }],
    });
    // An empty value does not satisfy a requirement.
    expect(validateEntity({ id: 'x', schema: 'Company', properties: { name: ['  '] } })).toMatchObject({
      errors: [{ property: 'name', reason: 'required' }],
    });
    // A bank account requires nothing: an IBAN alone is enough.
    expect(validateEntity({ id: 'x', schema: 'BankAccount' }).ok).toBe(true);
  });

  it('reports every invalid value, not only the first', () => {
    const result = validateEntity({
      id: 'x',
      schema: 'Person',
      properties: { name: ['A'], birthDate: ['1970-02-31'], nationality: ['zz'], email: ['nope'] },
    });
    expect(result).toEqual({
      ok: false,
      errors: [
        { property: 'birthDate', reason: 'invalid_date', value: '1970-02-31' },
        { property: 'nationality', reason: 'invalid_country', value: 'zz' },
        { property: 'email', reason: 'invalid_email', value: 'nope' },
      ],
    });
  });

  it('has messages in plain English', () => {
    expect(entityErrorMessage({ property: 'birthDate', reason: 'invalid_date', value: '1970-02-31' }, 'Person')).toMatch(
      /^property "birthDate": "1970-02-31" is not a valid date/,
    );
    expect(entityErrorMessage({ property: 'owner', reason: 'wrong_range', value: 'acc' }, 'Ownership')).toBe(
      'property "owner": "acc" must refer to an entity of type Legal entity',
    );
    expect(entityErrorMessage({ property: 'name', reason: 'too_long', value: 'x' }, 'Person')).toBe(
      'property "name": "x" is longer than the 384 characters allowed',
    );
  });
});

describe('FtM JSON lines', () => {
  it('round-trips: toFtmLine then parseFtmLine gives the same entity', () => {
    const entities: FtmEntity[] = [
      { id: 'p1', schema: 'Person', properties: { name: ['Иван Петров', 'Ivan Petrov'], birthDate: ['1970-01-02'] } },
      { id: 'c1', schema: 'Company', properties: { name: ['Acme "Holdings" SA'], jurisdiction: ['ch'], topics: ['corp.shell'] } },
      { id: 'b1', schema: 'BankAccount', properties: { iban: ['DE89370400440532013000'], bankName: ['Commerzbank'] } },
      { id: 'o1', schema: 'Ownership', properties: { owner: ['p1'], asset: ['c1'], percentage: ['100'], startDate: ['2019-03'] } },
      { id: 'w1', schema: 'CryptoWallet', properties: { publicKey: ['bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh'], currency: ['BTC'] } },
    ];
    const known = (id: string) => entities.find((e) => e.id === id)?.schema;
    entities.forEach((entity, index) => {
      expect(parseFtmLine(toFtmLine(entity), index + 1, { knownEntitySchemata: known })).toEqual({ ok: true, entity });
    });
  });

  it('writes keys in a stable order', () => {
    const line = toFtmLine({ schema: 'Person', properties: { nationality: ['ru'], name: ['B', 'A'], birthDate: ['1970'] }, id: 'p1' } as FtmEntity);
    expect(line).toBe('{"id":"p1","schema":"Person","properties":{"birthDate":["1970"],"name":["B","A"],"nationality":["ru"]}}');
    expect(line).not.toContain('\n');
  });

  it('reads lines as FtM tools write them', () => {
    const line =
      '\uFEFF{"id": "NK-abc", "schema": "Person", "caption": "Ivan", "properties": {"name": ["Ivan"], "birthDate": ["1970-01-02"]}, "datasets": ["x"]}\r';
    expect(parseFtmLine(line, 1)).toEqual({
      ok: true,
      entity: { id: 'NK-abc', schema: 'Person', properties: { name: ['Ivan'], birthDate: ['1970-01-02'] } },
    });
  });

  it('explains bad lines with their line numbers', () => {
    const bad = (line: string, n: number) => {
      const result = parseFtmLine(line, n);
      if (result.ok) throw new Error('expected a failure');
      expect(result.line).toBe(n);
      return result.reason;
    };
    expect(bad('{"id": "p1", "schema": "Person", "properties": {"name": ["A"], "birthDate": ["1970-02-31"]}}', 12)).toBe(
      'line 12: property "birthDate": "1970-02-31" is not a valid date (YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDTHH:MM)',
    );
    expect(bad('{"id": "p1", "schema": ', 3)).toBe('line 3: not valid JSON');
    expect(bad('[1, 2]', 4)).toBe('line 4: not a JSON object');
    expect(bad('"Person"', 5)).toBe('line 5: not a JSON object');
    expect(bad('', 6)).toBe('line 6: the line is empty');
    expect(bad('{"id": "p1", "properties": {}}', 7)).toBe('line 7: the "schema" is missing');
    expect(bad('{"schema": "Person", "properties": {"name": ["A"]}}', 8)).toBe('line 8: the "id" is missing');
    expect(bad('{"id": "x", "schema": "Spaceship"}', 9)).toBe('line 9: schema "Spaceship" is not one a case can hold');
    expect(bad('{"id": "x", "schema": "Person", "properties": {"name": ["A"], "hat": ["red"]}}', 10)).toBe(
      'line 10: property "hat" does not exist for Person',
    );
    expect(bad('{"id": "x", "schema": "Person", "properties": {}}', 11)).toBe('line 11: property "name" is required');
    expect(bad('{"id": "x", "schema": "BankAccount", "properties": {"iban": ["DE00 1234"], "country": ["atlantis"]}}', 13)).toBe(
      'line 13: property "iban": "DE00 1234" is not a valid IBAN; property "country": "atlantis" is not a valid country code',
    );
  });

  it('checks references when the caller knows the entities', () => {
    const known = (id: string) => ({ acc: 'BankAccount', c1: 'Company' })[id];
    const result = parseFtmLine('{"id": "o", "schema": "Ownership", "properties": {"owner": ["acc"], "asset": ["c1"]}}', 2, {
      knownEntitySchemata: known,
    });
    expect(result).toMatchObject({
      ok: false,
      line: 2,
      reason: 'line 2: property "owner": "acc" must refer to an entity of type Legal entity',
      errors: [{ property: 'owner', reason: 'wrong_range', value: 'acc' }],
    });
  });
});

describe('entityCaption', () => {
  it('uses the first caption property with a value, else the schema label', () => {
    expect(entityCaption({ id: 'p', schema: 'Person', properties: { name: ['Ivan Petrov', 'Иван'] } })).toBe('Ivan Petrov');
    expect(entityCaption({ id: 'p', schema: 'Person', properties: { lastName: ['Petrov'] } })).toBe('Petrov');
    expect(entityCaption({ id: 'b', schema: 'BankAccount', properties: { accountNumber: ['123'], iban: ['CH9300762011623852957'] } })).toBe(
      'CH9300762011623852957',
    );
    expect(entityCaption({ id: 'b', schema: 'BankAccount', properties: { accountNumber: ['123'] } })).toBe('123');
    expect(entityCaption({ id: 'b', schema: 'BankAccount', properties: {} })).toBe('Bank account');
    expect(entityCaption({ id: 'o', schema: 'Ownership', properties: { owner: ['p'] } })).toBe('Ownership');
    expect(entityCaption({ id: 'x', schema: 'Unheard', properties: {} })).toBe('Unheard');
  });
});
