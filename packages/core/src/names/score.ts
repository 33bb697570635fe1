import { isAbbreviationOf } from './acronym.js';
import { compareDates, formatDate } from './dates.js';
import { compareIdentifiers, identifierKindName } from './identifiers.js';
import { compareLegalForms } from './legal-form-evidence.js';
import { compareVariants, type NameComparison } from './name-score.js';
import { prepareEntity, type PreparedEntity, type PreparedName } from './prepare.js';
import type { ComparisonContext } from './similarity.js';
import type { NameToken } from './token.js';
import type { CodedEvidence, MatchEntity, MatchResult } from './types.js';

/**
 * Scores at or above this value are reported as matches. The score is a logistic function of
 * summed evidence (log-odds, as in Fellegi-Sunter record linkage), so 0.5 is the point where the
 * evidence for and against balance; it was chosen on the development set to keep precision at
 * or above 0.98, because a false match exposes an innocent person.
 */
export const MATCH_THRESHOLD = 0.5;

/** Log-odds of each kind of evidence. */
export const EVIDENCE_WEIGHTS = Object.freeze({
  /** Name similarity s contributes NAME_SLOPE * (s - NAME_MIDPOINT). */
  nameSlope: 14,
  nameMidpoint: 0.8,
  sameIdentifier: 7,
  conflictingIdentifier: -3.5,
  sameBirthDay: 2.2,
  sameBirthMonth: 1.2,
  sameBirthYear: 0.4,
  swappedBirthDayMonth: -0.5,
  differentBirthDate: -5,
  sharedCountry: 0.3,
  personCountriesApart: -0.4,
  companyCountriesApart: -4,
  sameLegalForm: 0.3,
  closeLegalForm: -0.4,
  legalFormOtherJurisdiction: -3,
  legalFormOtherKind: -3.3,
  schemaMismatch: -8,
  abbreviation: 0.86,
  /** Log-odds floor for a possible alias: same full birth date and a shared name part. */
  possibleAlias: 0.4,
});

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
const round3 = (x: number) => Math.round(x * 1000) / 1000;

interface NameEvidence extends NameComparison {
  nameA: PreparedName;
  nameB: PreparedName;
  abbreviation: boolean;
}

function distinctive(name: PreparedName): NameToken[] {
  return (name.variants[0] ?? []).filter((token) => token.role === 'name');
}

function abbreviationScore(short: PreparedName, long: PreparedName): boolean {
  const tokens = distinctive(short);
  return tokens.length === 1 && tokens[0] !== undefined && isAbbreviationOf(tokens[0].latin, long.acronymWords);
}

function bestNames(a: PreparedEntity, b: PreparedEntity, context: ComparisonContext): NameEvidence | undefined {
  let best: NameEvidence | undefined;
  const memo = new Map();
  for (const nameA of a.names) {
    for (const nameB of b.names) {
      const comparison = compareVariants(nameA.variants, nameB.variants, context, memo);
      let candidate: NameEvidence = { ...comparison, nameA, nameB, abbreviation: false };
      if (context.company && comparison.score < EVIDENCE_WEIGHTS.abbreviation && (abbreviationScore(nameA, nameB) || abbreviationScore(nameB, nameA))) {
        candidate = { score: EVIDENCE_WEIGHTS.abbreviation, parts: [], unmatchedA: [], unmatchedB: [], nameA, nameB, abbreviation: true };
      }
      if (!best || candidate.score > best.score) best = candidate;
    }
  }
  return best;
}

