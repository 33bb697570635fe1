import { Alert, Anchor, Badge, Group, Paper, Stack, Table, Text, Timeline, Title } from '@mantine/core';
import { DEFAULT_DEADLINES, type TRequestDetail, type TRequestMessage } from '@focal/shared';
import type { ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { useMe } from '../../api/hooks';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDateTime } from '../../components/format';
import { Loading } from '../../components/Loading';
import { usePageTitle } from '../../components/usePageTitle';
import { useCountryNames } from '../../components/useReference';
import { HANDLING_COLOR, personName } from '../mail/format';
import { HandlingBadge } from '../mail/MessageBadges';
import { CountryTag, ReadingArrow, RequestStateBadge } from '../cases/CaseBadges';
import { RequestDocuments } from '../cases/EvidenceTab';
import { REQUEST_STATE_COLOR } from '../cases/format';
import { useRequest, useRequestMessages } from './api';
import { DeadlineInfo, useNow } from './Deadline';
import { RequestActions } from './RequestActions';
import { RequestMessages } from './RequestMessages';
import { requestTimeline } from './timeline';

function Row({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <Table.Tr>
      <Table.Th scope="row" w={200} fw={600} c="dimmed" style={{ verticalAlign: 'top' }}>
        {label}
      </Table.Th>
      <Table.Td data-testid={testId}>{children}</Table.Td>
    </Table.Tr>
  );
}

function RequestNotFound() {
  const { t } = useTranslation();
  usePageTitle(t('requests.notFound.title'));
  return (
    <Stack align="center" py="xl" gap="md" data-testid="request-not-found">
      <Title order={1}>{t('requests.notFound.title')}</Title>
      <Text c="dimmed" ta="center" maw={560}>
        {t('requests.notFound.body')}
      </Text>
      <Anchor component={Link} to="/requests">
        {t('requests.back')}
      </Anchor>
    </Stack>
  );
}

function urgencyRule(t: (key: string, options?: Record<string, unknown>) => string, urgency: TRequestDetail['urgency']) {
  if (urgency === 'urgent_direct') return t('requests.urgencyRule.urgent_direct', { n: DEFAULT_DEADLINES.urgentDirectHours });
  if (urgency === 'urgent_indirect') return t('requests.urgencyRule.urgent_indirect', { n: DEFAULT_DEADLINES.urgentIndirectDays });
  return t('requests.urgencyRule.standard', { n: DEFAULT_DEADLINES.standardDays });
}

function Facts({ request }: { request: TRequestDetail }) {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const now = useNow(30_000);
  const countries = useCountryNames();
  return (
    <Table withRowBorders={false} verticalSpacing={6} fz="sm" data-testid="request-facts">
      <Table.Tbody>
        <Row label={t('requests.fields.type')} testId="request-type-view">
          {t(`requests.types.${request.type}`)}{' '}
          <Text span c="dimmed" size="sm">
            ({request.legalBasis})
          </Text>
        </Row>
        <Row label={t('requests.fields.urgency')}>
          <Text size="sm" fw={request.urgency === 'standard' ? undefined : 700} c={request.urgency === 'standard' ? undefined : 'red.8'}>
            {t(`requests.urgency.${request.urgency}`)}
          </Text>
          <Text size="xs" c="dimmed">
            {urgencyRule(t, request.urgency)}
          </Text>
        </Row>
        <Row label={t('requests.fields.fromTo')}>
          <Group gap={6} wrap="wrap">
            <CountryTag code={request.fromCountry} />
            <ReadingArrow />
            <CountryTag code={request.toCountry} />
            <Badge size="xs" variant="outline" color="gray">
              {t(`requests.side.${request.side}`)}
            </Badge>
          </Group>
        </Row>
        {request.caseId ? (
          <Row label={t('requests.fields.case')}>
            <Anchor component={Link} to={`/cases/${request.caseId}`} ff="monospace" size="sm" data-testid="request-case-link">
              {request.caseReference}
            </Anchor>
          </Row>
        ) : null}
        <Row label={t('requests.fields.createdBy')}>
          {personName(request.createdBy)} · {countries.nameOf(request.createdBy.country)}
        </Row>
        {request.receivedAt ? <Row label={t('requests.fields.received')}>{formatDateTime(request.receivedAt, i18n.language, me?.timeZone)}</Row> : null}
        <Row label={t('requests.fields.deadline')} testId="request-deadline">
          <DeadlineInfo request={request} now={now} />
        </Row>
        {request.refusalGround ? (
          <Row label={t('requests.refusal.ground')} testId="request-refusal">
            {t(`requests.grounds.${request.refusalGround}`)}
          </Row>
        ) : null}
      </Table.Tbody>
    </Table>
  );
}

