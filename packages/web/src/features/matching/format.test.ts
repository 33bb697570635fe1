import { describe, expect, it } from 'vitest';
import type { TMatchAccessRequest, TMatchItem } from '@focal/shared';
import {
  canAskAccess,
  caseEntityPath,
  crossRefProgress,
  entityLink,
  formatScore,
  hitsSummary,
  isMatchable,
  orientPair,
  reasonProblem,
  scoreBand,
  scorePercent,
  splitAccessRequests,
  splitQueue,
  workCount,
} from './format';

const entity = (id: string, caseId = 'case-1', caption = id) => ({ id, caseId, caseReference: `AR-2025-FR-${caseId}`, leadCountry: 'FR', schema: 'Person', caption });

const match = (candidateId: string, score: number, verdict: 'same' | 'not_same' | 'unsure' | null = null): TMatchItem => ({
  kind: 'match',
  candidateId,
  score,
  isMatch: score >= 0.7,
  blind: false,
  explanation: [],
  entity: entity('mine'),
  other: entity(`other-${candidateId}`, 'case-2'),
  verdict,
});

const hit = (candidateId: string, accessRequest: 'pending' | 'granted' | 'refused' | null, caption = 'Petrenko'): TMatchItem => ({
  kind: 'hit',
  candidateId,
  entity: entity(`mine-${candidateId}`, 'case-1', caption),
  leadCountry: 'NG',
  accessRequest,
});

const request = (id: string, requesterId: string, status: 'pending' | 'granted' | 'refused', createdAt: string): TMatchAccessRequest => ({
  id,
  status,
  reason: 'Same man bought a villa in Nice.',
  createdAt,
  decidedAt: status === 'pending' ? null : createdAt,
  requester: { id: requesterId, name: 'Amélie Durand', nameLatin: 'Amelie Durand', country: 'FR' },
  entity: null,
  leadCountry: 'NG',
  canDecide: requesterId !== 'me' && status === 'pending',
});

describe('scores', () => {
  it('are whole percentages, rounded down so that only 1 reads as certain', () => {
    expect(scorePercent(0.873)).toBe(87);
    expect(scorePercent(0.999)).toBe(99);
    expect(scorePercent(1)).toBe(100);
    expect(scorePercent(0.29)).toBe(29);
    expect(scorePercent(-0.2)).toBe(0);
    expect(scorePercent(Number.NaN)).toBe(0);
  });

  it('are written in the reader’s language', () => {
    expect(formatScore(0.873, 'en')).toBe('87%');
    expect(formatScore(0.873, 'fr').replace(/\s/g, ' ')).toBe('87 %');
    // Arabic with its own percent sign placement (and digits, where the locale's data uses them).
    expect(formatScore(0.873, 'ar')).toMatch(/^(87|٨٧)\u200e?[%٪]\u200e?$/);
  });

  it('follow the matcher’s own verdict for colour when it gave one', () => {
    expect(scoreBand(0.95, true)).toBe('strong');
    expect(scoreBand(0.75, true)).toBe('possible');
    expect(scoreBand(0.95, false)).toBe('weak');
    expect(scoreBand(0.65)).toBe('possible');
    expect(scoreBand(0.4)).toBe('weak');
  });
});

describe('the review queue', () => {
  it('puts pairs to judge best first and leaves out judged ones', () => {
    const { review } = splitQueue([match('a', 0.72), match('b', 0.93), match('c', 0.99, 'same')]);
    expect(review.map((m) => m.candidateId)).toEqual(['b', 'a']);
  });

  it('lists first the hits that can still be asked about; a refused request may be asked again', () => {
    const { hits } = splitQueue([hit('p', 'pending'), hit('r', 'refused'), hit('n', null)]);
    expect(hits.map((h) => h.candidateId)).toEqual(['n', 'r', 'p']);
    expect(hits.map((h) => canAskAccess(h))).toEqual([true, true, false]);
  });

  it('counts the work waiting: pairs, hits not asked about, requests to decide', () => {
    const queue = [match('a', 0.8), hit('n', null), hit('p', 'pending')];
    const requests = [request('1', 'them', 'pending', '2025-06-01T10:00:00Z'), request('2', 'them', 'granted', '2025-06-01T09:00:00Z'), request('3', 'me', 'pending', '2025-06-01T08:00:00Z')];
    expect(workCount(queue, requests)).toBe(3);
    expect(workCount(undefined, undefined)).toBe(0);
  });
});

