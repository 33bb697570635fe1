import { ActionIcon, Alert, Anchor, Badge, Button, FileButton, Group, NumberInput, Paper, Progress, Select, SimpleGrid, Stack, Table, Text, TextInput, Textarea, Title, VisuallyHidden } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { ACTION_STATUSES, type TActionStatus, type TMeetingDetail, type TMeetingDocument, type TRsvpResponse } from '@focal/shared';
import { useEffect, useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { useMe } from '../../api/hooks';
import { ConfirmButton } from '../../components/ConfirmButton';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDateTime, languageName } from '../../components/format';
import { Loading } from '../../components/Loading';
import { TableHeader } from '../../components/TableHeader';
import { usePageTitle } from '../../components/usePageTitle';
import { useCountryNames } from '../../components/useReference';
import { CountryTag } from '../cases/CaseBadges';
import { personName } from '../mail/format';
import {
  documentUrl,
  meetingIcsUrl,
  uploadMeetingDocument,
  useAddActionItem,
  useAddAgendaItem,
  useAddInvitees,
  useCancelMeeting,
  useMeeting,
  useRemoveAgendaItem,
  useRemoveDocument,
  useRemoveInvitee,
  useRespond,
  useSaveMinutes,
  useStoreMeeting,
  useUpdateActionItem,
  useUpdateAgendaItem,
} from './api';
import { formatDueDate, formatRange, formatShortRange, outsideReason, zoneLabel } from './format';
import { InviteePicker, type InviteeValue } from './InviteePicker';
import { ActionStatusBadge, CancelledBadge, HoursBadge, RsvpBadge } from './MeetingBadges';

export function MeetingNotFound() {
  const { t } = useTranslation();
  usePageTitle(t('meetings.notFound.title'));
  return (
    <Stack align="center" py="xl" gap="md" data-testid="meeting-not-found">
      <Title order={1}>{t('meetings.notFound.title')}</Title>
      <Text c="dimmed" ta="center" maw={560}>
        {t('meetings.notFound.body')}
      </Text>
      <Anchor component={Link} to="/meetings">
        {t('meetings.form.back')}
      </Anchor>
    </Stack>
  );
}

function Section({ title, actions, children, testId }: { title: string; actions?: ReactNode; children: ReactNode; testId?: string }) {
  return (
    <Paper withBorder p="md" radius="md" data-testid={testId}>
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap">
          <Title order={2} size="h4">
            {title}
          </Title>
          {actions}
        </Group>
        {children}
      </Stack>
    </Paper>
  );
}

function Facts({ detail }: { detail: TMeetingDetail }) {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const zone = me?.timeZone ?? 'UTC';
  const start = new Date(detail.startsAt);
  return (
    <Stack gap={6} data-testid="meeting-facts">
      <Text fw={700} size="lg" data-testid="meeting-when">
        {formatRange(detail.startsAt, detail.endsAt, i18n.language, zone)}
      </Text>
      <Text size="sm" c="dimmed" data-testid="meeting-when-zone">
        {zoneLabel(zone, i18n.language, start)}
      </Text>
      {detail.timeZone !== zone ? (
        <Text size="sm" c="dimmed">
          {t('meetings.page.organiserTime', { time: formatShortRange(detail.startsAt, detail.endsAt, i18n.language, detail.timeZone), zone: zoneLabel(detail.timeZone, i18n.language, start) })}
        </Text>
      ) : null}
      <Group gap="xs" mt={4}>
        <Badge variant="light">{t(`meetings.mode.${detail.mode}`)}</Badge>
        {detail.mode === 'video' ? (
          <Anchor href={detail.videoUrl} target="_blank" rel="noopener noreferrer" dir="ltr" data-testid="meeting-video-link">
            {t('meetings.page.videoLink')}
          </Anchor>
        ) : (
          <Text size="sm" dir="auto" style={{ whiteSpace: 'pre-wrap' }} data-testid="meeting-address">
            {detail.address}
          </Text>
        )}
      </Group>
      <Text size="sm">
        {t('meetings.page.interpretation')}:{' '}
        {detail.interpretation.length ? detail.interpretation.map((code) => languageName(code, i18n.language)).join(', ') : t('meetings.page.noInterpretation')}
      </Text>
    </Stack>
  );
}

