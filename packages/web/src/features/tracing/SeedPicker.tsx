import { Badge, Checkbox, CloseButton, Group, Pagination, Paper, Select, Stack, Table, Text, TextInput, Title, Tooltip } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import type { TMoney, TTracingTransaction } from '@focal/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyMessage } from '../../components/EmptyMessage';
import { QueryState } from '../../components/QueryState';
import { TableHeader } from '../../components/TableHeader';
import { formatDate } from '../../components/format';
import { formatMoney } from '../cases/assets';
import { useTracingTransactions } from './api';

const PAGE = 20;

/** A seed as the picker shows it: enough to recognise it once it is off the current page. */
export interface SeedChip {
  id: number;
  date: string;
  amount: TMoney;
  label: string;
}

export const seedFromTransaction = (t: TTracingTransaction): SeedChip => ({ id: t.id, date: t.date, amount: t.amount, label: t.counterpartyName ?? t.counterpartyAccount ?? t.account });

/**
 * The case's statement rows, searchable and a page at a time, to tick the ones that brought the
 * stolen money in. A row that is one side of a transfer seen in two statements says so.
 */
export function SeedPicker({ caseId, seeds, onChange }: { caseId: string; seeds: Map<number, SeedChip>; onChange: (seeds: Map<number, SeedChip>) => void }) {
  const { t, i18n } = useTranslation();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const [currency, setCurrency] = useState<string | null>(null);
  const [page, setPage] = useState(1);
  const query = { q: q || undefined, currency: currency ?? undefined, offset: (page - 1) * PAGE, limit: PAGE };
  const list = useTracingTransactions(caseId, query);
  const items = list.data?.items ?? [];
  const pages = Math.max(1, Math.ceil((list.data?.total ?? 0) / PAGE));
  const seedCurrency = [...seeds.values()][0]?.amount.currency;

  const toggle = (row: TTracingTransaction, on: boolean) => {
    const next = new Map(seeds);
    if (on) next.set(row.id, seedFromTransaction(row));
    else next.delete(row.id);
    onChange(next);
  };
  const money = (m: TMoney) => formatMoney(m.amount, m.currency, i18n.language);

  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="tracing-seeds-title" className="no-print">
      <Stack gap="sm">
        <Title order={2} size="h4" id="tracing-seeds-title">
          {t('tracing.seeds.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('tracing.seeds.help')}
        </Text>
        <Group gap="xs" wrap="wrap" data-testid="tracing-seed-chips" aria-live="polite">
          {seeds.size === 0 ? (
            <Text size="sm" c="dimmed">
              {t('tracing.seeds.none')}
            </Text>
          ) : (
            [...seeds.values()].map((seed) => (
              <Badge
                key={seed.id}
                variant="light"
                size="lg"
                radius="sm"
                data-testid="tracing-seed-chip"
                rightSection={<CloseButton size="xs" onClick={() => onChange(new Map([...seeds].filter(([id]) => id !== seed.id)))} aria-label={t('tracing.seeds.remove', { label: seed.label })} />}
                style={{ textTransform: 'none' }}
              >
                <bdi>{formatDate(seed.date, i18n.language, 'UTC')}</bdi> · <bdi>{seed.label}</bdi> · <bdi>{money(seed.amount)}</bdi>
              </Badge>
            ))
          )}
        </Group>
        <Group gap="sm" align="flex-end" wrap="wrap">
          <TextInput
            label={t('tracing.seeds.search')}
            value={search}
            onChange={(e) => {
              setSearch(e.currentTarget.value);
              setPage(1);
            }}
            style={{ flex: 1, minWidth: 240 }}
            data-testid="tracing-seed-search"
          />
          <Select
            label={t('tracing.seeds.currency')}
            data={[{ value: '', label: t('tracing.seeds.anyCurrency') }, ...(list.data?.currencies ?? []).map((c) => ({ value: c, label: c }))]}
            value={currency ?? ''}
            onChange={(value) => {
              setCurrency(value || null);
              setPage(1);
            }}
            allowDeselect={false}
            w={160}
            data-testid="tracing-seed-currency"
          />
        </Group>
        <div aria-busy={list.isFetching}>
          <QueryState
            query={list}
            isEmpty={items.length === 0}
            empty={!q && !currency ? <EmptyMessage title={t('tracing.seeds.noStatementsTitle')}>{t('tracing.seeds.noStatements')}</EmptyMessage> : <EmptyMessage title={t('tracing.seeds.empty')} />}
          >
            <Table.ScrollContainer minWidth={760}>
              <Table striped highlightOnHover verticalSpacing={6} fz="sm" data-testid="tracing-transactions">
                <TableHeader
                  columns={['', t('tracing.seeds.columns.date'), t('tracing.seeds.columns.account'), t('tracing.seeds.columns.counterparty'), t('tracing.seeds.columns.reference'), t('tracing.seeds.columns.amount')]}
                />
                <Table.Tbody>
                  {items.map((row) => {
                    const checked = seeds.has(row.id);
                    const otherCurrency = seedCurrency !== undefined && seedCurrency !== row.amount.currency;
                    const label = row.counterpartyName ?? row.counterpartyAccount ?? row.account;
                    return (
                      <Table.Tr key={row.id} data-testid="tracing-transaction" data-id={row.id} data-reference={row.reference ?? ''}>
                        <Table.Td>
                          <Tooltip label={t('tracing.seeds.otherCurrency')} disabled={!otherCurrency || checked} withArrow>
                            <Checkbox
                              checked={checked}
                              disabled={otherCurrency && !checked}
                              onChange={(e) => toggle(row, e.currentTarget.checked)}
                              aria-label={t('tracing.seeds.mark', { label: `${row.date} ${label} ${money(row.amount)}` })}
                              data-testid="tracing-seed-checkbox"
                            />
                          </Tooltip>
                        </Table.Td>
                        <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(row.date, i18n.language, 'UTC')}</Table.Td>
                        <Table.Td>
                          <Text size="xs" ff="monospace" dir="ltr" style={{ overflowWrap: 'anywhere' }}>
                            {row.account}
                          </Text>
                        </Table.Td>
                        <Table.Td>
                          <Stack gap={0}>
                            <Text size="sm" dir="auto">
                              {row.counterpartyName ?? '—'}
                            </Text>
                            {row.counterpartyAccount ? (
                              <Text size="xs" c="dimmed" ff="monospace" dir="ltr">
                                {row.counterpartyAccount}
                              </Text>
                            ) : null}
                            {row.pair ? (
                              <Tooltip label={t(`tracing.seeds.pair.${row.pair}`)} withArrow multiline w={280}>
                                <Badge size="xs" variant="outline" color={row.pair === 'confirmed' ? 'teal' : 'orange'} w="fit-content" data-testid="tracing-pair-badge">
                                  {t(`tracing.seeds.pair.${row.pair}Short`)}
                                </Badge>
                              </Tooltip>
                            ) : null}
                          </Stack>
                        </Table.Td>
                        <Table.Td>
                          <Text size="xs" dir="auto" style={{ overflowWrap: 'anywhere' }}>
                            {row.reference ?? ''}
                          </Text>
                        </Table.Td>
                        <Table.Td style={{ whiteSpace: 'nowrap', textAlign: 'end' }}>
                          <Text size="sm" c={row.direction === 'in' ? 'teal.8' : 'red.8'} span>
                            {row.direction === 'in' ? t('tracing.seeds.in') : t('tracing.seeds.out')}
                          </Text>{' '}
                          <bdi>{money(row.amount)}</bdi>
                        </Table.Td>
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            <Group justify="space-between" mt="xs" wrap="wrap">
              <Text size="xs" c="dimmed">
                {t('tracing.seeds.count', { n: list.data?.total ?? 0 })}
              </Text>
              {pages > 1 ? <Pagination total={pages} value={page} onChange={setPage} size="sm" data-testid="tracing-seed-pages" /> : null}
            </Group>
          </QueryState>
        </div>
      </Stack>
    </Paper>
  );
}
