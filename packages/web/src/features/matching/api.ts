import { queryOptions, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { TEntitySearchResult, TMatchAccessRequest, TMatchItem } from '@focal/shared';
import { api, ApiError } from '../../api/client';
import { matchingKeys } from './keys';
import { workCount } from './format';

interface List<T> {
  items: T[];
}

/** An entity seen through a granted request for access (or as a member): caption, type and values. */
export interface TSharedEntity {
  id: string;
  caseId: string;
  caseReference: string;
  leadCountry: string;
  schema: string;
  caption: string;
  properties: Record<string, string[]>;
}

export type TVerdict = 'same' | 'not_same' | 'unsure';

const path = (id: string) => encodeURIComponent(id);
const notFoundNoRetry = (count: number, error: Error) => count < 1 && !(error instanceof ApiError && error.status === 404);

/** A judgement, a request or a decision may change any list of matches: refresh them all. */
export function invalidateMatching(client: QueryClient) {
  return client.invalidateQueries({ queryKey: matchingKeys.all });
}

// ---------------------------------------------------------------- one entity
/** Possible matches of one entity of a case (each read is audited: fetched when shown). */
export function useEntityMatches(caseId: string, entityId: string, enabled = true) {
  return useQuery({
    queryKey: matchingKeys.entity(caseId, entityId),
    queryFn: () => api.get<List<TMatchItem>>(`/api/cases/${path(caseId)}/entities/${path(entityId)}/matches`).then((r) => r.items),
    enabled: enabled && Boolean(caseId && entityId),
    retry: notFoundNoRetry,
  });
}

/** The provider marks its subject "hit/no-hit only" (or no longer). */
export function useSetBlind(caseId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ entityId, blind }: { entityId: string; blind: boolean }) => api.post(`/api/cases/${path(caseId)}/entities/${path(entityId)}/blind`, { blind }),
    onSuccess: () => {
      // Its keys were re-hashed and it waits to be cross-referenced again.
      void client.invalidateQueries({ queryKey: ['cases', 'entities', caseId] });
      void client.invalidateQueries({ queryKey: matchingKeys.pending(caseId) });
      void client.invalidateQueries({ queryKey: matchingKeys.caseEntities(caseId) });
    },
  });
}

/**
 * Entities of the case still queued for cross-referencing, asked again every 2 s while any
 * are. When the queue empties, the matches shown for the case and the review queue are
 * refreshed: new candidates may have been found.
 */
export function useMatchingPending(caseId: string, enabled = true) {
  const client = useQueryClient();
  return useQuery({
    queryKey: matchingKeys.pending(caseId),
    queryFn: async () => {
      const before = client.getQueryData<{ pending: number }>(matchingKeys.pending(caseId))?.pending ?? 0;
      const answer = await api.get<{ pending: number }>(`/api/cases/${path(caseId)}/matching`);
      if (before > 0 && answer.pending === 0) {
        void client.invalidateQueries({ queryKey: matchingKeys.caseEntities(caseId) });
        void client.invalidateQueries({ queryKey: matchingKeys.queue });
      }
      return answer;
    },
    enabled: enabled && Boolean(caseId),
    refetchInterval: (query) => ((query.state.data?.pending ?? 0) > 0 ? 2000 : false),
    retry: notFoundNoRetry,
  });
}

// ---------------------------------------------------------------- my queue
const queueQuery = queryOptions({
  queryKey: matchingKeys.queue,
  queryFn: () => api.get<List<TMatchItem>>('/api/matches').then((r) => r.items),
});

const accessRequestsQuery = queryOptions({
  queryKey: matchingKeys.accessRequests,
  queryFn: () => api.get<List<TMatchAccessRequest>>('/api/match-access-requests').then((r) => r.items),
});

export function useMatchQueue(enabled = true) {
  return useQuery({ ...queueQuery, enabled });
}

export function useAccessRequests(enabled = true) {
  return useQuery({ ...accessRequestsQuery, enabled });
}

/**
 * The navigation badge: pairs to judge, hits not yet asked about and requests to decide. Read
 * again on realtime events and every few minutes (each read of the queue is audited, so no
 * tighter polling).
 */
export function useMatchWorkCount(enabled: boolean): number {
  const every = { enabled, refetchInterval: 5 * 60_000, staleTime: 30_000 };
  const queue = useQuery({ ...queueQuery, ...every });
  const requests = useQuery({ ...accessRequestsQuery, ...every });
  return enabled ? workCount(queue.data, requests.data) : 0;
}

export function useJudge() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ candidateId, verdict }: { candidateId: string; verdict: TVerdict }) => api.post(`/api/matches/${path(candidateId)}/judgement`, { verdict }),
    // A second judgement is refused (409): the lists are refreshed either way.
    onSettled: () => invalidateMatching(client),
  });
}

export function useRequestAccess() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ candidateId, reason }: { candidateId: string; reason: string }) => api.post(`/api/matches/${path(candidateId)}/access-request`, { reason }),
    onSuccess: () => invalidateMatching(client),
  });
}

export function useDecideAccess() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, decision }: { id: string; decision: 'grant' | 'refuse' }) => api.post(`/api/match-access-requests/${path(id)}`, { decision }),
    onSettled: () => invalidateMatching(client),
  });
}

// ---------------------------------------------------------------- shared entities and search
export function useSharedEntity(id: string) {
  return useQuery({
    queryKey: matchingKeys.shared(id),
    queryFn: () => api.get<TSharedEntity>(`/api/shared-entities/${path(id)}`),
    enabled: Boolean(id),
    retry: notFoundNoRetry,
  });
}

/** Names in any script, ranked by the matcher (each search is audited: kept for a minute). */
export function useEntitySearch(q: string) {
  const query = q.trim();
  return useQuery({
    queryKey: matchingKeys.search(query),
    queryFn: ({ signal }) => api.get<TEntitySearchResult>('/api/search/entities', { query: { q: query }, signal }),
    enabled: query.length > 0,
    staleTime: 60_000,
  });
}
