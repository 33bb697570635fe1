import { Alert, Anchor, Badge, Button, Group, List, Modal, Paper, SimpleGrid, Stack, Tabs, Text, Textarea, Title } from '@mantine/core';
import type { TWorkshopDetail } from '@focal/shared';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { useMe } from '../../api/hooks';
import { languageName } from '../../components/format';
import { NotFoundContent } from '../../components/NotFound';
import { QueryState } from '../../components/QueryState';
import { usePageTitle } from '../../components/usePageTitle';
import { CountryTag } from '../cases/CaseBadges';
import { ErrorAlert } from '../../components/ErrorAlert';
import { certificatePdfUrl, useCancelWorkshop, useWorkshop } from './api';
import { AttendanceTab } from './AttendanceTab';
import { CertificatesTab } from './CertificatesTab';
import { EvaluationTab } from './EvaluationTab';
import { formatDays, formatHours } from './format';
import { ParticipantsTab } from './ParticipantsTab';
import { Days, ModeBadge, NominationBadge } from './parts';

const TABS = ['overview', 'participants', 'attendance', 'evaluation', 'certificates'] as const;
type Tab = (typeof TABS)[number];

function CancelWorkshop({ workshop }: { workshop: TWorkshopDetail }) {
  const { t } = useTranslation();
  const cancel = useCancelWorkshop(workshop.id);
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  return (
    <>
      <Button variant="subtle" color="red" onClick={() => setOpen(true)} data-testid="workshop-cancel">
        {t('training.workshop.cancel')}
      </Button>
      <Modal opened={open} onClose={() => setOpen(false)} title={t('training.workshop.cancelTitle')} centered>
        <Stack>
          <Text size="sm">{t('training.workshop.cancelHelp')}</Text>
          <Textarea label={t('training.certificates.reason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} required maxLength={1000} autosize minRows={2} />
          <ErrorAlert error={cancel.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setOpen(false)}>
              {t('common.cancel')}
            </Button>
            <Button color="red" disabled={!reason.trim()} loading={cancel.isPending} onClick={() => cancel.mutate(reason.trim(), { onSuccess: () => setOpen(false) })}>
              {t('training.workshop.cancelConfirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

function MySeat({ workshop }: { workshop: TWorkshopDetail }) {
  const { t } = useTranslation();
  const me = useMe();
  const mine = workshop.nominations.filter((n) => n.person.id === me?.id).at(-1);
  if (!mine) return null;
  const colour = mine.status === 'confirmed' ? 'green' : mine.status === 'waitlisted' ? 'orange' : mine.status === 'cancelled' ? 'gray' : 'blue';
  return (
    <Alert color={colour} variant="light" title={t('training.mine.yourPlace')} data-testid="my-seat">
      <Stack gap="xs">
        <Group gap="xs">
          <NominationBadge status={mine.status} position={mine.waitlistPosition} />
          <Text size="sm">{t(`training.mine.explain.${mine.status}`)}</Text>
        </Group>
        {mine.certificate && !mine.certificate.revokedAt ? (
          <Anchor href={certificatePdfUrl(mine.certificate.id)} download data-testid="my-certificate-download">
            {t('training.certificates.download')}
          </Anchor>
        ) : null}
        {workshop.abilities.evaluate ? (
          <Anchor component={Link} to={`/training/workshops/${workshop.id}/evaluation`} data-testid="my-evaluation-link">
            {t('training.evaluation.invite')}
          </Anchor>
        ) : null}
      </Stack>
    </Alert>
  );
}

function Overview({ workshop }: { workshop: TWorkshopDetail }) {
  const { t, i18n } = useTranslation();
  return (
    <Stack gap="md">
      {workshop.description ? (
        <Text dir="auto" style={{ whiteSpace: 'pre-wrap' }}>
          {workshop.description}
        </Text>
      ) : null}
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Paper withBorder p="md" radius="md">
          <Title order={2} size="h4" mb="xs">
            {t('training.fields.modules')}
          </Title>
          {workshop.modules.length === 0 ? (
            <Text c="dimmed" size="sm">
              {t('training.workshop.noModules')}
            </Text>
          ) : (
            <List spacing={4} data-testid="workshop-modules-list">
              {workshop.modules.map((m) => (
                <List.Item key={m.id}>
                  <Text span dir="auto">
                    {m.title}
                  </Text>{' '}
                  <Text span c="dimmed" size="sm">
                    {t('training.catalogue.hours', { hours: formatHours(m.durationMinutes, i18n.language) })}
                  </Text>
                </List.Item>
              ))}
            </List>
          )}
        </Paper>
        <Paper withBorder p="md" radius="md">
          <Title order={2} size="h4" mb="xs">
            {t('training.fields.trainers')}
          </Title>
          {workshop.trainers.length === 0 ? (
            <Text c="dimmed" size="sm">
              {t('training.workshop.noTrainers')}
            </Text>
          ) : (
            <List spacing={4}>
              {workshop.trainers.map((p) => (
                <List.Item key={p.id}>
                  <Text span dir="auto">
                    {p.name}
                  </Text>{' '}
                  <CountryTag code={p.country} withName={false} />
                </List.Item>
              ))}
            </List>
          )}
        </Paper>
      </SimpleGrid>
      <Paper withBorder p="md" radius="md">
        <Title order={2} size="h4" mb="xs">
          {t('training.attendance.sessions')}
        </Title>
        <List spacing={4}>
          {workshop.sessions.map((s) => (
            <List.Item key={s.id}>
              {formatDays(s.date, s.date, i18n.language)}
              {s.title ? (
                <Text span dir="auto">
                  {' · '}
                  {s.title}
                </Text>
              ) : null}
            </List.Item>
          ))}
        </List>
        <Text size="sm" c="dimmed" mt="xs">
          {t('training.certificates.rule', { required: workshop.attendanceRequired, total: workshop.sessions.length })}
        </Text>
      </Paper>
    </Stack>
  );
}

function WorkshopView({ workshop, tab }: { workshop: TWorkshopDetail; tab: Tab }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const me = useMe();
  usePageTitle(workshop.title);
  const participant = workshop.nominations.some((n) => n.person.id === me?.id && n.status === 'confirmed');
  const visible: Record<Tab, boolean> = {
    overview: true,
    participants: true,
    attendance: workshop.abilities.markAttendance,
    evaluation: workshop.abilities.viewResults || participant,
    certificates: workshop.abilities.issueCertificates,
  };
  const current = visible[tab] ? tab : 'overview';
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <Stack gap={4}>
          <Title order={1} dir="auto" data-testid="workshop-heading">
            {workshop.title}
          </Title>
          <Group gap="xs">
            <ModeBadge mode={workshop.mode} />
            <Badge variant="light" color="gray">
              {workshop.region ? t(`regions.${workshop.region}`) : t('training.region.global')}
            </Badge>
            {workshop.status === 'cancelled' ? <Badge color="red">{t('training.workshop.cancelled')}</Badge> : null}
          </Group>
        </Stack>
        <Group gap="xs">
          {workshop.abilities.cancel ? <CancelWorkshop workshop={workshop} /> : null}
          {workshop.abilities.edit ? (
            <Button component={Link} to={`/training/workshops/${workshop.id}/edit`} variant="default" data-testid="workshop-edit">
              {t('training.workshop.edit')}
            </Button>
          ) : null}
        </Group>
      </Group>
      <Paper withBorder p="md" radius="md">
        <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} spacing="md">
          <div>
            <Text size="xs" c="dimmed">
              {t('training.fields.dates')}
            </Text>
            <Text fw={600}>
              <Days from={workshop.startsOn} to={workshop.endsOn} />
            </Text>
          </div>
          <div>
            <Text size="xs" c="dimmed">
              {workshop.mode === 'online' ? t('training.form.joinHow') : t('training.fields.venue')}
            </Text>
            <Group gap={6}>
              <CountryTag code={workshop.hostCountry} />
            </Group>
            {workshop.venue ? (
              <Text size="sm" dir="auto">
                {workshop.venue}
              </Text>
            ) : null}
          </div>
          <div>
            <Text size="xs" c="dimmed">
              {t('training.fields.languages')}
            </Text>
            <Text size="sm">{workshop.languages.map((l) => languageName(l, i18n.language)).join(', ')}</Text>
          </div>
          <div>
            <Text size="xs" c="dimmed">
              {t('training.fields.nominations')}
            </Text>
            <Text size="sm" data-testid="workshop-deadline-text">
              {workshop.nominationsOpen
                ? t('training.list.openUntil', { date: formatDays(workshop.nominationDeadline, workshop.nominationDeadline, i18n.language) })
                : t('training.list.closed')}
            </Text>
            <Text size="sm">{t('training.list.seats', { confirmed: workshop.confirmed, capacity: workshop.capacity })}</Text>
          </div>
        </SimpleGrid>
        <Text size="xs" c="dimmed" mt="sm">
          {t('training.workshop.organisedBy', { name: workshop.organiser.name })}
        </Text>
      </Paper>
      <MySeat workshop={workshop} />
      <Tabs value={current} onChange={(value) => value && navigate(`/training/workshops/${workshop.id}/${value}`, { replace: true })} keepMounted={false}>
        <Tabs.List>
          {TABS.filter((k) => visible[k]).map((k) => (
            <Tabs.Tab key={k} value={k} data-testid={`workshop-tab-${k}`}>
              {t(`training.tabs.${k}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="overview" pt="md">
          <Overview workshop={workshop} />
        </Tabs.Panel>
        <Tabs.Panel value="participants" pt="md">
          <ParticipantsTab workshop={workshop} />
        </Tabs.Panel>
        {visible.attendance ? (
          <Tabs.Panel value="attendance" pt="md">
            <AttendanceTab workshop={workshop} />
          </Tabs.Panel>
        ) : null}
        {visible.evaluation ? (
          <Tabs.Panel value="evaluation" pt="md">
            <EvaluationTab workshop={workshop} />
          </Tabs.Panel>
        ) : null}
        {visible.certificates ? (
          <Tabs.Panel value="certificates" pt="md">
            <CertificatesTab workshop={workshop} />
          </Tabs.Panel>
        ) : null}
      </Tabs>
    </Stack>
  );
}

export default function WorkshopPage() {
  const { id, tab } = useParams();
  const workshop = useWorkshop(id);
  if (workshop.error instanceof ApiError && workshop.error.status === 404) return <NotFoundContent />;
  const current = (TABS as readonly string[]).includes(tab ?? '') ? (tab as Tab) : 'overview';
  return <QueryState query={workshop}>{workshop.data ? <WorkshopView workshop={workshop.data} tab={current} /> : null}</QueryState>;
}
