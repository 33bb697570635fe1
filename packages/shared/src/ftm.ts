/**
 * The FollowTheMoney (FtM) entity model as Focal's asset-recovery cases use it: schema
 * descriptions for forms, value validation by property type, entity validation, FtM JSON lines
 * (the format Aleph, OpenAleph and OpenSanctions tools read and write) and captions.
 *
 * Pure logic: it runs in the server (built by tsc, run by Node), in Vitest (from sources) and in
 * the browser (bundled by Vite).
 */
// One import form works in all three places: Node (≥ 20.10) needs the import attribute for JSON
// modules, TypeScript (NodeNext) requires it, and Vite bundles it. `createRequire` would not
// survive the browser bundle. The model is about 290 KB; Vite drops it when nothing in the web
// app uses this module.
import modelJson from '@alephdata/followthemoney/dist/defaultModel.json' with { type: 'json' };
import { COUNTRY_CODES } from './regions.js';

// ---------------------------------------------------------------------------------------------
// The raw model, as the JSON file has it. Each schema's `schemata` already lists the schema
// itself and all its ancestors; `featured`, `caption` and `required` are already resolved per
// schema (not inherited from parents); properties are only the schema's own.

interface RawProperty {
  name: string;
  label: string;
  type: string;
  range?: string;
  reverse?: string;
  maxLength?: number;
  hidden?: boolean;
  stub?: boolean;
  matchable?: boolean;
  deprecated?: boolean;
}

interface RawSchema {
  label: string;
  plural?: string;
  extends: string[];
  schemata: string[];
  abstract?: boolean;
  featured?: string[];
  caption?: string[];
  required?: string[];
  edge?: { source: string; target: string; label: string; directed: boolean };
  properties: Record<string, RawProperty>;
}

interface RawType {
  maxLength?: number;
  values?: Record<string, string>;
}

interface RawModel {
  schemata: Record<string, RawSchema>;
  types: Record<string, RawType>;
}

const model = modelJson as unknown as RawModel;
const rawSchemata = new Map(Object.entries(model.schemata));

// ---------------------------------------------------------------------------------------------
// The schemata cases use.

/** Every schema a case may hold, in display order: parties, assets, then relations. */
export const CASE_SCHEMATA = [
  'Person',
  'Company',
  'Organization',
  'LegalEntity',
  'BankAccount',
  'RealEstate',
  'Vehicle',
  'Vessel',
  'Airplane',
  'Security',
  'CryptoWallet',
  'Ownership',
  'Directorship',
  'Family',
  'Associate',
  'Representation',
  'Payment',
] as const;
export type TFtmCaseSchema = (typeof CASE_SCHEMATA)[number];

/** Relations: entities that link a source entity to a target entity. */
export const EDGE_SCHEMATA = ['Ownership', 'Directorship', 'Family', 'Associate', 'Representation', 'Payment'] as const;
export type TFtmEdgeSchema = (typeof EDGE_SCHEMATA)[number];

/** Things that can be valued, frozen and returned. */
export const ASSET_SCHEMATA = [
  'BankAccount',
  'RealEstate',
  'Vehicle',
  'Vessel',
  'Airplane',
  'Security',
  'CryptoWallet',
  'Company',
] as const;
export type TFtmAssetSchema = (typeof ASSET_SCHEMATA)[number];

const caseSchemata: ReadonlySet<string> = new Set(CASE_SCHEMATA);
const edgeSchemata: ReadonlySet<string> = new Set(EDGE_SCHEMATA);
const assetSchemata: ReadonlySet<string> = new Set(ASSET_SCHEMATA);

export function isCaseSchema(schema: string): schema is TFtmCaseSchema {
  return caseSchemata.has(schema);
}
export function isEdgeSchema(schema: string): schema is TFtmEdgeSchema {
  return edgeSchemata.has(schema);
}
export function isAssetSchema(schema: string): schema is TFtmAssetSchema {
  return assetSchemata.has(schema);
}

/** True when `schema` is `ancestor` or descends from it (a Person is a LegalEntity). */
export function isA(schema: string, ancestor: string): boolean {
  return rawSchemata.get(schema)?.schemata.includes(ancestor) ?? false;
}

// ---------------------------------------------------------------------------------------------
// Schema descriptions.

