import { Alert, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import type { TTracingAnalysisSummary, TTracingRerun } from '@focal/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryState } from '../../components/QueryState';
import { TableHeader } from '../../components/TableHeader';
import { formatDateTime } from '../../components/format';
import { useAnalyses, useRerunAnalysis } from './api';
import { tracingErrorMessage } from './errors';
import { useMoney } from './Holdings';

export interface SavedAnalysesProps {
  caseId: string;
  openId: string | null;
  onOpen: (analysis: TTracingAnalysisSummary) => void;
  /** Shows the result of running a saved analysis on today's statements. */
  onShowCurrent: (rerun: TTracingRerun) => void;
}

/** The case's saved analyses: reopen one, or run it again to see whether its figures still hold. */
export function SavedAnalyses({ caseId, openId, onOpen, onShowCurrent }: SavedAnalysesProps) {
  const { t, i18n } = useTranslation();
  const money = useMoney();
  const analyses = useAnalyses(caseId);
  const rerun = useRerunAnalysis(caseId);
  const [checked, setChecked] = useState<TTracingRerun | null>(null);
  const items = analyses.data ?? [];
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="tracing-analyses-title" className="no-print">
      <Stack gap="sm">
        <Title order={2} size="h4" id="tracing-analyses-title">
          {t('tracing.analyses.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('tracing.analyses.help')}
        </Text>
        {checked ? (
          <Alert color={checked.ledgerChanged ? 'orange' : 'teal'} variant="light" data-testid="tracing-rerun-result" data-changed={checked.ledgerChanged} withCloseButton onClose={() => setChecked(null)} closeButtonLabel={t('common.cancel')}>
            <Stack gap={4}>
              <Text size="sm" fw={600}>
                {checked.ledgerChanged
                  ? t('tracing.analyses.changed', { saved: checked.analysis.ledgerVersion.slice(0, 12), current: checked.current?.ledger.version.slice(0, 12) ?? '—' })
                  : t('tracing.analyses.unchanged')}
              </Text>
              {checked.ledgerChanged ? <Text size="sm">{checked.figuresChanged ? t('tracing.analyses.figuresDiffer') : t('tracing.analyses.figuresSame')}</Text> : null}
              {checked.missingSeeds.length ? <Text size="sm">{t('tracing.analyses.missingSeeds', { n: checked.missingSeeds.length })}</Text> : null}
              {checked.current && checked.figuresChanged ? (
                <Group>
                  <Button size="xs" variant="light" onClick={() => onShowCurrent(checked)} data-testid="tracing-show-current">
                    {t('tracing.analyses.showCurrent')}
                  </Button>
                </Group>
              ) : null}
            </Stack>
          </Alert>
        ) : null}
        {rerun.error ? <Alert color="red" variant="light">{tracingErrorMessage(t, rerun.error)}</Alert> : null}
        <QueryState query={analyses} isEmpty={items.length === 0} empty={<Text size="sm" c="dimmed">{t('tracing.analyses.empty')}</Text>}>
          <Table.ScrollContainer minWidth={720}>
            <Table verticalSpacing={6} fz="sm" data-testid="tracing-analyses">
              <TableHeader columns={[t('tracing.analyses.name'), t('tracing.analyses.rules'), t('tracing.analyses.total'), t('tracing.analyses.by')]} actions />
              <Table.Tbody>
                {items.map((a) => (
                  <Table.Tr key={a.id} data-testid="tracing-analysis" data-id={a.id} bg={a.id === openId ? 'var(--mantine-color-blue-light)' : undefined}>
                    <Table.Td>
                      <Text size="sm" fw={500} dir="auto">
                        {a.title}
                      </Text>
                      <Text size="xs" c="dimmed" ff="monospace" dir="ltr">
                        {a.ledgerVersion.slice(0, 12)}
                      </Text>
                    </Table.Td>
                    <Table.Td>{a.rules.map((r) => t(`tracing.rules.${r}.name`)).join(', ')}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      <bdi>{money(a.totalTainted)}</bdi>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" dir="auto">
                        {a.createdBy?.name ?? ''}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {formatDateTime(a.createdAt, i18n.language)}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Group gap={6} justify="flex-end" wrap="nowrap">
                        <Button size="xs" variant="default" onClick={() => onOpen(a)} data-testid="tracing-analysis-open">
                          {t('tracing.analyses.open')}
                        </Button>
                        <Button
                          size="xs"
                          variant="light"
                          loading={rerun.isPending && rerun.variables === a.id}
                          onClick={() => rerun.mutate(a.id, { onSuccess: setChecked })}
                          data-testid="tracing-analysis-rerun"
                        >
                          {t('tracing.analyses.rerun')}
                        </Button>
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </QueryState>
      </Stack>
    </Paper>
  );
}
