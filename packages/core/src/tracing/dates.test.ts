import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareInstants, parseInstant } from './dates.js';

const instant = (text: string) => {
  const parsed = parseInstant(text);
  if (parsed === null) throw new Error(`${text} did not parse`);
  return parsed;
};

describe('parseInstant', () => {
  it('reads a bare date as midnight UTC of that day', () => {
    expect(instant('2024-01-01')).toEqual({ epochMillis: Date.UTC(2024, 0, 1), nanosOfMilli: 0 });
    expect(compareInstants(instant('2024-01-01'), instant('2024-01-01T00:00:00Z'))).toBe(0);
    expect(compareInstants(instant('2024-01-01'), instant('2024-01-01T10:00:00Z'))).toBeLessThan(0);
    expect(compareInstants(instant('2024-01-02'), instant('2024-01-01T23:59:59.999Z'))).toBeGreaterThan(0);
  });

  it('reads a date-time without offset as UTC, never as local time', () => {
    expect(instant('2024-03-31T02:30:00').epochMillis).toBe(Date.UTC(2024, 2, 31, 2, 30));
    expect(instant('2024-03-31T02:30').epochMillis).toBe(Date.UTC(2024, 2, 31, 2, 30));
  });

  it('applies offsets in every ISO spelling', () => {
    const utc = Date.UTC(2024, 0, 1, 10, 0);
    for (const text of ['2024-01-01T10:00:00Z', '2024-01-01t10:00:00z', '2024-01-01 10:00:00Z', '2024-01-01T11:00:00+01:00', '2024-01-01T11:00:00+0100', '2024-01-01T11:00:00+01', '2024-01-01T05:30:00-04:30']) {
      expect(instant(text).epochMillis, text).toBe(utc);
    }
  });

  it('keeps fractions of a second down to the nanosecond', () => {
    expect(instant('2024-01-01T00:00:00.5Z')).toEqual({ epochMillis: Date.UTC(2024, 0, 1) + 500, nanosOfMilli: 0 });
    expect(instant('2024-01-01T00:00:00,123456789Z')).toEqual({ epochMillis: Date.UTC(2024, 0, 1) + 123, nanosOfMilli: 456789 });
    expect(compareInstants(instant('2024-01-01T00:00:00.0000001Z'), instant('2024-01-01T00:00:00.0000002Z'))).toBeLessThan(0);
  });

  it('handles leap days and years before 100 (where Date.UTC would add 1900)', () => {
    expect(parseInstant('2024-02-29')).not.toBeNull();
    expect(parseInstant('2000-02-29')).not.toBeNull();
    expect(parseInstant('1900-02-29')).toBeNull();
    expect(parseInstant('2023-02-29')).toBeNull();
    expect(instant('0050-06-01').epochMillis).toBe(new Date('0050-06-01T00:00:00Z').getTime());
  });

  it.each(['', '2024', '2024-1-01', '2024-13-01', '2024-00-10', '2024-04-31', '2024-01-01T24:00:00Z', '2024-01-01T10:60Z', '2024-01-01T10:00:60Z', '2024-01-01T10', '2024-01-01T10:00:00.Z', '2024-01-01T10:00:00+1', '2024-01-01T10:00:00+25:00', '2024-01-01Z', '01/02/2024', 'yesterday', '2024-01-01T10:00:00 Z'])(
    'rejects %j',
    (text) => {
      expect(parseInstant(text)).toBeNull();
    },
  );

  it('agrees with Date for every millisecond timestamp', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('0001-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true }), (date) => {
        expect(instant(date.toISOString()).epochMillis).toBe(date.getTime());
      }),
    );
  });
});
