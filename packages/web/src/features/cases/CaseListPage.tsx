import { Anchor, Badge, Button, Group, Paper, Select, SimpleGrid, Stack, Table, Text, TextInput, Title, VisuallyHidden } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { CASE_STATUSES, type TCaseStatus, type TCaseStub, type TCaseSummary } from '@focal/shared';
import { useMemo, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../api/hooks';
import { isCountryOfficer } from '../../components/roles';
import { EmptyMessage } from '../../components/EmptyMessage';
import { formatDate } from '../../components/format';
import { QueryState } from '../../components/QueryState';
import { TableHeader } from '../../components/TableHeader';
import { usePageTitle } from '../../components/usePageTitle';
import { HandlingBadge } from '../mail/MessageBadges';
import { useCases, usePortfolioTotals } from './api';
import { TotalsPanel } from './AssetBadges';
import { AskToJoin } from './AskToJoin';
import { CaseStatusBadge, CountryRoles, CountryTag } from './CaseBadges';
import type { CaseListQuery } from './keys';

const isStatus = (value: string | null): value is TCaseStatus => (CASE_STATUSES as readonly string[]).includes(value ?? '');

function RequestCounts({ item }: { item: TCaseSummary }) {
  const { t } = useTranslation();
  if (item.openRequests === 0 && item.overdueRequests === 0) {
    return (
      <Text span size="sm" c="dimmed">
        {t('cases.list.noRequests')}
      </Text>
    );
  }
  return (
    <Group gap={4} wrap="nowrap">
      <Text span size="sm" data-testid="case-row-open-requests">
        {t('cases.list.openRequests', { n: item.openRequests })}
      </Text>
      {item.overdueRequests > 0 ? (
        <Badge size="xs" color="red" variant="filled" data-testid="case-row-overdue">
          {t('cases.list.overdueRequests', { n: item.overdueRequests })}
        </Badge>
      ) : null}
    </Group>
  );
}

function MyCases({ items }: { items: TCaseSummary[] }) {
  const { t, i18n } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={960}>
      <Table striped highlightOnHover verticalSpacing="sm" data-testid="cases-table">
        <VisuallyHidden component="caption">{t('cases.list.mine')}</VisuallyHidden>
        <TableHeader
          columns={[
            t('cases.fields.reference'),
            t('cases.fields.title'),
            t('cases.fields.lead'),
            t('cases.fields.countries'),
            t('cases.fields.status'),
            t('mail.fields.handlingCode'),
            t('cases.fields.entities'),
            t('cases.fields.requests'),
            t('cases.fields.review'),
          ]}
        />
        <Table.Tbody>
          {items.map((item) => (
            <Table.Tr key={item.id} data-testid="case-row" data-id={item.id} data-reference={item.reference}>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <Anchor component={Link} to={`/cases/${item.id}`} fw={600} data-testid="case-row-link">
                  {item.reference}
                </Anchor>
              </Table.Td>
              <Table.Td style={{ minWidth: 200 }}>
                <Text size="sm" dir="auto" lineClamp={2}>
                  {item.title}
                </Text>
              </Table.Td>
              <Table.Td>
                <CountryTag code={item.leadCountry} />
              </Table.Td>
              <Table.Td>
                <CountryRoles countries={item.countries.filter((c) => c.role !== 'lead')} compact />
              </Table.Td>
              <Table.Td>
                <CaseStatusBadge status={item.status} />
              </Table.Td>
              <Table.Td>
                <HandlingBadge code={item.handlingCode} size="sm" />
              </Table.Td>
              <Table.Td ta="end">{new Intl.NumberFormat(i18n.language).format(item.entities)}</Table.Td>
              <Table.Td>
                <RequestCounts item={item} />
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                {item.reviewDue ? (
                  <Badge color="orange" variant="filled" size="sm" data-testid="case-row-review-due">
                    {t('cases.review.dueShort')}
                  </Badge>
                ) : (
                  <Text span size="sm" c="dimmed">
                    {formatDate(`${item.reviewDate}T12:00:00Z`, i18n.language)}
                  </Text>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function KnownCases({ items }: { items: TCaseStub[] }) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table striped verticalSpacing="sm" data-testid="known-cases-table">
        <VisuallyHidden component="caption">{t('cases.list.known')}</VisuallyHidden>
        <TableHeader columns={[t('cases.fields.reference'), t('cases.fields.title'), t('cases.fields.lead'), t('cases.fields.countries'), t('cases.fields.status')]} actions />
        <Table.Tbody>
          {items.map((item) => (
            <Table.Tr key={item.id} data-testid="known-case-row" data-id={item.id}>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <Anchor component={Link} to={`/cases/${item.id}`} fw={600}>
                  {item.reference}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <Text size="sm" dir="auto">
                  {item.title}
                </Text>
              </Table.Td>
              <Table.Td>
                <CountryTag code={item.leadCountry} />
              </Table.Td>
              <Table.Td>
                <CountryRoles countries={item.countries.filter((c) => c.role !== 'lead')} compact />
              </Table.Td>
              <Table.Td>
                <CaseStatusBadge status={item.status} />
              </Table.Td>
              <Table.Td ta="end">
                <AskToJoin stub={item} size="xs" />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

export default function CaseListPage() {
  const { t } = useTranslation();
  usePageTitle(t('cases.title'));
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const [text, setText] = useState(params.get('q') ?? '');
  const [debounced] = useDebouncedValue(text.trim(), 300);
  const statusParam = params.get('status');
  const status = isStatus(statusParam) ? statusParam : undefined;
  const query: CaseListQuery = useMemo(() => ({ ...(debounced ? { q: debounced } : {}), ...(status ? { status } : {}) }), [debounced, status]);
  const cases = useCases(query);
  const portfolio = usePortfolioTotals();
  const items = cases.data?.items ?? [];
  const known = cases.data?.known ?? [];
  const filtering = Boolean(debounced || status);

  const setStatus = (value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set('status', value);
    else next.delete('status');
    setParams(next, { replace: true });
  };

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <div>
          <Title order={1} data-testid="cases-title">
            {t('cases.title')}
          </Title>
          <Text c="dimmed">{t('cases.intro')}</Text>
        </div>
        {me && isCountryOfficer(me.roles) ? (
          <Button component={Link} to="/cases/new" data-testid="case-new">
            {t('cases.new')}
          </Button>
        ) : null}
      </Group>

      <Paper withBorder p="md" radius="md" component="form" role="search" aria-label={t('cases.list.search')} onSubmit={(e: FormEvent) => e.preventDefault()}>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label={t('cases.list.searchLabel')}
            description={t('cases.list.searchHelp')}
            type="search"
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            data-testid="cases-search"
          />
          <Select
            label={t('cases.fields.status')}
            clearable
            placeholder={t('common.any')}
            data={CASE_STATUSES.map((s) => ({ value: s, label: t(`cases.status.${s}`) }))}
            value={status ?? null}
            onChange={setStatus}
            data-testid="cases-status-filter"
          />
        </SimpleGrid>
      </Paper>

      {portfolio.data?.stages.some((s) => s.byCurrency.length > 0) ? <TotalsPanel totals={portfolio.data} title={t('cases.portfolio.title')} testId="portfolio-totals" /> : null}

      <section aria-labelledby="cases-mine">
        <Title order={2} size="h3" mb="xs" id="cases-mine">
          {t('cases.list.mine')}
        </Title>
        <div aria-live="polite" aria-busy={cases.isFetching}>
          <QueryState
            query={cases}
            isEmpty={items.length === 0}
            empty={filtering ? <EmptyMessage title={t('cases.list.noMatchTitle')}>{t('cases.list.noMatch')}</EmptyMessage> : <EmptyMessage title={t('cases.list.emptyTitle')}>{t('cases.list.empty')}</EmptyMessage>}
          >
            <MyCases items={items} />
          </QueryState>
        </div>
      </section>

      {known.length > 0 ? (
        <section aria-labelledby="cases-known">
          <Title order={2} size="h3" id="cases-known">
            {t('cases.list.known')}
          </Title>
          <Text size="sm" c="dimmed" mb="xs">
            {t('cases.list.knownHelp')}
          </Text>
          <KnownCases items={known} />
        </section>
      ) : null}
    </Stack>
  );
}