function Content({ request }: { request: TRequestDetail }) {
  const { t } = useTranslation();
  const fields = ['objectAndReason', 'natureOfProceedings', 'propertySought', 'personsInvolved'] as const;
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="request-content" data-testid="request-content">
      <Title order={2} size="h4" mb="sm" id="request-content">
        {t('requests.contentTitle')}
      </Title>
      <Stack gap="md">
        {fields.map((f) => (
          <div key={f}>
            <Text size="sm" fw={700}>
              {t(`requests.content.${f}`)}
            </Text>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} dir="auto" data-testid={`request-content-${f}`}>
              {request.content[f]}
            </Text>
          </div>
        ))}
      </Stack>
    </Paper>
  );
}

function Entities({ request }: { request: TRequestDetail }) {
  const { t } = useTranslation();
  if (request.entities.length === 0 || !request.caseId) return null;
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="request-entities" data-testid="request-entities-view">
      <Title order={2} size="h4" mb="sm" id="request-entities">
        {t('requests.fields.entities')}
      </Title>
      <Stack gap={4}>
        {request.entities.map((e) => (
          <Group key={e.id} gap="xs">
            <Anchor component={Link} to={`/cases/${request.caseId}/entities?entity=${e.id}`} size="sm" dir="auto" data-testid="request-entity-link">
              {e.caption}
            </Anchor>
            <Text size="xs" c="dimmed">
              {t(`cases.schema.${e.schema}`, { defaultValue: e.schema })}
            </Text>
          </Group>
        ))}
      </Stack>
    </Paper>
  );
}

function EventItem({ event: e }: { event: TRequestDetail['events'][number] }) {
  const { t, i18n } = useTranslation();
  const me = useMe();
  return (
    <Stack gap={2} data-testid="request-event" data-action={e.action}>
      <Group gap="xs">
        <Text size="sm" fw={600}>
          {t(`requests.events.${e.action}`, { defaultValue: e.action })}
        </Text>
        {e.country ? <CountryTag code={e.country} withName={false} size="xs" /> : null}
      </Group>
      <Text size="xs" c="dimmed">
        {t('cases.timeline.by', { name: e.actor ? personName(e.actor) : t('cases.history.system'), time: formatDateTime(e.at, i18n.language, me?.timeZone) })}
      </Text>
      {e.note ? (
        <Paper withBorder p="xs" radius="sm" bg="gray.0" mt={4}>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} dir="auto" data-testid="request-event-note">
            {e.note}
          </Text>
        </Paper>
      ) : null}
    </Stack>
  );
}

function MessageItem({ message }: { message: TRequestMessage }) {
  const { t, i18n } = useTranslation();
  const me = useMe();
  return (
    <Stack gap={2} data-testid="request-event" data-action="message" data-message={message.id}>
      <Group gap="xs">
        <Text size="sm" fw={600}>
          {message.role === 'sender' ? t('requests.messages.sentEvent') : t('requests.messages.receivedEvent')}
        </Text>
        <CountryTag code={message.sender.country} withName={false} size="xs" />
      </Group>
      <Text size="xs" c="dimmed">
        {t('cases.timeline.by', { name: personName(message.sender), time: formatDateTime(message.date, i18n.language, me?.timeZone) })}
      </Text>
      <Anchor component={Link} to={`/mail/message/${message.id}`} size="sm" dir="auto" style={{ overflowWrap: 'anywhere' }}>
        {message.subject.trim() || t('mail.noSubject')}
      </Anchor>
    </Stack>
  );
}