/** Every FtM property type. */
export const FTM_TYPES = [
  'address',
  'checksum',
  'country',
  'date',
  'email',
  'entity',
  'gender',
  'html',
  'iban',
  'identifier',
  'ip',
  'json',
  'language',
  'mimetype',
  'name',
  'number',
  'phone',
  'string',
  'text',
  'topic',
  'url',
] as const;
export type TFtmType = (typeof FTM_TYPES)[number];

export interface FtmProperty {
  name: string;
  label: string;
  type: TFtmType;
  /** For `entity` properties: the schema the referenced entity must be (or descend from). */
  range?: string;
  /** For `entity` properties: the property on the range schema that points back. */
  reverse?: string;
  maxLength?: number;
  hidden?: boolean;
  /** The reverse side of a relation: computed from the other entity, never stored. */
  stub?: boolean;
  matchable?: boolean;
  deprecated?: boolean;
}

export interface FtmSchema {
  name: string;
  label: string;
  plural: string;
  abstract: boolean;
  featured: readonly string[];
  required: readonly string[];
  /** Properties whose first value names an entity, in order of preference. */
  caption: readonly string[];
  edge?: { source: string; target: string; label: string; directed: boolean };
  /** All properties, inherited ones included: featured first, then the rest by label. */
  properties: readonly FtmProperty[];
}

/** An FtM entity as stored and exchanged: every property value is a string. */
export interface FtmEntity {
  id: string;
  schema: string;
  properties: Record<string, string[]>;
}

const ftmTypes: ReadonlySet<string> = new Set(FTM_TYPES);

function describeProperty(raw: RawProperty): FtmProperty {
  // The model only uses the known types; an unknown one would be a model upgrade we have not
  // reviewed, and is validated as a plain string.
  const type = (ftmTypes.has(raw.type) ? raw.type : 'string') as TFtmType;
  const property: FtmProperty = { name: raw.name, label: raw.label, type };
  if (raw.range !== undefined) property.range = raw.range;
  if (raw.reverse !== undefined) property.reverse = raw.reverse;
  if (raw.maxLength !== undefined) property.maxLength = raw.maxLength;
  if (raw.hidden) property.hidden = true;
  if (raw.stub) property.stub = true;
  if (raw.matchable) property.matchable = true;
  if (raw.deprecated) property.deprecated = true;
  return property;
}

/** A schema's own and inherited raw properties; a schema's own definition wins over its parents'. */
function collectProperties(name: string, into: Map<string, RawProperty>): void {
  const raw = rawSchemata.get(name);
  if (!raw) return;
  for (const parent of raw.extends) collectProperties(parent, into);
  for (const [propName, prop] of Object.entries(raw.properties)) into.set(propName, prop);
}

const schemaCache = new Map<string, { schema: FtmSchema; byName: Map<string, FtmProperty> }>();

function loadSchema(name: string): { schema: FtmSchema; byName: Map<string, FtmProperty> } | undefined {
  const cached = schemaCache.get(name);
  if (cached) return cached;
  const raw = rawSchemata.get(name);
  if (!raw) return undefined;

  const rawProps = new Map<string, RawProperty>();
  collectProperties(name, rawProps);
  const featured = raw.featured ?? [];
  const rank = (prop: FtmProperty) => {
    const index = featured.indexOf(prop.name);
    return index === -1 ? featured.length : index;
  };
  const properties = [...rawProps.values()]
    .map(describeProperty)
    .sort((a, b) => rank(a) - rank(b) || a.label.localeCompare(b.label, 'en') || a.name.localeCompare(b.name, 'en'));

  const schema: FtmSchema = {
    name,
    label: raw.label,
    plural: raw.plural ?? raw.label,
    abstract: raw.abstract ?? false,
    featured,
    required: raw.required ?? [],
    caption: raw.caption ?? [],
    properties,
  };
  if (raw.edge) {
    const { source, target, label, directed } = raw.edge;
    schema.edge = { source, target, label, directed };
  }
  const entry = { schema, byName: new Map(properties.map((p) => [p.name, p])) };
  schemaCache.set(name, entry);
  return entry;
}

/** The description of any schema of the model (abstract ones too, e.g. LegalEntity, Asset). */
export function schemaOf(name: string): FtmSchema | undefined {
  return loadSchema(name)?.schema;
}

