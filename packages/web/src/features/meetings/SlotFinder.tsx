import { Badge, Box, Button, Group, NumberInput, Paper, SegmentedControl, Stack, Text, TextInput, Title, Tooltip, UnstyledButton } from '@mantine/core';
import { localReading, type TInvitees, type TSlotParticipant, type TSlotResult } from '@focal/shared';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../api/hooks';
import { ErrorAlert } from '../../components/ErrorAlert';
import { personName } from '../mail/format';
import { useSlotSearch } from './api';
import { cellState, daysBetween, formatDay, formatShortRange, hoursOfDay, outsideReason, type CellState } from './format';
import { HoursBadge } from './MeetingBadges';

export interface ChosenTime {
  start: string;
  end: string;
}

const CELL_COLOR: Record<CellState, string> = {
  work: 'var(--mantine-color-teal-3)',
  partial: 'var(--mantine-color-teal-1)',
  off: 'var(--mantine-color-gray-1)',
  weekend: 'var(--mantine-color-gray-4)',
};

/** The hour on someone's clock, with minutes only when their offset is not whole hours. */
function localHour(at: number, zone: string): string {
  const time = localReading(at, zone).time;
  return time.endsWith(':00') ? String(Number(time.slice(0, 2))) : time;
}

function Legend() {
  const { t } = useTranslation();
  return (
    <Group gap="md" wrap="wrap" aria-hidden>
      {(Object.keys(CELL_COLOR) as CellState[]).map((state) => (
        <Group key={state} gap={6} wrap="nowrap">
          <Box w={14} h={14} style={{ background: CELL_COLOR[state], border: '1px solid var(--mantine-color-gray-4)', borderRadius: 3 }} />
          <Text size="xs">{t(`meetings.slots.legend.${state}`)}</Text>
        </Group>
      ))}
    </Group>
  );
}

/**
 * Each participant's day against the viewer's: one row per person, one column per hour of the
 * viewer's day, coloured by the person's own working hours and weekend, with the hour on the
 * person's clock written in. Choosing a column proposes that hour.
 */