function describeName(names: NameEvidence): CodedEvidence {
  const effect = names.score >= 0.85 ? 'for' : names.score < 0.6 ? 'against' : 'neutral';
  const detail = { aName: names.nameA.display, bName: names.nameB.display, parts: names.parts, unmatchedA: names.unmatchedA, unmatchedB: names.unmatchedB };
  const params = { aName: names.nameA.display, bName: names.nameB.display };
  if (names.abbreviation) {
    return { kind: 'name', effect: 'for', code: 'name.abbreviation', params, text: `"${names.nameA.display}" and "${names.nameB.display}": one name is an abbreviation of the other`, detail };
  }
  const parts = names.parts.map((part) => `${part.a} ↔ ${part.b} (${part.transliterated && part.agreement !== 'initial' ? 'transliterated, ' : ''}${part.agreement})`);
  const missing: string[] = [];
  if (names.unmatchedA.length) missing.push(`only in the first: ${names.unmatchedA.join(' ')}`);
  if (names.unmatchedB.length) missing.push(`only in the second: ${names.unmatchedB.join(' ')}`);
  const agreement = parts.length ? `name parts agree: ${parts.join('; ')}` : 'no name part agrees';
  return { kind: 'name', effect, code: 'name.compared', params, text: `"${names.nameA.display}" and "${names.nameB.display}": ${agreement}${missing.length ? `; ${missing.join('; ')}` : ''}`, detail };
}

