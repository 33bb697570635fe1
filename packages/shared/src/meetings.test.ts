import { describe, expect, it } from 'vitest';
import {
  DEFAULT_WORKING_HOURS,
  defaultWeekend,
  findSlots,
  instantAt,
  localReading,
  outsideWorkingHours,
  startOfLocalDay,
  workingShare,
  type SlotPerson,
} from './meetings.js';

const person = (id: string, timeZone: string, country = 'XX'): SlotPerson => ({
  id,
  timeZone,
  workStart: DEFAULT_WORKING_HOURS.start,
  workEnd: DEFAULT_WORKING_HOURS.end,
  weekend: defaultWeekend(country),
});
const lima = person('lima', 'America/Lima', 'PE');
const paris = person('paris', 'Europe/Paris', 'FR');
const nairobi = person('nairobi', 'Africa/Nairobi', 'KE');
const kualaLumpur = person('kl', 'Asia/Kuala_Lumpur', 'MY');
const fourCities = [lima, paris, nairobi, kualaLumpur];

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();
const HOUR = 3600_000;

describe('reading an instant on four wall clocks', () => {
  it('gives Lima, Paris, Nairobi and Kuala Lumpur their own time and offset, before and after Paris moves to summer time', () => {
    // Friday 27 March 2026, noon UTC: Paris is still on CET (UTC+1).
    const friday = at('2026-03-27T12:00:00Z');
    expect(localReading(friday, 'America/Lima')).toMatchObject({ date: '2026-03-27', time: '07:00', weekday: 5, offsetLabel: 'UTC-05:00' });
    expect(localReading(friday, 'Europe/Paris')).toMatchObject({ time: '13:00', offsetMinutes: 60, offsetLabel: 'UTC+01:00' });
    expect(localReading(friday, 'Africa/Nairobi')).toMatchObject({ time: '15:00', offsetLabel: 'UTC+03:00' });
    expect(localReading(friday, 'Asia/Kuala_Lumpur')).toMatchObject({ time: '20:00', offsetLabel: 'UTC+08:00' });
    // Monday 30 March, noon UTC: Paris changed to CEST (UTC+2) on Sunday; the others have no DST.
    const monday = at('2026-03-30T12:00:00Z');
    expect(localReading(monday, 'Europe/Paris')).toMatchObject({ time: '14:00', offsetMinutes: 120, offsetLabel: 'UTC+02:00' });
    expect(localReading(monday, 'America/Lima').time).toBe('07:00');
    expect(localReading(monday, 'Africa/Nairobi').time).toBe('15:00');
    expect(localReading(monday, 'Asia/Kuala_Lumpur').time).toBe('20:00');
    // Late evening in Lima is already the next day in Kuala Lumpur.
    expect(localReading(at('2026-03-27T23:30:00Z'), 'America/Lima')).toMatchObject({ date: '2026-03-27', time: '18:30' });
    expect(localReading(at('2026-03-27T23:30:00Z'), 'Asia/Kuala_Lumpur')).toMatchObject({ date: '2026-03-28', time: '07:30', weekday: 6 });
  });

  it('turns a wall-clock time back into an instant, the hour skipped by DST moving forward', () => {
    expect(iso(instantAt('2026-03-27', '09:00', 'Europe/Paris').getTime())).toBe('2026-03-27T08:00:00.000Z');
    expect(iso(instantAt('2026-03-30', '09:00', 'Europe/Paris').getTime())).toBe('2026-03-30T07:00:00.000Z');
    expect(iso(instantAt('2026-03-30', '09:00', 'America/Lima').getTime())).toBe('2026-03-30T14:00:00.000Z');
    // 02:30 does not exist in Paris on 29 March 2026: it reads as 03:30 summer time.
    expect(iso(instantAt('2026-03-29', '02:30', 'Europe/Paris').getTime())).toBe('2026-03-29T01:30:00.000Z');
    // The day of the change has 23 hours in Paris.
    expect(startOfLocalDay('2026-03-30', 'Europe/Paris').getTime() - startOfLocalDay('2026-03-29', 'Europe/Paris').getTime()).toBe(23 * HOUR);
    expect(() => localReading(0, 'Mars/Olympus_Mons')).toThrow(RangeError);
  });
});

