import { Badge, Button, Checkbox, Divider, Group, Modal, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useCountryNames } from '../../components/useReference';
import { CountryTag } from '../cases/CaseBadges';
import { useMeetingSettings, useSetWeekend, useSetWorkingHours } from './api';
import { zoneLabel } from './format';

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

/** Weekday names in the reader's language (ISO numbering, Monday 1). 5 January 2026 is a Monday. */
export function useWeekdayNames(style: 'long' | 'short' = 'long') {
  const { i18n } = useTranslation();
  return useMemo(() => {
    const format = new Intl.DateTimeFormat(i18n.language, { weekday: style, timeZone: 'UTC' });
    return (day: number) => format.format(new Date(Date.UTC(2026, 0, 4 + day, 12)));
  }, [i18n.language, style]);
}

/** My working hours, and (for administrators) the weekend of a country. */
export function SettingsDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const settings = useMeetingSettings(opened);
  const setHours = useSetWorkingHours();
  const setWeekend = useSetWeekend();
  const countries = useCountryNames();
  const weekday = useWeekdayNames();
  const [start, setStart] = useState('09:00');
  const [end, setEnd] = useState('17:00');
  const [country, setCountry] = useState<string | null>(null);
  const [days, setDays] = useState<string[]>([]);
  const data = settings.data;
  useEffect(() => {
    if (!data) return;
    setStart(data.workingHours.start);
    setEnd(data.workingHours.end === '24:00' ? '00:00' : data.workingHours.end);
  }, [data]);
  const editable = data?.weekendEditable ?? [];
  const countryOptions = editable === 'all' ? countries.options : countries.options.filter((o) => editable.includes(o.value));
  const pickCountry = (code: string | null) => {
    setCountry(code);
    const known = data?.weekends.find((w) => w.country === code);
    setDays((known?.days ?? [6, 7]).map(String));
  };
  const saveHours = async () => {
    await setHours.mutateAsync({ start, end });
    notifications.show({ color: 'teal', message: t('meetings.settings.saved') });
  };
  const saveWeekend = async () => {
    if (!country) return;
    await setWeekend.mutateAsync({ country, days: days.map(Number) });
    notifications.show({ color: 'teal', message: t('meetings.settings.saved') });
  };
  return (
    <Modal opened={opened} onClose={onClose} title={t('meetings.settings.title')} size="lg" centered>
      <Stack gap="md" data-testid="meeting-settings">
        <div>
          <Title order={3} size="h5">
            {t('meetings.settings.hours')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('meetings.settings.hoursHelp', { zone: data ? zoneLabel(data.timeZone, i18n.language) : '' })}
          </Text>
        </div>
        <Group align="flex-end">
          <TextInput type="time" label={t('meetings.settings.start')} value={start} onChange={(e) => setStart(e.currentTarget.value)} data-testid="hours-start" />
          <TextInput type="time" label={t('meetings.settings.end')} value={end} onChange={(e) => setEnd(e.currentTarget.value)} data-testid="hours-end" />
          <Button onClick={() => void saveHours().catch(() => undefined)} loading={setHours.isPending} data-testid="hours-save">
            {t('common.save')}
          </Button>
        </Group>
        <ErrorAlert error={setHours.error} />
        {data ? (
          <Text size="sm">
            {t('meetings.settings.myWeekend')}: {data.weekend.map((d) => weekday(d)).join(', ')}
          </Text>
        ) : null}
        <Divider />
        <div>
          <Title order={3} size="h5">
            {t('meetings.settings.weekends')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('meetings.settings.weekendsHelp')}
          </Text>
        </div>
        <Table fz="sm" verticalSpacing={4} data-testid="weekends-table">
          <Table.Tbody>
            {(data?.weekends ?? []).map((w) => (
              <Table.Tr key={w.country}>
                <Table.Td>
                  <CountryTag code={w.country} />
                </Table.Td>
                <Table.Td>{w.days.map((d) => weekday(d)).join(', ')}</Table.Td>
                <Table.Td>
                  <Badge size="xs" variant="light" color={w.configured ? 'focal' : 'gray'}>
                    {w.configured ? t('meetings.settings.configured') : t('meetings.settings.builtIn')}
                  </Badge>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {editable === 'all' || editable.length > 0 ? (
          <Stack gap="xs">
            <Select label={t('fields.country')} data={countryOptions} value={country} onChange={pickCountry} searchable nothingFoundMessage={t('common.nothingFound')} data-testid="weekend-country" />
            {country ? (
              <>
                <Checkbox.Group label={t('meetings.settings.days')} value={days} onChange={setDays}>
                  <Group gap="sm" mt={4}>
                    {WEEKDAYS.map((d) => (
                      <Checkbox key={d} value={String(d)} label={weekday(d)} />
                    ))}
                  </Group>
                </Checkbox.Group>
                <Group>
                  <Button onClick={() => void saveWeekend().catch(() => undefined)} loading={setWeekend.isPending} data-testid="weekend-save">
                    {t('meetings.settings.saveWeekend')}
                  </Button>
                </Group>
              </>
            ) : null}
            <ErrorAlert error={setWeekend.error} />
          </Stack>
        ) : null}
      </Stack>
    </Modal>
  );
}
