import { Anchor, Badge, Button, Group, Paper, Stack, Tabs, Text, Title } from '@mantine/core';
import type { TCaseDetail, TCaseStub } from '@focal/shared';
import { lazy, Suspense } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { usePageTitle } from '../../components/usePageTitle';
import { HandlingBadge } from '../mail/MessageBadges';
import { useCase } from './api';
import { AskToJoin } from './AskToJoin';
import { CaseStatusBadge, CountryRoles, CountryTag } from './CaseBadges';
import { CaseOverview } from './CaseOverview';
import { EntitiesTab } from './EntitiesTab';
import { TimelineTab } from './TimelineTab';
import { CaseRequestsTab } from './CaseRequestsTab';
import { AssetsTab } from './AssetsTab';
import { EvidenceTab } from './EvidenceTab';

// Cytoscape is loaded only when the chart is opened.
const LinkChartTab = lazy(() => import('./LinkChartTab'));
const StatementsTab = lazy(() => import('../statements/StatementsTab'));
const TracingTab = lazy(() => import('../tracing/TracingTab'));

export const CASE_TABS = ['overview', 'entities', 'assets', 'evidence', 'statements', 'tracing', 'chart', 'requests', 'timeline'] as const;
export type CaseTab = (typeof CASE_TABS)[number];
const isTab = (value: string | undefined): value is CaseTab => (CASE_TABS as readonly string[]).includes(value ?? '');

/** A case that does not exist, or that this person may not know of: the same answer either way. */
export function CaseNotFound() {
  const { t } = useTranslation();
  usePageTitle(t('cases.notFound.title'));
  return (
    <Stack align="center" py="xl" gap="md" data-testid="case-not-found">
      <Title order={1}>{t('cases.notFound.title')}</Title>
      <Text c="dimmed" ta="center" maw={560}>
        {t('cases.notFound.body')}
      </Text>
      <Button component={Link} to="/cases">
        {t('cases.notFound.back')}
      </Button>
    </Stack>
  );
}

/** A participating country's officer who is not a member sees that the case exists, and may ask to join. */
function CaseStubView({ stub }: { stub: TCaseStub }) {
  const { t } = useTranslation();
  usePageTitle(stub.reference);
  return (
    <Stack gap="md" maw={880} data-testid="case-stub">
      <Anchor component={Link} to="/cases" size="sm">
        {t('cases.back')}
      </Anchor>
      <Group gap="sm" align="center">
        <Text ff="monospace" fw={700} data-testid="case-reference">
          {stub.reference}
        </Text>
        <CaseStatusBadge status={stub.status} />
      </Group>
      <Title order={1} size="h2" dir="auto">
        {stub.title}
      </Title>
      <Paper withBorder p="md" radius="md">
        <Stack gap="sm">
          <Group gap="xs">
            <Text size="sm" fw={600}>
              {t('cases.fields.lead')}
            </Text>
            <CountryTag code={stub.leadCountry} />
          </Group>
          <CountryRoles countries={stub.countries} />
          <Text size="sm">{t('cases.stub.body')}</Text>
          <Group>
            <AskToJoin stub={stub} size="md" />
          </Group>
        </Stack>
      </Paper>
    </Stack>
  );
}

function CaseHeader({ detail }: { detail: TCaseDetail }) {
  const { t } = useTranslation();
  return (
    <Stack gap={4}>
      <Anchor component={Link} to="/cases" size="sm">
        {t('cases.back')}
      </Anchor>
      <Group gap="sm" align="center" wrap="wrap">
        <Text ff="monospace" fw={700} data-testid="case-reference">
          {detail.reference}
        </Text>
        <CaseStatusBadge status={detail.status} />
        <HandlingBadge code={detail.handlingCode} />
        {detail.reviewDue && detail.status !== 'closed' ? (
          <Badge color="orange" variant="filled" data-testid="case-review-due-badge">
            {t('cases.review.dueShort')}
          </Badge>
        ) : null}
      </Group>
      <Title order={1} size="h2" dir="auto" data-testid="case-title" style={{ overflowWrap: 'anywhere' }}>
        {detail.title}
      </Title>
    </Stack>
  );
}

function CaseTabs({ detail, tab }: { detail: TCaseDetail; tab: CaseTab }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  usePageTitle(`${detail.reference} · ${t(`cases.tabs.${tab}`)}`);
  return (
    <Tabs value={tab} onChange={(value) => value && navigate(`/cases/${detail.id}${value === 'overview' ? '' : `/${value}`}`)} keepMounted={false}>
      <Tabs.List>
        {CASE_TABS.map((name) => (
          <Tabs.Tab key={name} value={name} data-testid={`case-tab-${name}`}>
            {t(`cases.tabs.${name}`)}
            {name === 'entities' ? ` (${detail.entities})` : ''}
            {name === 'requests' && detail.openRequests > 0 ? ` (${detail.openRequests})` : ''}
          </Tabs.Tab>
        ))}
      </Tabs.List>
      <Tabs.Panel value="overview" pt="md">
        <CaseOverview detail={detail} />
      </Tabs.Panel>
      <Tabs.Panel value="entities" pt="md">
        <EntitiesTab detail={detail} />
      </Tabs.Panel>
      <Tabs.Panel value="assets" pt="md">
        <AssetsTab detail={detail} />
      </Tabs.Panel>
      <Tabs.Panel value="evidence" pt="md">
        <EvidenceTab detail={detail} />
      </Tabs.Panel>
      <Tabs.Panel value="statements" pt="md">
        <Suspense fallback={<Loading />}>
          <StatementsTab detail={detail} />
        </Suspense>
      </Tabs.Panel>
      <Tabs.Panel value="tracing" pt="md">
        <Suspense fallback={<Loading />}>
          <TracingTab detail={detail} />
        </Suspense>
      </Tabs.Panel>
      <Tabs.Panel value="chart" pt="md">
        <Suspense fallback={<Loading />}>
          <LinkChartTab detail={detail} />
        </Suspense>
      </Tabs.Panel>
      <Tabs.Panel value="requests" pt="md">
        <CaseRequestsTab detail={detail} />
      </Tabs.Panel>
      <Tabs.Panel value="timeline" pt="md">
        <TimelineTab detail={detail} />
      </Tabs.Panel>
    </Tabs>
  );
}

export default function CasePage() {
  const { id = '', tab: tabParam } = useParams();
  const view = useCase(id);
  if (tabParam !== undefined && !isTab(tabParam)) return <CaseNotFound />;
  const tab: CaseTab = tabParam ?? 'overview';

  if (view.isLoading) return <Loading />;
  if (view.error instanceof ApiError && (view.error.status === 404 || view.error.status === 400)) return <CaseNotFound />;
  if (!view.data) return <ErrorAlert error={view.error} />;
  if (view.data.access === 'participant') return <CaseStubView stub={view.data.case} />;
  const detail = view.data.case;
  return (
    <Stack gap="md" data-testid="case-page" data-id={detail.id}>
      <CaseHeader detail={detail} />
      <CaseTabs detail={detail} tab={tab} />
    </Stack>
  );
}
