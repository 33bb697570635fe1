// Birth dates may be partial ("1961", "1961-04"): two dates agree when they agree as far as
// both are known, so "1961" and "1961-04-02" agree while "1953" and "1975" conflict.

export interface PartialDate {
  year: number;
  month?: number;
  day?: number;
}

const DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/** Parses YYYY, YYYY-MM or YYYY-MM-DD; undefined when the text is not such a date. */
export function parsePartialDate(text: string): PartialDate | undefined {
  const match = DATE.exec(text.trim());
  if (!match) return undefined;
  const year = Number(match[1]);
  const month = match[2] === undefined ? undefined : Number(match[2]);
  const day = match[3] === undefined ? undefined : Number(match[3]);
  if (month !== undefined && (month < 1 || month > 12)) return undefined;
  if (day !== undefined && month !== undefined) {
    const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
    if (day < 1 || day > daysInMonth) return undefined;
  }
  return { year, month, day };
}

export type DateAgreement =
  /** Both full dates, equal. */
  | 'same day'
  | 'same month'
  /** Agree on the year, the only part both give. */
  | 'same year'
  /** Day and month swapped, a common transcription slip. */
  | 'swapped day and month'
  | 'different day'
  | 'different year';

export function compareDates(a: PartialDate, b: PartialDate): DateAgreement {
  if (a.year !== b.year) return 'different year';
  if (a.month === undefined || b.month === undefined) return 'same year';
  if (a.month !== b.month) {
    if (a.day !== undefined && b.day !== undefined && a.day === b.month && a.month === b.day) return 'swapped day and month';
    return 'different day';
  }
  if (a.day === undefined || b.day === undefined) return 'same month';
  return a.day === b.day ? 'same day' : 'different day';
}

export function formatDate(date: PartialDate): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return [String(date.year), date.month && pad(date.month), date.day && pad(date.day)].filter(Boolean).join('-');
}
