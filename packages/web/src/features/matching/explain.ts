import { EVIDENCE_CODES, type TEvidence, type TEvidenceCode } from '@focal/shared';

/** The translation function as i18next gives it (only what is used here). */
export type Translate = (key: string, options?: Record<string, unknown>) => string;

export interface ExplainContext {
  t: Translate;
  lang: string;
  /** A country's name in the reader's language, from its ISO code. */
  countryName: (code: string) => string;
}

/** One sentence of an explanation, and whether it is in the reader's language or the matcher's English. */
export interface ExplainedEvidence {
  text: string;
  translated: boolean;
}

interface Part {
  a: string;
  b: string;
  agreement: string;
  transliterated?: boolean;
}

const CODES: ReadonlySet<string> = new Set(EVIDENCE_CODES);

// Names and values keep their own reading direction inside a sentence of either direction.
const isolate = (text: string) => `\u2068${text}\u2069`;

const list = (items: readonly string[], lang: string) => {
  try {
    return new Intl.ListFormat(lang, { style: 'long', type: 'conjunction' }).format(items);
  } catch {
    return items.join(', ');
  }
};

/**
 * An ISO date as precise as it is known (`1961`, `1961-04`, `1961-04-02`), in the reader's
 * language: "2 April 1961", "April 1961", "1961". Anything else is shown as given.
 */
export function formatPartialDate(value: string, lang: string): string {
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(value);
  if (!match) return value;
  const [, year, month, day] = match;
  const date = new Date(Date.UTC(Number(year), Number(month ?? 1) - 1, Number(day ?? 1)));
  const options: Intl.DateTimeFormatOptions = day ? { year: 'numeric', month: 'long', day: 'numeric' } : month ? { year: 'numeric', month: 'long' } : { year: 'numeric' };
  try {
    return new Intl.DateTimeFormat(lang, { ...options, timeZone: 'UTC' }).format(date);
  } catch {
    return value;
  }
}

const asString = (value: unknown) => (typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '');
const asList = (value: unknown) => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : typeof value === 'string' && value ? [value] : []);
const agreementKey = (agreement: string) => agreement.replace(/[\s-]+/g, '_');

/** "Петренко ↔ PETRENKO (transliterated, exact)" in the reader's language. */
function describePart(part: Part, { t }: ExplainContext): string {
  const how = t(`matching.evidence.agreement.${agreementKey(part.agreement)}`, { defaultValue: part.agreement });
  const shown = part.transliterated && part.agreement !== 'initial' ? t('matching.evidence.parts.transliterated', { agreement: how }) : how;
  return t('matching.evidence.parts.pair', { a: isolate(part.a), b: isolate(part.b), agreement: shown });
}

function describeNames(evidence: TEvidence, params: Record<string, unknown>, context: ExplainContext): string {
  const { t } = context;
  const detail = evidence.detail ?? {};
  const parts = (Array.isArray(detail.parts) ? detail.parts : []) as Part[];
  const separator = t('matching.evidence.parts.separator');
  const clauses = [parts.length ? t('matching.evidence.parts.agree', { parts: parts.map((p) => describePart(p, context)).join(separator) }) : t('matching.evidence.parts.none')];
  const onlyA = asList(detail.unmatchedA);
  const onlyB = asList(detail.unmatchedB);
  if (onlyA.length) clauses.push(t('matching.evidence.parts.onlyFirst', { parts: isolate(onlyA.join(' ')) }));
  if (onlyB.length) clauses.push(t('matching.evidence.parts.onlySecond', { parts: isolate(onlyB.join(' ')) }));
  return t('matching.evidence.code.name_compared', { a: isolate(asString(params.aName)), b: isolate(asString(params.bName)), parts: clauses.join(separator) });
}

/**
 * One piece of the matcher's evidence in the reader's language, from its code and params: names
 * as written, dates and countries in the reader's words, name parts with how they agree. Evidence
 * without a code this interface knows (stored before codes existed) keeps its English text.
 */
export function explainEvidence(evidence: TEvidence, context: ExplainContext): ExplainedEvidence {
  const code = evidence.code;
  if (!code || !CODES.has(code)) return { text: evidence.text, translated: false };
  const { t, lang, countryName } = context;
  const params = (evidence.params ?? {}) as Record<string, unknown>;
  const key = `matching.evidence.code.${code.replace('.', '_')}`;
  const date = (name: string) => isolate(formatPartialDate(asString(params[name]), lang));
  const countries = (name: string) => list(asList(params[name]).map((c) => countryName(c) || c), lang);
  const kindOf = () => t(`matching.evidence.identifierKind.${asString(params.identifierKind)}`, { defaultValue: asString(params.identifierKind) });
  const schema = (name: string) => t(`cases.schema.${asString(params[name])}`, { defaultValue: asString(params[name]) });
  let text: string;
  switch (code as TEvidenceCode) {
    case 'name.compared':
      text = describeNames(evidence, params, context);
      break;
    case 'name.abbreviation':
      text = t(key, { a: isolate(asString(params.aName)), b: isolate(asString(params.bName)) });
      break;
    case 'schema.mismatch':
      text = t(key, { a: schema('a'), b: schema('b') });
      break;
    case 'identifier.same':
      text = t(key, { kind: kindOf(), value: isolate(asString(params.value)) });
      break;
    case 'identifier.different':
      text = t(key, { kind: kindOf(), a: isolate(asString(params.a)), b: isolate(asString(params.b)) });
      break;
    case 'birthDate.sameDay':
      text = t(key, { date: date('a') });
      break;
    case 'birthDate.sameMonth':
    case 'birthDate.sameYear':
    case 'birthDate.swapped':
    case 'birthDate.different':
      text = t(key, { a: date('a'), b: date('b') });
      break;
    case 'country.shared':
      text = t(key, { countries: countries('countries') });
      break;
    case 'country.personApart':
    case 'country.companyApart':
      text = t(key, { a: countries('a'), b: countries('b') });
      break;
    case 'legalForm.same':
    case 'legalForm.compatible':
    case 'legalForm.close':
    case 'legalForm.otherJurisdiction':
    case 'legalForm.otherKind':
      text = t(key, { a: isolate(asString(params.a)), b: isolate(asString(params.b)) });
      break;
    case 'blind.birthDateAndNameKeys':
      text = t(key, { names: Number(params.names ?? 0) });
      break;
    case 'blind.nameKeys':
      text = t(key, { names: Number(params.names ?? 0), fewest: Number(params.fewest ?? 0) });
      break;
    default:
      text = t(key);
  }
  return { text, translated: true };
}
