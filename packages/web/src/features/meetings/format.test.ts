import { describe, expect, it } from 'vitest';
import type { TSlotParticipant } from '@focal/shared';
import { cellState, daysBetween, formatRange, hoursOfDay, instantFromLocal, outsideReason, zoneLabel } from './format';

const participant = (timeZone: string, weekend = [6, 7]): TSlotParticipant => ({
  person: { id: '00000000-0000-4000-8000-000000000001', name: 'P', nameLatin: 'P', country: 'XX' },
  timeZone,
  workStart: '09:00',
  workEnd: '17:00',
  weekend,
});

describe('the working-hours grid', () => {
  it('has 23 hours on the day Paris moves to summer time and 25 when it moves back', () => {
    expect(hoursOfDay('2026-03-27', 'Europe/Paris')).toHaveLength(24);
    const spring = hoursOfDay('2026-03-29', 'Europe/Paris');
    expect(spring).toHaveLength(23);
    expect(spring.map((h) => h.hour).slice(0, 4)).toEqual([0, 1, 3, 4]);
    const autumn = hoursOfDay('2026-10-25', 'Europe/Paris');
    expect(autumn).toHaveLength(25);
    expect(autumn.map((h) => h.hour).slice(0, 5)).toEqual([0, 1, 2, 2, 3]);
  });

  it('colours each hour of a Paris viewer’s day by each participant’s own working day', () => {
    const hours = hoursOfDay('2026-03-27', 'Europe/Paris');
    const at = (hour: number) => hours.find((h) => h.hour === hour)!;
    const lima = participant('America/Lima');
    const kualaLumpur = participant('Asia/Kuala_Lumpur');
    const delhi = participant('Asia/Kolkata');
    // 15:00 in Paris is 09:00 in Lima, 22:00 in Kuala Lumpur.
    expect(cellState(lima, at(15).start, at(15).end)).toBe('work');
    expect(cellState(kualaLumpur, at(15).start, at(15).end)).toBe('off');
    expect(cellState(kualaLumpur, at(9).start, at(9).end)).toBe('work');
    // 04:00 in Paris is 08:30 in Delhi: half of that hour is working time.
    expect(cellState(delhi, at(4).start, at(4).end)).toBe('partial');
    // Saturday 28 March, 01:00 in Paris, is already Saturday morning in Kuala Lumpur.
    const saturday = hoursOfDay('2026-03-28', 'Europe/Paris');
    expect(cellState(kualaLumpur, saturday[3]!.start, saturday[3]!.end)).toBe('weekend');
  });

  it('lists the viewer’s local days of a search window', () => {
    expect(daysBetween('2030-10-24T22:00:00.000Z', '2030-10-28T23:00:00.000Z', 'Europe/Paris')).toEqual(['2030-10-25', '2030-10-26', '2030-10-27', '2030-10-28']);
  });
});

describe('times on each clock', () => {
  it('says why a time is outside someone’s hours', () => {
    expect(outsideReason(participant('America/Lima'), '2030-10-28T08:00:00Z', '2030-10-28T09:00:00Z')).toBe('before_hours');
    expect(outsideReason(participant('Europe/Paris'), '2030-10-28T08:00:00Z', '2030-10-28T09:00:00Z')).toBeNull();
    expect(outsideReason(participant('Africa/Cairo', [5, 6]), '2030-10-25T08:00:00Z', '2030-10-25T09:00:00Z')).toBe('weekend');
  });

  it('reads a typed date and time on the viewer’s clock, across a change of clocks', () => {
    expect(instantFromLocal('2030-10-25', '10:00', 'Europe/Paris')?.toISOString()).toBe('2030-10-25T08:00:00.000Z');
    expect(instantFromLocal('2030-10-28', '09:00', 'Europe/Paris')?.toISOString()).toBe('2030-10-28T08:00:00.000Z');
    expect(instantFromLocal('2030-10-28', '9', 'Europe/Paris')).toBeNull();
  });

  it('names the zone with its offset and writes a range in the reader’s language', () => {
    expect(zoneLabel('Europe/Paris', 'en', new Date('2030-10-28T08:00:00Z'))).toBe('Central European Standard Time \u2068(Europe/Paris, UTC+01:00)\u2069');
    expect(zoneLabel('Europe/Paris', 'en', new Date('2030-10-25T08:00:00Z'))).toBe('Central European Summer Time \u2068(Europe/Paris, UTC+02:00)\u2069');
    expect(formatRange('2030-10-28T08:00:00Z', '2030-10-28T09:00:00Z', 'en-GB', 'America/Lima')).toMatch(/^Monday,? 28 October 2030, 03:00\s?–\s?04:00$/);
    expect(formatRange('2030-10-28T08:00:00Z', '2030-10-28T09:00:00Z', 'fr', 'Europe/Paris')).toContain('lundi 28 octobre 2030');
  });
});
