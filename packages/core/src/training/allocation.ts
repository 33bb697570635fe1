/**
 * Seats at a training workshop, shared fairly between the countries that nominated officers.
 *
 * Each country may hold up to `quota` seats (by default the capacity divided by the number of
 * nominating countries, rounded up). Seats are handed out one at a time, always to the country
 * holding the fewest seats so far (ties: the country that nominated first, then by code), and
 * within a country in the national admin's order of priority. Once every country has reached
 * its quota or run out of nominees, seats still free go round the countries the same way
 * beyond their quota, so no seat stays empty while someone waits. Everyone left over is on the
 * waiting list, in the order the same rule would seat them.
 *
 * Seats already confirmed are never taken back: running the allocation again (after more
 * nominations, a new quota or capacity, or a cancellation) only fills free seats. After a
 * cancellation the waiting list moves up by the same rule, so a seat freed by a country below
 * its quota goes to that country's next nominee first, before the head of the list.
 */

export type SeatStatus = 'pending' | 'confirmed' | 'waitlisted';

export interface SeatNomination {
  id: string;
  country: string;
  /** The national admin's order of priority within the country: 1 first. */
  rank: number;
  /** When the nomination was made (milliseconds since the epoch). */
  nominatedAt: number;
  status: SeatStatus;
}

export interface SeatAllocationInput {
  capacity: number;
  /** Seats per country; null for the default (see `defaultQuota`). */
  quota: number | null;
  /** Active nominations (cancelled ones left out). */
  nominations: readonly SeatNomination[];
}

export interface SeatAllocation {
  /** The quota applied. */
  quota: number;
  /** Every seat holder, those confirmed before first. */
  confirmed: string[];
  /** Seated by this run. */
  newlyConfirmed: string[];
  /** The waiting list, first in line first. */
  waitlist: string[];
}

/** ceil(capacity / countries), at least one seat per country. */
export function defaultQuota(capacity: number, countries: number): number {
  if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`capacity must be a positive integer, got ${capacity}`);
  return Math.max(1, Math.ceil(capacity / Math.max(1, countries)));
}

interface CountryQueue {
  country: string;
  firstNominatedAt: number;
  held: number;
  /** Candidates in order of priority, and the next one to seat. */
  queue: SeatNomination[];
  next: number;
}

const byPriority = (a: SeatNomination, b: SeatNomination) => a.rank - b.rank || a.nominatedAt - b.nominatedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The country to serve next: fewest seats held, then earliest to nominate, then by code. */
function nextCountry(countries: readonly CountryQueue[], limit: number): CountryQueue | undefined {
  let best: CountryQueue | undefined;
  for (const c of countries) {
    if (c.next >= c.queue.length || c.held >= limit) continue;
    if (!best || c.held < best.held || (c.held === best.held && (c.firstNominatedAt < best.firstNominatedAt || (c.firstNominatedAt === best.firstNominatedAt && c.country < best.country)))) best = c;
  }
  return best;
}

/** Takes up to `seats` nominees in fair order: within the quota first, then beyond it. */
function drawInOrder(countries: CountryQueue[], quota: number, seats: number): string[] {
  const order: string[] = [];
  for (const limit of [quota, Number.POSITIVE_INFINITY]) {
    while (order.length < seats) {
      const country = nextCountry(countries, limit);
      if (!country) break;
      order.push(country.queue[country.next]!.id);
      country.next += 1;
      country.held += 1;
    }
  }
  return order;
}

export function allocateSeats(input: SeatAllocationInput): SeatAllocation {
  const { capacity, nominations } = input;
  const quota = input.quota ?? defaultQuota(capacity, new Set(nominations.map((n) => n.country)).size);
  if (!Number.isInteger(quota) || quota < 1) throw new RangeError(`quota must be a positive integer, got ${quota}`);
  const seen = new Set<string>();
  for (const n of nominations) {
    if (seen.has(n.id)) throw new RangeError(`nomination ${n.id} appears twice`);
    seen.add(n.id);
  }

  const kept = nominations.filter((n) => n.status === 'confirmed').sort(byPriority);
  const byCountry = new Map<string, CountryQueue>();
  for (const n of nominations) {
    let c = byCountry.get(n.country);
    if (!c) byCountry.set(n.country, (c = { country: n.country, firstNominatedAt: n.nominatedAt, held: 0, queue: [], next: 0 }));
    c.firstNominatedAt = Math.min(c.firstNominatedAt, n.nominatedAt);
    if (n.status === 'confirmed') c.held += 1;
    else c.queue.push(n);
  }
  const countries = [...byCountry.values()];
  for (const c of countries) c.queue.sort(byPriority);

  const free = Math.max(0, capacity - kept.length);
  const newlyConfirmed = drawInOrder(countries, quota, free);
  // The waiting list is the order in which the same rule would go on seating people.
  const waitlist = drawInOrder(countries, quota, Number.POSITIVE_INFINITY);
  return {
    quota,
    confirmed: [...kept.map((n) => n.id), ...newlyConfirmed],
    newlyConfirmed,
    waitlist,
  };
}
