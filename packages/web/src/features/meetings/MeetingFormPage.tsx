import { Alert, Anchor, Button, Checkbox, Group, MultiSelect, Paper, Radio, Select, SimpleGrid, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import type { TMeetingDetail, TMeetingMode, TMeetingUpdate, TSlotParticipant } from '@focal/shared';
import { localReading } from '@focal/shared';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { useMe } from '../../api/hooks';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { usePageTitle } from '../../components/usePageTitle';
import { useLanguageOptions } from '../../components/useReference';
import { useCases } from '../cases/api';
import { useCreateMeeting, useMeeting, useMeetingSettings, useUpdateMeeting } from './api';
import { formatRange, instantFromLocal, zoneLabel } from './format';
import { InviteePicker, type InviteeValue } from './InviteePicker';
import { MeetingNotFound } from './MeetingPage';
import { ChosenTimeTable, SlotFinder, type ChosenTime } from './SlotFinder';

type Field = 'title' | 'time' | 'address' | 'videoUrl' | 'invitees';
type Errors = Partial<Record<Field, string>>;

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Paper withBorder p="md" radius="md">
      <Stack gap="sm">
        <Title order={2} size="h4">
          {title}
        </Title>
        {children}
      </Stack>
    </Paper>
  );
}

interface Values {
  title: string;
  description: string;
  caseId: string | null;
  invitees: InviteeValue;
  durationMinutes: number;
  date: string;
  time: string;
  mode: TMeetingMode;
  address: string;
  videoUrl: string;
  interpretation: string[];
  emailInvitations: boolean;
}

/** Server field errors, in the user's language, under the fields they concern. */
function serverErrors(error: unknown, t: (key: string, options?: Record<string, unknown>) => string): Errors {
  if (!(error instanceof ApiError) || !error.fields) return {};
  const out: Errors = {};
  for (const [field, reason] of Object.entries(error.fields)) {
    const message = error.code === 'validation_failed' ? t(`meetings.form.reason.${reason}`, { defaultValue: t('meetings.form.invalid') }) : t(`errors.${error.code}`);
    if (field === 'startsAt' || field === 'endsAt' || field === 'timeZone') out.time = message;
    else if (field === 'users' || field === 'countries') out.invitees = message;
    else if (field === 'address' || field === 'videoUrl' || field === 'title') out[field] = message;
  }
  return out;
}