export function propertyOf(schema: string, property: string): FtmProperty | undefined {
  return loadSchema(schema)?.byName.get(property);
}

/**
 * The properties a form should offer, in display order. Left out: hidden ones (internal to
 * Aleph), stubs (the reverse side of a relation, set on the relation entity instead), deprecated
 * ones (e.g. Vehicle:owner, superseded by Ownership, though still featured by the model) and
 * entity references that no case entity could fill (e.g. `proof` → Document).
 */
export function editableProperties(schema: string): FtmProperty[] {
  const description = schemaOf(schema);
  if (!description) return [];
  return description.properties.filter(
    (p) =>
      !p.hidden &&
      !p.stub &&
      !p.deprecated &&
      (p.type !== 'entity' || p.range === undefined || CASE_SCHEMATA.some((s) => isA(s, p.range as string))),
  );
}

// ---------------------------------------------------------------------------------------------
// Value validation.

export type TFtmValueReason =
  | 'empty'
  | 'not_a_string'
  | 'too_long'
  | 'invalid_characters'
  | 'invalid_date'
  | 'invalid_country'
  | 'invalid_iban'
  | 'invalid_email'
  | 'invalid_url'
  | 'invalid_number'
  | 'invalid_checksum'
  | 'invalid_gender'
  | 'invalid_language'
  | 'invalid_mimetype'
  | 'invalid_topic'
  | 'invalid_ip'
  | 'invalid_json'
  | 'invalid_id'
  | 'unknown_entity'
  | 'wrong_range';

export type TFtmValueResult = { ok: true; value: string } | { ok: false; reason: TFtmValueReason };

export interface FtmValueOptions {
  /** Defaults to the type's maximum length in the model. Counted in characters (code points). */
  maxLength?: number;
  /** For `entity` values: the schema the referenced entity must be or descend from. */
  range?: string;
  /** For `entity` values: the schema of an entity by id, undefined when there is no such entity. */
  knownEntitySchemata?: (id: string) => string | undefined;
}

/** What Focal accepts as an entity id: it fits in URLs, file names and FtM tools' ids. */
const ENTITY_ID = /^[A-Za-z0-9._:-]{1,200}$/;

// PostgreSQL refuses NUL in text, and other control characters are never meant in these values;
// tab, line feed and carriage return are ordinary text.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

const countryCodes: ReadonlySet<string> = new Set([...COUNTRY_CODES.map((c) => c.toLowerCase()), 'eu', 'xk']);
const genders: ReadonlySet<string> = new Set(Object.keys(model.types.gender?.values ?? {}));
const topics: ReadonlySet<string> = new Set(Object.keys(model.types.topic?.values ?? {}));

function ok(value: string): TFtmValueResult {
  return { ok: true, value };
}
function fail(reason: TFtmValueReason): TFtmValueResult {
  return { ok: false, reason };
}

const pad2 = (n: number) => String(n).padStart(2, '0');

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

// FtM dates are ISO 8601 prefixes whose length is their precision. A time zone is accepted on
// input with at least minutes, and converted away: FtM stores times in UTC with no zone.
const DATE =
  /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2})(?::(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?)?)?)?$/;

function validateDate(value: string): TFtmValueResult {
  const match = DATE.exec(value);
  if (!match) return fail('invalid_date');
  const [, y, mo, d, h, mi, s, zone] = match;
  const year = Number(y);
  const month = mo === undefined ? undefined : Number(mo);
  const day = d === undefined ? undefined : Number(d);
  if (year < 1) return fail('invalid_date');
  if (month === undefined) return ok(y as string);
  if (month < 1 || month > 12) return fail('invalid_date');
  if (day === undefined) return ok(`${y}-${mo}`);
  if (day < 1 || day > daysInMonth(year, month)) return fail('invalid_date');
  if (h === undefined) return ok(`${y}-${mo}-${d}`);
  if (Number(h) > 23 || Number(mi ?? 0) > 59 || Number(s ?? 0) > 59) return fail('invalid_date');

  let offsetMinutes = 0;
  if (zone !== undefined && zone !== 'Z') {
    const zoneHours = Number(zone.slice(1, 3));
    const zoneMinutes = Number(zone.slice(4, 6));
    if (zoneHours > 14 || zoneMinutes > 59) return fail('invalid_date');
    offsetMinutes = (zone.startsWith('-') ? -1 : 1) * (zoneHours * 60 + zoneMinutes);
  }
  // Date.UTC would read years below 100 as 19xx; setUTCFullYear does not.
  const utc = new Date(0);
  utc.setUTCFullYear(year, month - 1, day);
  utc.setUTCHours(Number(h), Number(mi ?? 0) - offsetMinutes, Number(s ?? 0), 0);
  const uy = utc.getUTCFullYear();
  if (uy < 1 || uy > 9999) return fail('invalid_date');
  let out = `${String(uy).padStart(4, '0')}-${pad2(utc.getUTCMonth() + 1)}-${pad2(utc.getUTCDate())}T${pad2(utc.getUTCHours())}`;
  if (mi !== undefined) out += `:${pad2(utc.getUTCMinutes())}`;
  if (s !== undefined) out += `:${pad2(utc.getUTCSeconds())}`;
  return ok(out);
}

