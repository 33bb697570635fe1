import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import {
  startAuthentication,
  startRegistration,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/browser';
import type {
  TAdminActionResult,
  TAdminUser,
  TAgency,
  TAgencyType,
  TApiToken,
  TApiTokenScope,
  TAuditEvent,
  TContactCard,
  TCountry,
  TDirectoryEntry,
  TDirectoryQuery,
  TInvitationCreate,
  TLoginMfa,
  TMe,
  TMfaDevice,
  TMfaOverview,
  TProfileUpdate,
  TRecoveryCodes,
  TSession,
  TSessionInfo,
  TTokenCheck,
  TTotpEnrolment,
  TActivationStart,
  TUiLanguage,
  TUserStatus,
} from '@focal/shared';
import { api, setCsrfToken, withQuery } from './client';
import { passkeysSupported, PasskeysUnsupportedError } from '../features/passkeys/passkeys';
import { onMailEvent } from '../features/mail/realtime';
import { onCaseEvent } from '../features/cases/realtime';
import { onTrainingEvent } from '../features/training/realtime';
import { onMeetingEvent } from '../features/meetings/realtime';

interface List<T> {
  items: T[];
}

export const queryKeys = {
  session: ['session'] as const,
  countries: (lang: string) => ['countries', lang] as const,
  agencies: (country: string) => ['agencies', country] as const,
  activation: (token: string) => ['activation', token] as const,
  directory: (query: TDirectoryQuery) => ['directory', query] as const,
  contact: (id: string) => ['contact', id] as const,
  me: ['me'] as const,
  mfa: ['me', 'mfa'] as const,
  sessions: ['me', 'sessions'] as const,
  tokens: ['me', 'tokens'] as const,
  adminUsers: (filters: AdminUserFilters) => ['admin', 'users', filters] as const,
  audit: (filters: AuditFilters) => ['audit', filters] as const,
};

// ---------------------------------------------------------------- session and sign-in
export function useSession() {
  return useQuery({
    queryKey: queryKeys.session,
    queryFn: async () => {
      const session = await api.get<TSessionInfo>('/api/auth/session');
      setCsrfToken(session.csrfToken);
      return session;
    },
    staleTime: 60_000,
    retry: 1,
  });
}

/** The signed-in user (only call under a signed-in route). */
/**
 * While signed in, listens to the server's realtime stream (Server-Sent Events): when this
 * session is ended elsewhere (signed out, revoked from another device, password changed,
 * account suspended) the app learns it at once and returns to the sign-in page; when the
 * mailbox changes (a message arrives, a receipt, a consent decision) the mail views refresh.
 */
export function useRealtimeEvents(userId: string | undefined) {
  const client = useQueryClient();
  useEffect(() => {
    if (!userId || typeof EventSource === 'undefined') return;
    const source = new EventSource('/api/events');
    const refresh = () => void client.refetchQueries({ queryKey: queryKeys.session });
    source.addEventListener('session_revoked', refresh);
    source.addEventListener('profile_changed', refresh);
    source.addEventListener('mail', (event) => onMailEvent(client, (event as MessageEvent<string>).data));
    source.addEventListener('case', (event) => onCaseEvent(client, (event as MessageEvent<string>).data));
    source.addEventListener('training', (event) => onTrainingEvent(client, (event as MessageEvent<string>).data));
    source.addEventListener('meeting', (event) => onMeetingEvent(client, (event as MessageEvent<string>).data));
    return () => source.close();
  }, [client, userId]);
}

export function useMe(): TMe | null {
  return useSession().data?.user ?? null;
}

export type TLoginMethod = 'totp' | 'recovery' | 'passkey';

export function useLogin() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { email: string; password: string }) =>
      api.post<{ mfaRequired: true; methods: TLoginMethod[] }>('/api/auth/login', body),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.session }),
  });
}

/** After the second step succeeded: a new session was created, drop anything cached for the previous one. */
async function signedIn(client: ReturnType<typeof useQueryClient>) {
  client.removeQueries({ predicate: (q) => q.queryKey[0] !== 'countries' });
  await client.refetchQueries({ queryKey: queryKeys.session });
}