describe('requests for access', () => {
  it('are split into those asked of me and mine, pending first then newest', () => {
    const items = [
      request('old-pending', 'them', 'pending', '2025-06-01T08:00:00Z'),
      request('granted', 'them', 'granted', '2025-06-03T08:00:00Z'),
      request('new-pending', 'them', 'pending', '2025-06-02T08:00:00Z'),
      request('mine', 'me', 'refused', '2025-06-02T08:00:00Z'),
    ];
    const { toDecide, mine } = splitAccessRequests(items, 'me');
    expect(toDecide.map((r) => r.id)).toEqual(['new-pending', 'old-pending', 'granted']);
    expect(mine.map((r) => r.id)).toEqual(['mine']);
  });

  it('need a reason of 3 to 2,000 characters, as the server checks', () => {
    expect(reasonProblem('  ab ')).toBe('tooShort');
    expect(reasonProblem('abc')).toBeNull();
    expect(reasonProblem('x'.repeat(2001))).toBe('tooLong');
  });
});

describe('hits in other countries’ cases', () => {
  const names: Record<string, string> = { NG: 'Nigeria', KE: 'Kenya', FR: 'France' };
  const nameOf = (code: string) => names[code] ?? '';

  it('are told as country (count), most first, then by name', () => {
    expect(hitsSummary([{ leadCountry: 'NG', count: 1 }], nameOf, 'en')).toBe('Nigeria (1)');
    expect(hitsSummary([{ leadCountry: 'NG', count: 1 }, { leadCountry: 'KE', count: 3 }, { leadCountry: 'FR', count: 1 }], nameOf, 'en')).toBe('Kenya (3), France (1), Nigeria (1)');
  });

  it('fall back to the code of a country without a name and drop empty counts', () => {
    expect(hitsSummary([{ leadCountry: 'ZZ', count: 2 }, { leadCountry: 'NG', count: 0 }], nameOf, 'en')).toBe('ZZ (2)');
  });
});

describe('links to entities', () => {
  it('open the entity in its case for a member, else the shared-entity view', () => {
    expect(caseEntityPath('c 1', 'e1')).toBe('/cases/c%201/entities?entity=e1');
    expect(entityLink({ id: 'e1', caseId: 'c1' }, new Set(['c1']))).toEqual({ to: '/cases/c1/entities?entity=e1', inCase: true });
    expect(entityLink({ id: 'e1', caseId: 'c2' }, new Set(['c1']))).toEqual({ to: '/shared-entities/e1', inCase: false });
    expect(entityLink({ id: 'e1', caseId: 'c1' }, null)).toEqual({ to: '/shared-entities/e1', inCase: false });
  });

  it('are offered only for the schemata the matcher compares', () => {
    expect(isMatchable('Person')).toBe(true);
    expect(isMatchable('BankAccount')).toBe(true);
    expect(isMatchable('Ownership')).toBe(false);
    expect(isMatchable('RealEstate')).toBe(false);
  });
});

describe('pairs in the queue', () => {
  it('show the reader’s own side first, the one in a case they are a member of', () => {
    const pair = match('a', 0.9) as Extract<TMatchItem, { kind: 'match' }>;
    const flipped = { ...pair, entity: pair.other, other: pair.entity };
    expect(orientPair(flipped, new Set(['case-1'])).entity.id).toBe('mine');
    expect(orientPair(pair, new Set(['case-1'])).entity.id).toBe('mine');
    // Unknown membership, or both sides in my cases: as the server gave it.
    expect(orientPair(flipped, null).entity.id).toBe('other-a');
    expect(orientPair(flipped, new Set(['case-1', 'case-2'])).entity.id).toBe('other-a');
  });
});

describe('cross-referencing progress', () => {
  it('takes the largest count seen as the whole, and ends at zero', () => {
    let state = crossRefProgress(0, 400);
    expect(state).toEqual({ peak: 400, percent: 0 });
    state = crossRefProgress(state.peak, 100);
    expect(state).toEqual({ peak: 400, percent: 75 });
    // More entities queued meanwhile (another import): the whole grows.
    state = crossRefProgress(state.peak, 500);
    expect(state).toEqual({ peak: 500, percent: 0 });
    expect(crossRefProgress(state.peak, 0)).toEqual({ peak: 0, percent: 100 });
  });
});
