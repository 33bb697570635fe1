/**
 * Every meetings query lives under ['meetings', …], so one invalidation refreshes what a
 * realtime event may have changed. Kept apart from the hooks so the navigation can use them.
 */
export const meetingKeys = {
  all: ['meetings'] as const,
  list: (when: 'upcoming' | 'past', caseId?: string) => ['meetings', 'list', when, caseId ?? ''] as const,
  detail: (id: string) => ['meetings', 'detail', id] as const,
  counts: ['meetings', 'counts'] as const,
  notices: ['meetings', 'notices'] as const,
  actions: ['meetings', 'actions'] as const,
  settings: ['meetings', 'settings'] as const,
  feed: ['meetings', 'feed'] as const,
  invitable: (q: string, caseId: string) => ['meetings', 'invitable', q, caseId] as const,
};