describe('working hours', () => {
  it('counts 09:00–17:00 on weekdays, with the weekend of each country', () => {
    expect(outsideWorkingHours(paris, at('2026-03-27T08:00:00Z'), at('2026-03-27T09:00:00Z'))).toBeNull();
    expect(outsideWorkingHours(paris, at('2026-03-27T07:30:00Z'), at('2026-03-27T08:30:00Z'))).toBe('before_hours');
    // Ending exactly at 17:00 is inside; a minute later is not.
    expect(outsideWorkingHours(paris, at('2026-03-27T15:00:00Z'), at('2026-03-27T16:00:00Z'))).toBeNull();
    expect(outsideWorkingHours(paris, at('2026-03-27T15:01:00Z'), at('2026-03-27T16:01:00Z'))).toBe('after_hours');
    expect(outsideWorkingHours(paris, at('2026-03-28T10:00:00Z'), at('2026-03-28T11:00:00Z'))).toBe('weekend');
    // Egypt rests on Friday and Saturday and works on Sunday.
    const cairo: SlotPerson = { ...person('cairo', 'Africa/Cairo', 'EG') };
    expect(cairo.weekend).toEqual([5, 6]);
    expect(outsideWorkingHours(cairo, at('2026-03-27T08:00:00Z'), at('2026-03-27T09:00:00Z'))).toBe('weekend');
    expect(outsideWorkingHours(cairo, at('2026-03-29T08:00:00Z'), at('2026-03-29T09:00:00Z'))).toBeNull();
    // A meeting across local midnight is outside any working day; one ending at midnight fits a day that ends then.
    const night: SlotPerson = { ...paris, workStart: 20 * 60, workEnd: 24 * 60 };
    expect(outsideWorkingHours(night, at('2026-03-27T22:00:00Z'), at('2026-03-27T23:00:00Z'))).toBeNull();
    expect(outsideWorkingHours(night, at('2026-03-27T22:30:00Z'), at('2026-03-27T23:30:00Z'))).toBe('after_hours');
  });

  it('shares out a grid cell when an offset of half an hour splits it', () => {
    const delhi = person('delhi', 'Asia/Kolkata', 'IN');
    // 03:00–04:00 UTC is 08:30–09:30 in India: half of it is working time.
    expect(workingShare(delhi, at('2026-03-27T03:00:00Z'), at('2026-03-27T04:00:00Z'))).toEqual({ share: 0.5, weekend: false });
    expect(workingShare(delhi, at('2026-03-27T05:00:00Z'), at('2026-03-27T06:00:00Z'))).toEqual({ share: 1, weekend: false });
    expect(workingShare(delhi, at('2026-03-28T05:00:00Z'), at('2026-03-28T06:00:00Z'))).toEqual({ share: 0, weekend: true });
  });
});