/** Scores two prepared entities. */
export function scorePrepared(a: PreparedEntity, b: PreparedEntity): MatchResult {
  const w = EVIDENCE_WEIGHTS;
  const explanation: CodedEvidence[] = [];
  let logOdds = 0;
  const add = (value: number, evidence: CodedEvidence) => {
    logOdds += value;
    explanation.push(evidence);
  };

  const kindsClash = (a.kind === 'person' && b.kind === 'company') || (a.kind === 'company' && b.kind === 'person');
  if (kindsClash) add(w.schemaMismatch, { kind: 'name', effect: 'against', code: 'schema.mismatch', params: { a: a.schema, b: b.schema }, text: `One is a ${a.schema}, the other a ${b.schema}` });

  const context: ComparisonContext = { company: a.kind !== 'person' && b.kind !== 'person', korean: a.korean || b.korean };
  const names = bestNames(a, b, context);
  if (names) add(w.nameSlope * (names.score - w.nameMidpoint), describeName(names));
  else add(w.nameSlope * -w.nameMidpoint * 0.5, { kind: 'name', effect: 'neutral', code: 'name.missing', params: {}, text: 'One of the two has no name to compare' });

  const identifiers = compareIdentifiers(a.identifiers, b.identifiers);
  for (const equal of identifiers.equal) {
    add(w.sameIdentifier, {
      kind: 'identifier',
      effect: 'for',
      code: 'identifier.same',
      params: { identifierKind: equal.kind, value: equal.value },
      text: `Same ${identifierKindName(equal.kind)} on both: ${equal.value}`,
      detail: { a: equal.value, b: equal.value },
    });
  }
  for (const conflict of identifiers.conflicting) {
    add(w.conflictingIdentifier, {
      kind: 'identifier',
      effect: 'against',
      code: 'identifier.different',
      params: { identifierKind: conflict.kind, a: conflict.a, b: conflict.b },
      text: `Different ${identifierKindName(conflict.kind)}s: ${conflict.a} and ${conflict.b}`,
      detail: { a: conflict.a, b: conflict.b },
    });
  }

  if (a.birthDate && b.birthDate) {
    const [dateA, dateB] = [formatDate(a.birthDate), formatDate(b.birthDate)];
    const detail = { a: dateA, b: dateB };
    const params = { a: dateA, b: dateB };
    switch (compareDates(a.birthDate, b.birthDate)) {
      case 'same day':
        add(w.sameBirthDay, { kind: 'birthDate', effect: 'for', code: 'birthDate.sameDay', params, text: `Same date of birth: ${dateA}`, detail });
        break;
      case 'same month':
        add(w.sameBirthMonth, { kind: 'birthDate', effect: 'for', code: 'birthDate.sameMonth', params, text: `Dates of birth agree as far as both are known: ${dateA} and ${dateB}`, detail });
        break;
      case 'same year':
        add(w.sameBirthYear, { kind: 'birthDate', effect: 'for', code: 'birthDate.sameYear', params, text: `Dates of birth agree on the year: ${dateA} and ${dateB}`, detail });
        break;
      case 'swapped day and month':
        add(w.swappedBirthDayMonth, { kind: 'birthDate', effect: 'neutral', code: 'birthDate.swapped', params, text: `Dates of birth differ only by swapped day and month: ${dateA} and ${dateB}`, detail });
        break;
      default:
        add(w.differentBirthDate, { kind: 'birthDate', effect: 'against', code: 'birthDate.different', params, text: `Different dates of birth: ${dateA} and ${dateB}`, detail });
    }
  }

  if (a.countries.length && b.countries.length) {
    const shared = a.countries.filter((country) => b.countries.includes(country));
    const detail = { a: a.countries, b: b.countries };
    const apart = { a: a.countries, b: b.countries };
    if (shared.length) add(w.sharedCountry, { kind: 'country', effect: 'for', code: 'country.shared', params: { countries: shared }, text: `Both linked to ${shared.join(', ')}`, detail });
    else if (context.company) {
      add(w.companyCountriesApart, { kind: 'country', effect: 'against', code: 'country.companyApart', params: apart, text: `Registered in different countries: ${a.countries.join(', ')} and ${b.countries.join(', ')}`, detail });
    } else add(w.personCountriesApart, { kind: 'country', effect: 'against', code: 'country.personApart', params: apart, text: `No country in common: ${a.countries.join(', ')} and ${b.countries.join(', ')}`, detail });
  }

  if (context.company && names) {
    const formsA = names.nameA.legalForms;
    const formsB = names.nameB.legalForms;
    const shown = (forms: typeof formsA) => forms.map((hit) => hit.display).join(' ');
    const detail = { a: shown(formsA), b: shown(formsB) };
    const params = { a: detail.a, b: detail.b };
    switch (compareLegalForms(formsA, formsB)) {
      case 'same':
        add(w.sameLegalForm, { kind: 'legalForm', effect: 'for', code: 'legalForm.same', params, text: `Same legal form: ${detail.a} and ${detail.b}`, detail });
        break;
      case 'compatible':
        explanation.push({ kind: 'legalForm', effect: 'neutral', code: 'legalForm.compatible', params, text: `Legal forms compatible: ${detail.a} and ${detail.b}`, detail });
        break;
      case 'close':
        add(w.closeLegalForm, { kind: 'legalForm', effect: 'against', code: 'legalForm.close', params, text: `Different but close legal forms: ${detail.a} and ${detail.b}`, detail });
        break;
      case 'other jurisdiction':
        add(w.legalFormOtherJurisdiction, { kind: 'legalForm', effect: 'against', code: 'legalForm.otherJurisdiction', params, text: `Legal forms of different countries: ${detail.a} and ${detail.b}`, detail });
        break;
      case 'other kind':
        add(w.legalFormOtherKind, { kind: 'legalForm', effect: 'against', code: 'legalForm.otherKind', params, text: `Different kinds of legal person: ${detail.a} and ${detail.b}`, detail });
        break;
      default:
        break;
    }
  }

  // A person known under another name (a married name, a nom de guerre) keeps the birth date:
  // the same full date of birth and one shared name part are worth a look by an investigator.
  const sameBirthDay = a.birthDate && b.birthDate && compareDates(a.birthDate, b.birthDate) === 'same day';
  const sharesNamePart = names?.parts.some((part) => part.similarity >= 0.95 && part.agreement !== 'initial');
  if (context.company === false && sameBirthDay && sharesNamePart && identifiers.conflicting.length === 0 && logOdds < w.possibleAlias) {
    logOdds = w.possibleAlias;
    explanation.push({ kind: 'birthDate', effect: 'for', code: 'birthDate.possibleAlias', params: {}, text: 'Same full date of birth and a shared name part: possibly the same person under another name' });
  }

  const score = round3(sigmoid(logOdds));
  return { score, match: score >= MATCH_THRESHOLD, explanation };
}

/** Scores two entities: 1 is certainly the same, 0 certainly different; see MATCH_THRESHOLD. */
export function scoreEntities(a: MatchEntity, b: MatchEntity): MatchResult {
  return scorePrepared(prepareEntity(a), prepareEntity(b));
}