function Respond({ detail }: { detail: TMeetingDetail }) {
  const { t } = useTranslation();
  const respond = useRespond(detail.id);
  const answer = async (response: TRsvpResponse) => {
    await respond.mutateAsync(response);
    notifications.show({ color: 'teal', message: t('meetings.respond.saved') });
  };
  const choices: { response: TRsvpResponse; color: string }[] = [
    { response: 'accepted', color: 'teal' },
    { response: 'tentative', color: 'yellow' },
    { response: 'declined', color: 'red' },
  ];
  return (
    <Paper withBorder p="md" radius="md" data-testid="meeting-respond">
      <Group justify="space-between" wrap="wrap">
        <Group gap="xs">
          <Text fw={600}>{t('meetings.respond.title')}</Text>
          <RsvpBadge rsvp={detail.myRsvp} />
        </Group>
        <Group gap="xs">
          {choices.map((c) => (
            <Button
              key={c.response}
              color={c.color}
              variant={detail.myRsvp === c.response ? 'filled' : 'light'}
              onClick={() => void answer(c.response).catch(() => undefined)}
              loading={respond.isPending && respond.variables === c.response}
              data-testid={`rsvp-${c.response}`}
            >
              {t(`meetings.respond.${c.response}`)}
            </Button>
          ))}
        </Group>
      </Group>
      <ErrorAlert error={respond.error} />
    </Paper>
  );
}

