import { Alert, Button, Group, Modal, MultiSelect, NumberInput, Paper, Progress, Stack, Table, Text, Textarea, Title, Tooltip, VisuallyHidden } from '@mantine/core';
import type { TNomination, TWorkshopDetail } from '@focal/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyMessage } from '../../components/EmptyMessage';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDateTime } from '../../components/format';
import { TableHeader } from '../../components/TableHeader';
import { useCountryNames } from '../../components/useReference';
import { CountryTag } from '../cases/CaseBadges';
import { useAllocate, useCancelNomination, useCandidates, useNominate } from './api';
import { NominationBadge } from './parts';

/** Seats per country as one bar (confirmed, waiting, pending), with the numbers in a table. */
function SeatsByCountry({ workshop }: { workshop: TWorkshopDetail }) {
  const { t } = useTranslation();
  const countries = useCountryNames();
  const colours = ['blue', 'teal', 'grape', 'orange', 'cyan', 'pink', 'lime', 'indigo'];
  const filled = workshop.seatsByCountry.filter((c) => c.confirmed > 0);
  return (
    <Paper withBorder p="md" radius="md">
      <Group justify="space-between" mb="xs" wrap="wrap">
        <Title order={2} size="h4">
          {t('training.seats.title')}
        </Title>
        <Text size="sm" data-testid="seats-summary">
          {t('training.seats.summary', { confirmed: workshop.confirmed, capacity: workshop.capacity, waitlisted: workshop.waitlisted, quota: workshop.quota })}
        </Text>
      </Group>
      <Progress.Root size={22} aria-label={t('training.seats.title')}>
        {filled.map((c, i) => (
          <Tooltip key={c.country} label={`${countries.nameOf(c.country)}: ${c.confirmed}`}>
            <Progress.Section value={(c.confirmed / workshop.capacity) * 100} color={colours[i % colours.length]}>
              <Progress.Label>{c.country}</Progress.Label>
            </Progress.Section>
          </Tooltip>
        ))}
      </Progress.Root>
      {workshop.seatsByCountry.length ? (
        <Table mt="sm" verticalSpacing={4} data-testid="seats-table">
          <VisuallyHidden component="caption">{t('training.seats.title')}</VisuallyHidden>
          <TableHeader columns={[t('training.seats.country'), t('training.status.confirmed'), t('training.status.waitlisted'), t('training.status.pending')]} />
          <Table.Tbody>
            {workshop.seatsByCountry.map((c) => (
              <Table.Tr key={c.country} data-testid="seats-row" data-country={c.country}>
                <Table.Td>
                  <CountryTag code={c.country} />
                </Table.Td>
                <Table.Td data-testid="seats-confirmed">{c.confirmed}</Table.Td>
                <Table.Td>{c.waitlisted}</Table.Td>
                <Table.Td>{c.pending}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : null}
    </Paper>
  );
}

function Nominate({ workshop }: { workshop: TWorkshopDetail }) {
  const { t } = useTranslation();
  const candidates = useCandidates(workshop.id, true);
  const nominate = useNominate(workshop.id);
  const [chosen, setChosen] = useState<string[]>([]);
  const options = (candidates.data ?? []).map((p) => ({ value: p.id, label: p.name === p.nameLatin ? p.name : `${p.name} (${p.nameLatin})` }));
  return (
    <Paper withBorder p="md" radius="md" data-testid="nominate-panel">
      <Title order={2} size="h4" mb="xs">
        {t('training.nominate.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('training.nominate.help')}
      </Text>
      <Group align="flex-end" wrap="wrap">
        <MultiSelect
          label={t('training.nominate.officers')}
          data={options}
          value={chosen}
          onChange={setChosen}
          searchable
          nothingFoundMessage={t('training.nominate.noneLeft')}
          style={{ flex: 1, minWidth: 260 }}
          data-testid="nominate-select"
        />
        <Button
          disabled={chosen.length === 0}
          loading={nominate.isPending}
          onClick={() => nominate.mutate(chosen, { onSuccess: () => setChosen([]) })}
          data-testid="nominate-submit"
        >
          {t('training.nominate.submit')}
        </Button>
      </Group>
      <ErrorAlert error={nominate.error} />
    </Paper>
  );
}

function ConfirmSeats({ workshop }: { workshop: TWorkshopDetail }) {
  const { t, i18n } = useTranslation();
  const allocate = useAllocate(workshop.id);
  const [quota, setQuota] = useState<number | string>(workshop.quotaSet ?? '');
  const changedQuota = (quota === '' ? null : Number(quota)) !== workshop.quotaSet;
  return (
    <Paper withBorder p="md" radius="md" data-testid="allocate-panel">
      <Title order={2} size="h4" mb="xs">
        {t('training.seats.confirmTitle')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('training.seats.rule')}
      </Text>
      {workshop.allocatedAt ? (
        <Alert color="blue" variant="light" mb="sm">
          {t('training.seats.allocatedAt', { date: formatDateTime(workshop.allocatedAt, i18n.language) })}
        </Alert>
      ) : null}
      <Group align="flex-end" wrap="wrap">
        <NumberInput
          label={t('training.fields.quota')}
          description={t('training.seats.quotaDefault', { n: workshop.quota })}
          value={quota}
          onChange={setQuota}
          min={1}
          max={500}
          w={260}
          data-testid="allocate-quota"
        />
        <Button
          loading={allocate.isPending}
          onClick={() => allocate.mutate(changedQuota ? (quota === '' ? null : Number(quota)) : undefined)}
          disabled={!workshop.abilities.allocate}
          data-testid="allocate-submit"
        >
          {workshop.allocatedAt ? t('training.seats.reallocate') : t('training.seats.confirm')}
        </Button>
      </Group>
      <ErrorAlert error={allocate.error} />
    </Paper>
  );
}

function CancelButton({ workshop, nomination }: { workshop: TWorkshopDetail; nomination: TNomination }) {
  const { t } = useTranslation();
  const cancel = useCancelNomination(workshop.id);
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  return (
    <>
      <Button size="compact-xs" variant="subtle" color="red" onClick={() => setOpen(true)} data-testid="nomination-cancel">
        {t('training.nominate.cancel')}
      </Button>
      <Modal opened={open} onClose={() => setOpen(false)} title={t('training.nominate.cancelTitle', { name: nomination.person.name })} centered>
        <Stack>
          <Text size="sm">{nomination.status === 'confirmed' ? t('training.nominate.cancelSeat') : t('training.nominate.cancelPlain')}</Text>
          <Textarea label={t('training.nominate.reason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} maxLength={1000} autosize minRows={2} />
          <ErrorAlert error={cancel.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setOpen(false)}>
              {t('common.cancel')}
            </Button>
            <Button color="red" loading={cancel.isPending} onClick={() => cancel.mutate({ nominationId: nomination.id, reason: reason.trim() }, { onSuccess: () => setOpen(false) })} data-testid="confirm-action">
              {t('training.nominate.cancelConfirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

export function ParticipantsTab({ workshop }: { workshop: TWorkshopDetail }) {
  const { t } = useTranslation();
  const rows = workshop.nominations;
  return (
    <Stack gap="md">
      <SeatsByCountry workshop={workshop} />
      {workshop.abilities.nominate ? <Nominate workshop={workshop} /> : null}
      {workshop.abilities.edit ? <ConfirmSeats workshop={workshop} /> : null}
      {rows.length === 0 ? (
        <EmptyMessage title={t('training.nominate.none')} />
      ) : (
        <Table.ScrollContainer minWidth={760}>
          <Table striped verticalSpacing="sm" data-testid="nominations-table">
            <VisuallyHidden component="caption">{t('training.fields.nominations')}</VisuallyHidden>
            <TableHeader columns={[t('training.nominate.person'), t('training.seats.country'), t('training.nominate.priority'), t('training.nominate.status'), t('training.nominate.by')]} actions />
            <Table.Tbody>
              {rows.map((n) => (
                <Table.Tr key={n.id} data-testid="nomination-row" data-user={n.person.id} data-name={n.person.nameLatin}>
                  <Table.Td>
                    <Text size="sm" dir="auto" fw={600}>
                      {n.person.name}
                    </Text>
                    {n.person.nameLatin !== n.person.name ? (
                      <Text size="xs" c="dimmed">
                        {n.person.nameLatin}
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td>
                    <CountryTag code={n.person.country} withName={false} />
                  </Table.Td>
                  <Table.Td>{n.rank}</Table.Td>
                  <Table.Td>
                    <NominationBadge status={n.status} position={n.waitlistPosition} />
                    {n.cancelReason ? (
                      <Text size="xs" c="dimmed" dir="auto">
                        {n.cancelReason}
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" dir="auto">
                      {n.nominatedBy?.name ?? ''}
                    </Text>
                  </Table.Td>
                  <Table.Td ta="end">{n.canCancel ? <CancelButton workshop={workshop} nomination={n} /> : null}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