export function useLoginMfa() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: TLoginMfa) => api.post<TMe>('/api/auth/login/mfa', body),
    onSuccess: () => signedIn(client),
  });
}

function assertPasskeysSupported(): void {
  if (!passkeysSupported()) throw new PasskeysUnsupportedError();
}

/**
 * The second step with a passkey: the server's challenge, the browser's prompt, then the same
 * endpoint as a code. Errors are the server's (ApiError) or the browser's (named DOMExceptions).
 */
export function useLoginPasskey() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      assertPasskeysSupported();
      const optionsJSON = await api.post<PublicKeyCredentialRequestOptionsJSON>('/api/auth/login/passkey/options');
      const passkey = await startAuthentication({ optionsJSON });
      return api.post<TMe>('/api/auth/login/mfa', { passkey });
    },
    onSuccess: () => signedIn(client),
  });
}

export function useLogout() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<void>('/api/auth/logout'),
    onSettled: async () => {
      setCsrfToken(null);
      client.removeQueries({ predicate: (q) => q.queryKey[0] !== 'countries' && q.queryKey[0] !== 'session' });
      await client.refetchQueries({ queryKey: queryKeys.session });
    },
  });
}

// ---------------------------------------------------------------- reference data
export function useCountries(lang: string) {
  return useQuery({
    queryKey: queryKeys.countries(lang),
    queryFn: () => api.get<List<TCountry>>('/api/reference/countries', { query: { lang } }).then((r) => r.items),
    staleTime: Infinity,
  });
}

export function useAgencies(country: string | null | undefined) {
  return useQuery({
    queryKey: queryKeys.agencies(country ?? ''),
    queryFn: () => api.get<List<TAgency>>('/api/reference/agencies', { query: { country } }).then((r) => r.items),
    enabled: Boolean(country),
    staleTime: 5 * 60_000,
  });
}

export function useCreateAgency() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { country: string; name: string; type: TAgencyType }) => api.post<TAgency>('/api/admin/agencies', body),
    onSuccess: (agency) => client.invalidateQueries({ queryKey: queryKeys.agencies(agency.country) }),
  });
}

// ---------------------------------------------------------------- activation
export function useTokenCheck(token: string) {
  return useQuery({
    queryKey: queryKeys.activation(token),
    queryFn: () => api.get<TTokenCheck>(`/api/activation/${encodeURIComponent(token)}`),
    retry: false,
    staleTime: Infinity,
  });
}

export function useActivationStart() {
  return useMutation({
    mutationFn: (body: TActivationStart) => api.post<TTotpEnrolment>('/api/activation/start', body),
  });
}

export function useActivationComplete() {
  return useMutation({
    mutationFn: (body: { token: string; code: string }) => api.post<TRecoveryCodes>('/api/activation/complete', body),
  });
}

// ---------------------------------------------------------------- directory
export function useDirectory(query: TDirectoryQuery) {
  return useQuery({
    queryKey: queryKeys.directory(query),
    queryFn: ({ signal }) =>
      api.get<List<TDirectoryEntry>>('/api/directory', { query: { ...query }, signal }).then((r) => r.items),
    placeholderData: (previous) => previous,
  });
}

export function useContactCard(id: string) {
  return useQuery({
    queryKey: queryKeys.contact(id),
    queryFn: () => api.get<TContactCard>(`/api/directory/${encodeURIComponent(id)}`),
    retry: (count, error) => count < 1 && !('status' in error && (error as { status: number }).status === 404),
  });
}

// ---------------------------------------------------------------- profile
export function useUpdateProfile() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: TProfileUpdate) => api.patch<TMe>('/api/me', body),
    onSuccess: (me) => {
      client.setQueryData<TSessionInfo>(queryKeys.session, (old) => (old ? { ...old, user: me } : old));
    },
  });
}

export function useSaveUiLanguage() {
  return useMutation({ mutationFn: (uiLanguage: TUiLanguage) => api.patch<TMe>('/api/me', { uiLanguage }) });
}

export function useChangePassword() {
  return useMutation({
    mutationFn: (body: { currentPassword: string; newPassword: string }) => api.post<void>('/api/me/password', body),
  });
}