describe('the slot finder', () => {
  it('finds no hour that suits Lima, Paris, Nairobi and Kuala Lumpur together, and proposes the hours that leave out only Lima', () => {
    // Monday 23 to Friday 27 March 2026, Paris on winter time. Working hours in UTC: Kuala Lumpur
    // 01–09, Nairobi 06–14, Paris 08–16, Lima 14–22: the first three share 08:00–09:00 only.
    const slots = findSlots({ people: fourCities, from: at('2026-03-23T00:00:00Z'), to: at('2026-03-28T00:00:00Z'), durationMinutes: 60 });
    expect(slots.every((slot) => slot.outside.length >= 1)).toBe(true);
    const best = slots.filter((slot) => slot.outside.length === 1);
    expect(best.map((slot) => iso(slot.start))).toEqual(['2026-03-23', '2026-03-24', '2026-03-25', '2026-03-26', '2026-03-27'].map((d) => `${d}T08:00:00.000Z`));
    for (const slot of best) expect(slot.outside).toEqual([{ id: 'lima', reason: 'before_hours' }]);
    // Best first: then the slots leaving out two people.
    expect(slots.slice(0, 5)).toEqual(best);
    expect(slots[5]!.outside).toHaveLength(2);
  });

  it('moves the proposals an hour earlier in UTC once Paris changes to summer time, and skips the weekend', () => {
    // Friday 27 (winter time) to Tuesday 31 March (summer time since Sunday 29).
    const slots = findSlots({ people: [paris, nairobi, kualaLumpur], from: at('2026-03-27T00:00:00Z'), to: at('2026-04-01T00:00:00Z'), durationMinutes: 60 });
    const everyone = slots.filter((slot) => slot.outside.length === 0).map((slot) => iso(slot.start));
    expect(everyone).toEqual([
      '2026-03-27T08:00:00.000Z',
      '2026-03-30T07:00:00.000Z',
      '2026-03-30T07:30:00.000Z',
      '2026-03-30T08:00:00.000Z',
      '2026-03-31T07:00:00.000Z',
      '2026-03-31T07:30:00.000Z',
      '2026-03-31T08:00:00.000Z',
    ]);
    // Each of them is 09:00 or later in Paris, and ends by 17:00 in Kuala Lumpur.
    for (const start of everyone) {
      expect(localReading(start, 'Europe/Paris').minuteOfDay).toBeGreaterThanOrEqual(9 * 60);
      expect(localReading(Date.parse(start) + HOUR, 'Asia/Kuala_Lumpur').minuteOfDay).toBeLessThanOrEqual(17 * 60);
    }
    // Nothing on Saturday 28 or Sunday 29 is proposed while a weekday works for everyone.
    expect(slots.filter((slot) => ['2026-03-28', '2026-03-29'].includes(localReading(slot.start, 'Europe/Paris').date) && slot.outside.length === 0)).toEqual([]);
  });

  it('says the same UTC hour suits Paris before the change and not after', () => {
    const pair = [lima, paris];
    const before = findSlots({ people: pair, from: at('2026-03-27T00:00:00Z'), to: at('2026-03-28T00:00:00Z'), durationMinutes: 60 });
    const after = findSlots({ people: pair, from: at('2026-03-30T00:00:00Z'), to: at('2026-03-31T00:00:00Z'), durationMinutes: 60 });
    const free = (slots: typeof before) => slots.filter((slot) => slot.outside.length === 0).map((slot) => new Date(slot.start).toISOString().slice(11, 16));
    // Winter: Paris 08–16 UTC and Lima 14–22 UTC share 14:00–16:00.
    expect(free(before)).toEqual(['14:00', '14:30', '15:00']);
    // Summer: Paris 07–15 UTC, so only 14:00–15:00 is left.
    expect(free(after)).toEqual(['14:00']);
    const fifteen = after.find((slot) => iso(slot.start) === '2026-03-30T15:00:00.000Z');
    expect(fifteen?.outside).toEqual([{ id: 'paris', reason: 'after_hours' }]);
  });

  it('never proposes a time outside everyone’s hours, and honours the limit', () => {
    const slots = findSlots({ people: [lima, kualaLumpur], from: at('2026-03-23T00:00:00Z'), to: at('2026-03-24T00:00:00Z'), durationMinutes: 90, limit: 4 });
    expect(slots).toHaveLength(4);
    for (const slot of slots) expect(slot.outside).toHaveLength(1);
    expect(findSlots({ people: fourCities, from: at('2026-03-28T00:00:00Z'), to: at('2026-03-29T00:00:00Z'), durationMinutes: 60 })).toEqual([]);
  });
});
