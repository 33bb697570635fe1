import { parseInstant } from '../tracing/dates.js';

/**
 * Date layouts found in bank CSV exports. D and M also accept one digit (`5/3/2024`), as
 * spreadsheets write them; a time after the date (`05.03.2024 14:22`) is ignored.
 */
export type CsvDateFormat =
  | 'YYYY-MM-DD'
  | 'YYYY/MM/DD'
  | 'YYYY.MM.DD'
  | 'YYYYMMDD'
  | 'DD.MM.YYYY'
  | 'DD/MM/YYYY'
  | 'DD-MM-YYYY'
  | 'MM/DD/YYYY'
  | 'MM-DD-YYYY'
  | 'DD.MM.YY'
  | 'DD/MM/YY'
  | 'MM/DD/YY';

export const CSV_DATE_FORMATS: readonly CsvDateFormat[] = [
  'YYYY-MM-DD',
  'YYYY/MM/DD',
  'YYYY.MM.DD',
  'YYYYMMDD',
  'DD.MM.YYYY',
  'DD/MM/YYYY',
  'DD-MM-YYYY',
  'MM/DD/YYYY',
  'MM-DD-YYYY',
  'DD.MM.YY',
  'DD/MM/YY',
  'MM/DD/YY',
];

interface Layout {
  order: 'YMD' | 'DMY' | 'MDY';
  separator: string;
  yearDigits: 2 | 4;
}

const layouts = new Map<CsvDateFormat, Layout>(
  CSV_DATE_FORMATS.map((format) => {
    const separator = format.replace(/[YMD]/g, '').charAt(0);
    const parts = separator === '' ? ['YYYY', 'MM', 'DD'] : format.split(separator);
    const order = parts.map((part) => part.charAt(0)).join('') as Layout['order'];
    const yearDigits = parts.find((part) => part.startsWith('Y'))?.length === 2 ? 2 : 4;
    return [format, { order, separator, yearDigits }];
  }),
);

/**
 * A two-digit year as POSIX strptime reads `%y`: 69–99 are 1969–1999, 00–68 are 2000–2068.
 * (Statements from the 1990s do turn up in asset recovery cases.)
 */
export function expandTwoDigitYear(yy: number): number {
  return yy >= 69 ? 1900 + yy : 2000 + yy;
}

/** `text` in `format` as `YYYY-MM-DD`, or undefined when it is not a real date in that layout. */
export function parseCsvDate(text: string, format: CsvDateFormat): string | undefined {
  const layout = layouts.get(format);
  if (layout === undefined) return undefined;
  let value = text.trim();
  const cut = value.search(/[ T]/);
  if (cut > 0) value = value.slice(0, cut);
  let parts: string[];
  if (layout.separator === '') {
    if (!/^\d{8}$/.test(value)) return undefined;
    parts = [value.slice(0, 4), value.slice(4, 6), value.slice(6, 8)];
  } else {
    parts = value.split(layout.separator);
    if (parts.length !== 3) return undefined;
  }
  let year = '';
  let month = '';
  let day = '';
  for (let i = 0; i < 3; i++) {
    const part = parts[i] ?? '';
    const kind = layout.order.charAt(i);
    if (kind === 'Y') {
      if (part.length !== layout.yearDigits || !/^\d+$/.test(part)) return undefined;
      year = layout.yearDigits === 2 ? String(expandTwoDigitYear(Number(part))) : part;
    } else {
      if (!/^\d{1,2}$/.test(part)) return undefined;
      if (kind === 'M') month = part.padStart(2, '0');
      else day = part.padStart(2, '0');
    }
  }
  return isoDate(`${year}-${month}-${day}`);
}

/**
 * An ISO 8601 date or date-time (`2024-03-01`, `2024-03-01+01:00`, `2024-03-01T23:30:00-05:00`)
 * as its calendar date as written: the bank's own day, not converted to UTC. Undefined when
 * the text is not a valid date.
 */
export function isoDate(text: string): string | undefined {
  const value = text.trim();
  if (value.length > 10 && /^[+\-Zz]/.test(value.charAt(10))) {
    // xs:date may carry a time zone ("2024-03-01+01:00"); the day is what counts.
    return parseInstant(value.slice(0, 10)) === null ? undefined : value.slice(0, 10);
  }
  return parseInstant(value) === null ? undefined : value.slice(0, 10);
}

/** Whole days from a to b (both `YYYY-MM-DD`): b − a. */
export function daysBetween(a: string, b: string): number {
  const from = parseInstant(a);
  const to = parseInstant(b);
  if (from === null || to === null) return Number.NaN;
  return Math.round((to.epochMillis - from.epochMillis) / 86_400_000);
}
