import { describe, expect, it } from 'vitest';
import { formatDays, formatHours } from './format';

describe('formatDays', () => {
  it('writes one day, or a range, in the reader’s language', () => {
    expect(formatDays('2026-03-10', '2026-03-10', 'en-GB')).toBe('10 Mar 2026');
    expect(formatDays('2026-03-10', '2026-03-12', 'en-GB')).toMatch(/^10\s?–\s?12 Mar 2026$/u);
    expect(formatDays('2026-03-10', '2026-03-12', 'fr')).toMatch(/10/);
  });
  it('keeps the calendar day whatever the reader’s time zone', () => {
    // Noon UTC stays on the same day in every zone from UTC−11 to UTC+11.
    expect(formatDays('2026-01-01', '2026-01-01', 'en-GB')).toBe('1 Jan 2026');
  });
  it('shows what it was given when a date is not one', () => {
    expect(formatDays('nope', '2026-01-01', 'en')).toBe('nope – 2026-01-01');
  });
});

describe('formatHours', () => {
  it('shows half hours', () => {
    expect(formatHours(450, 'en')).toBe('7.5');
    expect(formatHours(450, 'fr')).toBe('7,5');
  });
});
