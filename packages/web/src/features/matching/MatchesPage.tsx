import { Anchor, Badge, Blockquote, Button, Group, Paper, Stack, Tabs, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { TMatchAccessRequest } from '@focal/shared';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../api/hooks';
import { ConfirmButton } from '../../components/ConfirmButton';
import { EmptyMessage } from '../../components/EmptyMessage';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDateTime } from '../../components/format';
import { QueryState } from '../../components/QueryState';
import { usePageTitle } from '../../components/usePageTitle';
import { useCountryNames } from '../../components/useReference';
import { useSchemaLabel } from '../cases/EntityView';
import { personName } from '../mail/format';
import { useAccessRequests, useDecideAccess, useMatchQueue } from './api';
import { canAskAccess, caseEntityPath, splitAccessRequests, splitQueue } from './format';
import { AccessStatusBadge, HitCard, MatchCard, useMemberCaseIds } from './MatchParts';

const TABS = ['review', 'hits', 'requests'] as const;
type MatchesTab = (typeof TABS)[number];
const isTab = (value: string | null): value is MatchesTab => (TABS as readonly string[]).includes(value ?? '');

function CountBadge({ n, testId }: { n: number; testId: string }) {
  if (n <= 0) return null;
  return (
    <Badge size="sm" color="red" circle={n < 10} data-testid={testId}>
      {n}
    </Badge>
  );
}

function RequestDates({ request }: { request: TMatchAccessRequest }) {
  const { t, i18n } = useTranslation();
  const me = useMe();
  return (
    <Text size="xs" c="dimmed">
      {t('matching.requests.asked', { date: formatDateTime(request.createdAt, i18n.language, me?.timeZone) })}
      {request.decidedAt ? ` · ${t('matching.requests.decided', { date: formatDateTime(request.decidedAt, i18n.language, me?.timeZone) })}` : ''}
    </Text>
  );
}

function Reason({ reason }: { reason: string }) {
  const { t } = useTranslation();
  return (
    <Blockquote p="xs" radius="sm" color="gray" data-testid="access-reason">
      <Text size="xs" c="dimmed" fw={600}>
        {t('matching.requests.reason')}
      </Text>
      <Text size="sm" dir="auto" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
        {reason}
      </Text>
    </Blockquote>
  );
}

/** A request asked of me, as lead of the case holding the entity: who asks, why, for which entity. */
function RequestToDecide({ request }: { request: TMatchAccessRequest }) {
  const { t } = useTranslation();
  const countries = useCountryNames();
  const schemaLabel = useSchemaLabel();
  const decide = useDecideAccess();
  const requester = { name: personName(request.requester), country: countries.nameOf(request.requester.country) };
  const grant = async () => {
    try {
      await decide.mutateAsync({ id: request.id, decision: 'grant' });
      notifications.show({ color: 'teal', message: t('matching.requests.granted', requester) });
    } catch {
      // Shown below.
    }
  };
  return (
    <Paper withBorder p="md" radius="md" data-testid="access-request" data-status={request.status} data-side="decide">
      <Stack gap="xs">
        <Group justify="space-between" wrap="wrap">
          <Text fw={700} data-testid="access-requester">
            {t('matching.requests.asks', requester)}
          </Text>
          <AccessStatusBadge status={request.status} />
        </Group>
        {request.entity ? (
          <Text size="sm">
            <Text span c="dimmed">
              {t('matching.requests.yourEntity')}{' '}
            </Text>
            <Anchor component={Link} to={caseEntityPath(request.entity.caseId, request.entity.id)} fw={600} dir="auto" data-testid="access-entity">
              {request.entity.caption}
            </Anchor>{' '}
            <Text span size="xs" c="dimmed">
              {schemaLabel(request.entity.schema)} · <bdi>{request.entity.caseReference}</bdi>
            </Text>
          </Text>
        ) : null}
        <Reason reason={request.reason} />
        <RequestDates request={request} />
        {request.canDecide ? (
          <>
            <Text size="sm">{t('matching.requests.explain', requester)}</Text>
            <Group gap="xs">
              <Button color="teal" onClick={() => void grant()} loading={decide.isPending && decide.variables?.decision === 'grant'} data-testid="access-grant">
                {t('matching.requests.grant')}
              </Button>
              <ConfirmButton
                variant="light"
                title={t('matching.requests.refuseTitle')}
                message={t('matching.requests.refuseMessage', requester)}
                confirmLabel={t('matching.requests.refuse')}
                onConfirm={() => decide.mutateAsync({ id: request.id, decision: 'refuse' })}
                data-testid="access-refuse"
              >
                {t('matching.requests.refuse')}
              </ConfirmButton>
            </Group>
            <ErrorAlert error={decide.error} />
          </>
        ) : null}
      </Stack>
    </Paper>
  );
}

