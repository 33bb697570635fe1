import { Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { TCaseDetail, TRequestDetail, TRequestState, TRequestSummary } from '@focal/shared';
import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { EmptyMessage } from '../../components/EmptyMessage';
import { QueryState } from '../../components/QueryState';
import { useRequests } from '../requests/api';
import { useCase, useDocuments } from './api';
import { DocumentCard, UploadEvidenceButton } from './Evidence';

/** Requests a document may still be linked to: sent and not yet closed or withdrawn. */
const LINKABLE: readonly TRequestState[] = ['sent', 'acknowledged', 'in_progress', 'answered', 'partially_answered', 'refused'];

/** The case's evidence: each document with its versions, fingerprints and chain of custody. */
export function EvidenceTab({ detail }: { detail: TCaseDetail }) {
  const { t } = useTranslation();
  const documents = useDocuments(detail.id);
  const requests = useRequests({ box: 'all', scope: 'country', caseId: detail.id });
  const [params] = useSearchParams();
  const highlighted = params.get('document');
  const items = documents.data ?? [];
  const byId = useMemo(() => new Map((requests.data ?? []).map((r) => [r.id, r])), [requests.data]);
  const linkable = (requests.data ?? []).filter((r) => LINKABLE.includes(r.state));
  return (
    <Stack gap="md" data-testid="evidence-tab">
      <Group justify="space-between" wrap="wrap" align="flex-start">
        <Text size="sm" c="dimmed" maw={700}>
          {t('cases.evidence.intro')}
        </Text>
        <UploadEvidenceButton caseId={detail.id} countries={detail.countries.map((c) => c.country)} requests={linkable} />
      </Group>
      <div aria-live="polite" aria-busy={documents.isFetching}>
        <QueryState query={documents} isEmpty={items.length === 0} empty={<EmptyMessage title={t('cases.evidence.emptyTitle')}>{t('cases.evidence.empty')}</EmptyMessage>}>
          <Stack gap="sm" data-testid="evidence-documents">
            {items.map((d) => (
              <DocumentCard key={d.id} caseId={detail.id} document={d} request={d.requestId ? byId.get(d.requestId) : undefined} highlighted={d.id === highlighted} />
            ))}
          </Stack>
        </QueryState>
      </div>
    </Stack>
  );
}

/**
 * On a request's page: the documents of its case linked to it, and, for the country answering
 * it, a way to attach one. Shown to members of the case only (others cannot read its evidence).
 */
export function RequestDocuments({ request }: { request: TRequestDetail }) {
  const { t } = useTranslation();
  const caseId = request.caseId ?? '';
  const view = useCase(caseId);
  const member = view.data?.access === 'member';
  const documents = useDocuments(caseId, member);
  if (!request.caseId || !member || view.data?.access !== 'member') return null;
  const items = (documents.data ?? []).filter((d) => d.requestId === request.id);
  const canAttach = request.side === 'requested' && LINKABLE.includes(request.state);
  const summary: TRequestSummary = request;
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="request-documents-title" data-testid="request-documents">
      <Group justify="space-between" mb="sm" wrap="wrap">
        <Title order={2} size="h4" id="request-documents-title">
          {t('cases.evidence.requestSection.title')}
        </Title>
        {canAttach ? <UploadEvidenceButton caseId={request.caseId} countries={view.data.case.countries.map((c) => c.country)} requests={[summary]} requestId={request.id} label={t('cases.evidence.requestSection.attach')} /> : null}
      </Group>
      <QueryState query={documents} isEmpty={items.length === 0} empty={<Text size="sm" c="dimmed">{t('cases.evidence.requestSection.empty')}</Text>}>
        <Stack gap="sm">
          {items.map((d) => (
            <DocumentCard key={d.id} caseId={request.caseId!} document={d} />
          ))}
        </Stack>
      </QueryState>
    </Paper>
  );
}