function MeetingForm({ existing }: { existing: TMeetingDetail | null }) {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const zone = me?.timeZone ?? 'UTC';
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const settings = useMeetingSettings();
  const cases = useCases({});
  const languages = useLanguageOptions();
  const create = useCreateMeeting();
  const update = useUpdateMeeting(existing?.id ?? '');
  const [participants, setParticipants] = useState<TSlotParticipant[]>(existing?.participants ?? []);
  const [values, setValues] = useState<Values>(() => {
    const start = existing ? localReading(existing.startsAt, zone) : null;
    return {
      title: existing?.title ?? '',
      description: existing?.description ?? '',
      caseId: existing?.caseId ?? params.get('caseId'),
      invitees: { users: [], countries: [] },
      durationMinutes: existing ? Math.round((Date.parse(existing.endsAt) - Date.parse(existing.startsAt)) / 60_000) : 60,
      date: start?.date ?? '',
      time: start?.time ?? '',
      mode: existing?.mode ?? 'video',
      address: existing?.address ?? '',
      videoUrl: existing?.videoUrl ?? '',
      interpretation: existing?.interpretation ?? [],
      emailInvitations: existing?.emailInvitations ?? true,
    };
  });
  const [errors, setErrors] = useState<Errors>({});
  const set = (patch: Partial<Values>) => {
    setValues((v) => ({ ...v, ...patch }));
    setErrors((e) => Object.fromEntries(Object.entries(e).filter(([key]) => !(key in patch) && !(key === 'time' && ('date' in patch || 'time' in patch)))));
  };

  const start = instantFromLocal(values.date, values.time, zone);
  const chosen: ChosenTime | null = start ? { start: start.toISOString(), end: new Date(start.getTime() + values.durationMinutes * 60_000).toISOString() } : null;
  const choose = (time: ChosenTime) => {
    const reading = localReading(time.start, zone);
    set({ date: reading.date, time: reading.time, durationMinutes: Math.round((Date.parse(time.end) - Date.parse(time.start)) / 60_000) });
  };
  // Editing: the slot finder looks at the people already invited.
  const slotInvitees = existing ? { users: existing.participants.filter((p) => p.person.id !== me?.id).map((p) => p.person.id), countries: [] } : values.invitees;
  const caseOptions = useMemo(
    () => [{ value: '', label: t('meetings.form.noCase') }, ...(cases.data?.items ?? []).filter((c) => c.status !== 'closed').map((c) => ({ value: c.id, label: `${c.reference} — ${c.title}` }))],
    [cases.data, t],
  );

  useEffect(() => {
    if (existing) setParticipants(existing.participants);
  }, [existing]);

  const check = (): Errors => {
    const found: Errors = {};
    if (values.title.trim().length < 3) found.title = t('meetings.form.titleTooShort');
    if (!chosen) found.time = t('meetings.form.noTime');
    if (values.mode === 'in_person' && !values.address.trim()) found.address = t('meetings.form.reason.required');
    if (values.mode === 'video' && !values.videoUrl.trim()) found.videoUrl = t('meetings.form.reason.required');
    return found;
  };

  const submit = async () => {
    const found = check();
    if (Object.keys(found).length || !chosen) {
      setErrors(found);
      return;
    }
    try {
      if (existing) {
        const patch: TMeetingUpdate = {};
        if (values.title.trim() !== existing.title) patch.title = values.title.trim();
        if (values.description !== existing.description) patch.description = values.description;
        if (chosen.start !== new Date(existing.startsAt).toISOString() || chosen.end !== new Date(existing.endsAt).toISOString()) {
          patch.startsAt = chosen.start;
          patch.endsAt = chosen.end;
          patch.timeZone = zone;
        }
        if (values.mode !== existing.mode) patch.mode = values.mode;
        if (values.address !== existing.address) patch.address = values.address;
        if (values.videoUrl !== existing.videoUrl) patch.videoUrl = values.videoUrl;
        if (values.interpretation.join() !== existing.interpretation.join()) patch.interpretation = values.interpretation;
        if (values.emailInvitations !== existing.emailInvitations) patch.emailInvitations = values.emailInvitations;
        await update.mutateAsync(patch);
        navigate(`/meetings/${existing.id}`);
      } else {
        const created = await create.mutateAsync({
          title: values.title.trim(),
          description: values.description,
          caseId: values.caseId || null,
          invitees: values.invitees,
          startsAt: chosen.start,
          endsAt: chosen.end,
          timeZone: zone,
          mode: values.mode,
          address: values.address,
          videoUrl: values.videoUrl,
          interpretation: values.interpretation,
          emailInvitations: values.emailInvitations,
        });
        navigate(`/meetings/${created.id}`);
      }
    } catch (error) {
      setErrors(serverErrors(error, t));
    }
  };

  const mutationError = existing ? update.error : create.error;
  const retimed = existing && chosen && (chosen.start !== new Date(existing.startsAt).toISOString() || chosen.end !== new Date(existing.endsAt).toISOString());

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
      noValidate
      data-testid="meeting-form"
    >
      <Stack gap="md">
        <Section title={t('meetings.form.subject')}>
          <TextInput label={t('meetings.form.title')} value={values.title} onChange={(e) => set({ title: e.currentTarget.value })} error={errors.title} required dir="auto" data-testid="meeting-title" />
          <Textarea label={t('meetings.form.description')} description={t('meetings.form.descriptionHelp')} value={values.description} onChange={(e) => set({ description: e.currentTarget.value })} autosize minRows={3} dir="auto" data-testid="meeting-description" />
          {existing ? null : (
            <Select
              label={t('meetings.form.case')}
              description={t('meetings.form.caseHelp')}
              data={caseOptions}
              value={values.caseId ?? ''}
              onChange={(v) => set({ caseId: v || null, invitees: { users: [], countries: [] } })}
              allowDeselect={false}
              searchable
              nothingFoundMessage={t('common.nothingFound')}
              data-testid="meeting-case"
            />
          )}
        </Section>

        {existing ? null : (
          <Section title={t('meetings.form.who')}>
            <InviteePicker value={values.invitees} onChange={(invitees) => set({ invitees })} caseId={values.caseId} error={errors.invitees} />
          </Section>
        )}

        <Section title={t('meetings.form.when')}>
          <SlotFinder invitees={slotInvitees} caseId={values.caseId} durationMinutes={values.durationMinutes} onDurationChange={(m) => set({ durationMinutes: m })} chosen={chosen} onChoose={choose} onParticipants={setParticipants} />
          <Group align="flex-end" wrap="wrap">
            <TextInput type="date" label={t('meetings.form.date')} value={values.date} onChange={(e) => set({ date: e.currentTarget.value })} data-testid="meeting-date" />
            <TextInput type="time" label={t('meetings.form.start')} value={values.time} onChange={(e) => set({ time: e.currentTarget.value })} data-testid="meeting-time" />
            <Text size="sm" c="dimmed" pb={8}>
              {t('meetings.form.timeInZone', { zone: zoneLabel(zone, i18n.language, start ?? undefined) })}
            </Text>
          </Group>
          {errors.time ? (
            <Text size="sm" c="red" role="alert">
              {errors.time}
            </Text>
          ) : null}
          {chosen ? (
            <Alert variant="light" color="focal" title={t('meetings.form.chosen')} data-testid="meeting-chosen">
              <Stack gap="xs">
                <Text size="sm" fw={600}>
                  {formatRange(chosen.start, chosen.end, i18n.language, zone)}
                </Text>
                {participants.length ? <ChosenTimeTable participants={participants} chosen={chosen} /> : null}
              </Stack>
            </Alert>
          ) : null}
          {retimed ? (
            <Text size="sm" c="orange.8">
              {t('meetings.form.retimeWarning')}
            </Text>
          ) : null}
        </Section>

        <Section title={t('meetings.form.where')}>
          <Radio.Group value={values.mode} onChange={(v) => set({ mode: v as TMeetingMode })} label={t('meetings.form.mode')} data-testid="meeting-mode">
            <Group mt={6}>
              <Radio value="video" label={t('meetings.mode.video')} data-testid="meeting-mode-video" />
              <Radio value="in_person" label={t('meetings.mode.in_person')} data-testid="meeting-mode-in_person" />
            </Group>
          </Radio.Group>
          {values.mode === 'in_person' ? (
            <Textarea label={t('meetings.form.address')} description={t('meetings.form.addressHelp')} value={values.address} onChange={(e) => set({ address: e.currentTarget.value })} error={errors.address} autosize minRows={2} required dir="auto" data-testid="meeting-address" />
          ) : (
            <TextInput label={t('meetings.form.videoUrl')} description={t('meetings.form.videoUrlHelp')} value={values.videoUrl} onChange={(e) => set({ videoUrl: e.currentTarget.value })} error={errors.videoUrl} required dir="ltr" type="url" data-testid="meeting-video-url" />
          )}
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <MultiSelect
              label={t('meetings.form.interpretation')}
              description={t('meetings.form.interpretationHelp')}
              data={languages}
              value={values.interpretation}
              onChange={(interpretation) => set({ interpretation })}
              searchable
              clearable
              nothingFoundMessage={t('common.nothingFound')}
              data-testid="meeting-interpretation"
            />
          </SimpleGrid>
          {settings.data?.emailAvailable ? (
            <Checkbox
              label={t('meetings.form.emailInvitations')}
              description={t('meetings.form.emailInvitationsHelp')}
              checked={values.emailInvitations}
              onChange={(e) => set({ emailInvitations: e.currentTarget.checked })}
              data-testid="meeting-email"
            />
          ) : null}
        </Section>

        {mutationError && !(mutationError instanceof ApiError && mutationError.fields) ? <ErrorAlert error={mutationError} /> : null}
        {Object.keys(errors).length ? (
          <Text size="sm" c="red" role="alert">
            {t('meetings.form.fixErrors')}
          </Text>
        ) : null}
        <Group>
          <Button type="submit" loading={create.isPending || update.isPending} data-testid="meeting-submit">
            {existing ? t('meetings.form.saveChanges') : t('meetings.form.submit')}
          </Button>
          <Button component={Link} to={existing ? `/meetings/${existing.id}` : '/meetings'} variant="default">
            {t('common.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export default function MeetingFormPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const editing = Boolean(id);
  usePageTitle(editing ? t('meetings.form.editTitle') : t('meetings.form.newTitle'));
  const meeting = useMeeting(id ?? '');
  if (editing && meeting.isLoading) return <Loading />;
  if (editing && meeting.error instanceof ApiError && meeting.error.status === 404) return <MeetingNotFound />;
  if (editing && !meeting.data) return <ErrorAlert error={meeting.error} />;
  return (
    <Stack gap="md" maw={1100}>
      <Anchor component={Link} to={editing ? `/meetings/${id}` : '/meetings'} size="sm">
        {editing ? t('meetings.form.backToMeeting') : t('meetings.form.back')}
      </Anchor>
      <div>
        <Title order={1}>{editing ? t('meetings.form.editTitle') : t('meetings.form.newTitle')}</Title>
        <Text c="dimmed">{t('meetings.form.intro')}</Text>
      </div>
      <MeetingForm existing={editing ? (meeting.data ?? null) : null} />
    </Stack>
  );
}
