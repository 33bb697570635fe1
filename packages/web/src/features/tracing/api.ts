import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  TTracingAnalysis,
  TTracingAnalysisCreate,
  TTracingAnalysisSummary,
  TTracingFreezeInput,
  TTracingPathInput,
  TTracingPathResult,
  TTracingRerun,
  TTracingRun,
  TTracingRunInput,
  TTracingTransactionList,
  TTracingTransactionQuery,
} from '@focal/shared';
import { api } from '../../api/client';
import { requestKeys } from '../cases/keys';

const path = (id: string) => encodeURIComponent(id);

/**
 * Outside ['cases', …] on purpose: every read here is audited (it reads the case's statements),
 * so it is fetched when the tab opens or the user asks, not again on every change to the case.
 */
export const tracingKeys = {
  transactions: (caseId: string, query: TTracingTransactionQuery) => ['tracing', caseId, 'transactions', query] as const,
  analyses: (caseId: string) => ['tracing', caseId, 'analyses'] as const,
  analysis: (caseId: string, id: string) => ['tracing', caseId, 'analysis', id] as const,
  path: (caseId: string, input: TTracingPathInput | null) => ['tracing', caseId, 'path', input] as const,
};

export function useTracingTransactions(caseId: string, query: TTracingTransactionQuery) {
  return useQuery({
    queryKey: tracingKeys.transactions(caseId, query),
    queryFn: ({ signal }) => api.get<TTracingTransactionList>(`/api/cases/${path(caseId)}/tracing/transactions`, { query: { ...query }, signal }),
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
}

/** How the money reached one holding; fetched when its drawer opens (an audited read), then kept. */
export function useTracingPath(caseId: string, input: TTracingPathInput | null) {
  return useQuery({
    queryKey: tracingKeys.path(caseId, input),
    queryFn: ({ signal }) => api.post<TTracingPathResult>(`/api/cases/${path(caseId)}/tracing/path`, input, { signal }),
    enabled: input !== null,
    staleTime: Infinity,
  });
}

export function useRunTracing(caseId: string) {
  return useMutation({ mutationFn: (body: TTracingRunInput) => api.post<TTracingRun>(`/api/cases/${path(caseId)}/tracing/run`, body) });
}

export function useAnalyses(caseId: string) {
  return useQuery({
    queryKey: tracingKeys.analyses(caseId),
    queryFn: ({ signal }) => api.get<{ items: TTracingAnalysisSummary[] }>(`/api/cases/${path(caseId)}/tracing/analyses`, { signal }).then((r) => r.items),
    staleTime: 60_000,
  });
}

export function useAnalysis(caseId: string, id: string | null) {
  return useQuery({
    queryKey: tracingKeys.analysis(caseId, id ?? ''),
    queryFn: ({ signal }) => api.get<TTracingAnalysis>(`/api/cases/${path(caseId)}/tracing/analyses/${path(id ?? '')}`, { signal }),
    enabled: Boolean(id),
    staleTime: Infinity,
  });
}

export function useSaveAnalysis(caseId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: TTracingAnalysisCreate) => api.post<TTracingAnalysis>(`/api/cases/${path(caseId)}/tracing/analyses`, body),
    onSuccess: (saved) => {
      client.setQueryData(tracingKeys.analysis(caseId, saved.id), saved);
      void client.invalidateQueries({ queryKey: tracingKeys.analyses(caseId) });
    },
  });
}

export function useRerunAnalysis(caseId: string) {
  return useMutation({ mutationFn: (id: string) => api.post<TTracingRerun>(`/api/cases/${path(caseId)}/tracing/analyses/${path(id)}/rerun`) });
}

export function useDraftFreezeRequest(caseId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ analysisId, ...body }: TTracingFreezeInput & { analysisId: string }) =>
      api.post<{ requestId: string }>(`/api/cases/${path(caseId)}/tracing/analyses/${path(analysisId)}/freeze-request`, body),
    onSuccess: () => void client.invalidateQueries({ queryKey: requestKeys.all }),
  });
}

/** The ledger in the spec's JSON format, for `focal trace` (an audited read). */
export function fetchLedger(caseId: string, seeds: number[]): Promise<unknown> {
  return api.post<unknown>(`/api/cases/${path(caseId)}/tracing/ledger`, { seeds });
}
