import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type {
  TAsset,
  TCaseCreate,
  TCaseDocument,
  TCaseSettings,
  TCaseStatus,
  TCaseStub,
  TCaseSummary,
  TCaseView,
  TCountryRole,
  TEntity,
  TEntityCreate,
  THandlingCode,
  TImportResult,
  TMeasureCreate,
  TPerson,
  TTimelineEvent,
  TTotals,
} from '@focal/shared';
import { api, ApiError, withQuery } from '../../api/client';
import { uploadFile, type Upload } from '../../api/upload';
import { caseKeys, requestKeys, type CaseListQuery } from './keys';

interface List<T> {
  items: T[];
}

export interface TCaseList {
  items: TCaseSummary[];
  known: TCaseStub[];
}

export type TEntityChange = {
  at: string;
  actor: TPerson | null;
  ownerCountry: string;
  change: 'created' | 'added' | 'removed' | 'deleted';
  prop: string | null;
  value: string | null;
};

/** Conditions the provider attaches to values it adds (reach null: every participating country). */
export interface Provenance {
  handlingCode: THandlingCode;
  evaluationSource: 'A' | 'B' | 'C' | 'X';
  evaluationInfo: 1 | 2 | 3 | 4;
  reach: string[] | null;
}

export interface TCaseUpdate {
  title?: string;
  summary?: string;
  offences?: string[];
  status?: TCaseStatus;
  handlingCode?: THandlingCode;
  conditions?: string;
  evaluationSource?: Provenance['evaluationSource'];
  evaluationInfo?: number;
}

const path = (id: string) => encodeURIComponent(id);
const notFoundNoRetry = (count: number, error: Error) => count < 1 && !(error instanceof ApiError && error.status === 404);

/** A change to a case may show in its page, lists, timeline and requests. */
function refreshCase(client: QueryClient, id: string, view?: TCaseView) {
  if (view) client.setQueryData(caseKeys.detail(id), view);
  void client.invalidateQueries({ queryKey: caseKeys.all, predicate: (q) => !(view && q.queryKey[1] === 'detail' && q.queryKey[2] === id) });
}

// ---------------------------------------------------------------- cases
export function useCases(query: CaseListQuery) {
  return useQuery({
    queryKey: caseKeys.list(query),
    queryFn: ({ signal }) => api.get<TCaseList>('/api/cases', { query: { ...query }, signal }),
    placeholderData: (previous) => previous,
  });
}

export function useCase(id: string) {
  return useQuery({
    queryKey: caseKeys.detail(id),
    queryFn: () => api.get<TCaseView>(`/api/cases/${path(id)}`),
    retry: notFoundNoRetry,
    enabled: Boolean(id),
  });
}

export function useCreateCase() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: TCaseCreate) => api.post<TCaseView>('/api/cases', body),
    onSuccess: (view) => refreshCase(client, view.case.id, view),
  });
}

export function useUpdateCase(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: TCaseUpdate) => api.patch<TCaseView>(`/api/cases/${path(id)}`, body),
    onSuccess: (view) => refreshCase(client, id, view),
  });
}

export function useReviewCase(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { action: 'renew' | 'close'; reason: string }) => api.post<TCaseView>(`/api/cases/${path(id)}/review`, body),
    onSuccess: (view) => refreshCase(client, id, view),
  });
}

export function useAddCountry(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { country: string; role: Exclude<TCountryRole, 'lead'> }) => api.post<TCaseView>(`/api/cases/${path(id)}/countries`, body),
    onSuccess: (view) => refreshCase(client, id, view),
  });
}

export function useAddMember(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (userId: string) => api.post<TCaseView>(`/api/cases/${path(id)}/members`, { userId }),
    onSuccess: (view) => refreshCase(client, id, view),
  });
}

export function useRemoveMember(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (userId: string) => api.delete(`/api/cases/${path(id)}/members/${path(userId)}`),
    onSuccess: () => refreshCase(client, id),
  });
}

export function useAskToJoin() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ caseId, reason }: { caseId: string; reason: string }) => api.post<TCaseView>(`/api/cases/${path(caseId)}/join`, { reason }),
    onSuccess: (view) => refreshCase(client, view.case.id, view),
  });
}

export function useDecideJoin(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ requestId, decision }: { requestId: string; decision: 'accept' | 'refuse' }) =>
      api.post<TCaseView>(`/api/cases/${path(id)}/join/${path(requestId)}`, { decision }),
    onSuccess: (view) => refreshCase(client, id, view),
  });
}