export function useSessions() {
  return useQuery({
    queryKey: queryKeys.sessions,
    queryFn: () => api.get<List<TSession>>('/api/me/sessions').then((r) => r.items),
  });
}

export function useRevokeSession() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/api/me/sessions/${encodeURIComponent(id)}`),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.sessions }),
  });
}

export function useMfaOverview() {
  return useQuery({ queryKey: queryKeys.mfa, queryFn: () => api.get<TMfaOverview>('/api/me/mfa') });
}

export function useStartTotp() {
  return useMutation({ mutationFn: () => api.post<TTotpEnrolment>('/api/me/mfa/totp') });
}

export function useConfirmTotp() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { label: string; code: string }) => api.post<TMfaDevice>('/api/me/mfa/totp/confirm', body),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.mfa }),
  });
}

/** Registers a passkey: the server's options, the browser's prompt, then the server checks and stores it. */
export function useAddPasskey() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (label: string) => {
      assertPasskeysSupported();
      const optionsJSON = await api.post<PublicKeyCredentialCreationOptionsJSON>('/api/me/mfa/passkey/options');
      const response = await startRegistration({ optionsJSON });
      return api.post<TMfaDevice>('/api/me/mfa/passkey', { label, response });
    },
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.mfa }),
  });
}

export function useRemoveMfaDevice() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/api/me/mfa/${encodeURIComponent(id)}`),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.mfa }),
  });
}

export function useRegenerateRecoveryCodes() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<TRecoveryCodes>('/api/me/recovery-codes'),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.mfa }),
  });
}

export function useApiTokens() {
  return useQuery({
    queryKey: queryKeys.tokens,
    queryFn: () => api.get<List<TApiToken>>('/api/me/tokens').then((r) => r.items),
  });
}

export function useCreateApiToken() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { name: string; scopes: TApiTokenScope[]; expiresInDays: number }) =>
      api.post<TApiToken & { secret: string }>('/api/me/tokens', body),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.tokens }),
  });
}

export function useRevokeApiToken() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/api/me/tokens/${encodeURIComponent(id)}`),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.tokens }),
  });
}

// ---------------------------------------------------------------- administration
export interface AdminUserFilters {
  country?: string;
  status?: TUserStatus;
  q?: string;
}

export function useAdminUsers(filters: AdminUserFilters, enabled = true) {
  return useQuery({
    queryKey: queryKeys.adminUsers(filters),
    queryFn: ({ signal }) => api.get<List<TAdminUser>>('/api/admin/users', { query: { ...filters }, signal }).then((r) => r.items),
    placeholderData: (previous) => previous,
    enabled,
  });
}

export type AdminAction = 'suspend' | 'reactivate' | 'unlock' | 'reset-mfa' | 'deactivate';

export function useAdminUserAction() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, action }: { id: string; action: AdminAction }) =>
      api.post<TAdminActionResult>(`/api/admin/users/${encodeURIComponent(id)}/${action}`),
    onSuccess: () => client.invalidateQueries({ queryKey: ['admin', 'users'] }),
  });
}

export function useCreateInvitation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: TInvitationCreate) => api.post<{ id: string; url: string; expiresAt: string }>('/api/admin/invitations', body),
    onSuccess: () => client.invalidateQueries({ queryKey: ['admin', 'users'] }),
  });
}

// ---------------------------------------------------------------- audit
export interface AuditFilters {
  actor?: string;
  country?: string;
  action?: string;
  target?: string;
  from?: string;
  to?: string;
}

export const AUDIT_PAGE_SIZE = 50;

export function useAuditEvents(filters: AuditFilters) {
  return useInfiniteQuery({
    queryKey: queryKeys.audit(filters),
    initialPageParam: undefined as number | undefined,
    queryFn: ({ pageParam, signal }) =>
      api
        .get<List<TAuditEvent>>('/api/audit', { query: { ...filters, before: pageParam, limit: AUDIT_PAGE_SIZE }, signal })
        .then((r) => r.items),
    getNextPageParam: (lastPage) => (lastPage.length < AUDIT_PAGE_SIZE ? undefined : lastPage[lastPage.length - 1]?.seq),
  });
}

export function auditExportUrl(filters: AuditFilters): string {
  return withQuery('/api/audit/export.csv', { ...filters });
}
