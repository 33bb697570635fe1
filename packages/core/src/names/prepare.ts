import { parseCompanyName, splitCompanyAliases, type LegalFormHit, type AcronymWord } from './company-name.js';
import { parsePartialDate, type PartialDate } from './dates.js';
import { parsePersonName } from './person-name.js';
import type { NameToken } from './token.js';
import type { MatchEntity, MatchIdentifier } from './types.js';

// Everything about an entity that does not depend on what it is compared with, computed once:
// scoring an entity against many candidates reuses its parsed names.

/** People, companies and other things (accounts, vessels) are compared by different rules. */
export type EntityKind = 'person' | 'company' | 'other';

const PERSON_SCHEMATA = new Set(['person']);
const COMPANY_SCHEMATA = new Set(['company', 'organization', 'organisation', 'publicbody', 'legalentity']);

export interface PreparedName {
  display: string;
  variants: NameToken[][];
  legalForms: LegalFormHit[];
  acronymWords: AcronymWord[];
}

export interface PreparedEntity {
  entity: MatchEntity;
  kind: EntityKind;
  /** "LegalEntity" may be a person or a company. */
  schema: string;
  names: PreparedName[];
  birthDate?: PartialDate;
  countries: string[];
  identifiers: readonly MatchIdentifier[];
  /** Korean script or nationality: Korean romanisation rules apply. */
  korean: boolean;
}

export function entityKind(schema: string): EntityKind {
  const key = schema.toLowerCase().replace(/[^a-z]/g, '');
  if (PERSON_SCHEMATA.has(key)) return 'person';
  if (COMPANY_SCHEMATA.has(key)) return 'company';
  return 'other';
}

function prepareName(name: string, kind: EntityKind): PreparedName[] {
  if (kind === 'person') {
    return name
      .split(/;|\s+a\.?k\.?a\.?\s+/iu)
      .filter((alias) => alias.trim())
      .map((alias) => ({ ...parsePersonName(alias.trim()), legalForms: [], acronymWords: [] }));
  }
  return splitCompanyAliases(name).map((alias) => parseCompanyName(alias));
}

const cache = new WeakMap<MatchEntity, PreparedEntity>();

/** Parses an entity's names and properties; cached per entity object. */
export function prepareEntity(entity: MatchEntity): PreparedEntity {
  const cached = cache.get(entity);
  if (cached) return cached;
  const kind = entityKind(entity.schema);
  const names = entity.names.filter((name) => name.trim()).flatMap((name) => prepareName(name, kind));
  const countries = [...new Set((entity.countries ?? []).map((country) => country.trim().toUpperCase()).filter(Boolean))];
  const prepared: PreparedEntity = {
    entity,
    kind,
    schema: entity.schema,
    names: names.filter((name) => name.variants.some((variant) => variant.length > 0)),
    birthDate: entity.birthDate ? parsePartialDate(entity.birthDate) : undefined,
    countries,
    identifiers: entity.identifiers ?? [],
    korean: countries.some((country) => country === 'KR' || country === 'KP') || entity.names.some((name) => /\p{Script=Hangul}/u.test(name)),
  };
  cache.set(entity, prepared);
  return prepared;
}
