import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TCsvImportOptions, TCsvSniff, TStatementJob, TStatementList, TStatementMapping, TStatementMappingSave, TStatementTransactionPage, TStatementUploaded } from '@focal/shared';
import { api, withQuery } from '../../api/client';
import { uploadFile, type Upload } from '../../api/upload';
import type { LayoutChoices, StatementFormat } from './mapping';

const path = (id: string) => encodeURIComponent(id);

/**
 * Under ['cases', …] so that a realtime "case changed" event (an import published, a pair
 * decided by a colleague) refreshes them with the rest of the case.
 */
export const statementKeys = {
  list: (caseId: string) => ['cases', 'statements', caseId] as const,
  transactions: (caseId: string, importId: string, offset: number) => ['cases', 'statement-transactions', caseId, importId, offset] as const,
  mappings: ['statement-mappings'] as const,
};

/** How many bytes of a CSV the server guesses its layout from. */
export const SNIFF_BYTES = 256 * 1024;

/** Polls while an import of the caller's country is still running, so its progress bar moves. */
export function useStatements(caseId: string) {
  return useQuery({
    queryKey: statementKeys.list(caseId),
    queryFn: ({ signal }) => api.get<TStatementList>(`/api/cases/${path(caseId)}/statements`, { signal }),
    refetchInterval: (query) => (query.state.data?.jobs.some((job) => job.status === 'queued' || job.status === 'running' || job.status === 'failing') ? 1500 : false),
  });
}

export const TRANSACTIONS_PAGE = 50;

export function useStatementTransactions(caseId: string, importId: string, offset: number) {
  return useQuery({
    queryKey: statementKeys.transactions(caseId, importId, offset),
    queryFn: ({ signal }) => api.get<TStatementTransactionPage>(`/api/cases/${path(caseId)}/statements/${path(importId)}/transactions`, { query: { offset, limit: TRANSACTIONS_PAGE }, signal }),
    placeholderData: keepPreviousData,
    enabled: Boolean(importId),
  });
}

/** Reads the start of a CSV (its layout, a preview, the saved mappings for it), again with the user's choices when given. */
export function sniffCsv(caseId: string, sample: Blob, choices?: Partial<LayoutChoices>): Promise<TCsvSniff> {
  const query = choices
    ? { encoding: choices.encoding, delimiter: choices.delimiter, hasHeader: choices.hasHeader === undefined ? undefined : String(choices.hasHeader), skipRows: choices.skipRows }
    : undefined;
  return uploadFile<TCsvSniff>(withQuery(`/api/cases/${path(caseId)}/statements/sniff`, query), sample, 'application/octet-stream', () => {}).promise;
}

/** Sends a statement file with its progress; a large one is answered at once with the job that imports it. */
export function uploadStatement(
  caseId: string,
  file: File,
  options: { format: StatementFormat; csv?: TCsvImportOptions; mappingId?: string | null; encoding?: string },
  onProgress: (fraction: number) => void,
): Upload<TStatementUploaded> {
  const query = {
    format: options.format,
    name: file.name,
    options: options.csv ? JSON.stringify(options.csv) : undefined,
    mappingId: options.mappingId ?? undefined,
    encoding: options.encoding,
  };
  return uploadFile<TStatementUploaded>(withQuery(`/api/cases/${path(caseId)}/statements`, query), file, 'application/octet-stream', onProgress);
}

export function useRefreshStatements(caseId: string) {
  const client = useQueryClient();
  return (list?: TStatementList) => {
    if (list) client.setQueryData(statementKeys.list(caseId), list);
    void client.invalidateQueries({ queryKey: ['cases'] });
  };
}

export function useDecidePair(caseId: string) {
  const refresh = useRefreshStatements(caseId);
  return useMutation({
    mutationFn: ({ pairId, decision }: { pairId: string; decision: 'confirm' | 'split' }) => api.post<TStatementList>(`/api/cases/${path(caseId)}/transfer-pairs/${path(pairId)}`, { decision }),
    onSuccess: (list) => refresh(list),
  });
}

export function useDismissJob(caseId: string) {
  const refresh = useRefreshStatements(caseId);
  return useMutation({
    mutationFn: (jobId: string) => api.delete<TStatementList>(`/api/cases/${path(caseId)}/statement-jobs/${path(jobId)}`),
    onSuccess: (list) => refresh(list),
  });
}

export function useMappings(enabled = true) {
  return useQuery({
    queryKey: statementKeys.mappings,
    queryFn: ({ signal }) => api.get<{ items: TStatementMapping[] }>('/api/statement-mappings', { signal }),
    select: (data) => data.items,
    enabled,
  });
}

export function useSaveMapping() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: TStatementMappingSave) => api.post<TStatementMapping>('/api/statement-mappings', body),
    onSuccess: () => void client.invalidateQueries({ queryKey: statementKeys.mappings }),
  });
}

export function useDeleteMapping() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/api/statement-mappings/${path(id)}`),
    onSuccess: () => void client.invalidateQueries({ queryKey: statementKeys.mappings }),
  });
}

export type { TStatementJob };