function Participants({ detail }: { detail: TMeetingDetail }) {
  const { t, i18n } = useTranslation();
  const countries = useCountryNames();
  const remove = useRemoveInvitee(detail.id);
  const add = useAddInvitees(detail.id);
  const [inviting, setInviting] = useState(false);
  const [more, setMore] = useState<InviteeValue>({ users: [], countries: [] });
  const invite = async () => {
    await add.mutateAsync(more);
    setMore({ users: [], countries: [] });
    setInviting(false);
  };
  return (
    <Section
      title={t('meetings.page.participants', { n: detail.participants.length })}
      testId="meeting-participants"
      actions={
        detail.can.edit ? (
          <Button size="xs" variant="light" onClick={() => setInviting((v) => !v)} data-testid="invite-more">
            {t('meetings.page.invite')}
          </Button>
        ) : null
      }
    >
      {inviting ? (
        <Stack gap="xs">
          <InviteePicker value={more} onChange={setMore} caseId={detail.caseId} exclude={detail.participants.map((p) => p.person.id)} />
          <ErrorAlert error={add.error} />
          <Group>
            <Button size="xs" onClick={() => void invite().catch(() => undefined)} loading={add.isPending} disabled={!more.users.length && !more.countries.length} data-testid="invite-submit">
              {t('meetings.page.inviteSubmit')}
            </Button>
          </Group>
        </Stack>
      ) : null}
      <Table.ScrollContainer minWidth={760}>
        <Table verticalSpacing={6} fz="sm">
          <VisuallyHidden component="caption">{t('meetings.page.participantsCaption')}</VisuallyHidden>
          <TableHeader columns={[t('meetings.page.person'), t('fields.country'), t('meetings.page.theirTime'), t('meetings.page.workingHours'), t('meetings.page.answer')]} actions={detail.can.edit} />
          <Table.Tbody>
            {detail.participants.map((p) => (
              <Table.Tr key={p.person.id} data-testid="participant-row" data-user={p.person.id}>
                <Table.Td>
                  <Text size="sm" dir="auto" fw={p.role === 'organiser' ? 700 : 400}>
                    {personName(p.person)}
                  </Text>
                  {p.role === 'organiser' ? (
                    <Text size="xs" c="dimmed">
                      {t('meetings.page.organiser')}
                    </Text>
                  ) : p.invitedVia ? (
                    <Text size="xs" c="dimmed">
                      {t('meetings.page.invitedVia', { country: countries.nameOf(p.invitedVia) })}
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td>
                  <CountryTag code={p.person.country} />
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <Text size="sm" data-testid="participant-local-time">
                    {formatShortRange(detail.startsAt, detail.endsAt, i18n.language, p.timeZone)}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {zoneLabel(p.timeZone, i18n.language, new Date(detail.startsAt))}
                  </Text>
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <HoursBadge reason={outsideReason(p, detail.startsAt, detail.endsAt)} />
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <RsvpBadge rsvp={p.rsvp} />
                </Table.Td>
                {detail.can.edit ? (
                  <Table.Td ta="end">
                    {p.role === 'participant' ? (
                      <ConfirmButton
                        size="xs"
                        variant="subtle"
                        color="red"
                        title={t('meetings.page.removeTitle')}
                        message={t('meetings.page.removeConfirm', { name: personName(p.person) })}
                        confirmLabel={t('meetings.page.remove')}
                        onConfirm={() => remove.mutateAsync(p.person.id)}
                      >
                        {t('meetings.page.remove')}
                      </ConfirmButton>
                    ) : null}
                  </Table.Td>
                ) : null}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Section>
  );
}

function DocumentLinks({ detail, documents }: { detail: TMeetingDetail; documents: TMeetingDocument[] }) {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const remove = useRemoveDocument(detail.id);
  if (!documents.length) return null;
  return (
    <Stack gap={2}>
      {documents.map((d) => (
        <Group key={d.id} gap="xs" wrap="nowrap" data-testid="meeting-document">
          <Anchor href={documentUrl(detail.id, d.id)} download={d.name} size="sm" dir="auto" data-testid="meeting-document-link">
            {d.name}
          </Anchor>
          <Text size="xs" c="dimmed">
            {new Intl.NumberFormat(i18n.language, { style: 'unit', unit: 'kilobyte', maximumFractionDigits: 0 }).format(Math.max(1, d.size / 1024))}
            {d.uploadedBy ? ` · ${personName(d.uploadedBy)}` : ''}
          </Text>
          {detail.can.edit || d.uploadedBy?.id === me?.id ? (
            <Button size="compact-xs" variant="subtle" color="red" onClick={() => remove.mutate(d.id)} aria-label={t('meetings.agenda.removeDocument', { name: d.name })}>
              {t('meetings.page.remove')}
            </Button>
          ) : null}
        </Group>
      ))}
    </Stack>
  );
}

/** Attach a paper to the meeting or to one agenda item, with progress. */
function UploadButton({ detail, agendaItemId }: { detail: TMeetingDetail; agendaItemId: string | null }) {
  const { t } = useTranslation();
  const store = useStoreMeeting();
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const send = async (file: File | null) => {
    if (!file) return;
    setError(null);
    setProgress(0);
    try {
      const upload = uploadMeetingDocument(detail.id, file, agendaItemId, setProgress);
      store(await upload.promise);
      notifications.show({ color: 'teal', message: t('meetings.agenda.uploaded', { name: file.name }) });
    } catch (err) {
      setError(err);
    } finally {
      setProgress(null);
    }
  };
  if (!detail.can.upload) return null;
  return (
    <Stack gap={4}>
      <FileButton onChange={(file) => void send(file)}>
        {(props) => (
          <Button {...props} size="xs" variant="light" loading={progress !== null} data-testid={agendaItemId ? 'agenda-upload' : 'meeting-upload'}>
            {t('meetings.agenda.upload')}
          </Button>
        )}
      </FileButton>
      {progress !== null ? <Progress value={progress * 100} size="sm" aria-label={t('meetings.agenda.uploading')} /> : null}
      <ErrorAlert error={error} />
    </Stack>
  );
}

function Agenda({ detail }: { detail: TMeetingDetail }) {
  const { t } = useTranslation();
  const add = useAddAgendaItem(detail.id);
  const move = useUpdateAgendaItem(detail.id);
  const remove = useRemoveAgendaItem(detail.id);
  const [title, setTitle] = useState('');
  const [notes, setNotes] = useState('');
  const [ownerId, setOwnerId] = useState<string | null>(null);
  const [duration, setDuration] = useState<number | ''>('');
  const owners = detail.participants.map((p) => ({ value: p.person.id, label: personName(p.person) }));
  const submit = async () => {
    if (!title.trim()) return;
    await add.mutateAsync({ title: title.trim(), notes, ownerId, durationMinutes: duration === '' ? null : duration });
    setTitle('');
    setNotes('');
    setOwnerId(null);
    setDuration('');
  };
  const loose = detail.documents.filter((d) => !d.agendaItemId || !detail.agenda.some((a) => a.id === d.agendaItemId));
  return (
    <Section title={t('meetings.agenda.title')} testId="meeting-agenda" actions={<UploadButton detail={detail} agendaItemId={null} />}>
      {detail.agenda.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('meetings.agenda.empty')}
        </Text>
      ) : (
        <Stack gap="sm" component="ol" style={{ paddingInlineStart: 20, margin: 0 }}>
          {detail.agenda.map((item, index) => (
            <li key={item.id} data-testid="agenda-item">
              <Stack gap={4}>
                <Group justify="space-between" wrap="wrap" gap="xs">
                  <Group gap="xs">
                    <Text fw={600} dir="auto" data-testid="agenda-item-title">
                      {item.title}
                    </Text>
                    {item.durationMinutes ? (
                      <Badge size="xs" variant="light" color="gray">
                        {t('meetings.form.minutes', { n: item.durationMinutes })}
                      </Badge>
                    ) : null}
                    {item.owner ? (
                      <Text size="sm" c="dimmed" dir="auto">
                        {t('meetings.agenda.ledBy', { name: personName(item.owner) })}
                      </Text>
                    ) : null}
                  </Group>
                  <Group gap={4}>
                    <UploadButton detail={detail} agendaItemId={item.id} />
                    {detail.can.edit ? (
                      <>
                        <ActionIcon variant="subtle" disabled={index === 0} onClick={() => move.mutate({ itemId: item.id, position: index - 1 })} aria-label={t('meetings.agenda.moveUp')}>
                          ↑
                        </ActionIcon>
                        <ActionIcon variant="subtle" disabled={index === detail.agenda.length - 1} onClick={() => move.mutate({ itemId: item.id, position: index + 1 })} aria-label={t('meetings.agenda.moveDown')}>
                          ↓
                        </ActionIcon>
                        <Button size="compact-xs" variant="subtle" color="red" onClick={() => remove.mutate(item.id)}>
                          {t('meetings.page.remove')}
                        </Button>
                      </>
                    ) : null}
                  </Group>
                </Group>
                {item.notes ? (
                  <Text size="sm" dir="auto" style={{ whiteSpace: 'pre-wrap' }}>
                    {item.notes}
                  </Text>
                ) : null}
                <DocumentLinks detail={detail} documents={detail.documents.filter((d) => d.agendaItemId === item.id)} />
              </Stack>
            </li>
          ))}
        </Stack>
      )}
      {loose.length ? (
        <Stack gap={4}>
          <Text size="sm" fw={600}>
            {t('meetings.agenda.otherDocuments')}
          </Text>
          <DocumentLinks detail={detail} documents={loose} />
        </Stack>
      ) : null}
      {detail.can.edit ? (
        <Paper withBorder p="sm" radius="md" bg="var(--mantine-color-gray-0)">
          <form
            onSubmit={(e) => {
              e.preventDefault();
              void submit().catch(() => undefined);
            }}
            data-testid="agenda-form"
          >
            <Stack gap="xs">
              <SimpleGrid cols={{ base: 1, sm: 3 }}>
                <TextInput label={t('meetings.agenda.itemTitle')} value={title} onChange={(e) => setTitle(e.currentTarget.value)} dir="auto" data-testid="agenda-title" />
                <Select label={t('meetings.agenda.owner')} data={owners} value={ownerId} onChange={setOwnerId} clearable placeholder={t('meetings.agenda.noOwner')} data-testid="agenda-owner" />
                <NumberInput label={t('meetings.agenda.duration')} value={duration} onChange={(v) => setDuration(typeof v === 'number' ? v : '')} min={1} max={1440} />
              </SimpleGrid>
              <Textarea label={t('meetings.agenda.notes')} value={notes} onChange={(e) => setNotes(e.currentTarget.value)} autosize minRows={1} dir="auto" />
              <ErrorAlert error={add.error} />
              <Group>
                <Button type="submit" size="xs" disabled={!title.trim()} loading={add.isPending} data-testid="agenda-add">
                  {t('meetings.agenda.add')}
                </Button>
              </Group>
            </Stack>
          </form>
        </Paper>
      ) : null}
    </Section>
  );
}

function Minutes({ detail }: { detail: TMeetingDetail }) {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const save = useSaveMinutes(detail.id);
  const [text, setText] = useState(detail.minutes?.text ?? '');
  useEffect(() => setText(detail.minutes?.text ?? ''), [detail.minutes?.text]);
  const held = Date.parse(detail.startsAt) <= Date.now();
  const submit = async () => {
    await save.mutateAsync(text);
    notifications.show({ color: 'teal', message: t('meetings.minutes.saved') });
  };
  return (
    <Section title={t('meetings.minutes.title')} testId="meeting-minutes">
      {detail.minutes ? (
        <Text size="xs" c="dimmed">
          {t('meetings.minutes.by', { name: detail.minutes.updatedBy ? personName(detail.minutes.updatedBy) : '', date: formatDateTime(detail.minutes.updatedAt, i18n.language, me?.timeZone) })}
        </Text>
      ) : null}
      {detail.can.writeMinutes ? (
        <Stack gap="xs">
          {!held ? (
            <Text size="sm" c="dimmed">
              {t('meetings.minutes.notYet')}
            </Text>
          ) : null}
          <Textarea value={text} onChange={(e) => setText(e.currentTarget.value)} autosize minRows={6} dir="auto" aria-label={t('meetings.minutes.title')} data-testid="minutes-text" />
          <ErrorAlert error={save.error} />
          <Group>
            <Button size="xs" onClick={() => void submit().catch(() => undefined)} loading={save.isPending} disabled={text === (detail.minutes?.text ?? '')} data-testid="minutes-save">
              {t('meetings.minutes.save')}
            </Button>
          </Group>
        </Stack>
      ) : detail.minutes ? (
        <Text size="sm" dir="auto" style={{ whiteSpace: 'pre-wrap' }} data-testid="minutes-view">
          {detail.minutes.text}
        </Text>
      ) : (
        <Text size="sm" c="dimmed">
          {t('meetings.minutes.empty')}
        </Text>
      )}
    </Section>
  );
}

function Actions({ detail }: { detail: TMeetingDetail }) {
  const { t, i18n } = useTranslation();
  const add = useAddActionItem(detail.id);
  const change = useUpdateActionItem(detail.id);
  const [title, setTitle] = useState('');
  const [ownerId, setOwnerId] = useState<string | null>(null);
  const [dueOn, setDueOn] = useState('');
  const owners = detail.participants.map((p) => ({ value: p.person.id, label: personName(p.person) }));
  const submit = async () => {
    if (!title.trim() || !ownerId || !dueOn) return;
    await add.mutateAsync({ title: title.trim(), ownerId, dueOn });
    setTitle('');
    setOwnerId(null);
    setDueOn('');
  };
  return (
    <Section title={t('meetings.actions.title')} testId="meeting-actions">
      {detail.actions.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('meetings.actions.none')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table verticalSpacing={6} fz="sm">
            <VisuallyHidden component="caption">{t('meetings.actions.title')}</VisuallyHidden>
            <TableHeader columns={[t('meetings.actions.item'), t('meetings.actions.owner'), t('meetings.actions.due'), t('meetings.actions.status')]} />
            <Table.Tbody>
              {detail.actions.map((a) => (
                <Table.Tr key={a.id} data-testid="action-row" data-id={a.id}>
                  <Table.Td dir="auto" data-testid="action-title">
                    {a.title}
                  </Table.Td>
                  <Table.Td dir="auto">{personName(a.owner)}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <Group gap={6} wrap="nowrap">
                      {formatDueDate(a.dueOn, i18n.language)}
                      {a.overdue ? (
                        <Badge color="red" size="xs" variant="filled">
                          {t('meetings.actions.overdue')}
                        </Badge>
                      ) : null}
                      {a.remindedAt ? (
                        <Badge color="gray" size="xs" variant="light">
                          {t('meetings.actions.reminded')}
                        </Badge>
                      ) : null}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    {a.canUpdate && detail.status === 'scheduled' ? (
                      <Select
                        size="xs"
                        w={160}
                        data={ACTION_STATUSES.map((s) => ({ value: s, label: t(`meetings.actions.statuses.${s}`) }))}
                        value={a.status}
                        allowDeselect={false}
                        onChange={(v) => v && change.mutate({ actionId: a.id, status: v as TActionStatus })}
                        aria-label={t('meetings.actions.status')}
                        data-testid="action-status-select"
                      />
                    ) : (
                      <ActionStatusBadge status={a.status} />
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <ErrorAlert error={change.error} />
      {detail.can.manageActions ? (
        <Paper withBorder p="sm" radius="md" bg="var(--mantine-color-gray-0)">
          <form
            onSubmit={(e) => {
              e.preventDefault();
              void submit().catch(() => undefined);
            }}
            data-testid="action-form"
          >
            <Stack gap="xs">
              <SimpleGrid cols={{ base: 1, sm: 3 }}>
                <TextInput label={t('meetings.actions.what')} value={title} onChange={(e) => setTitle(e.currentTarget.value)} dir="auto" data-testid="action-new-title" />
                <Select label={t('meetings.actions.owner')} data={owners} value={ownerId} onChange={setOwnerId} searchable data-testid="action-new-owner" />
                <TextInput type="date" label={t('meetings.actions.due')} value={dueOn} onChange={(e) => setDueOn(e.currentTarget.value)} data-testid="action-new-due" />
              </SimpleGrid>
              <Text size="xs" c="dimmed">
                {t('meetings.actions.remindHelp')}
              </Text>
              <ErrorAlert error={add.error} />
              <Group>
                <Button type="submit" size="xs" disabled={!title.trim() || !ownerId || !dueOn} loading={add.isPending} data-testid="action-add">
                  {t('meetings.actions.add')}
                </Button>
              </Group>
            </Stack>
          </form>
        </Paper>
      ) : null}
    </Section>
  );
}

export default function MeetingPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const meeting = useMeeting(id);
  const cancel = useCancelMeeting(id);
  const detail = meeting.data;
  usePageTitle(detail?.title ?? t('meetings.title'));
  if (meeting.isLoading) return <Loading />;
  if (meeting.error instanceof ApiError && meeting.error.status === 404) return <MeetingNotFound />;
  if (!detail) return <ErrorAlert error={meeting.error} />;
  return (
    <Stack gap="md" maw={1100} data-testid="meeting-page" data-id={detail.id}>
      <Anchor component={Link} to="/meetings" size="sm">
        {t('meetings.form.back')}
      </Anchor>
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <Stack gap={4}>
          <Group gap="xs">
            <Title order={1} dir="auto" data-testid="meeting-title-view">
              {detail.title}
            </Title>
            {detail.status === 'cancelled' ? <CancelledBadge /> : null}
          </Group>
          <Group gap="xs">
            <Text size="sm" c="dimmed">
              {t('meetings.page.organisedBy', { name: personName(detail.organiser) })}
            </Text>
            {detail.caseId && detail.caseReference ? (
              <Anchor component={Link} to={`/cases/${detail.caseId}`} size="sm">
                {t('meetings.page.caseLink', { reference: detail.caseReference })}
              </Anchor>
            ) : null}
          </Group>
        </Stack>
        <Group gap="xs">
          <Button component="a" href={meetingIcsUrl(detail.id)} download variant="default" data-testid="meeting-ics">
            {t('meetings.page.download')}
          </Button>
          {detail.can.edit ? (
            <>
              <Button component={Link} to={`/meetings/${detail.id}/edit`} variant="default" data-testid="meeting-edit">
                {t('meetings.page.edit')}
              </Button>
              <ConfirmButton color="red" variant="light" title={t('meetings.page.cancelTitle')} message={t('meetings.page.cancelConfirm')} confirmLabel={t('meetings.page.cancel')} onConfirm={() => cancel.mutateAsync(undefined)} data-testid="meeting-cancel">
                {t('meetings.page.cancel')}
              </ConfirmButton>
            </>
          ) : null}
        </Group>
      </Group>
      {detail.status === 'cancelled' ? (
        <Alert color="red" variant="light">
          {t('meetings.page.cancelled')}
        </Alert>
      ) : null}
      <Paper withBorder p="md" radius="md">
        <Facts detail={detail} />
      </Paper>
      {detail.can.respond ? <Respond detail={detail} /> : null}
      {detail.description ? (
        <Section title={t('meetings.page.description')}>
          <Text size="sm" dir="auto" style={{ whiteSpace: 'pre-wrap' }} data-testid="meeting-description-view">
            {detail.description}
          </Text>
        </Section>
      ) : null}
      <Participants detail={detail} />
      <Agenda detail={detail} />
      <Minutes detail={detail} />
      <Actions detail={detail} />
    </Stack>
  );
}
