/**
 * Every training query lives under ['training', …], so one invalidation refreshes what a
 * realtime event may have changed. Kept apart from the hooks so the navigation (in the main
 * bundle) can use them.
 */
export const trainingKeys = {
  all: ['training'] as const,
  modules: ['training', 'modules'] as const,
  workshops: (when: 'upcoming' | 'past') => ['training', 'workshops', when] as const,
  workshop: (id: string) => ['training', 'workshop', id] as const,
  candidates: (id: string) => ['training', 'candidates', id] as const,
  results: (id: string) => ['training', 'results', id] as const,
  mine: ['training', 'mine'] as const,
  unread: ['training', 'unread'] as const,
  verify: (code: string) => ['verify', code] as const,
};
