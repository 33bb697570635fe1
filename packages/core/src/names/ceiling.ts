import { compareDates, parsePartialDate, type PartialDate } from './dates.js';
import { compareIdentifiers } from './identifiers.js';
import { entityKind, type EntityKind } from './prepare.js';
import { EVIDENCE_WEIGHTS } from './score.js';
import type { MatchEntity, MatchIdentifier } from './types.js';

// The highest score two entities could get, from what is cheap to compare: schemata, birth
// dates, countries and identifiers are compared exactly as scorePrepared does, and the names —
// the costly part — are assumed to agree perfectly. A pair whose ceiling is under a floor can
// be passed over without parsing or comparing its names, and without changing any result:
// homonyms born in other years, companies registered in other countries, a person and a company.

interface Facts {
  kind: EntityKind;
  birthDate?: PartialDate;
  countries: string[];
  identifiers: readonly MatchIdentifier[];
}

const facts = new WeakMap<MatchEntity, Facts>();

function factsOf(entity: MatchEntity): Facts {
  let known = facts.get(entity);
  if (!known) {
    known = {
      kind: entityKind(entity.schema),
      birthDate: entity.birthDate ? parsePartialDate(entity.birthDate) : undefined,
      // As prepareEntity reads them.
      countries: [...new Set((entity.countries ?? []).map((country) => country.trim().toUpperCase()).filter(Boolean))],
      identifiers: entity.identifiers ?? [],
    };
    facts.set(entity, known);
  }
  return known;
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
const round3 = (x: number) => Math.round(x * 1000) / 1000;
/** Absorbs a different order of summation in scorePrepared. */
const ROUNDING_MARGIN = 1e-9;

/** An upper bound of `scoreEntities(a, b).score`; see the comment at the top of this file. */
export function scoreCeiling(a: MatchEntity, b: MatchEntity): number {
  const w = EVIDENCE_WEIGHTS;
  const x = factsOf(a);
  const y = factsOf(b);
  const company = x.kind !== 'person' && y.kind !== 'person';
  let logOdds = w.nameSlope * (1 - w.nameMidpoint);
  if ((x.kind === 'person' && y.kind === 'company') || (x.kind === 'company' && y.kind === 'person')) logOdds += w.schemaMismatch;
  const identifiers = compareIdentifiers(x.identifiers, y.identifiers);
  logOdds += w.sameIdentifier * identifiers.equal.length + w.conflictingIdentifier * identifiers.conflicting.length;
  let sameBirthDay = false;
  if (x.birthDate && y.birthDate) {
    const agreement = compareDates(x.birthDate, y.birthDate);
    sameBirthDay = agreement === 'same day';
    logOdds +=
      agreement === 'same day'
        ? w.sameBirthDay
        : agreement === 'same month'
          ? w.sameBirthMonth
          : agreement === 'same year'
            ? w.sameBirthYear
            : agreement === 'swapped day and month'
              ? w.swappedBirthDayMonth
              : w.differentBirthDate;
  }
  if (x.countries.length && y.countries.length) {
    if (x.countries.some((country) => y.countries.includes(country))) logOdds += w.sharedCountry;
    else logOdds += company ? w.companyCountriesApart : w.personCountriesApart;
  }
  // The best a legal form can add.
  if (company) logOdds += Math.max(0, w.sameLegalForm);
  // The floor scorePrepared gives a possible alias (same full birth date, a shared name part).
  if (!company && sameBirthDay && identifiers.conflicting.length === 0) logOdds = Math.max(logOdds, w.possibleAlias);
  return round3(sigmoid(logOdds + ROUNDING_MARGIN));
}
