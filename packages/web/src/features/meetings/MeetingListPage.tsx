import { Alert, Anchor, Badge, Button, CloseButton, Group, Paper, Stack, Table, Tabs, Text, Title, VisuallyHidden } from '@mantine/core';
import type { TMeetingNotice, TMeetingSummary } from '@focal/shared';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../api/hooks';
import { EmptyMessage } from '../../components/EmptyMessage';
import { QueryState } from '../../components/QueryState';
import { TableHeader } from '../../components/TableHeader';
import { usePageTitle } from '../../components/usePageTitle';
import { CountryTag } from '../cases/CaseBadges';
import { personName } from '../mail/format';
import { useMeetingNotices, useMeetings, useMyActionItems, useReadNotices } from './api';
import { CalendarDialog } from './CalendarDialog';
import { formatDueDate, formatShortRange } from './format';
import { ActionStatusBadge, CancelledBadge, MyZoneNote, RsvpBadge } from './MeetingBadges';
import { canOrganise } from './roles';
import { SettingsDialog } from './SettingsDialog';

function Notices() {
  const { t } = useTranslation();
  const notices = useMeetingNotices();
  const read = useReadNotices();
  const items = notices.data ?? [];
  if (items.length === 0) return null;
  const text = (n: TMeetingNotice) => t(`meetings.notices.${n.kind}`, { title: n.meetingTitle });
  return (
    <Paper withBorder p="md" radius="md" data-testid="meeting-notices">
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h4">
          {t('meetings.notices.title')}
        </Title>
        <Button variant="subtle" size="xs" onClick={() => read.mutate(null)} data-testid="notices-read-all">
          {t('meetings.notices.markAllRead')}
        </Button>
      </Group>
      <Stack gap={6}>
        {items.map((n) => (
          <Alert key={n.id} variant="light" color={n.kind === 'cancelled' ? 'red' : n.kind === 'action_due' ? 'orange' : 'focal'} p="xs" data-testid="meeting-notice" data-kind={n.kind}>
            <Group justify="space-between" wrap="nowrap" gap="xs">
              <Anchor component={Link} to={`/meetings/${n.meetingId}`} size="sm" onClick={() => read.mutate(n.id)} dir="auto">
                {text(n)}
              </Anchor>
              <CloseButton size="sm" aria-label={t('meetings.notices.dismiss')} onClick={() => read.mutate(n.id)} />
            </Group>
          </Alert>
        ))}
      </Stack>
    </Paper>
  );
}