/** IBAN lengths by country, from the SWIFT IBAN registry. Other countries: 15 to 34 characters. */
const IBAN_LENGTHS: Readonly<Record<string, number>> = {
  AD: 24, AE: 23, AL: 28, AT: 20, AZ: 28, BA: 20, BE: 16, BG: 22, BH: 22, BI: 27, BR: 29, BY: 28,
  CH: 21, CR: 22, CY: 28, CZ: 24, DE: 22, DJ: 27, DK: 18, DO: 28, EE: 20, EG: 29, ES: 24, FI: 18,
  FK: 18, FO: 18, FR: 27, GB: 22, GE: 22, GI: 23, GL: 18, GR: 27, GT: 28, HN: 28, HR: 21, HU: 28, IE: 22,
  IL: 23, IQ: 23, IS: 26, IT: 27, JO: 30, KW: 30, KZ: 20, LB: 28, LC: 32, LI: 21, LT: 20, LU: 20,
  LV: 21, LY: 25, MC: 27, MD: 24, ME: 22, MK: 19, MN: 20, MR: 27, MT: 31, MU: 30, NI: 28, NL: 18,
  NO: 15, OM: 23, PK: 24, PL: 28, PS: 29, PT: 25, QA: 29, RO: 24, RS: 22, RU: 33, SA: 24, SC: 31,
  SD: 18, SE: 24, SI: 19, SK: 24, SM: 27, SO: 23, ST: 25, SV: 28, TL: 23, TN: 24, TR: 26, UA: 29,
  VA: 22, VG: 24, XK: 20, YE: 30,
};

function validateIban(value: string): TFtmValueResult {
  const iban = value.replace(/\s+/g, '').toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]+$/.test(iban)) return fail('invalid_iban');
  const expected = IBAN_LENGTHS[iban.slice(0, 2)];
  if (expected === undefined ? iban.length < 15 || iban.length > 34 : iban.length !== expected) return fail('invalid_iban');
  // ISO 13616: move the first four characters to the end, letters become 10..35, and the
  // number must be 1 modulo 97. Computed digit by digit: the number is too large for a double.
  let remainder = 0;
  for (const char of iban.slice(4) + iban.slice(0, 4)) {
    const digits = char >= 'A' ? String(char.charCodeAt(0) - 55) : char;
    for (const digit of digits) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder === 1 ? ok(iban) : fail('invalid_iban');
}

