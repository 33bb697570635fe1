import { useInfiniteQuery, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type {
  TAttachment,
  TConsentRequest,
  TDraft,
  TDraftInput,
  TLabel,
  TMailCounts,
  TMailSettings,
  TMessage,
  TMessagePage,
  TMessageQuery,
  TRecipientOption,
  TSendResult,
} from '@focal/shared';
import type { MAIL_BULK_ACTIONS, LABEL_COLORS } from '@focal/shared';
import { api, ApiError } from '../../api/client';
import { uploadFile, type Upload as UploadOf } from '../../api/upload';

interface List<T> {
  items: T[];
}

export type TMailBulkAction = (typeof MAIL_BULK_ACTIONS)[number];
export type TLabelColor = (typeof LABEL_COLORS)[number];

/** Every mail query lives under ['mail', …], so one invalidation refreshes the mailbox. */
export const mailKeys = {
  all: ['mail'] as const,
  settings: ['mail', 'settings'] as const,
  counts: ['mail', 'counts'] as const,
  recipients: (q: string) => ['mail', 'recipients', q] as const,
  lists: ['mail', 'list'] as const,
  list: (query: TMessageQuery) => ['mail', 'list', query] as const,
  message: (id: string) => ['mail', 'message', id] as const,
  draft: (id: string) => ['mail', 'draft', id] as const,
  labels: ['mail', 'labels'] as const,
  consents: ['mail', 'consents'] as const,
};

const path = (id: string) => encodeURIComponent(id);

/**
 * Refresh what a change in the mailbox may affect: lists, counts, open messages, consent
 * requests. Never drafts being edited (the composer owns them), nor labels, recipients and
 * settings, which only the person's own actions change.
 */
export function invalidateMailbox(client: QueryClient) {
  return client.invalidateQueries({
    predicate: (q) => q.queryKey[0] === 'mail' && !['draft', 'recipients', 'settings', 'labels'].includes(String(q.queryKey[1])),
  });
}

// ---------------------------------------------------------------- settings and counts
export function useMailSettings() {
  return useQuery({ queryKey: mailKeys.settings, queryFn: () => api.get<TMailSettings>('/api/mail/settings'), staleTime: 5 * 60_000 });
}

export function useUpdateMailSettings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { notifyByEmail: boolean }) => api.patch<TMailSettings>('/api/mail/settings', body),
    onSuccess: (settings) => client.setQueryData(mailKeys.settings, settings),
  });
}

export function useMailCounts(enabled = true) {
  return useQuery({ queryKey: mailKeys.counts, queryFn: () => api.get<TMailCounts>('/api/mail/counts'), enabled, staleTime: 30_000 });
}

// ---------------------------------------------------------------- recipients
export function useRecipientSearch(q: string) {
  const text = q.trim();
  return useQuery({
    queryKey: mailKeys.recipients(text),
    queryFn: ({ signal }) => api.get<List<TRecipientOption>>('/api/mail/recipients', { query: { q: text }, signal }).then((r) => r.items),
    enabled: text.length > 0,
    staleTime: 60_000,
    placeholderData: (previous) => previous,
  });
}

// ---------------------------------------------------------------- messages
export const MAIL_PAGE_SIZE = 50;

export function useMessages(query: TMessageQuery) {
  return useInfiniteQuery({
    queryKey: mailKeys.list(query),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam, signal }) =>
      api.get<TMessagePage>('/api/mail/messages', {
        query: {
          ...query,
          unread: query.unread === undefined ? undefined : String(query.unread),
          all: query.all === undefined ? undefined : String(query.all),
          cursor: pageParam,
          limit: MAIL_PAGE_SIZE,
        },
        signal,
      }),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** Opening a message marks it read: the counts and lists are refreshed once it has loaded. */
export function useMessage(id: string) {
  const client = useQueryClient();
  const query = useQuery({
    queryKey: mailKeys.message(id),
    queryFn: () => api.get<TMessage>(`/api/mail/messages/${path(id)}`),
    retry: (count, error) => count < 1 && !(error instanceof ApiError && error.status === 404),
  });
  const loadedId = query.data?.id;
  useEffect(() => {
    if (!loadedId) return;
    void client.invalidateQueries({ queryKey: mailKeys.counts });
    void client.invalidateQueries({ queryKey: mailKeys.lists });
  }, [client, loadedId]);
  return query;
}

function useMessageAction(action: 'acknowledge' | 'withdraw') {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<TMessage>(`/api/mail/messages/${path(id)}/${action}`),
    onSuccess: (message) => {
      client.setQueryData(mailKeys.message(message.id), message);
      void invalidateMailbox(client);
    },
  });
}

