/** A workshop's days ("10–12 March 2026") in the reader's language; dates are calendar days. */
export function formatDays(from: string, to: string, lang: string): string {
  const start = new Date(`${from}T12:00:00Z`);
  const end = new Date(`${to}T12:00:00Z`);
  if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime())) return `${from} – ${to}`;
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeZone: 'UTC' });
  } catch {
    format = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeZone: 'UTC' });
  }
  return from === to ? format.format(start) : format.formatRange(start, end);
}

/** Minutes of teaching as hours ("7.5 h"), in the reader's digits. */
export function formatHours(minutes: number, lang: string): string {
  return new Intl.NumberFormat(lang, { maximumFractionDigits: 1 }).format(minutes / 60);
}

/** Today's calendar day, for date inputs. */
export function today(): string {
  return new Date().toISOString().slice(0, 10);
}