function validateEmail(value: string): TFtmValueResult {
  const parts = value.split('@');
  if (parts.length !== 2) return fail('invalid_email');
  const [local = '', domain = ''] = parts;
  if (!/^[^\s<>()[\]\\,;:"]+$/.test(local)) return fail('invalid_email');
  if (!/^[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+$/u.test(domain)) return fail('invalid_email');
  return ok(`${local}@${domain.toLowerCase()}`);
}

function validateUrl(value: string): TFtmValueResult {
  // Only web links: javascript:, data: and the like must never become clickable in the web app.
  if (/\s/.test(value)) return fail('invalid_url');
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return fail('invalid_url');
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.hostname === '') return fail('invalid_url');
  // Kept as given rather than URL.href, which would add slashes and re-encode what the user typed.
  return ok(value);
}

const IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

function validateIp(value: string): TFtmValueResult {
  if (IPV4.test(value)) return ok(value);
  if (!/^[0-9A-Fa-f:.]+$/.test(value) || !value.includes(':')) return fail('invalid_ip');
  try {
    // The URL parser knows IPv6 and gives its canonical (compressed, lower-case) form.
    return ok(new URL(`http://[${value}]/`).hostname.slice(1, -1));
  } catch {
    return fail('invalid_ip');
  }
}

/**
 * Checks one property value against its FtM type and returns it normalised (trimmed, and in the
 * form FtM stores: lower-case countries, compact upper-case IBANs, UTC dates, ...).
 */
export function validateValue(type: TFtmType, raw: string, options: FtmValueOptions = {}): TFtmValueResult {
  // The type says string, but values often come straight from parsed JSON.
  if (typeof raw !== 'string') return fail('not_a_string');
  let value = raw.trim();
  if (value === '') return fail('empty');
  if (CONTROL_CHARACTERS.test(value)) return fail('invalid_characters');

  let result: TFtmValueResult;
  switch (type) {
    case 'date':
      result = validateDate(value);
      break;
    case 'country':
      value = value.toLowerCase();
      result = countryCodes.has(value) ? ok(value) : fail('invalid_country');
      break;
    case 'iban':
      result = validateIban(value);
      break;
    case 'email':
      result = validateEmail(value);
      break;
    case 'url':
      result = validateUrl(value);
      break;
    case 'number':
      // A dot for decimals and nothing for thousands: "1,000" is ambiguous across locales.
      result = /^[+-]?(?:\d+(?:\.\d+)?|\.\d+)(?:[eE][+-]?\d+)?$/.test(value) ? ok(value) : fail('invalid_number');
      break;
    case 'checksum':
      value = value.toLowerCase();
      result = /^[0-9a-f]+$/.test(value) ? ok(value) : fail('invalid_checksum');
      break;
    case 'gender':
      value = value.toLowerCase();
      result = genders.has(value) ? ok(value) : fail('invalid_gender');
      break;
    case 'language':
      value = value.toLowerCase();
      result = /^[a-z]{2,3}$/.test(value) ? ok(value) : fail('invalid_language');
      break;
    case 'mimetype':
      value = value.toLowerCase();
      result = /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/.test(value) ? ok(value) : fail('invalid_mimetype');
      break;
    case 'topic':
      value = value.toLowerCase();
      result = topics.has(value) ? ok(value) : fail('invalid_topic');
      break;
    case 'ip':
      result = validateIp(value);
      break;
    case 'json':
      try {
        JSON.parse(value);
        result = ok(value);
      } catch {
        result = fail('invalid_json');
      }
      break;
    case 'name':
    case 'address':
      // Runs of spaces carry nothing in a name or an address, and would hamper matching.
      result = ok(value.replace(/\s+/g, ' '));
      break;
    case 'entity':
      result = validateReference(value, options);
      break;
    default:
      // identifier, string, text, html, phone: free text within the length limit.
      result = ok(value);
  }
  if (!result.ok) return result;
  const maxLength = options.maxLength ?? model.types[type]?.maxLength;
  if (maxLength !== undefined && [...result.value].length > maxLength) return fail('too_long');
  return result;
}

function validateReference(id: string, options: FtmValueOptions): TFtmValueResult {
  if (!ENTITY_ID.test(id)) return fail('invalid_id');
  if (options.knownEntitySchemata) {
    const schema = options.knownEntitySchemata(id);
    if (schema === undefined) return fail('unknown_entity');
    if (options.range !== undefined && !isA(schema, options.range)) return fail('wrong_range');
  }
  return ok(id);
}

// ---------------------------------------------------------------------------------------------
// Entity validation.

export type TFtmEntityReason =
  | TFtmValueReason
  | 'not_an_object'
  | 'missing_schema'
  | 'unknown_schema'
  | 'missing_id'
  | 'invalid_properties'
  | 'unknown_property'
  | 'reverse_property'
  | 'required';

export interface FtmEntityError {
  /** The property at fault, or null for the entity as a whole (schema, id, shape). */
  property: string | null;
  reason: TFtmEntityReason;
  /** The offending value, when there is one. */
  value?: string;
}

export type TFtmEntityResult = { ok: true; entity: FtmEntity } | { ok: false; errors: FtmEntityError[] };

export interface FtmEntityOptions {
  /**
   * The schema of an entity by id (of the case, or of the file being imported). When given,
   * entity references must point to an existing entity of the property's range.
   */
  knownEntitySchemata?: (id: string) => string | undefined;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Validates an entity (typically parsed JSON) and returns it normalised: only `id`, `schema` and
 * `properties` are kept (FtM tools add `caption`, `datasets`, `first_seen`, ... which are not the
 * entity's data); values are normalised, empty values dropped as FtM does, duplicates removed.
 */
export function validateEntity(input: unknown, options: FtmEntityOptions = {}): TFtmEntityResult {
  if (!isPlainObject(input)) return { ok: false, errors: [{ property: null, reason: 'not_an_object' }] };
  const errors: FtmEntityError[] = [];

  const { schema, id } = input;
  if (schema === undefined || schema === null || schema === '') errors.push({ property: null, reason: 'missing_schema' });
  else if (typeof schema !== 'string' || !isCaseSchema(schema))
    errors.push({ property: null, reason: 'unknown_schema', value: String(schema) });

  if (id === undefined || id === null || id === '') errors.push({ property: null, reason: 'missing_id' });
  else if (typeof id !== 'string' || !ENTITY_ID.test(id)) errors.push({ property: null, reason: 'invalid_id', value: String(id) });

  // Without a usable schema the properties cannot be judged.
  if (typeof schema !== 'string' || !isCaseSchema(schema)) return { ok: false, errors };

  const rawProperties = input.properties ?? {};
  if (!isPlainObject(rawProperties)) {
    errors.push({ property: null, reason: 'invalid_properties' });
    return { ok: false, errors };
  }

  const properties: Record<string, string[]> = {};
  for (const [name, rawValues] of Object.entries(rawProperties)) {
    const property = propertyOf(schema, name);
    if (!property) {
      errors.push({ property: name, reason: 'unknown_property' });
      continue;
    }
    if (property.stub) {
      errors.push({ property: name, reason: 'reverse_property' });
      continue;
    }
    const values = rawValues === null ? [] : Array.isArray(rawValues) ? (rawValues as unknown[]) : [rawValues];
    const normalised: string[] = [];
    for (const raw of values) {
      const result = validateValue(property.type, raw as string, {
        maxLength: property.maxLength,
        range: property.range,
        knownEntitySchemata: options.knownEntitySchemata,
      });
      if (result.ok) {
        if (!normalised.includes(result.value)) normalised.push(result.value);
      } else if (result.reason !== 'empty') {
        errors.push({ property: name, reason: result.reason, ...(typeof raw === 'string' ? { value: raw } : {}) });
      }
    }
    if (normalised.length > 0) properties[name] = normalised;
  }

  for (const name of schemaOf(schema)?.required ?? []) {
    // A property that failed validation is reported for that, not again as missing.
    if (!Object.hasOwn(properties, name) && !errors.some((e) => e.property === name)) errors.push({ property: name, reason: 'required' });
  }

  if (errors.length > 0 || typeof id !== 'string' || !ENTITY_ID.test(id)) return { ok: false, errors };
  return { ok: true, entity: { id, schema, properties } };
}

const VALUE_EXPECTATIONS: Partial<Record<TFtmEntityReason, string>> = {
  invalid_date: 'a valid date (YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDTHH:MM)',
  invalid_country: 'a valid country code',
  invalid_iban: 'a valid IBAN',
  invalid_email: 'a valid e-mail address',
  invalid_url: 'a valid http(s) link',
  invalid_number: 'a valid number (digits, "." for decimals, no thousands separators)',
  invalid_checksum: 'a valid checksum (hexadecimal)',
  invalid_gender: 'a valid gender (male, female or other)',
  invalid_language: 'a valid language code',
  invalid_mimetype: 'a valid MIME type',
  invalid_topic: 'a known topic',
  invalid_ip: 'a valid IP address',
  invalid_json: 'valid JSON',
  invalid_id: 'a valid entity id (up to 200 letters, digits, ".", "_", ":" or "-")',
};

function quote(value: string): string {
  const chars = [...value];
  return JSON.stringify(chars.length > 60 ? `${chars.slice(0, 60).join('')}…` : value);
}

/** An error in plain English, for people reading an import report. */
export function entityErrorMessage(error: FtmEntityError, schema?: string): string {
  const { property, reason, value } = error;
  const property_ = property === null ? undefined : propertyOf(schema ?? '', property);
  const shown = value === undefined ? 'the value' : quote(value);
  let message: string;
  switch (reason) {
    case 'not_an_object':
      return 'not a JSON object';
    case 'missing_schema':
      return 'the "schema" is missing';
    case 'unknown_schema':
      return `schema ${shown} is not one a case can hold`;
    case 'missing_id':
      return 'the "id" is missing';
    case 'invalid_properties':
      return '"properties" is not an object';
    case 'unknown_property':
      return `property "${property}" does not exist for ${schemaOf(schema ?? '')?.label ?? 'this schema'}`;
    case 'reverse_property':
      return `property "${property}" is the reverse side of a relation: set it on the relation entity instead`;
    case 'not_a_string':
      message = 'values must be text';
      break;
    case 'required':
      return `property "${property}" is required`;
    case 'empty':
      message = 'a value is empty';
      break;
    case 'too_long':
      message =
        property_?.maxLength === undefined
          ? `${shown} is too long`
          : `${shown} is longer than the ${property_.maxLength} characters allowed`;
      break;
    case 'invalid_characters':
      message = `${shown} contains control characters`;
      break;
    case 'unknown_entity':
      message = `${shown} refers to an entity that does not exist`;
      break;
    case 'wrong_range': {
      const range = property_?.range === undefined ? undefined : schemaOf(property_.range)?.label;
      message = `${shown} must refer to ${range === undefined ? 'another kind of entity' : `an entity of type ${range}`}`;
      break;
    }
    default:
      message = `${shown} is not ${VALUE_EXPECTATIONS[reason] ?? 'valid'}`;
  }
  return property === null ? message : `property "${property}": ${message}`;
}

// ---------------------------------------------------------------------------------------------
// FtM JSON lines: one entity per line. One function per line, so a file can be read as a stream.

export type TFtmLineResult =
  | { ok: true; entity: FtmEntity }
  | { ok: false; line: number; reason: string; errors: FtmEntityError[] };

/**
 * Parses and validates one line of an FtM JSON lines file. `lineNumber` (counted from 1) is only
 * used in the messages. Blank lines are errors here: callers skip them, as a file normally ends
 * with a line break.
 */
export function parseFtmLine(line: string, lineNumber: number, options: FtmEntityOptions = {}): TFtmLineResult {
  const failed = (reason: string, errors: FtmEntityError[]): TFtmLineResult => ({
    ok: false,
    line: lineNumber,
    reason: `line ${lineNumber}: ${reason}`,
    errors,
  });
  // A byte order mark may open the file; JSON.parse would refuse it.
  const text = line.replace(/^\uFEFF/, '');
  if (text.trim() === '') return failed('the line is empty', [{ property: null, reason: 'empty' }]);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return failed('not valid JSON', [{ property: null, reason: 'invalid_json' }]);
  }
  const result = validateEntity(data, options);
  if (result.ok) return result;
  const schema = isPlainObject(data) && typeof data.schema === 'string' ? data.schema : undefined;
  return failed(result.errors.map((e) => entityErrorMessage(e, schema)).join('; '), result.errors);
}

/**
 * One line of FtM JSON lines (without the line break). Keys in a stable order — id, schema, then
 * properties by name, values in their given order — so the same entity always gives the same line.
 */
export function toFtmLine(entity: FtmEntity): string {
  const properties: Record<string, string[]> = {};
  for (const name of Object.keys(entity.properties).sort()) {
    const values = entity.properties[name];
    if (values && values.length > 0) properties[name] = values;
  }
  return JSON.stringify({ id: entity.id, schema: entity.schema, properties });
}

// ---------------------------------------------------------------------------------------------
// Captions.

/**
 * What to call an entity: the first value of the first caption property (in the schema's order)
 * that has one, else the schema's label. Relations ("owner → asset") are captioned elsewhere,
 * from the entities they link.
 */
export function entityCaption(entity: FtmEntity): string {
  const schema = schemaOf(entity.schema);
  for (const name of schema?.caption ?? []) {
    const value = entity.properties[name]?.find((v) => v.trim() !== '');
    if (value !== undefined) return value;
  }
  return schema?.label ?? entity.schema;
}
