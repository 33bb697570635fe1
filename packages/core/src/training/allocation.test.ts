import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocateSeats, defaultQuota, type SeatNomination, type SeatStatus } from './allocation.js';

let clock = 0;
/** Nominations of one country, in the admin's order, made one after another. */
function nominees(country: string, count: number, status: SeatStatus = 'pending', at?: number): SeatNomination[] {
  return Array.from({ length: count }, (_, i) => ({ id: `${country}${i + 1}`, country, rank: i + 1, nominatedAt: at ?? ++clock, status }));
}

describe('defaultQuota', () => {
  it('divides the capacity between the nominating countries, rounding up', () => {
    expect(defaultQuota(20, 3)).toBe(7);
    expect(defaultQuota(20, 4)).toBe(5);
    expect(defaultQuota(5, 8)).toBe(1);
    expect(defaultQuota(12, 0)).toBe(12);
  });
  it('refuses a capacity that is not a positive whole number', () => {
    expect(() => defaultQuota(0, 2)).toThrow(RangeError);
    expect(() => defaultQuota(2.5, 2)).toThrow(RangeError);
  });
});

describe('allocateSeats', () => {
  it('gives each country its quota, the rest to the waiting list', () => {
    // Capacity 6, three countries: quota 2 each. Egypt nominated four, so two wait; with Peru's
    // third, they wait in turns, Egypt (which nominated first) ahead.
    const plan = allocateSeats({ capacity: 6, quota: null, nominations: [...nominees('EG', 4), ...nominees('FR', 2), ...nominees('PE', 3)] });
    expect(plan.quota).toBe(2);
    expect([...plan.confirmed].sort()).toEqual(['EG1', 'EG2', 'FR1', 'FR2', 'PE1', 'PE2']);
    expect(plan.waitlist).toEqual(['EG3', 'PE3', 'EG4']);
  });

  it('seats countries in turn, so a short capacity is spread before anyone gets a second seat', () => {
    const plan = allocateSeats({ capacity: 3, quota: 5, nominations: [...nominees('EG', 3), ...nominees('FR', 3), ...nominees('NG', 3)] });
    expect(plan.confirmed).toEqual(['EG1', 'FR1', 'NG1']);
    expect(plan.waitlist.slice(0, 3)).toEqual(['EG2', 'FR2', 'NG2']);
  });

  it('follows the national admin’s order of priority, not the order of entry', () => {
    const plan = allocateSeats({
      capacity: 1,
      quota: 1,
      nominations: [
        { id: 'late-but-first', country: 'KE', rank: 1, nominatedAt: 200, status: 'pending' },
        { id: 'early-but-second', country: 'KE', rank: 2, nominatedAt: 100, status: 'pending' },
      ],
    });
    expect(plan.confirmed).toEqual(['late-but-first']);
    expect(plan.waitlist).toEqual(['early-but-second']);
  });

  it('fills seats beyond the quota when other countries nominated fewer, instead of leaving them empty', () => {
    const plan = allocateSeats({ capacity: 6, quota: 2, nominations: [...nominees('EG', 5), ...nominees('FR', 1)] });
    expect(plan.confirmed).toHaveLength(6);
    expect(plan.confirmed.filter((id) => id.startsWith('EG'))).toHaveLength(5);
    expect(plan.waitlist).toEqual([]);
  });

  it('uses the quota the organiser set', () => {
    const plan = allocateSeats({ capacity: 4, quota: 1, nominations: [...nominees('EG', 3), ...nominees('FR', 3)] });
    // One each within the quota, then the two free seats go round again.
    expect(plan.quota).toBe(1);
    expect(plan.confirmed).toEqual(['EG1', 'FR1', 'EG2', 'FR2']);
  });

  it('never takes back a confirmed seat, even above a new, lower quota', () => {
    const plan = allocateSeats({
      capacity: 4,
      quota: 1,
      nominations: [...nominees('EG', 3, 'confirmed'), ...nominees('FR', 2, 'waitlisted')],
    });
    expect(plan.confirmed).toEqual(['EG1', 'EG2', 'EG3', 'FR1']);
    expect(plan.newlyConfirmed).toEqual(['FR1']);
    expect(plan.waitlist).toEqual(['FR2']);
  });

  it('after a cancellation, gives the freed seat to the country now below its quota', () => {
    // Quota 2: Egypt and France hold two seats each; Egypt nominated first, so EG3 heads the list.
    const before = allocateSeats({ capacity: 4, quota: null, nominations: [...nominees('EG', 3), ...nominees('FR', 3)] });
    expect(before.waitlist).toEqual(['EG3', 'FR3']);
    // France's second officer cancels: France's next nominee takes the seat back to its quota.
    const status = (id: string): SeatStatus => (before.confirmed.includes(id) ? 'confirmed' : 'waitlisted');
    const remaining = [...nominees('EG', 3), ...nominees('FR', 3)].filter((n) => n.id !== 'FR2').map((n) => ({ ...n, status: status(n.id) }));
    const after = allocateSeats({ capacity: 4, quota: null, nominations: remaining });
    expect(after.newlyConfirmed).toEqual(['FR3']);
    expect(after.waitlist).toEqual(['EG3']);
  });

  it('moves the waiting list up in its own order when every country is at its quota', () => {
    const nominations = [...nominees('EG', 2, 'confirmed'), { id: 'EG3', country: 'EG', rank: 3, nominatedAt: ++clock, status: 'waitlisted' as const }, ...nominees('FR', 1, 'confirmed')];
    // FR1 cancels: France has no one waiting, so Egypt's next officer takes the seat.
    const after = allocateSeats({ capacity: 4, quota: 2, nominations: nominations.filter((n) => n.id !== 'FR1') });
    expect(after.newlyConfirmed).toEqual(['EG3']);
  });

  it('places a nomination made after the seats were confirmed by the same rule', () => {
    // Peru nominates late: it holds no seat yet, so it comes before Egypt's third officer.
    const plan = allocateSeats({
      capacity: 3,
      quota: 2,
      nominations: [...nominees('EG', 2, 'confirmed'), ...nominees('EG', 3, 'waitlisted').slice(2), ...nominees('FR', 1, 'confirmed'), ...nominees('PE', 1, 'pending')],
    });
    expect(plan.newlyConfirmed).toEqual([]);
    expect(plan.waitlist).toEqual(['PE1', 'EG3']);
  });

  it('serves the country that nominated first when the others hold as many seats', () => {
    const plan = allocateSeats({ capacity: 1, quota: 1, nominations: [...nominees('PE', 1, 'pending', 50), ...nominees('AU', 1, 'pending', 60)] });
    expect(plan.confirmed).toEqual(['PE1']);
  });

  it('refuses a quota below one and a nomination listed twice', () => {
    expect(() => allocateSeats({ capacity: 2, quota: 0, nominations: [] })).toThrow(RangeError);
    const [one] = nominees('EG', 1);
    expect(() => allocateSeats({ capacity: 2, quota: 1, nominations: [one!, one!] })).toThrow(RangeError);
  });

  const countryCodes = ['EG', 'FR', 'PE', 'KE', 'UA'];
  const arbitraryNominations = fc
    .array(fc.record({ country: fc.constantFrom(...countryCodes), status: fc.constantFrom<SeatStatus>('pending', 'waitlisted', 'confirmed'), at: fc.integer({ min: 0, max: 1000 }) }), { maxLength: 40 })
    .map((rows) => {
      const ranks = new Map<string, number>();
      return rows.map((row, i) => {
        const rank = (ranks.get(row.country) ?? 0) + 1;
        ranks.set(row.country, rank);
        return { id: `n${i}`, country: row.country, rank, nominatedAt: row.at, status: row.status };
      });
    });

  it('holds its promises for any set of nominations', () => {
    fc.assert(
      fc.property(arbitraryNominations, fc.integer({ min: 1, max: 25 }), fc.option(fc.integer({ min: 1, max: 10 }), { nil: null }), (nominations, capacityWanted, quotaSet) => {
        const confirmedBefore = nominations.filter((n) => n.status === 'confirmed');
        // The server never lets capacity fall below the seats already confirmed.
        const capacity = Math.max(capacityWanted, confirmedBefore.length);
        const plan = allocateSeats({ capacity, quota: quotaSet, nominations });
        // Everyone is accounted for exactly once.
        expect([...plan.confirmed, ...plan.waitlist].sort()).toEqual(nominations.map((n) => n.id).sort());
        // Confirmed seats are kept, and capacity is never exceeded.
        for (const n of confirmedBefore) expect(plan.confirmed).toContain(n.id);
        expect(plan.confirmed.length).toBeLessThanOrEqual(capacity);
        // No seat stays free while someone waits.
        if (plan.waitlist.length > 0) expect(plan.confirmed).toHaveLength(capacity);
        // Nobody goes beyond the quota by a new seat while another country below it has someone waiting.
        const held = (country: string) => plan.confirmed.filter((id) => nominations.find((n) => n.id === id)!.country === country).length;
        const waitingBelowQuota = countryCodes.filter((c) => held(c) < plan.quota && plan.waitlist.some((id) => nominations.find((n) => n.id === id)!.country === c));
        if (waitingBelowQuota.length > 0) {
          for (const id of plan.newlyConfirmed) {
            const country = nominations.find((n) => n.id === id)!.country;
            const heldBefore = confirmedBefore.filter((n) => n.country === country).length;
            const newForCountry = plan.newlyConfirmed.filter((other) => nominations.find((n) => n.id === other)!.country === country).length;
            expect(heldBefore + newForCountry).toBeLessThanOrEqual(plan.quota);
          }
        }
        // Within a country, priority is respected among those newly seated and waiting.
        for (const c of countryCodes) {
          const seatedRanks = plan.newlyConfirmed.map((id) => nominations.find((n) => n.id === id)!).filter((n) => n.country === c).map((n) => n.rank);
          const waitingRanks = plan.waitlist.map((id) => nominations.find((n) => n.id === id)!).filter((n) => n.country === c).map((n) => n.rank);
          if (seatedRanks.length && waitingRanks.length) expect(Math.max(...seatedRanks)).toBeLessThan(Math.min(...waitingRanks));
        }
        // The same input gives the same plan.
        expect(allocateSeats({ capacity, quota: quotaSet, nominations })).toEqual(plan);
      }),
      { numRuns: 300 },
    );
  });
});
