/**
 * Every matching query lives under ['matching', …], so one invalidation (a realtime `case`
 * event, a judgement, a decision) refreshes all that may show it. Kept apart from the hooks so
 * the navigation (main bundle) and the case realtime handler can use them.
 */
export const matchingKeys = {
  all: ['matching'] as const,
  queue: ['matching', 'queue'] as const,
  accessRequests: ['matching', 'access-requests'] as const,
  entity: (caseId: string, entityId: string) => ['matching', 'entity', caseId, entityId] as const,
  caseEntities: (caseId: string) => ['matching', 'entity', caseId] as const,
  pending: (caseId: string) => ['matching', 'pending', caseId] as const,
  shared: (id: string) => ['matching', 'shared', id] as const,
  search: (q: string) => ['matching', 'search', q] as const,
};
