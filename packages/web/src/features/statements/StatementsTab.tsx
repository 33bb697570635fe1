import { Alert, Anchor, Badge, Button, Code, Group, List, Modal, Pagination, Paper, Progress, Stack, Table, Text, Title } from '@mantine/core';
import type { TCaseDetail, TStatementImport, TStatementJob, TTransferPair } from '@focal/shared';
import { useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { EmptyMessage } from '../../components/EmptyMessage';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDate } from '../../components/format';
import { QueryState } from '../../components/QueryState';
import { formatBytes } from '../mail/format';
import { formatMoney } from '../cases/assets';
import { TRANSACTIONS_PAGE, useDecidePair, useDismissJob, useStatements, useStatementTransactions } from './api';
import { ImportStatementDialog } from './ImportStatementDialog';
import { jobProgress } from './mapping';

type Money = { amount: string; currency: string };

function useMoney() {
  const { i18n } = useTranslation();
  return (money: Money | null) => (money ? formatMoney(money.amount, money.currency, i18n.language) : '—');
}

/** Amounts into the account are shown with a plus, so debits and credits read apart at a glance. */
function useSignedMoney() {
  const format = useMoney();
  return (money: Money) => (money.amount.startsWith('-') ? format(money) : `+${format(money)}`);
}

/** An import still running (with its progress) or one that failed (with the reason, until dismissed). */
function JobCard({ caseId, job }: { caseId: string; job: TStatementJob }) {
  const { t, i18n } = useTranslation();
  const dismiss = useDismissJob(caseId);
  const fraction = jobProgress(job);
  if (job.status === 'failed') {
    return (
      <Alert color="red" variant="light" title={t('statements.jobs.failedTitle', { name: job.title })} data-testid="statement-job" data-status={job.status} role="alert">
        <Stack gap={6}>
          <Text size="sm">{t('statements.jobs.failedBody')}</Text>
          {job.error ? (
            <Text size="xs">
              {job.errorLine ? `${t('statements.jobs.line', { line: job.errorLine })} · ` : ''}
              <Code dir="ltr">{job.error}</Code>
            </Text>
          ) : null}
          <Group>
            <Button size="xs" variant="default" onClick={() => dismiss.mutate(job.id)} loading={dismiss.isPending} data-testid="statement-job-dismiss">
              {t('statements.jobs.dismiss')}
            </Button>
          </Group>
        </Stack>
      </Alert>
    );
  }
  const phase = job.status === 'queued' ? 'queued' : job.status === 'failing' ? 'failing' : job.phase;
  return (
    <Paper withBorder p="md" radius="md" data-testid="statement-job" data-status={job.status} data-phase={job.phase}>
      <Stack gap={6}>
        <Group justify="space-between" wrap="wrap">
          <Text fw={600} dir="auto">
            {job.title}
          </Text>
          <Text size="sm" c="dimmed">
            {formatBytes(job.size, i18n.language)}
          </Text>
        </Group>
        <Progress value={Math.round(fraction * 100)} animated aria-label={t('statements.jobs.progress', { name: job.title })} data-testid="statement-job-progress" />
        <Text size="sm" c="dimmed" aria-live="polite">
          {t(`statements.jobs.phases.${phase}`, {
            rows: (job.rowsDone ?? 0).toLocaleString(i18n.language),
            total: (job.rowsTotal ?? 0).toLocaleString(i18n.language),
            percent: Math.round(fraction * 100),
          })}
        </Text>
        <Text size="xs" c="dimmed">
          {t('statements.jobs.canLeave')}
        </Text>
      </Stack>
    </Paper>
  );
}

/**
 * Opening + the transactions = the closing the statement states: drawn as a sum, with the
 * difference in red when they disagree (a page missing, a row read wrong), never hidden.
 */
