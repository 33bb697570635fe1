import { keepPreviousData, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type {
  TActionItem,
  TCalendarFeedStatus,
  TInvitablePerson,
  TInvitees,
  TMeetingCreate,
  TMeetingDetail,
  TMeetingNotice,
  TMeetingSettings,
  TMeetingSummary,
  TMeetingUpdate,
  TRsvpResponse,
  TSlotResult,
  TSlotSearch,
  TActionStatus,
} from '@focal/shared';
import { api, ApiError, withQuery } from '../../api/client';
import { uploadFile, type Upload } from '../../api/upload';
import { meetingKeys } from './keys';

interface List<T> {
  items: T[];
}

const path = (id: string) => encodeURIComponent(id);
const notFoundNoRetry = (count: number, error: Error) => count < 1 && !(error instanceof ApiError && error.status === 404);

export function useMeetings(when: 'upcoming' | 'past', caseId?: string) {
  return useQuery({
    queryKey: meetingKeys.list(when, caseId),
    queryFn: () => api.get<List<TMeetingSummary>>('/api/meetings', { query: { when, caseId } }).then((r) => r.items),
    placeholderData: keepPreviousData,
  });
}

export function useMeeting(id: string) {
  return useQuery({
    queryKey: meetingKeys.detail(id),
    queryFn: () => api.get<TMeetingDetail>(`/api/meetings/${path(id)}`),
    retry: notFoundNoRetry,
    enabled: Boolean(id),
  });
}

/** The navigation badge: invitations to answer and unread notices (numbers only, not audited). */
export function useMeetingCounts(enabled: boolean) {
  return useQuery({
    queryKey: meetingKeys.counts,
    queryFn: () => api.get<{ pendingInvitations: number; unreadNotices: number; actionsDue: number }>('/api/meetings/counts'),
    enabled,
    staleTime: 30_000,
    refetchInterval: 120_000,
  });
}

export function useMeetingNotices() {
  return useQuery({ queryKey: meetingKeys.notices, queryFn: () => api.get<List<TMeetingNotice>>('/api/meetings/notices').then((r) => r.items) });
}

export function useReadNotices() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: number | null) => api.post<void>('/api/meetings/notices/read', id === null ? {} : { id }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: meetingKeys.notices });
      void client.invalidateQueries({ queryKey: meetingKeys.counts });
    },
  });
}

export type TMyActionItem = TActionItem & { meetingTitle: string };

export function useMyActionItems() {
  return useQuery({ queryKey: meetingKeys.actions, queryFn: () => api.get<List<TMyActionItem>>('/api/meetings/actions').then((r) => r.items) });
}

export function useMeetingSettings(enabled = true) {
  return useQuery({ queryKey: meetingKeys.settings, queryFn: () => api.get<TMeetingSettings>('/api/meetings/settings'), enabled, staleTime: 60_000 });
}

export function useSetWorkingHours() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { start: string; end: string }) => api.put<TMeetingSettings>('/api/meetings/settings/working-hours', body),
    onSuccess: (settings) => client.setQueryData(meetingKeys.settings, settings),
  });
}

export function useSetWeekend() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ country, days }: { country: string; days: number[] }) => api.put<TMeetingSettings>(`/api/meetings/weekends/${path(country)}`, { days }),
    onSuccess: (settings) => client.setQueryData(meetingKeys.settings, settings),
  });
}

