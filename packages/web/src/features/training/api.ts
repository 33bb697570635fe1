import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type {
  TCertificateIssueResult,
  TCertificateVerification,
  TEvaluationInput,
  TEvaluationSummary,
  TMyTraining,
  TPerson,
  TTrainingModule,
  TTrainingModuleInput,
  TTrainingModuleUpdate,
  TWorkshopCreate,
  TWorkshopDetail,
  TWorkshopSummary,
  TWorkshopUpdate,
} from '@focal/shared';
import { api, ApiError } from '../../api/client';
import { uploadFile, type Upload } from '../../api/upload';
import { trainingKeys } from './keys';

interface List<T> {
  items: T[];
}

const path = (id: string) => encodeURIComponent(id);
const notFoundNoRetry = (count: number, error: Error) => count < 1 && !(error instanceof ApiError && error.status === 404);

/** A workshop answer from the server replaces the cached page; lists and "my training" refresh. */
function refreshWorkshop(client: QueryClient, detail?: TWorkshopDetail) {
  if (detail) client.setQueryData(trainingKeys.workshop(detail.id), detail);
  void client.invalidateQueries({ queryKey: trainingKeys.all, predicate: (q) => !(detail && q.queryKey[1] === 'workshop' && q.queryKey[2] === detail.id) });
}

// ---------------------------------------------------------------- catalogue
export function useModules() {
  return useQuery({ queryKey: trainingKeys.modules, queryFn: ({ signal }) => api.get<List<TTrainingModule>>('/api/training/modules', { signal }).then((r) => r.items) });
}

export function useSaveModule() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id?: string; body: TTrainingModuleInput | TTrainingModuleUpdate }) =>
      id ? api.patch<TTrainingModule>(`/api/training/modules/${path(id)}`, body) : api.post<TTrainingModule>('/api/training/modules', body),
    onSuccess: () => void client.invalidateQueries({ queryKey: trainingKeys.modules }),
  });
}

export function uploadMaterial(moduleId: string, file: File, onProgress: (fraction: number) => void): Upload<TTrainingModule> {
  return uploadFile<TTrainingModule>(`/api/training/modules/${path(moduleId)}/materials?name=${encodeURIComponent(file.name)}`, file, 'application/octet-stream', onProgress);
}

export function useRemoveMaterial() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ moduleId, materialId }: { moduleId: string; materialId: string }) => api.delete(`/api/training/modules/${path(moduleId)}/materials/${path(materialId)}`),
    onSuccess: () => void client.invalidateQueries({ queryKey: trainingKeys.modules }),
  });
}

export const materialUrl = (moduleId: string, materialId: string) => `/api/training/modules/${path(moduleId)}/materials/${path(materialId)}`;

// ---------------------------------------------------------------- workshops
export function useWorkshops(when: 'upcoming' | 'past') {
  return useQuery({
    queryKey: trainingKeys.workshops(when),
    queryFn: ({ signal }) => api.get<List<TWorkshopSummary>>('/api/training/workshops', { query: { when }, signal }).then((r) => r.items),
  });
}

export function useWorkshop(id: string | undefined) {
  return useQuery({
    queryKey: trainingKeys.workshop(id ?? ''),
    queryFn: ({ signal }) => api.get<TWorkshopDetail>(`/api/training/workshops/${path(id ?? '')}`, { signal }),
    retry: notFoundNoRetry,
    enabled: Boolean(id),
  });
}

export function useSaveWorkshop() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id?: string; body: TWorkshopCreate | TWorkshopUpdate }) =>
      id ? api.patch<TWorkshopDetail>(`/api/training/workshops/${path(id)}`, body) : api.post<TWorkshopDetail>('/api/training/workshops', body),
    onSuccess: (detail) => refreshWorkshop(client, detail),
  });
}

/** Every change to a workshop answers its page: one hook for them all. */
function useWorkshopAction<V>(request: (vars: V) => Promise<TWorkshopDetail>) {
  const client = useQueryClient();
  return useMutation({ mutationFn: request, onSuccess: (detail) => refreshWorkshop(client, detail) });
}

export const useNominate = (workshopId: string) => useWorkshopAction((userIds: string[]) => api.post<TWorkshopDetail>(`/api/training/workshops/${path(workshopId)}/nominations`, { userIds }));
export const useCancelNomination = (workshopId: string) =>
  useWorkshopAction(({ nominationId, reason }: { nominationId: string; reason: string }) =>
    api.post<TWorkshopDetail>(`/api/training/workshops/${path(workshopId)}/nominations/${path(nominationId)}/cancel`, { reason }),
  );
