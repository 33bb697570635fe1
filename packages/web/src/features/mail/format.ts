import type { MantineColor } from '@mantine/core';
import type { THandlingCode, TMessage, TMessagePage, TPerson, TPriority, TRecipient } from '@focal/shared';

/** How urgent a priority looks: routine stays quiet, urgent and immediate stand out. */
export const PRIORITY_COLOR: Record<TPriority, MantineColor> = { routine: 'gray', urgent: 'orange', immediate: 'red' };

export const HANDLING_COLOR: Record<THandlingCode, MantineColor> = { H0: 'blue', H1: 'yellow', H2: 'orange', H3: 'grape' };

/** "Name (Latin name)" when the two differ, else the name. */
export function personName(person: Pick<TPerson, 'name' | 'nameLatin'>): string {
  return person.nameLatin && person.nameLatin !== person.name ? `${person.name} (${person.nameLatin})` : person.name;
}

const REPLY_PREFIX = /^\s*(re|aw)\s*:/i;
const FORWARD_PREFIX = /^\s*(fwd?|tr|wg|rv)\s*:/i;

/** "Re: subject", without stacking a second prefix on a subject that already has one. */
export function replySubject(subject: string): string {
  return REPLY_PREFIX.test(subject) ? subject.trim() : `Re: ${subject.trim()}`.trim();
}

/** "Fwd: subject", without stacking a second prefix. */
export function forwardSubject(subject: string): string {
  return FORWARD_PREFIX.test(subject) ? subject.trim() : `Fwd: ${subject.trim()}`.trim();
}

/** The original message quoted in Markdown, under a header line such as "On <date>, <name> wrote:". */
export function quoteBody(header: string, body: string): string {
  const quoted = body
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => (line ? `> ${line}` : '>'))
    .join('\n');
  return `\n\n${header}\n${quoted}\n`;
}

/** Reply all: the sender, then everyone it was sent to, without me and without repeats. */
export function replyAllRecipients(message: Pick<TMessage, 'sender' | 'to' | 'cc'>, meId: string): { to: TRecipient[]; cc: TRecipient[] } {
  const seen = new Set<string>([meId]);
  const take = (people: TPerson[]) =>
    people.filter((p) => (seen.has(p.id) ? false : (seen.add(p.id), true))).map((p): TRecipient => ({ kind: 'user', id: p.id }));
  const to = take([message.sender, ...message.to]);
  const cc = take(message.cc);
  return { to, cc };
}

/** Sizes in the reader's language, in binary multiples as the server counts them: 820 B, 14 kB, 25 MB. */
export function formatBytes(bytes: number, lang: string): string {
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  try {
    return new Intl.NumberFormat(lang, { style: 'unit', unit: units[unit], unitDisplay: 'short', maximumFractionDigits: value < 10 && unit > 0 ? 1 : 0 }).format(value);
  } catch {
    return `${Math.round(value)} ${['B', 'kB', 'MB', 'GB'][unit]}`;
  }
}

/** Short time for today, else the date, for a list of messages. */
export function formatListDate(iso: string, lang: string, timeZone?: string, now = new Date()): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const sameDay = (a: Date, b: Date) => {
    try {
      const f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
      return f.format(a) === f.format(b);
    } catch {
      return a.toDateString() === b.toDateString();
    }
  };
  const options: Intl.DateTimeFormatOptions = sameDay(date, now) ? { hour: '2-digit', minute: '2-digit' } : { day: 'numeric', month: 'short', year: date.getFullYear() === now.getFullYear() ? undefined : 'numeric' };
  try {
    return new Intl.DateTimeFormat(lang, { ...options, timeZone }).format(date);
  } catch {
    return new Intl.DateTimeFormat(lang, options).format(date);
  }
}

/** "A, B and C" in the reader's language. */
export function formatList(items: string[], lang: string): string {
  try {
    return new Intl.ListFormat(lang, { style: 'long', type: 'conjunction' }).format(items);
  } catch {
    return items.join(', ');
  }
}

/** hh:mm in the reader's language. */
export function formatTime(date: Date, lang: string): string {
  return new Intl.DateTimeFormat(lang, { hour: '2-digit', minute: '2-digit' }).format(date);
}

/**
 * The count under a message list, in the reader's digits: "50 of 1,234", or "50 of 1,000+
 * messages" when the server stopped counting a word search at its cap.
 */
export function listCount(shown: number, page: Pick<TMessagePage, 'total' | 'totalAtLeast'> | undefined, lang: string) {
  const number = new Intl.NumberFormat(lang);
  const total = Math.max(page?.total ?? 0, shown);
  return {
    key: page?.totalAtLeast ? ('mail.list.countAtLeast' as const) : ('mail.list.count' as const),
    values: { shown: number.format(shown), total: number.format(total) },
  };
}