function BalanceCheck({ statement }: { statement: TStatementImport }) {
  const { t, i18n } = useTranslation();
  const money = useMoney();
  const signed = useSignedMoney();
  const color = statement.balance === 'balanced' ? 'teal' : statement.balance === 'unbalanced' ? 'red' : 'gray';
  return (
    <Stack gap={4} data-testid="statement-balance" data-status={statement.balance}>
      <Group gap="xs" wrap="wrap">
        <Badge color={color} variant={statement.balance === 'unbalanced' ? 'filled' : 'light'} data-testid="statement-balance-badge">
          {t(`statements.balance.${statement.balance}`)}
        </Badge>
        {statement.balance === 'unbalanced' && statement.difference && statement.difference.amountMinor !== 0 ? (
          <Text size="sm" c="red" fw={600} data-testid="statement-difference">
            {t('statements.balance.difference', { amount: signed(statement.difference) })}
          </Text>
        ) : null}
        {statement.balance === 'unbalanced' && (!statement.difference || statement.difference.amountMinor === 0) ? (
          <Text size="sm" c="red" fw={600} data-testid="statement-balance-breaks">
            {t('statements.balance.breaks')}
          </Text>
        ) : null}
      </Group>
      <Group gap="xs" wrap="wrap" fz="sm" aria-label={t('statements.balance.equationLabel')}>
        <Text size="sm">
          {t('statements.balance.opening')} <strong>{money(statement.opening)}</strong>
        </Text>
        <Text size="sm">+</Text>
        <Text size="sm">
          {t('statements.balance.movements', { n: statement.transactions.toLocaleString(i18n.language) })} <strong>{signed(statement.sum)}</strong>
        </Text>
        <Text size="sm">{statement.balance === 'unbalanced' ? '≠' : '='}</Text>
        <Text size="sm">
          {t('statements.balance.closing')} <strong>{money(statement.closing)}</strong>
        </Text>
      </Group>
      {statement.balance === 'unchecked' ? (
        <Text size="xs" c="dimmed">
          {t('statements.balance.uncheckedHelp')}
        </Text>
      ) : null}
      {statement.balance === 'unbalanced' ? (
        <Text size="xs" c="red">
          {t('statements.balance.unbalancedHelp')}
        </Text>
      ) : null}
    </Stack>
  );
}

function StatementCard({ caseId, statement, onOpen }: { caseId: string; statement: TStatementImport; onOpen: () => void }) {
  const { t, i18n } = useTranslation();
  const [showProblems, setShowProblems] = useState(false);
  const period =
    statement.periodFrom && statement.periodTo
      ? t('statements.period', { from: formatDate(statement.periodFrom, i18n.language, 'UTC'), to: formatDate(statement.periodTo, i18n.language, 'UTC') })
      : t('statements.noPeriod');
  return (
    <Paper
      withBorder
      p="md"
      radius="md"
      component="article"
      aria-label={t('statements.cardLabel', { account: statement.account })}
      data-testid="statement-card"
      data-id={statement.id}
      data-account={statement.account}
      data-format={statement.format}
      data-balance={statement.balance}
      style={statement.balance === 'unbalanced' ? { borderColor: 'var(--mantine-color-red-6)' } : undefined}
    >
      <Stack gap="xs">
        <Group justify="space-between" wrap="wrap" align="flex-start">
          <Stack gap={2}>
            <Text ff="monospace" fw={700} dir="ltr" data-testid="statement-account">
              {statement.account}
            </Text>
            <Text size="sm" c="dimmed">
              {period}
              {statement.statementId ? ` · ${t('statements.statementId', { id: statement.statementId })}` : ''}
            </Text>
          </Stack>
          <Group gap="xs">
            <Badge variant="outline">{t(`statements.formats.${statement.format}`)}</Badge>
            <Badge variant="light" color="gray">
              {statement.currency}
            </Badge>
          </Group>
        </Group>
        <BalanceCheck statement={statement} />
        <Group gap="md" wrap="wrap">
          <Text size="sm" data-testid="statement-rows">
            {t('statements.rows', { n: statement.transactions.toLocaleString(i18n.language) })}
          </Text>
          {statement.rowErrorCount > 0 ? (
            <Anchor component="button" type="button" size="sm" c="orange" onClick={() => setShowProblems((v) => !v)} data-testid="statement-row-errors">
              {t('statements.rowErrors', { n: statement.rowErrorCount.toLocaleString(i18n.language) })}
            </Anchor>
          ) : null}
          {statement.warnings.length > 0 && statement.rowErrorCount === 0 ? (
            <Anchor component="button" type="button" size="sm" onClick={() => setShowProblems((v) => !v)}>
              {t('statements.notes', { n: statement.warnings.length })}
            </Anchor>
          ) : null}
        </Group>
        {showProblems ? (
          <Stack gap={4}>
            <Text size="xs" c="dimmed">
              {t('statements.readerWords')}
            </Text>
            <List size="xs" spacing={2}>
              {statement.rowErrors.map((e) => (
                <List.Item key={`e${e.line}`}>
                  <Code dir="ltr">{e.message}</Code>
                </List.Item>
              ))}
              {statement.warnings.map((w) => (
                <List.Item key={`w${w}`}>
                  <Code dir="ltr">{w}</Code>
                </List.Item>
              ))}
            </List>
          </Stack>
        ) : null}
        <Group gap="sm">
          <Button size="xs" variant="light" onClick={onOpen} disabled={statement.transactions === 0} data-testid="statement-open-transactions">
            {t('statements.showTransactions')}
          </Button>
          {statement.documentId ? (
            <Anchor component={Link} to={`/cases/${caseId}/evidence?document=${statement.documentId}`} size="sm">
              {t('statements.sourceFile')}
            </Anchor>
          ) : null}
        </Group>
      </Stack>
    </Paper>
  );
}

