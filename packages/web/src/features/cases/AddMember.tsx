import { Button, Group, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import type { TCaseDetail } from '@focal/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDirectory, useMe } from '../../api/hooks';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useCountryNames } from '../../components/useReference';
import { personName } from '../mail/format';
import { useAddMember } from './api';

/**
 * Adds people from the directory, among the countries taking part: any of them for the case's
 * lead, one's own country for a national administrator.
 */
export function AddMember({ detail }: { detail: TCaseDetail }) {
  const { t } = useTranslation();
  const me = useMe();
  const countries = useCountryNames();
  const add = useAddMember(detail.id);
  const lead = detail.owner.id === me?.id || detail.members.some((m) => m.person.id === me?.id && m.isLead);
  const allowed = lead ? detail.countries.map((c) => c.country) : detail.countries.some((c) => c.country === me?.country) ? [me?.country ?? ''] : [];
  const [country, setCountry] = useState<string | null>(allowed.length === 1 ? (allowed[0] ?? null) : null);
  const [text, setText] = useState('');
  const [q] = useDebouncedValue(text.trim(), 300);
  const searching = Boolean(q || country);
  const results = useDirectory({ ...(q ? { q } : {}), ...(country ? { country } : {}) });
  const members = new Set(detail.members.map((m) => m.person.id));
  const found = searching ? (results.data ?? []).filter((p) => allowed.includes(p.country) && !members.has(p.id)).slice(0, 20) : [];

  const addPerson = async (id: string, name: string) => {
    try {
      await add.mutateAsync(id);
      setText('');
      notifications.show({ color: 'teal', message: t('cases.members.addedNotice', { name }) });
    } catch {
      // Shown below.
    }
  };

  return (
    <Stack gap="xs" mt="md" data-testid="case-add-member">
      <Text size="sm" fw={600}>
        {t('cases.members.add')}
      </Text>
      <Group gap="xs" align="flex-end" wrap="wrap">
        <TextInput
          label={t('cases.members.search')}
          description={t('cases.members.searchHelp')}
          type="search"
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          w={260}
          data-testid="case-member-search"
        />
        <Select
          label={t('fields.country')}
          data={allowed.map((c) => ({ value: c, label: countries.nameOf(c) }))}
          value={country}
          onChange={setCountry}
          clearable={allowed.length > 1}
          placeholder={t('cases.members.anyCountry')}
          w={240}
          data-testid="case-member-country"
        />
      </Group>
      {searching ? (
        found.length === 0 ? (
          <Text size="sm" c="dimmed" data-testid="case-member-none">
            {results.isFetching ? t('common.loading') : t('cases.members.noneFound')}
          </Text>
        ) : (
          <Table verticalSpacing={4} data-testid="case-member-results">
            <Table.Tbody>
              {found.map((p) => (
                <Table.Tr key={p.id} data-testid="case-member-result" data-id={p.id}>
                  <Table.Td>
                    <Text size="sm" dir="auto">
                      {personName(p)}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {[countries.nameOf(p.country), p.agency?.name, p.roles.map((r) => t(`roles.${r}`)).join(', ')].filter(Boolean).join(' · ')}
                    </Text>
                  </Table.Td>
                  <Table.Td ta="end">
                    <Button size="xs" variant="light" onClick={() => void addPerson(p.id, personName(p))} loading={add.isPending && add.variables === p.id} data-testid="case-member-add">
                      {t('cases.members.addButton')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )
      ) : null}
      <ErrorAlert error={add.error} />
    </Stack>
  );
}