export const useAllocate = (workshopId: string) => useWorkshopAction((quota: number | null | undefined) => api.post<TWorkshopDetail>(`/api/training/workshops/${path(workshopId)}/allocate`, quota === undefined ? {} : { quota }));
export const useCancelWorkshop = (workshopId: string) => useWorkshopAction((reason: string) => api.post<TWorkshopDetail>(`/api/training/workshops/${path(workshopId)}/cancel`, { reason }));
export const useAddSession = (workshopId: string) => useWorkshopAction((body: { date: string; title: string }) => api.post<TWorkshopDetail>(`/api/training/workshops/${path(workshopId)}/sessions`, body));
export const useMarkAttendance = (workshopId: string) =>
  useWorkshopAction(({ sessionId, entries }: { sessionId: string; entries: { nominationId: string; present: boolean }[] }) =>
    api.put<TWorkshopDetail>(`/api/training/workshops/${path(workshopId)}/sessions/${path(sessionId)}/attendance`, { entries }),
  );

export function useRemoveSession(workshopId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (sessionId: string) => api.delete(`/api/training/workshops/${path(workshopId)}/sessions/${path(sessionId)}`),
    onSuccess: () => void client.invalidateQueries({ queryKey: trainingKeys.workshop(workshopId) }),
  });
}

export function useCandidates(workshopId: string, enabled: boolean) {
  return useQuery({
    queryKey: trainingKeys.candidates(workshopId),
    queryFn: ({ signal }) => api.get<List<TPerson>>(`/api/training/workshops/${path(workshopId)}/candidates`, { signal }).then((r) => r.items),
    enabled,
  });
}

// ---------------------------------------------------------------- evaluation and certificates
export function useSubmitEvaluation(workshopId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: TEvaluationInput) => api.post(`/api/training/workshops/${path(workshopId)}/evaluation`, body),
    onSuccess: () => void client.invalidateQueries({ queryKey: trainingKeys.workshop(workshopId) }),
  });
}

export function useEvaluationResults(workshopId: string, enabled: boolean) {
  return useQuery({
    queryKey: trainingKeys.results(workshopId),
    queryFn: ({ signal }) => api.get<TEvaluationSummary>(`/api/training/workshops/${path(workshopId)}/evaluation`, { signal }),
    enabled,
  });
}

export function useIssueCertificates(workshopId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (nominationIds?: string[]) => api.post<TCertificateIssueResult>(`/api/training/workshops/${path(workshopId)}/certificates`, nominationIds ? { nominationIds } : {}),
    onSuccess: () => void client.invalidateQueries({ queryKey: trainingKeys.all }),
  });
}

export function useRevokeCertificate() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ certificateId, reason }: { certificateId: string; reason: string }) => api.post(`/api/training/certificates/${path(certificateId)}/revoke`, { reason }),
    onSuccess: () => void client.invalidateQueries({ queryKey: trainingKeys.all }),
  });
}

export const certificatePdfUrl = (certificateId: string) => `/api/training/certificates/${path(certificateId)}/pdf`;

// ---------------------------------------------------------------- my training
export function useMyTraining() {
  return useQuery({ queryKey: trainingKeys.mine, queryFn: ({ signal }) => api.get<TMyTraining>('/api/training/me', { signal }) });
}

export function useUnreadTrainingNotices(enabled: boolean) {
  return useQuery({
    queryKey: trainingKeys.unread,
    queryFn: ({ signal }) => api.get<{ count: number }>('/api/training/notices/unread', { signal }).then((r) => r.count),
    enabled,
    staleTime: 60_000,
  });
}

export function useMarkNoticesRead() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.post('/api/training/notices/read'),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: trainingKeys.unread });
      void client.invalidateQueries({ queryKey: trainingKeys.mine });
    },
  });
}

// ---------------------------------------------------------------- public verification
export type VerificationResult = { found: true; certificate: TCertificateVerification } | { found: false };

export function useVerification(code: string | undefined) {
  return useQuery({
    queryKey: trainingKeys.verify(code ?? ''),
    queryFn: async ({ signal }): Promise<VerificationResult> => {
      try {
        return { found: true, certificate: await api.get<TCertificateVerification>(`/api/public/certificates/${path(code ?? '')}`, { signal }) };
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return { found: false };
        throw error;
      }
    },
    enabled: Boolean(code),
    retry: false,
  });
}
