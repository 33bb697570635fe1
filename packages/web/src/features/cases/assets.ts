import type { MantineColor } from '@mantine/core';
import { ASSET_STAGES, type MEASURE_TYPES, type TAssetStage } from '@focal/shared';

export type TMeasureType = (typeof MEASURE_TYPES)[number];

// ---------------------------------------------------------------- stages

/**
 * The steps of an asset's life, in order: frozen and seized are alternatives at one step, as
 * are returned and released (the server ranks them the same way).
 */
export const STAGE_STEPS: readonly (readonly TAssetStage[])[] = [['identified'], ['traced'], ['frozen', 'seized'], ['confiscated'], ['returned', 'released']];

export function stageRank(stage: TAssetStage): number {
  return STAGE_STEPS.findIndex((step) => step.includes(stage));
}

/** Stages sorted by their place in an asset's life (stable within a step). */
export function sortStages(stages: readonly TAssetStage[]): TAssetStage[] {
  return [...stages].sort((a, b) => stageRank(a) - stageRank(b) || ASSET_STAGES.indexOf(a) - ASSET_STAGES.indexOf(b));
}

/** The stage to offer first when recording a step: the one after the furthest reached. */
export function suggestedStage(current: TAssetStage | null): TAssetStage {
  if (current === null) return 'identified';
  const next = STAGE_STEPS[stageRank(current) + 1];
  return next?.[0] ?? current;
}

/** Every step after "identified" needs an earlier one (the server answers 409 stage: out_of_order). */
export function isInOrder(measures: readonly { stage: TAssetStage }[], stage: TAssetStage): boolean {
  const rank = stageRank(stage);
  return rank === 0 || measures.some((m) => stageRank(m.stage) < rank);
}

/**
 * What the previous stage still holds in a currency, in minor units, as the server reckons it:
 * the nearest earlier step with amounts in that currency (a release follows a freeze or seizure),
 * less what was already recorded at this step. Null when nothing limits the amount.
 */
export function remainingForStage(measures: readonly { stage: TAssetStage; currency: string; amountMinor: number }[], stage: TAssetStage, currency: string): number | null {
  const rank = stageRank(stage);
  if (rank <= 0) return null;
  const sameStep = (s: TAssetStage) => (rank === 4 ? s === stage : stageRank(s) === rank);
  for (let r = stage === 'released' ? 2 : rank - 1; r >= 0; r--) {
    const before = measures.filter((m) => stageRank(m.stage) === r && m.currency === currency);
    if (before.length === 0) continue;
    const available = before.reduce((sum, m) => sum + m.amountMinor, 0);
    const already = measures.filter((m) => sameStep(m.stage) && m.currency === currency).reduce((sum, m) => sum + m.amountMinor, 0);
    return Math.max(0, available - already);
  }
  return null;
}

/** The kind of measure that usually brings an asset to a stage. */
export const DEFAULT_MEASURE_TYPE: Record<TAssetStage, TMeasureType> = {
  identified: 'none',
  traced: 'none',
  frozen: 'freezing_order',
  seized: 'seizure',
  confiscated: 'conviction_based_confiscation',
  returned: 'return_agreement',
  released: 'release_order',
};

export const STAGE_COLOR: Record<TAssetStage, MantineColor> = {
  identified: 'gray',
  traced: 'blue',
  frozen: 'cyan',
  seized: 'indigo',
  confiscated: 'grape',
  returned: 'teal',
  released: 'orange',
};

// ---------------------------------------------------------------- money