export function WorkingHoursGrid({ participants, day, chosen, onChoose, durationMinutes }: { participants: TSlotParticipant[]; day: string; chosen: ChosenTime | null; onChoose?: (time: ChosenTime) => void; durationMinutes: number }) {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const zone = me?.timeZone ?? 'UTC';
  const hours = useMemo(() => hoursOfDay(day, zone), [day, zone]);
  const chosenStart = chosen ? Date.parse(chosen.start) : NaN;
  const chosenEnd = chosen ? Date.parse(chosen.end) : NaN;
  return (
    <Box style={{ overflowX: 'auto' }}>
      <table style={{ borderCollapse: 'separate', borderSpacing: 2, fontSize: 11, minWidth: 760 }} data-testid="slot-grid" data-day={day}>
        <caption style={{ captionSide: 'top', textAlign: 'start' }}>
          <Text size="sm" fw={600}>
            {t('meetings.slots.grid', { day: formatDay(day, i18n.language) })}
          </Text>
        </caption>
        <thead>
          <tr>
            <th scope="col" style={{ textAlign: 'start', minWidth: 170 }}>
              <Text size="xs" c="dimmed">
                {t('meetings.slots.yourClock')}
              </Text>
            </th>
            {hours.map((h) => {
              const inChosen = h.start < chosenEnd && h.end > chosenStart;
              return (
                <th key={h.start} scope="col" style={{ minWidth: 24, fontWeight: inChosen ? 700 : 400, color: inChosen ? 'var(--mantine-color-focal-7)' : undefined }}>
                  {onChoose ? (
                    <UnstyledButton
                      onClick={() => onChoose({ start: new Date(h.start).toISOString(), end: new Date(h.start + durationMinutes * 60_000).toISOString() })}
                      aria-label={t('meetings.slots.chooseHour', { time: formatShortRange(new Date(h.start).toISOString(), new Date(h.start + durationMinutes * 60_000).toISOString(), i18n.language, zone) })}
                      style={{ fontSize: 11, width: '100%' }}
                      data-testid="slot-grid-hour"
                    >
                      {h.hour}
                    </UnstyledButton>
                  ) : (
                    h.hour
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {participants.map((p) => (
            <tr key={p.person.id} data-testid="slot-grid-row" data-user={p.person.id}>
              <th scope="row" style={{ textAlign: 'start', fontWeight: 400, whiteSpace: 'nowrap' }}>
                <Text size="xs" fw={600} dir="auto" truncate maw={200}>
                  {personName(p.person)}
                </Text>
                <Text size="xs" c="dimmed">
                  {p.timeZone} · {p.workStart}–{p.workEnd}
                </Text>
              </th>
              {hours.map((h) => {
                const state = cellState(p, h.start, h.end);
                const inChosen = h.start < chosenEnd && h.end > chosenStart;
                return (
                  <td
                    key={h.start}
                    title={`${localReading(h.start, p.timeZone).time} — ${t(`meetings.slots.legend.${state}`)}`}
                    data-state={state}
                    style={{
                      background: CELL_COLOR[state],
                      textAlign: 'center',
                      height: 26,
                      borderRadius: 3,
                      outline: inChosen ? '2px solid var(--mantine-color-focal-6)' : undefined,
                      color: state === 'work' ? 'var(--mantine-color-teal-9)' : 'var(--mantine-color-gray-7)',
                    }}
                  >
                    {localHour(h.start, p.timeZone)}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </Box>
  );
}

/** One proposed time: on the viewer's clock, and on each participant's, with who would be outside hours. */
function Suggestion({ slot, participants, chosen, onChoose }: { slot: TSlotResult['slots'][number]; participants: TSlotParticipant[]; chosen: boolean; onChoose: () => void }) {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const zone = me?.timeZone ?? 'UTC';
  const outside = new Map(slot.outside.map((o) => [o.userId, o.reason]));
  return (
    <Paper withBorder p="sm" radius="md" data-testid="slot-suggestion" data-start={slot.start} style={chosen ? { borderColor: 'var(--mantine-color-focal-6)', borderWidth: 2 } : undefined}>
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Stack gap={2}>
          <Text fw={600}>{formatShortRange(slot.start, slot.end, i18n.language, zone)}</Text>
          {slot.outside.length === 0 ? (
            <Badge color="teal" variant="light" size="sm">
              {t('meetings.slots.everyone')}
            </Badge>
          ) : (
            <Badge color="orange" variant="light" size="sm" data-testid="slot-outside-count">
              {t('meetings.slots.outsideCount', { n: slot.outside.length })}
            </Badge>
          )}
        </Stack>
        <Button size="xs" variant={chosen ? 'filled' : 'light'} onClick={onChoose} data-testid="slot-choose">
          {chosen ? t('meetings.slots.chosen') : t('meetings.slots.choose')}
        </Button>
      </Group>
      <Stack gap={2} mt={6}>
        {participants.map((p) => {
          const reason = outside.get(p.person.id) ?? null;
          return (
            <Group key={p.person.id} gap={6} wrap="nowrap" data-testid="slot-local-time" data-user={p.person.id} data-outside={reason ?? 'inside'}>
              <Text size="xs" dir="auto" truncate maw={220}>
                {personName(p.person)}
              </Text>
              <Text size="xs" c={reason ? 'orange.8' : 'dimmed'}>
                {formatShortRange(slot.start, slot.end, i18n.language, p.timeZone)} {`\u2068(${p.timeZone})\u2069`}
              </Text>
              {reason ? <HoursBadge reason={reason} /> : null}
            </Group>
          );
        })}
      </Stack>
    </Paper>
  );
}

const DURATIONS = [30, 45, 60, 90, 120, 180, 240];
const SHOWN = 6;

/** The next day on the viewer's clock, YYYY-MM-DD. */
function tomorrowIn(zone: string): string {
  const today = localReading(Date.now(), zone).date;
  return new Date(Date.parse(`${today}T12:00:00Z`) + 86400_000).toISOString().slice(0, 10);
}

/**
 * The slot finder: asks the server for the times in a window that suit the most participants
 * (on their own clocks), lists the best with each person's local time, and draws the grid.
 */
export function SlotFinder({
  invitees,
  caseId,
  durationMinutes,
  onDurationChange,
  chosen,
  onChoose,
  onParticipants,
}: {
  invitees: TInvitees;
  caseId: string | null;
  durationMinutes: number;
  onDurationChange: (minutes: number) => void;
  chosen: ChosenTime | null;
  onChoose: (time: ChosenTime) => void;
  /** Told who the search found (with their clocks), to show the chosen time on each. */
  onParticipants?: (participants: TSlotParticipant[]) => void;
}) {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const zone = me?.timeZone ?? 'UTC';
  const [fromDate, setFromDate] = useState(() => tomorrowIn(zone));
  const [days, setDays] = useState(5);
  const [showAll, setShowAll] = useState(false);
  const [day, setDay] = useState<string | null>(null);
  const search = useSlotSearch();
  const result = search.data;
  useEffect(() => {
    if (result) onParticipants?.(result.participants);
    // Only when a new answer arrives.
  }, [result]);
  const gridDays = result ? daysBetween(result.from, result.to, zone) : [];
  const shownDay = day && gridDays.includes(day) ? day : chosen ? localReading(chosen.start, zone).date : gridDays[0];
  const find = () => {
    setShowAll(false);
    setDay(null);
    search.mutate({ invitees, caseId, durationMinutes, fromDate, days, timeZone: zone, limit: 60 });
  };
  const nobody = (invitees.users?.length ?? 0) === 0 && (invitees.countries?.length ?? 0) === 0;
  const slots = result?.slots ?? [];
  const shown = showAll ? slots : slots.slice(0, SHOWN);
  return (
    <Stack gap="sm" data-testid="slot-finder">
      <div>
        <Title order={3} size="h5">
          {t('meetings.slots.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('meetings.slots.intro')}
        </Text>
      </div>
      <Group align="flex-end" wrap="wrap">
        <SegmentedControl
          aria-label={t('meetings.form.duration')}
          value={String(durationMinutes)}
          onChange={(v) => onDurationChange(Number(v))}
          data={DURATIONS.map((m) => ({ value: String(m), label: m < 60 || m % 60 ? t('meetings.form.minutes', { n: m }) : t('meetings.form.hours', { n: m / 60 }) }))}
          data-testid="slot-duration"
        />
        <TextInput type="date" label={t('meetings.slots.from')} value={fromDate} onChange={(e) => setFromDate(e.currentTarget.value)} data-testid="slot-from" />
        <NumberInput label={t('meetings.slots.days')} value={days} onChange={(v) => setDays(Math.min(14, Math.max(1, Number(v) || 1)))} min={1} max={14} w={120} data-testid="slot-days" />
        <Button onClick={find} loading={search.isPending} disabled={nobody} data-testid="slot-search">
          {t('meetings.slots.search')}
        </Button>
      </Group>
      {nobody ? (
        <Text size="sm" c="dimmed">
          {t('meetings.slots.needPeople')}
        </Text>
      ) : null}
      <ErrorAlert error={search.error} />
      {result ? (
        <Stack gap="sm" aria-live="polite">
          {slots.length === 0 ? (
            <Text size="sm" data-testid="slot-none">
              {t('meetings.slots.none')}
            </Text>
          ) : (
            <>
              <Text size="sm" fw={600}>
                {t('meetings.slots.suggestions', { zone: `${zone}` })}
              </Text>
              <Stack gap="xs" data-testid="slot-suggestions">
                {shown.map((slot) => (
                  <Suggestion key={slot.start} slot={slot} participants={result.participants} chosen={chosen?.start === slot.start && chosen.end === slot.end} onChoose={() => onChoose({ start: slot.start, end: slot.end })} />
                ))}
              </Stack>
              {slots.length > SHOWN && !showAll ? (
                <Group>
                  <Button variant="subtle" size="xs" onClick={() => setShowAll(true)}>
                    {t('meetings.slots.more', { n: slots.length - SHOWN })}
                  </Button>
                </Group>
              ) : null}
            </>
          )}
          {shownDay ? (
            <Paper withBorder p="sm" radius="md">
              <Stack gap="xs">
                <SegmentedControl
                  aria-label={t('meetings.slots.day')}
                  value={shownDay}
                  onChange={setDay}
                  data={gridDays.map((d) => ({ value: d, label: new Intl.DateTimeFormat(i18n.language, { weekday: 'short', day: 'numeric', timeZone: 'UTC' }).format(new Date(`${d}T12:00:00Z`)) }))}
                  data-testid="slot-grid-days"
                />
                <WorkingHoursGrid participants={result.participants} day={shownDay} chosen={chosen} onChoose={onChoose} durationMinutes={durationMinutes} />
                <Text size="xs" c="dimmed">
                  {t('meetings.slots.gridHelp')}
                </Text>
                <Legend />
              </Stack>
            </Paper>
          ) : null}
        </Stack>
      ) : null}
    </Stack>
  );
}

/** Under a chosen time: each participant's clock and whether it is in their working hours. */
export function ChosenTimeTable({ participants, chosen }: { participants: TSlotParticipant[]; chosen: ChosenTime }) {
  const { i18n } = useTranslation();
  return (
    <Stack gap={4} data-testid="chosen-local-times">
      {participants.map((p) => {
        const reason = outsideReason(p, chosen.start, chosen.end);
        return (
          <Group key={p.person.id} gap={6} wrap="nowrap">
            <Text size="sm" dir="auto" truncate maw={240}>
              {personName(p.person)}
            </Text>
            <Tooltip label={p.timeZone} withArrow>
              <Text size="sm" c="dimmed">
                {formatShortRange(chosen.start, chosen.end, i18n.language, p.timeZone)}
              </Text>
            </Tooltip>
            <HoursBadge reason={reason} />
          </Group>
        );
      })}
    </Stack>
  );
}