export function useInvitable(q: string, caseId: string | null, enabled = true) {
  return useQuery({
    queryKey: meetingKeys.invitable(q, caseId ?? ''),
    queryFn: () => api.get<List<TInvitablePerson>>('/api/meetings/invitable', { query: { q, caseId } }).then((r) => r.items),
    enabled,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}

export function useSlotSearch() {
  return useMutation({ mutationFn: (body: TSlotSearch) => api.post<TSlotResult>('/api/meetings/slots', body) });
}

function refresh(client: QueryClient, detail?: TMeetingDetail) {
  if (detail) client.setQueryData(meetingKeys.detail(detail.id), detail);
  void client.invalidateQueries({ queryKey: ['meetings', 'list'] });
  void client.invalidateQueries({ queryKey: meetingKeys.counts });
  void client.invalidateQueries({ queryKey: meetingKeys.actions });
}

export function useCreateMeeting() {
  const client = useQueryClient();
  return useMutation({ mutationFn: (body: TMeetingCreate) => api.post<TMeetingDetail>('/api/meetings', body), onSuccess: (detail) => refresh(client, detail) });
}

/** Every change to a meeting answers with the meeting as it now stands. */
function useMeetingChange<V>(request: (variables: V) => Promise<TMeetingDetail>) {
  const client = useQueryClient();
  return useMutation({ mutationFn: request, onSuccess: (detail) => refresh(client, detail) });
}

export const useUpdateMeeting = (id: string) => useMeetingChange((body: TMeetingUpdate) => api.patch<TMeetingDetail>(`/api/meetings/${path(id)}`, body));
export const useCancelMeeting = (id: string) => useMeetingChange(() => api.post<TMeetingDetail>(`/api/meetings/${path(id)}/cancel`));
export const useRespond = (id: string) => useMeetingChange((response: TRsvpResponse) => api.post<TMeetingDetail>(`/api/meetings/${path(id)}/rsvp`, { response }));
export const useAddInvitees = (id: string) => useMeetingChange((body: TInvitees) => api.post<TMeetingDetail>(`/api/meetings/${path(id)}/invitees`, body));
export const useRemoveInvitee = (id: string) => useMeetingChange((userId: string) => api.delete<TMeetingDetail>(`/api/meetings/${path(id)}/invitees/${path(userId)}`));
export const useAddAgendaItem = (id: string) =>
  useMeetingChange((body: { title: string; notes: string; ownerId: string | null; durationMinutes: number | null }) => api.post<TMeetingDetail>(`/api/meetings/${path(id)}/agenda`, body));
export const useUpdateAgendaItem = (id: string) =>
  useMeetingChange(({ itemId, ...body }: { itemId: string; title?: string; notes?: string; ownerId?: string | null; position?: number }) =>
    api.patch<TMeetingDetail>(`/api/meetings/${path(id)}/agenda/${path(itemId)}`, body),
  );
export const useRemoveAgendaItem = (id: string) => useMeetingChange((itemId: string) => api.delete<TMeetingDetail>(`/api/meetings/${path(id)}/agenda/${path(itemId)}`));
export const useRemoveDocument = (id: string) => useMeetingChange((documentId: string) => api.delete<TMeetingDetail>(`/api/meetings/${path(id)}/documents/${path(documentId)}`));
export const useSaveMinutes = (id: string) => useMeetingChange((text: string) => api.put<TMeetingDetail>(`/api/meetings/${path(id)}/minutes`, { text }));
export const useAddActionItem = (id: string) => useMeetingChange((body: { title: string; ownerId: string; dueOn: string }) => api.post<TMeetingDetail>(`/api/meetings/${path(id)}/actions`, body));
export const useUpdateActionItem = (id: string) =>
  useMeetingChange(({ actionId, ...body }: { actionId: string; status?: TActionStatus; title?: string; ownerId?: string; dueOn?: string }) =>
    api.patch<TMeetingDetail>(`/api/meetings/${path(id)}/actions/${path(actionId)}`, body),
  );

/** After an upload the server answers with the meeting; put it in the cache. */
export function useStoreMeeting() {
  const client = useQueryClient();
  return (detail: TMeetingDetail) => refresh(client, detail);
}

/** An agenda paper as the raw request body, reporting progress from 0 to 1. */
export function uploadMeetingDocument(meetingId: string, file: File, agendaItemId: string | null, onProgress: (fraction: number) => void): Upload<TMeetingDetail> {
  const url = withQuery(`/api/meetings/${path(meetingId)}/documents`, { name: file.name, agendaItemId });
  return uploadFile<TMeetingDetail>(url, file, 'application/octet-stream', onProgress);
}

export const documentUrl = (meetingId: string, documentId: string) => `/api/meetings/${path(meetingId)}/documents/${path(documentId)}`;
export const meetingIcsUrl = (meetingId: string) => `/api/meetings/${path(meetingId)}/calendar.ics`;
export const MY_CALENDAR_URL = '/api/meetings/calendar.ics';

export function useFeedStatus(enabled: boolean) {
  return useQuery({ queryKey: meetingKeys.feed, queryFn: () => api.get<TCalendarFeedStatus>('/api/meetings/feed'), enabled });
}

export function useCreateFeed() {
  const client = useQueryClient();
  return useMutation({ mutationFn: () => api.post<TCalendarFeedStatus>('/api/meetings/feed'), onSuccess: () => void client.invalidateQueries({ queryKey: meetingKeys.feed }) });
}

export function useRevokeFeed() {
  const client = useQueryClient();
  return useMutation({ mutationFn: () => api.delete('/api/meetings/feed'), onSuccess: () => void client.invalidateQueries({ queryKey: meetingKeys.feed }) });
}