/** Digits after the decimal point in a currency (2 for EUR, 0 for JPY, 3 for KWD), as the server counts them. */
export function currencyDigits(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

export function isCurrency(code: string): boolean {
  if (!/^[A-Z]{3}$/.test(code)) return false;
  try {
    new Intl.NumberFormat('en', { style: 'currency', currency: code });
    return true;
  } catch {
    return false;
  }
}

/**
 * An amount in the reader's language, from the exact decimal string the server sends
 * ("2500000.00", "CHF" → "2 500 000,00 CHF" in French): formatted as a decimal, never through a
 * floating-point number, so large sums keep every digit.
 */
export function formatMoney(amount: string, currency: string, lang: string): string {
  const value = amount as Intl.StringNumericLiteral;
  try {
    return new Intl.NumberFormat(lang, { style: 'currency', currency, currencyDisplay: 'code' }).format(value);
  } catch {
    try {
      return `${new Intl.NumberFormat(lang, { maximumFractionDigits: 3 }).format(value)} ${currency}`;
    } catch {
      return `${amount} ${currency}`;
    }
  }
}

/** Minor units (cents) to the decimal string of the API: 125050 EUR → "1250.50". */
export function minorToAmount(minor: number, currency: string): string {
  const digits = currencyDigits(currency);
  const negative = minor < 0;
  const text = String(Math.abs(Math.trunc(minor))).padStart(digits + 1, '0');
  const amount = digits === 0 ? text : `${text.slice(0, -digits)}.${text.slice(-digits)}`;
  return negative ? `-${amount}` : amount;
}

export function formatMinor(minor: number, currency: string, lang: string): string {
  return formatMoney(minorToAmount(minor, currency), currency, lang);
}

/** The decimal separator of a language ("," in French, "." in English and, once read, in Arabic). */
function decimalSeparator(lang: string): string {
  try {
    const sep = new Intl.NumberFormat(lang).formatToParts(1.5).find((p) => p.type === 'decimal')?.value ?? '.';
    return sep === '\u066B' ? '.' : sep;
  } catch {
    return '.';
  }
}

/** Arabic-Indic and Persian digits to ASCII, the Arabic decimal separator to a point; grouping marks dropped. */
function normalise(input: string): string {
  return input
    .trim()
    .replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660))
    .replace(/[\u06F0-\u06F9]/g, (d) => String(d.charCodeAt(0) - 0x06f0))
    .replace(/\u066B/g, '.')
    .replace(/[\s\u00A0\u202F'\u2019_\u066C]/g, '');
}

/**
 * An amount as people type it, to the API's form ("1250000.50"), or null if it is not one.
 * Thousands separators may be spaces, apostrophes, points or commas, and decimals may follow a
 * point or a comma: with both, the last one is the decimal separator; a separator used once and
 * followed by exactly three digits groups thousands, unless it is the language's decimal one.
 */
export function parseAmount(input: string, lang: string): string | null {
  const text = normalise(input);
  if (!/^[\d.,]+$/.test(text)) return null;
  const lastPoint = text.lastIndexOf('.');
  const lastComma = text.lastIndexOf(',');
  let decimalAt = -1;
  if (lastPoint >= 0 && lastComma >= 0) {
    decimalAt = Math.max(lastPoint, lastComma);
    // The decimal separator comes once, after every thousands separator.
    if (text.indexOf(text[decimalAt]!) !== decimalAt) return null;
  } else if (lastPoint >= 0 || lastComma >= 0) {
    const sep = lastPoint >= 0 ? '.' : ',';
    const at = Math.max(lastPoint, lastComma);
    const once = text.indexOf(sep) === at;
    if (once && (sep === decimalSeparator(lang) || text.length - at - 1 !== 3)) decimalAt = at;
  }
  const units = (decimalAt >= 0 ? text.slice(0, decimalAt) : text).replace(/[.,]/g, '');
  const fraction = decimalAt >= 0 ? text.slice(decimalAt + 1) : null;
  if (!/^\d+$/.test(units) || (fraction !== null && !/^\d+$/.test(fraction))) return null;
  const canonical = units.replace(/^0+(?=\d)/, '') + (fraction !== null ? `.${fraction}` : '');
  return /^\d{1,15}(\.\d{1,3})?$/.test(canonical) ? canonical : null;
}

/** Minor units of an amount in the API's form, or null when it has more decimals than the currency. */
export function amountToMinor(amount: string, currency: string): number | null {
  const digits = currencyDigits(currency);
  const [units = '0', fraction = ''] = amount.split('.');
  if (fraction.length > digits) return null;
  return Number(units) * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0');
}

/** Currency codes the browser knows, with their names in the reader's language; the usual ones first. */
export function currencyOptions(lang: string, first: readonly string[] = []): { value: string; label: string }[] {
  let codes: string[];
  try {
    codes = Intl.supportedValuesOf('currency');
  } catch {
    codes = ['CHF', 'EUR', 'GBP', 'USD'];
  }
  let names: Intl.DisplayNames | null = null;
  try {
    names = new Intl.DisplayNames([lang], { type: 'currency' });
  } catch {
    names = null;
  }
  const label = (code: string) => {
    const name = names?.of(code);
    return name && name !== code ? `${code} — ${name}` : code;
  };
  const head = [...new Set(first.filter((c) => codes.includes(c)))];
  return [...head, ...codes.filter((c) => !head.includes(c))].map((code) => ({ value: code, label: label(code) }));
}
