import type { TCaseStatus } from '@focal/shared';

export interface CaseListQuery {
  q?: string;
  status?: TCaseStatus;
}

export type RequestBox = 'waiting_on_me' | 'waiting_on_them' | 'all';
export type RequestScope = 'mine' | 'country';

export interface RequestListQuery {
  box: RequestBox;
  scope: RequestScope;
  caseId?: string;
}

/**
 * Every case query lives under ['cases', …] and every request query under ['requests', …], so
 * one invalidation refreshes what a realtime event may have changed. Kept apart from the hooks
 * so the navigation (in the main bundle) can use them without loading the FtM model.
 */
export const caseKeys = {
  all: ['cases'] as const,
  list: (query: CaseListQuery) => ['cases', 'list', query] as const,
  detail: (id: string) => ['cases', 'detail', id] as const,
  entities: (id: string) => ['cases', 'entities', id] as const,
  history: (id: string, entityId: string) => ['cases', 'history', id, entityId] as const,
  timeline: (id: string) => ['cases', 'timeline', id] as const,
  assets: (id: string) => ['cases', 'assets', id] as const,
  totals: (id: string) => ['cases', 'totals', id] as const,
  /** Totals across every case I am a member of. */
  portfolioTotals: ['cases', 'portfolio-totals'] as const,
  documents: (id: string) => ['cases', 'documents', id] as const,
  /**
   * Outside ['cases', …] on purpose: reading the chain of custody is itself audited, so it is
   * fetched when opened and after one's own reads, not again on every change to the case.
   */
  custody: (id: string, documentId: string) => ['custody', id, documentId] as const,
};

export const requestKeys = {
  all: ['requests'] as const,
  list: (query: RequestListQuery) => ['requests', 'list', query] as const,
  detail: (id: string) => ['requests', 'detail', id] as const,
};
