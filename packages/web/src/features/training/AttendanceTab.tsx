import { ActionIcon, Badge, Button, Checkbox, Group, Paper, Stack, Table, Text, TextInput, Title, VisuallyHidden } from '@mantine/core';
import type { TWorkshopDetail } from '@focal/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyMessage } from '../../components/EmptyMessage';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useAddSession, useMarkAttendance, useRemoveSession } from './api';
import { formatDays } from './format';

function AddSession({ workshop }: { workshop: TWorkshopDetail }) {
  const { t } = useTranslation();
  const add = useAddSession(workshop.id);
  const [date, setDate] = useState(workshop.startsOn);
  const [title, setTitle] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    add.mutate({ date, title: title.trim() }, { onSuccess: () => setTitle('') });
  };
  return (
    <Paper withBorder p="md" radius="md" component="form" onSubmit={submit}>
      <Title order={2} size="h5" mb="xs">
        {t('training.attendance.addSession')}
      </Title>
      <Group align="flex-end" wrap="wrap">
        <TextInput type="date" label={t('training.attendance.date')} value={date} min={workshop.startsOn} max={workshop.endsOn} onChange={(e) => setDate(e.currentTarget.value)} required />
        <TextInput label={t('training.attendance.sessionTitle')} value={title} onChange={(e) => setTitle(e.currentTarget.value)} maxLength={200} style={{ flex: 1, minWidth: 200 }} />
        <Button type="submit" variant="light" loading={add.isPending}>
          {t('training.attendance.add')}
        </Button>
      </Group>
      <ErrorAlert error={add.error} />
    </Paper>
  );
}

/**
 * Who came to which session: one row per confirmed participant, one column per session. Each
 * box saves at once; a session not yet begun cannot be recorded.
 */
export function AttendanceTab({ workshop }: { workshop: TWorkshopDetail }) {
  const { t, i18n } = useTranslation();
  const mark = useMarkAttendance(workshop.id);
  const remove = useRemoveSession(workshop.id);
  const participants = workshop.nominations.filter((n) => n.status === 'confirmed');
  const present = (sessionId: string, nominationId: string) => workshop.attendance.some((a) => a.sessionId === sessionId && a.nominationId === nominationId && a.present);
  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        {t('training.attendance.help', { required: workshop.attendanceRequired, total: workshop.sessions.length })}
      </Text>
      {participants.length === 0 ? (
        <EmptyMessage title={t('training.attendance.nobody')} />
      ) : (
        <Table.ScrollContainer minWidth={400 + workshop.sessions.length * 140}>
          <Table striped withColumnBorders verticalSpacing="xs" data-testid="attendance-table">
            <VisuallyHidden component="caption">{t('training.tabs.attendance')}</VisuallyHidden>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('training.nominate.person')}</Table.Th>
                {workshop.sessions.map((s, i) => (
                  <Table.Th key={s.id} scope="col" ta="center" data-testid="attendance-session" data-session={s.id}>
                    <Stack gap={2} align="center">
                      <Text size="sm" fw={600}>
                        {formatDays(s.date, s.date, i18n.language)}
                      </Text>
                      <Text size="xs" c="dimmed" dir="auto">
                        {s.title || t('training.attendance.sessionN', { n: i + 1 })}
                      </Text>
                      <Group gap={4} wrap="nowrap">
                        <Button
                          size="compact-xs"
                          variant="light"
                          disabled={!s.started}
                          loading={mark.isPending && mark.variables?.sessionId === s.id}
                          onClick={() => mark.mutate({ sessionId: s.id, entries: participants.map((p) => ({ nominationId: p.id, present: true })) })}
                          data-testid="attendance-all-present"
                        >
                          {t('training.attendance.allPresent')}
                        </Button>
                        {workshop.abilities.edit && workshop.sessions.length > 1 ? (
                          <ActionIcon size="sm" variant="subtle" color="red" aria-label={t('training.attendance.removeSession')} onClick={() => remove.mutate(s.id)}>
                            ×
                          </ActionIcon>
                        ) : null}
                      </Group>
                      {s.started ? null : (
                        <Badge size="xs" color="gray" variant="light">
                          {t('training.attendance.notStarted')}
                        </Badge>
                      )}
                    </Stack>
                  </Table.Th>
                ))}
                <Table.Th scope="col" ta="center">
                  {t('training.attendance.attended')}
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {participants.map((p) => (
                <Table.Tr key={p.id} data-testid="attendance-row" data-user={p.person.id}>
                  <Table.Th scope="row">
                    <Text size="sm" dir="auto">
                      {p.person.name}
                    </Text>
                  </Table.Th>
                  {workshop.sessions.map((s) => (
                    <Table.Td key={s.id} ta="center">
                      <Checkbox
                        checked={present(s.id, p.id)}
                        disabled={!s.started}
                        onChange={(e) => mark.mutate({ sessionId: s.id, entries: [{ nominationId: p.id, present: e.currentTarget.checked }] })}
                        aria-label={t('training.attendance.presentAt', { name: p.person.name, date: formatDays(s.date, s.date, i18n.language) })}
                        style={{ display: 'inline-block' }}
                        data-testid="attendance-box"
                      />
                    </Table.Td>
                  ))}
                  <Table.Td ta="center">
                    <Badge color={p.attended >= workshop.attendanceRequired ? 'green' : 'gray'} variant="light" data-testid="attendance-count">
                      {t('training.attendance.count', { attended: p.attended, total: workshop.sessions.length })}
                    </Badge>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <ErrorAlert error={mark.error ?? remove.error} />
      {workshop.abilities.edit ? <AddSession workshop={workshop} /> : null}
    </Stack>
  );
}