function MyActions() {
  const { t, i18n } = useTranslation();
  const actions = useMyActionItems();
  const items = actions.data ?? [];
  if (items.length === 0) return null;
  return (
    <Paper withBorder p="md" radius="md" data-testid="my-actions">
      <Title order={2} size="h4" mb="xs">
        {t('meetings.actions.mine')}
      </Title>
      <Table.ScrollContainer minWidth={600}>
        <Table verticalSpacing={6} fz="sm">
          <VisuallyHidden component="caption">{t('meetings.actions.mine')}</VisuallyHidden>
          <TableHeader columns={[t('meetings.actions.item'), t('meetings.actions.meeting'), t('meetings.actions.due'), t('meetings.actions.status')]} />
          <Table.Tbody>
            {items.map((a) => (
              <Table.Tr key={a.id} data-testid="my-action-row">
                <Table.Td dir="auto">{a.title}</Table.Td>
                <Table.Td>
                  <Anchor component={Link} to={`/meetings/${a.meetingId}`} size="sm" dir="auto">
                    {a.meetingTitle}
                  </Anchor>
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <Group gap={6} wrap="nowrap">
                    {formatDueDate(a.dueOn, i18n.language)}
                    {a.overdue ? (
                      <Badge color="red" size="xs" variant="filled">
                        {t('meetings.actions.overdue')}
                      </Badge>
                    ) : null}
                  </Group>
                </Table.Td>
                <Table.Td>
                  <ActionStatusBadge status={a.status} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}

function MeetingTable({ items }: { items: TMeetingSummary[] }) {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const zone = me?.timeZone ?? 'UTC';
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table striped highlightOnHover verticalSpacing="sm" data-testid="meetings-table">
        <VisuallyHidden component="caption">{t('meetings.list.caption')}</VisuallyHidden>
        <TableHeader columns={[t('meetings.list.when'), t('meetings.list.title'), t('meetings.list.countries'), t('meetings.list.organiser'), t('meetings.list.answers'), t('meetings.list.myAnswer')]} />
        <Table.Tbody>
          {items.map((m) => (
            <Table.Tr key={m.id} data-testid="meeting-row" data-id={m.id}>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatShortRange(m.startsAt, m.endsAt, i18n.language, zone)}</Table.Td>
              <Table.Td style={{ minWidth: 220 }}>
                <Stack gap={2}>
                  <Group gap={6}>
                    <Anchor component={Link} to={`/meetings/${m.id}`} fw={600} dir="auto" data-testid="meeting-row-link">
                      {m.title}
                    </Anchor>
                    {m.status === 'cancelled' ? <CancelledBadge /> : null}
                  </Group>
                  <Text size="xs" c="dimmed">
                    {t(`meetings.mode.${m.mode}`)}
                    {m.caseReference ? ` · ${t('meetings.page.caseLink', { reference: m.caseReference })}` : ''}
                  </Text>
                </Stack>
              </Table.Td>
              <Table.Td>
                <Group gap={4}>
                  {m.countries.map((c) => (
                    <CountryTag key={c} code={c} withName={false} />
                  ))}
                </Group>
              </Table.Td>
              <Table.Td dir="auto">{personName(m.organiser)}</Table.Td>
              <Table.Td>{t('meetings.list.accepted', { accepted: m.accepted, total: m.participants })}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <RsvpBadge rsvp={m.myRsvp} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function MeetingList({ when }: { when: 'upcoming' | 'past' }) {
  const { t } = useTranslation();
  const meetings = useMeetings(when);
  const items = meetings.data ?? [];
  return (
    <QueryState
      query={meetings}
      isEmpty={items.length === 0}
      empty={<EmptyMessage title={t(`meetings.empty.${when}Title`)}>{t(`meetings.empty.${when}`)}</EmptyMessage>}
    >
      <MeetingTable items={items} />
    </QueryState>
  );
}

export default function MeetingListPage() {
  const { t } = useTranslation();
  usePageTitle(t('meetings.title'));
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const when = params.get('when') === 'past' ? 'past' : 'upcoming';
  const [calendarOpen, setCalendarOpen] = useState(false);
  const [settingsOpen, setSettingsOpen] = useState(false);
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <div>
          <Title order={1}>{t('meetings.title')}</Title>
          <Text c="dimmed">{t('meetings.intro')}</Text>
          <MyZoneNote />
        </div>
        <Group gap="xs">
          <Button variant="default" onClick={() => setSettingsOpen(true)} data-testid="meeting-settings-open">
            {t('meetings.settings.open')}
          </Button>
          <Button variant="default" onClick={() => setCalendarOpen(true)} data-testid="calendar-open">
            {t('meetings.calendar.title')}
          </Button>
          {me && canOrganise(me.roles) ? (
            <Button component={Link} to="/meetings/new" data-testid="meeting-new">
              {t('meetings.new')}
            </Button>
          ) : null}
        </Group>
      </Group>
      <Notices />
      <MyActions />
      <Tabs value={when} onChange={(value) => setParams(value === 'past' ? { when: 'past' } : {})} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="upcoming" data-testid="meetings-tab-upcoming">
            {t('meetings.upcoming')}
          </Tabs.Tab>
          <Tabs.Tab value="past" data-testid="meetings-tab-past">
            {t('meetings.past')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value={when} pt="md">
          <MeetingList when={when} />
        </Tabs.Panel>
      </Tabs>
      <CalendarDialog opened={calendarOpen} onClose={() => setCalendarOpen(false)} />
      <SettingsDialog opened={settingsOpen} onClose={() => setSettingsOpen(false)} />
    </Stack>
  );
}