export function useTimeline(id: string, enabled = true) {
  return useQuery({
    queryKey: caseKeys.timeline(id),
    queryFn: () => api.get<List<TTimelineEvent>>(`/api/cases/${path(id)}/timeline`).then((r) => r.items),
    enabled,
  });
}

// ---------------------------------------------------------------- entities
export function useEntities(caseId: string, enabled = true) {
  return useQuery({
    queryKey: caseKeys.entities(caseId),
    queryFn: () => api.get<List<TEntity>>(`/api/cases/${path(caseId)}/entities`).then((r) => r.items),
    enabled: enabled && Boolean(caseId),
    staleTime: 15_000,
  });
}

function refreshEntities(client: QueryClient, caseId: string) {
  void client.invalidateQueries({ queryKey: caseKeys.entities(caseId) });
  void client.invalidateQueries({ queryKey: caseKeys.timeline(caseId) });
  void client.invalidateQueries({ queryKey: caseKeys.detail(caseId) });
  void client.invalidateQueries({ queryKey: ['cases', 'history', caseId] });
  void client.invalidateQueries({ queryKey: ['cases', 'list'] });
}

export function useCreateEntity(caseId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: TEntityCreate) => api.post<TEntity>(`/api/cases/${path(caseId)}/entities`, body),
    onSuccess: () => refreshEntities(client, caseId),
  });
}

export interface EntityUpdate extends Provenance {
  add: Record<string, string[]>;
  remove: Record<string, string[]>;
}

export function useUpdateEntity(caseId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ entityId, ...body }: EntityUpdate & { entityId: string }) => api.patch<TEntity>(`/api/cases/${path(caseId)}/entities/${path(entityId)}`, body),
    onSuccess: () => refreshEntities(client, caseId),
  });
}

export function useDeleteEntity(caseId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (entityId: string) => api.delete(`/api/cases/${path(caseId)}/entities/${path(entityId)}`),
    onSuccess: () => refreshEntities(client, caseId),
  });
}

export function useEntityHistory(caseId: string, entityId: string, enabled: boolean) {
  return useQuery({
    queryKey: caseKeys.history(caseId, entityId),
    queryFn: () => api.get<List<TEntityChange>>(`/api/cases/${path(caseId)}/entities/${path(entityId)}/history`).then((r) => r.items),
    enabled,
  });
}

export function exportFtmUrl(caseId: string): string {
  return `/api/cases/${path(caseId)}/export/ftm`;
}

export type ImportMode = 'all_or_nothing' | 'skip_bad';

export type { Upload } from '../../api/upload';

/**
 * Sends an FtM JSON lines file as the raw request body, reporting progress (0 to 1); retries
 * once if the CSRF token rotated. The server answers with what it imported and the bad lines.
 */
export function importFtm(caseId: string, file: File, mode: ImportMode, provenance: Provenance, onProgress: (fraction: number) => void): Upload<TImportResult> {
  const url = withQuery(`/api/cases/${path(caseId)}/import/ftm`, {
    mode,
    handlingCode: provenance.handlingCode,
    evaluationSource: provenance.evaluationSource,
    evaluationInfo: provenance.evaluationInfo,
    reach: provenance.reach ? provenance.reach.join(',') : undefined,
  });
  return uploadFile<TImportResult>(url, file, 'application/x-ndjson', onProgress);
}

/** After an import: the entities, counts and timeline changed. */
export function useRefreshEntities(caseId: string) {
  const client = useQueryClient();
  return () => refreshEntities(client, caseId);
}

/** Requests of a case are listed under ['requests', …]. */
export function invalidateRequests(client: QueryClient) {
  return client.invalidateQueries({ queryKey: requestKeys.all });
}

// ---------------------------------------------------------------- assets and totals
export function useAssets(caseId: string, enabled = true) {
  return useQuery({
    queryKey: caseKeys.assets(caseId),
    queryFn: () => api.get<List<TAsset>>(`/api/cases/${path(caseId)}/assets`).then((r) => r.items),
    enabled: enabled && Boolean(caseId),
  });
}

export function useCaseTotals(caseId: string, enabled = true) {
  return useQuery({
    queryKey: caseKeys.totals(caseId),
    queryFn: () => api.get<TTotals>(`/api/cases/${path(caseId)}/totals`),
    enabled: enabled && Boolean(caseId),
  });
}

/** Totals across every case I am a member of. */
export function usePortfolioTotals(enabled = true) {
  return useQuery({
    queryKey: caseKeys.portfolioTotals,
    queryFn: () => api.get<TTotals>('/api/portfolio/totals'),
    enabled,
    staleTime: 30_000,
  });
}

