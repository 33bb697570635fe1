/** Date and time in the reader's language, in the given IANA time zone when known. */
export function formatDateTime(iso: string | null | undefined, lang: string, timeZone?: string): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  try {
    return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(date);
  } catch {
    return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
  }
}

export function formatDate(iso: string | null | undefined, lang: string, timeZone?: string): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  try {
    return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeZone }).format(date);
  } catch {
    return new Intl.DateTimeFormat(lang, { dateStyle: 'medium' }).format(date);
  }
}

/** The current time in a time zone, e.g. for "local time of this contact". */
export function timeIn(timeZone: string, lang: string, now = new Date()): string {
  try {
    return new Intl.DateTimeFormat(lang, { weekday: 'short', hour: '2-digit', minute: '2-digit', timeZone }).format(now);
  } catch {
    return '';
  }
}

/** Every IANA time zone this browser knows, with UTC first. */
export function timeZones(): string[] {
  let zones: string[] = [];
  try {
    zones = Intl.supportedValuesOf('timeZone');
  } catch {
    zones = [];
  }
  return ['UTC', ...zones.filter((z) => z !== 'UTC')];
}

export function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

/** Languages people commonly work in across the network (ISO 639-1). Names come from Intl. */
export const SPOKEN_LANGUAGE_CODES = [
  'ar', 'bn', 'de', 'el', 'en', 'es', 'fa', 'fr', 'ha', 'he', 'hi', 'hu', 'id', 'it', 'ja', 'ka', 'kk', 'ko', 'ky',
  'ms', 'nl', 'pl', 'ps', 'pt', 'ro', 'ru', 'sq', 'sr', 'sw', 'tg', 'th', 'tr', 'uk', 'ur', 'uz', 'vi', 'yo', 'zh',
  'am', 'az', 'bg', 'cs', 'da', 'fi', 'hr', 'hy', 'ig', 'km', 'lo', 'mn', 'my', 'ne', 'no', 'si', 'sk', 'sl', 'so', 'sv', 'ta', 'tl', 'wo',
] as const;

export function languageName(code: string, displayLang: string): string {
  try {
    return new Intl.DisplayNames([displayLang], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

export function regionName(code: string, displayLang: string): string {
  try {
    return new Intl.DisplayNames([displayLang], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** Letters and digits only, for comparing codes typed with spaces or dashes. */
export function compact(value: string): string {
  return value.replace(/[\s-]+/g, '');
}