/** A request I made: only the lead country of the case is known to me. */
function MyRequest({ request }: { request: TMatchAccessRequest }) {
  const { t } = useTranslation();
  const countries = useCountryNames();
  return (
    <Paper withBorder p="md" radius="md" data-testid="access-request" data-status={request.status} data-side="mine">
      <Stack gap="xs">
        <Group justify="space-between" wrap="wrap">
          <Text fw={700}>{t('matching.requests.mine', { country: countries.nameOf(request.leadCountry) })}</Text>
          <AccessStatusBadge status={request.status} />
        </Group>
        <Reason reason={request.reason} />
        <RequestDates request={request} />
        <Text size="sm" c="dimmed">
          {t(`matching.requests.mineStatus.${request.status}`)}
        </Text>
      </Stack>
    </Paper>
  );
}

function RequestsTab() {
  const { t } = useTranslation();
  const me = useMe();
  const requests = useAccessRequests();
  const { toDecide, mine } = splitAccessRequests(requests.data ?? [], me?.id);
  return (
    <QueryState query={requests}>
      <Stack gap="lg">
        <section data-testid="access-requests-to-decide">
          <Title order={2} size="h3" mb="sm">
            {t('matching.requests.toDecide')}
          </Title>
          {toDecide.length === 0 ? (
            <EmptyMessage title={t('matching.requests.noneToDecide')} />
          ) : (
            <Stack gap="sm">
              {toDecide.map((r) => (
                <RequestToDecide key={r.id} request={r} />
              ))}
            </Stack>
          )}
        </section>
        <section data-testid="access-requests-mine">
          <Title order={2} size="h3" mb="sm">
            {t('matching.requests.mineTitle')}
          </Title>
          {mine.length === 0 ? (
            <EmptyMessage title={t('matching.requests.noneMine')} />
          ) : (
            <Stack gap="sm">
              {mine.map((r) => (
                <MyRequest key={r.id} request={r} />
              ))}
            </Stack>
          )}
        </section>
      </Stack>
    </QueryState>
  );
}

/** My work on matches across cases: pairs to judge, hits to ask about, requests for access. */
export default function MatchesPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const tabParam = params.get('tab');
  const tab: MatchesTab = isTab(tabParam) ? tabParam : 'review';
  const queue = useMatchQueue();
  const requests = useAccessRequests();
  const memberCaseIds = useMemberCaseIds();
  const { review, hits } = splitQueue(queue.data ?? []);
  const toDecide = splitAccessRequests(requests.data ?? [], me?.id).toDecide.filter((r) => r.canDecide).length;
  usePageTitle(`${t('matching.title')} · ${t(`matching.tabs.${tab}`)}`);

  const counts: Record<MatchesTab, number> = { review: review.length, hits: hits.filter(canAskAccess).length, requests: toDecide };
  return (
    <Stack gap="md" maw={1100}>
      <div>
        <Title order={1} data-testid="matches-title">
          {t('matching.title')}
        </Title>
        <Text c="dimmed" maw={760}>
          {t('matching.intro')}
        </Text>
      </div>
      <Tabs
        value={tab}
        onChange={(value) => {
          if (!value) return;
          const next = new URLSearchParams(params);
          next.set('tab', value);
          setParams(next, { replace: true });
        }}
        keepMounted={false}
      >
        <Tabs.List>
          {TABS.map((name) => (
            <Tabs.Tab key={name} value={name} data-testid={`matches-tab-${name}`} rightSection={<CountBadge n={counts[name]} testId={`matches-count-${name}`} />}>
              {t(`matching.tabs.${name}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="review" pt="md">
          <div aria-live="polite" aria-busy={queue.isFetching}>
            <QueryState query={queue} isEmpty={review.length === 0} empty={<EmptyMessage title={t('matching.empty.review')}>{t('matching.empty.reviewHelp')}</EmptyMessage>}>
              <Stack gap="sm" data-testid="matches-review">
                {review.map((item) => (
                  <MatchCard key={item.candidateId} item={item} memberCaseIds={memberCaseIds} sideBySide />
                ))}
              </Stack>
            </QueryState>
          </div>
        </Tabs.Panel>
        <Tabs.Panel value="hits" pt="md">
          <QueryState query={queue} isEmpty={hits.length === 0} empty={<EmptyMessage title={t('matching.empty.hits')}>{t('matching.empty.hitsHelp')}</EmptyMessage>}>
            <Stack gap="sm" data-testid="matches-hits">
              {hits.map((hit) => (
                <HitCard key={hit.candidateId} hit={hit} memberCaseIds={memberCaseIds} showMine />
              ))}
            </Stack>
          </QueryState>
        </Tabs.Panel>
        <Tabs.Panel value="requests" pt="md">
          <RequestsTab />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