export interface ValuationInput {
  amount: string;
  currency: string;
  valuedOn: string;
  source: string;
  reach: string[] | null;
}

/** After a valuation or a step: the server answers with the case's assets; totals and timeline follow. */
function refreshAssets(client: QueryClient, caseId: string, items: TAsset[]) {
  client.setQueryData(caseKeys.assets(caseId), items);
  void client.invalidateQueries({ queryKey: caseKeys.totals(caseId) });
  void client.invalidateQueries({ queryKey: caseKeys.portfolioTotals });
  void client.invalidateQueries({ queryKey: caseKeys.timeline(caseId) });
}

export function useAddValuation(caseId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ entityId, ...body }: ValuationInput & { entityId: string }) =>
      api.post<List<TAsset>>(`/api/cases/${path(caseId)}/assets/${path(entityId)}/valuations`, body).then((r) => r.items),
    onSuccess: (items) => refreshAssets(client, caseId, items),
  });
}

export function useAddMeasure(caseId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ entityId, ...body }: TMeasureCreate & { entityId: string }) =>
      api.post<List<TAsset>>(`/api/cases/${path(caseId)}/assets/${path(entityId)}/measures`, body).then((r) => r.items),
    onSuccess: (items) => refreshAssets(client, caseId, items),
  });
}

// ---------------------------------------------------------------- evidence
export type TCustodyEvent = {
  at: string;
  action: string;
  actor: TPerson | null;
  country: string | null;
  sha256: string | null;
  version: number | null;
};

export function useDocuments(caseId: string, enabled = true) {
  return useQuery({
    queryKey: caseKeys.documents(caseId),
    queryFn: () => api.get<List<TCaseDocument>>(`/api/cases/${path(caseId)}/documents`).then((r) => r.items),
    enabled: enabled && Boolean(caseId),
    retry: notFoundNoRetry,
  });
}

/** The chain of custody of a document (every read of it is itself audited, so it is fetched on demand). */
export function useCustody(caseId: string, documentId: string, enabled: boolean) {
  return useQuery({
    queryKey: caseKeys.custody(caseId, documentId),
    queryFn: () => api.get<List<TCustodyEvent>>(`/api/cases/${path(caseId)}/documents/${path(documentId)}/custody`).then((r) => r.items),
    enabled,
  });
}

/** A version's file: a download, or (PDF and images) shown in the browser. */
export function documentVersionUrl(caseId: string, documentId: string, versionId: string, preview = false): string {
  return withQuery(`/api/cases/${path(caseId)}/documents/${path(documentId)}/versions/${path(versionId)}`, { preview: preview ? 'true' : undefined });
}

export interface EvidenceMeta {
  title: string;
  requestId: string | null;
  handlingCode: THandlingCode;
  reach: string[] | null;
}

/** Uploads a new document (its first version) as the raw body, reporting progress from 0 to 1. */
export function uploadDocument(caseId: string, file: File, meta: EvidenceMeta, onProgress: (fraction: number) => void): Upload<TCaseDocument> {
  const url = withQuery(`/api/cases/${path(caseId)}/documents`, {
    name: file.name,
    title: meta.title,
    requestId: meta.requestId,
    handlingCode: meta.handlingCode,
    reach: meta.reach ? meta.reach.join(',') : undefined,
  });
  return uploadFile<TCaseDocument>(url, file, 'application/octet-stream', onProgress);
}

/** Uploads a new version of a document (only the country that provided it may). */
export function uploadDocumentVersion(caseId: string, documentId: string, file: File, onProgress: (fraction: number) => void): Upload<TCaseDocument> {
  const url = withQuery(`/api/cases/${path(caseId)}/documents/${path(documentId)}/versions`, { name: file.name });
  return uploadFile<TCaseDocument>(url, file, 'application/octet-stream', onProgress);
}

/** After an upload: the documents, the timeline and the supporting-document choices changed. */
/** The largest document the server accepts, to refuse a bigger file before uploading it. */
export function useCaseSettings() {
  return useQuery({ queryKey: ['case-settings'] as const, queryFn: () => api.get<TCaseSettings>('/api/cases/settings'), staleTime: 5 * 60_000 });
}

export function useRefreshDocuments(caseId: string) {
  const client = useQueryClient();
  return () => {
    void client.invalidateQueries({ queryKey: caseKeys.documents(caseId) });
    void client.invalidateQueries({ queryKey: caseKeys.timeline(caseId) });
    void client.invalidateQueries({ queryKey: ['custody', caseId] });
  };
}