export const useAcknowledge = () => useMessageAction('acknowledge');
export const useWithdraw = () => useMessageAction('withdraw');

export function attachmentUrl(messageId: string, attachmentId: string): string {
  return `/api/mail/messages/${path(messageId)}/attachments/${path(attachmentId)}`;
}

export function useBulkAction() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { ids: string[]; action: TMailBulkAction; labelId?: string }) => api.post<{ changed: number }>('/api/mail/bulk', body),
    onSettled: () => invalidateMailbox(client),
  });
}

// ---------------------------------------------------------------- drafts
export function createDraft(values: TDraftInput) {
  return api.post<TDraft>('/api/mail/drafts', values);
}

export function saveDraft(id: string, values: TDraftInput) {
  return api.put<TDraft>(`/api/mail/drafts/${path(id)}`, values);
}

export function useDraft(id: string | null) {
  return useQuery({
    queryKey: mailKeys.draft(id ?? ''),
    queryFn: () => api.get<TDraft>(`/api/mail/drafts/${path(id ?? '')}`),
    enabled: Boolean(id),
    staleTime: Infinity,
    gcTime: 0,
    retry: (count, error) => count < 1 && !(error instanceof ApiError && error.status === 404),
  });
}

export function useCreateDraft() {
  const client = useQueryClient();
  return useMutation({ mutationFn: createDraft, onSuccess: () => client.invalidateQueries({ queryKey: mailKeys.counts }) });
}

export function useDeleteDraft() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/api/mail/drafts/${path(id)}`),
    onSuccess: () => invalidateMailbox(client),
  });
}

export function useSendDraft() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<TSendResult>(`/api/mail/drafts/${path(id)}/send`),
    onSuccess: () => invalidateMailbox(client),
  });
}

export function deleteAttachment(draftId: string, attachmentId: string) {
  return api.delete(`/api/mail/drafts/${path(draftId)}/attachments/${path(attachmentId)}`);
}

export type Upload = UploadOf<TAttachment>;

/** Sends one file to the draft, reporting progress (0 to 1). */
export function uploadAttachment(draftId: string, file: File, onProgress: (fraction: number) => void): Upload {
  return uploadFile<TAttachment>(`/api/mail/drafts/${path(draftId)}/attachments?name=${encodeURIComponent(file.name)}`, file, 'application/octet-stream', onProgress);
}

// ---------------------------------------------------------------- labels
export function useLabels() {
  return useQuery({ queryKey: mailKeys.labels, queryFn: () => api.get<List<TLabel>>('/api/mail/labels').then((r) => r.items), staleTime: 60_000 });
}

export function useCreateLabel() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { name: string; color: TLabelColor }) => api.post<TLabel>('/api/mail/labels', body),
    onSuccess: () => client.invalidateQueries({ queryKey: mailKeys.labels }),
  });
}

export function useDeleteLabel() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/api/mail/labels/${path(id)}`),
    onSuccess: () => Promise.all([client.invalidateQueries({ queryKey: mailKeys.labels }), invalidateMailbox(client)]),
  });
}

// ---------------------------------------------------------------- consent requests
export function useConsents() {
  return useQuery({ queryKey: mailKeys.consents, queryFn: () => api.get<List<TConsentRequest>>('/api/mail/consents').then((r) => r.items) });
}

export function useDecideConsent() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, decision }: { id: string; decision: 'grant' | 'refuse' }) =>
      api.post<TConsentRequest>(`/api/mail/consents/${path(id)}`, { decision }),
    onSettled: () => invalidateMailbox(client),
  });
}
