import { MultiSelect, SimpleGrid } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import type { TInvitablePerson } from '@focal/shared';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCountryNames } from '../../components/useReference';
import { personName } from '../mail/format';
import { useInvitable } from './api';

export interface InviteeValue {
  users: string[];
  countries: string[];
}

/**
 * People by name (searched on the server: for a meeting about a case, only its members), and
 * countries whose focal points are all invited.
 */
export function InviteePicker({ value, onChange, caseId, exclude = [], error }: { value: InviteeValue; onChange: (value: InviteeValue) => void; caseId: string | null; exclude?: string[]; error?: string | undefined }) {
  const { t } = useTranslation();
  const countries = useCountryNames();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 250);
  const people = useInvitable(debounced, caseId);
  // Names of people already chosen, so their chips keep a label when the search moves on.
  const known = useRef(new Map<string, TInvitablePerson>());
  for (const person of people.data ?? []) known.current.set(person.id, person);
  const options = useMemo(() => {
    const listed = new Map<string, TInvitablePerson>();
    for (const id of value.users) {
      const person = known.current.get(id);
      if (person) listed.set(id, person);
    }
    for (const person of people.data ?? []) if (!exclude.includes(person.id)) listed.set(person.id, person);
    return [...listed.values()].map((p) => ({ value: p.id, label: `${personName(p)} — ${countries.nameOf(p.country)}` }));
  }, [people.data, value.users, exclude, countries]);
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }}>
      <MultiSelect
        label={t('meetings.form.people')}
        description={caseId ? t('meetings.form.peopleCaseHelp') : t('meetings.form.peopleHelp')}
        placeholder={t('meetings.form.peopleSearch')}
        data={options}
        value={value.users}
        onChange={(users) => onChange({ ...value, users })}
        searchable
        searchValue={search}
        onSearchChange={setSearch}
        filter={({ options: all }) => all}
        nothingFoundMessage={t('common.nothingFound')}
        error={error}
        clearable
        data-testid="invitee-people"
      />
      <MultiSelect
        label={t('meetings.form.countries')}
        description={t('meetings.form.countriesHelp')}
        data={countries.options}
        value={value.countries}
        onChange={(list) => onChange({ ...value, countries: list })}
        searchable
        clearable
        nothingFoundMessage={t('common.nothingFound')}
        data-testid="invitee-countries"
      />
    </SimpleGrid>
  );
}