/** The request's steps and, among them, the messages about it that I hold. */
function Events({ request, messages }: { request: TRequestDetail; messages: TRequestMessage[] }) {
  const { t } = useTranslation();
  const items = requestTimeline(request.events, messages);
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="request-events" data-testid="request-events">
      <Title order={2} size="h4" mb="sm" id="request-events">
        {t('requests.eventsTitle')}
      </Title>
      <Timeline bulletSize={14} lineWidth={2} active={items.length - 1}>
        {items.map((item, i) =>
          item.kind === 'event' ? (
            <Timeline.Item key={`${item.at}:${i}`} color={REQUEST_STATE_COLOR[item.event.toState as keyof typeof REQUEST_STATE_COLOR] ?? 'gray'}>
              <EventItem event={item.event} />
            </Timeline.Item>
          ) : (
            <Timeline.Item key={item.message.id} color="focal" lineVariant="dashed">
              <MessageItem message={item.message} />
            </Timeline.Item>
          ),
        )}
      </Timeline>
    </Paper>
  );
}

export default function RequestPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const query = useRequest(id);
  const request = query.data;
  // Asked only once the request is known to exist for me (a 404 says all there is to say).
  const messages = useRequestMessages(id, Boolean(request));
  usePageTitle(request ? `${request.reference} · ${request.title}` : t('requests.title'));

  if (query.isLoading) return <Loading />;
  if (query.error instanceof ApiError && (query.error.status === 404 || query.error.status === 400)) return <RequestNotFound />;
  if (!request) return <ErrorAlert error={query.error} />;

  return (
    <Stack gap="md" maw={980} data-testid="request-view" data-id={request.id} data-state={request.state}>
      <Anchor component={Link} to={request.caseId ? `/cases/${request.caseId}/requests` : '/requests'} size="sm">
        {request.caseId ? t('requests.backToCase') : t('requests.back')}
      </Anchor>
      <Stack gap={4}>
        <Group gap="sm" wrap="wrap">
          <Text ff="monospace" fw={700} data-testid="request-reference">
            {request.reference}
          </Text>
          <RequestStateBadge state={request.state} size="md" />
          <HandlingBadge code={request.handlingCode} />
          {request.overdue ? (
            <Badge color="red" variant="filled" data-testid="request-overdue">
              {t('requests.deadline.overdue')}
            </Badge>
          ) : null}
        </Group>
        <Title order={1} size="h2" dir="auto" data-testid="request-title-view" style={{ overflowWrap: 'anywhere' }}>
          {request.title}
        </Title>
      </Stack>
      <Alert color={HANDLING_COLOR[request.handlingCode]} variant="light" title={t('mail.handling.bannerTitle', { code: request.handlingCode })} data-testid="request-handling">
        {t(`mail.handling.long.${request.handlingCode}`)}
      </Alert>
      {request.waiting === 'me' ? (
        <Alert color="blue" variant="light" data-testid="request-waiting-on-me">
          {t(`requests.waitingOnMe.${request.side === 'requested' ? 'requested' : request.state === 'draft' ? 'draft' : 'toClose'}`)}
        </Alert>
      ) : null}
      <RequestActions request={request} />
      <Paper withBorder p="md" radius="md">
        <Facts request={request} />
      </Paper>
      <Content request={request} />
      <Entities request={request} />
      <RequestDocuments request={request} />
      <RequestMessages request={request} messages={messages.data?.items} recipients={messages.data?.recipients ?? []} error={messages.error} />
      <Events request={request} messages={messages.data?.items ?? []} />
    </Stack>
  );
}