/** A statement's transactions, a page at a time, in the file's order. */
function TransactionsModal({ caseId, statement, onClose }: { caseId: string; statement: TStatementImport | null; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const [page, setPage] = useState(1);
  const signed = useSignedMoney();
  const offset = (page - 1) * TRANSACTIONS_PAGE;
  const query = useStatementTransactions(caseId, statement?.id ?? '', offset);
  const pages = Math.max(1, Math.ceil((statement?.transactions ?? 0) / TRANSACTIONS_PAGE));
  return (
    <Modal opened={statement !== null} onClose={onClose} size="xl" title={statement ? t('statements.transactionsTitle', { account: statement.account }) : ''}>
      {statement ? (
        <Stack gap="sm" data-testid="statement-transactions">
          <QueryState query={query}>
            <Table.ScrollContainer minWidth={640}>
              <Table striped fz="sm" aria-busy={query.isFetching}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('statements.columns.line')}</Table.Th>
                    <Table.Th>{t('statements.columns.date')}</Table.Th>
                    <Table.Th ta="end">{t('statements.columns.amount')}</Table.Th>
                    <Table.Th>{t('statements.columns.counterparty')}</Table.Th>
                    <Table.Th>{t('statements.columns.reference')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {(query.data?.items ?? []).map((row) => (
                    <Table.Tr key={row.id} data-testid="statement-transaction">
                      <Table.Td>{row.line}</Table.Td>
                      <Table.Td>{formatDate(row.bookingDate, i18n.language, 'UTC')}</Table.Td>
                      <Table.Td ta="end" c={row.amount.amount.startsWith('-') ? 'red' : 'teal'} dir="ltr" style={{ whiteSpace: 'nowrap' }}>
                        {signed(row.amount)}
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm" dir="auto">
                          {row.counterpartyName ?? '—'}
                        </Text>
                        {row.counterpartyAccount ? (
                          <Text size="xs" c="dimmed" ff="monospace" dir="ltr">
                            {row.counterpartyAccount}
                          </Text>
                        ) : null}
                      </Table.Td>
                      <Table.Td>
                        <Text size="xs" ff="monospace" dir="ltr">
                          {row.reference ?? ''}
                        </Text>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </QueryState>
          <Group justify="space-between" wrap="wrap">
            <Text size="sm" c="dimmed">
              {t('statements.pageOf', {
                from: (offset + 1).toLocaleString(i18n.language),
                to: Math.min(offset + TRANSACTIONS_PAGE, statement.transactions).toLocaleString(i18n.language),
                total: statement.transactions.toLocaleString(i18n.language),
              })}
            </Text>
            <Pagination total={pages} value={page} onChange={setPage} size="sm" aria-label={t('statements.pages')} />
          </Group>
        </Stack>
      ) : null}
    </Modal>
  );
}

/** The same transfer seen in two statements: the debit on one side, the credit on the other, and what ties them. */
function PairCard({ caseId, pair }: { caseId: string; pair: TTransferPair }) {
  const { t, i18n } = useTranslation();
  const decide = useDecidePair(caseId);
  const money = useMoney();
  const days = Math.round((Date.parse(pair.credit.date) - Date.parse(pair.debit.date)) / 86_400_000);
  const side = (kind: 'debit' | 'credit') => {
    const s = pair[kind];
    return (
      <Stack gap={0}>
        <Text size="xs" c="dimmed">
          {t(`statements.pairs.${kind}`)}
        </Text>
        <Text ff="monospace" size="sm" dir="ltr">
          {s.account}
        </Text>
        <Text size="xs" c="dimmed">
          {t('statements.pairs.where', { date: formatDate(s.date, i18n.language, 'UTC'), line: s.line })}
        </Text>
      </Stack>
    );
  };
  const linkText = (link: TTransferPair['links'][number]) =>
    t(`statements.pairs.links.${link}`, { reference: pair.debit.reference ?? pair.credit.reference ?? '', debitAccount: pair.debit.account, creditAccount: pair.credit.account });
  return (
    <Paper withBorder p="md" radius="md" data-testid="transfer-pair" data-id={pair.id} data-status={pair.status} aria-label={t('statements.pairs.label', { amount: money(pair.amount) })}>
      <Stack gap="xs">
        <Group justify="space-between" wrap="wrap">
          <Text fw={700}>{money(pair.amount)}</Text>
          <Group gap="xs">
            <Badge variant="light">{t('statements.pairs.confidence', { percent: Math.round(pair.confidence * 100) })}</Badge>
            <Badge color={pair.status === 'confirmed' ? 'teal' : pair.status === 'split' ? 'gray' : 'orange'} data-testid="transfer-pair-status">
              {t(`statements.pairs.status.${pair.status}`)}
            </Badge>
          </Group>
        </Group>
        <Group gap="lg" wrap="wrap" align="center">
          {side('debit')}
          <Text aria-hidden="true" size="lg">
            →
          </Text>
          {side('credit')}
        </Group>
        <List size="xs" spacing={2}>
          <List.Item>{days === 0 ? t('statements.pairs.sameDay') : t('statements.pairs.daysApart', { n: Math.abs(days) })}</List.Item>
          {pair.links.map((link) => (
            <List.Item key={link}>{linkText(link)}</List.Item>
          ))}
        </List>
        {pair.status === 'suggested' ? (
          <Group gap="sm">
            <Button size="xs" onClick={() => decide.mutate({ pairId: pair.id, decision: 'confirm' })} loading={decide.isPending && decide.variables?.decision === 'confirm'} disabled={decide.isPending} data-testid="transfer-pair-confirm">
              {t('statements.pairs.confirm')}
            </Button>
            <Button size="xs" variant="default" onClick={() => decide.mutate({ pairId: pair.id, decision: 'split' })} loading={decide.isPending && decide.variables?.decision === 'split'} disabled={decide.isPending} data-testid="transfer-pair-split">
              {t('statements.pairs.split')}
            </Button>
          </Group>
        ) : null}
        {decide.error ? <ErrorAlert error={decide.error} /> : null}
      </Stack>
    </Paper>
  );
}

/** The case's bank statements: import, balance checks, transactions, and the transfers seen twice. */
export function StatementsTab({ detail }: { detail: TCaseDetail }) {
  const { t } = useTranslation();
  const statements = useStatements(detail.id);
  const [importing, setImporting] = useState(false);
  const [open, setOpen] = useState<TStatementImport | null>(null);
  const data = statements.data;
  const suggested = (data?.pairs ?? []).filter((p) => p.status === 'suggested');
  const decided = (data?.pairs ?? []).filter((p) => p.status !== 'suggested');
  return (
    <Stack gap="md" data-testid="statements-tab">
      <Group justify="space-between" wrap="wrap" align="flex-start">
        <Text size="sm" c="dimmed" maw={700}>
          {t('statements.intro')}
        </Text>
        <Button onClick={() => setImporting(true)} data-testid="statements-import">
          {t('statements.importButton')}
        </Button>
      </Group>
      <ImportStatementDialog caseId={detail.id} opened={importing} onClose={() => setImporting(false)} />
      {(data?.jobs ?? []).length > 0 ? (
        <Stack gap="sm" data-testid="statement-jobs">
          {data!.jobs.map((job) => (
            <JobCard key={job.id} caseId={detail.id} job={job} />
          ))}
        </Stack>
      ) : null}
      <div aria-live="polite" aria-busy={statements.isFetching}>
        <QueryState query={statements} isEmpty={(data?.imports.length ?? 0) === 0} empty={<EmptyMessage title={t('statements.emptyTitle')}>{t('statements.empty')}</EmptyMessage>}>
          <Stack gap="sm" data-testid="statement-list">
            {(data?.imports ?? []).map((statement) => (
              <StatementCard key={statement.id} caseId={detail.id} statement={statement} onOpen={() => setOpen(statement)} />
            ))}
          </Stack>
        </QueryState>
      </div>
      {data && data.pairs.length > 0 ? (
        <Stack gap="sm" component="section" aria-labelledby="transfer-pairs-title" data-testid="transfer-pairs">
          <Title order={2} size="h4" id="transfer-pairs-title">
            {t('statements.pairs.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('statements.pairs.intro')}
          </Text>
          {suggested.map((pair) => (
            <PairCard key={pair.id} caseId={detail.id} pair={pair} />
          ))}
          {decided.map((pair) => (
            <PairCard key={pair.id} caseId={detail.id} pair={pair} />
          ))}
        </Stack>
      ) : null}
      <TransactionsModal key={open?.id ?? 'none'} caseId={detail.id} statement={open} onClose={() => setOpen(null)} />
    </Stack>
  );
}

export default StatementsTab;
