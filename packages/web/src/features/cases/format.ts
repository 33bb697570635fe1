import type { MantineColor } from '@mantine/core';
import { isA, isEdgeSchema, type TCaseStatus, type TRequestState } from '@focal/shared';

// ---------------------------------------------------------------- deadlines

export type CountdownUnit = 'minute' | 'hour' | 'day';

export interface Countdown {
  overdue: boolean;
  /** Whole units, at least 1, rounded the way a busy reader expects (never "in 0 hours"). */
  value: number;
  unit: CountdownUnit;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * The time left before a deadline, or by how much it was missed, in one unit: minutes under an
 * hour, hours under two days, days beyond. Time left is rounded down (8 h 59 min left is
 * "8 hours": never promise more than there is); lateness is rounded up (a minute late is late).
 */
export function countdown(deadline: Date, now: Date): Countdown {
  const diff = deadline.getTime() - now.getTime();
  const overdue = diff < 0;
  const span = Math.abs(diff);
  const round = overdue ? Math.ceil : Math.floor;
  let unit: CountdownUnit;
  let value: number;
  if (span < HOUR) {
    unit = 'minute';
    value = round(span / MINUTE);
  } else if (span < 2 * DAY) {
    unit = 'hour';
    value = round(span / HOUR);
  } else {
    unit = 'day';
    value = round(span / DAY);
  }
  return { overdue, value: Math.max(1, value), unit };
}

/** "in 5 hours", "dans 5 heures", "خلال 5 ساعات": time left, in the reader's language. */
export function formatTimeLeft(c: Countdown, lang: string): string {
  try {
    return new Intl.RelativeTimeFormat(lang, { numeric: 'always', style: 'long' }).format(c.value, c.unit);
  } catch {
    return `${c.value} ${c.unit}`;
  }
}

/** "2 days", "3 hours": a duration, in the reader's language (for "overdue by …"). */
export function formatDuration(c: Pick<Countdown, 'value' | 'unit'>, lang: string): string {
  try {
    return new Intl.NumberFormat(lang, { style: 'unit', unit: c.unit, unitDisplay: 'long' }).format(c.value);
  } catch {
    return `${c.value} ${c.unit}`;
  }
}

// ---------------------------------------------------------------- colours

export const CASE_STATUS_COLOR: Record<TCaseStatus, MantineColor> = { open: 'blue', active: 'teal', suspended: 'yellow', closed: 'gray' };

export const REQUEST_STATE_COLOR: Record<TRequestState, MantineColor> = {
  draft: 'gray',
  sent: 'blue',
  acknowledged: 'cyan',
  in_progress: 'indigo',
  answered: 'teal',
  partially_answered: 'lime',
  refused: 'red',
  withdrawn: 'dark',
  closed: 'gray',
};

// ---------------------------------------------------------------- entities

/** The groups of the entities list, in display order. */
export const ENTITY_GROUPS = ['people', 'companies', 'accounts', 'assets', 'relations'] as const;
export type EntityGroup = (typeof ENTITY_GROUPS)[number];

export function entityGroup(schema: string): EntityGroup {
  if (isEdgeSchema(schema)) return 'relations';
  if (isA(schema, 'Person')) return 'people';
  if (isA(schema, 'LegalEntity')) return 'companies';
  if (schema === 'BankAccount' || schema === 'CryptoWallet') return 'accounts';
  return 'assets';
}

/** How a node looks in the link chart: a person, an organisation (a company is one), or a thing owned. */
export type NodeKind = 'person' | 'organization' | 'asset';

export function nodeKind(schema: string): NodeKind {
  if (isA(schema, 'Person')) return 'person';
  if (isA(schema, 'LegalEntity')) return 'organization';
  return 'asset';
}

/** Lower-case FtM country values to the upper-case codes of the reference list. */
export const toCountryCode = (ftmCountry: string) => ftmCountry.toUpperCase();
