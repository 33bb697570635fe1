import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TAssistanceRequestCreate, TRefusalGround, TRequestAction, TRequestDetail, TRequestMessages, TRequestSummary } from '@focal/shared';
import { api, ApiError } from '../../api/client';
import { caseKeys, requestKeys, type RequestListQuery } from '../cases/keys';

interface List<T> {
  items: T[];
}

const path = (id: string) => encodeURIComponent(id);

export function useRequests(query: RequestListQuery, enabled = true) {
  return useQuery({
    queryKey: requestKeys.list(query),
    queryFn: ({ signal }) => api.get<List<TRequestSummary>>('/api/requests', { query: { ...query }, signal }).then((r) => r.items),
    placeholderData: (previous) => previous,
    enabled,
  });
}

/** How many requests wait on my country's answer or decision (the navigation badge). */
export function useWaitingOnMeCount(enabled: boolean) {
  const query = useRequests({ box: 'waiting_on_me', scope: 'country' }, enabled);
  return query.data?.length ?? 0;
}

export function useRequest(id: string) {
  return useQuery({
    queryKey: requestKeys.detail(id),
    queryFn: () => api.get<TRequestDetail>(`/api/requests/${path(id)}`),
    retry: (count, error) => count < 1 && !(error instanceof ApiError && error.status === 404),
  });
}

export function useCreateRequest() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: TAssistanceRequestCreate) => api.post<TRequestDetail>('/api/requests', body),
    onSuccess: (request) => {
      client.setQueryData(requestKeys.detail(request.id), request);
      void client.invalidateQueries({ queryKey: ['requests', 'list'] });
    },
  });
}

export interface RequestActionInput {
  action: TRequestAction;
  ground?: TRefusalGround;
  groundText?: string;
  note: string;
}

/** Moves a request along (send, acknowledge, answer, …): the request to act on comes with each call. */
export function useRequestAction() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: RequestActionInput & { id: string }) => api.post<TRequestDetail>(`/api/requests/${path(id)}/actions`, body),
    onSuccess: (request) => {
      client.setQueryData(requestKeys.detail(request.id), request);
      void client.invalidateQueries({ queryKey: ['requests', 'list'] });
      if (request.caseId) {
        void client.invalidateQueries({ queryKey: caseKeys.timeline(request.caseId) });
        void client.invalidateQueries({ queryKey: caseKeys.detail(request.caseId) });
      }
    },
  });
}

/**
 * The messages about a request that I hold, and whom a new one goes to. Kept under ['mail', …]:
 * every change to my mailbox (a message received, withdrawn, purged) refreshes it.
 */
export function useRequestMessages(id: string, enabled = true) {
  return useQuery({
    queryKey: ['mail', 'request', id] as const,
    queryFn: () => api.get<TRequestMessages>(`/api/requests/${path(id)}/messages`),
    enabled,
  });
}
