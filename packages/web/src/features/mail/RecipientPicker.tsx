import { MultiSelect } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQueries } from '@tanstack/react-query';
import type { TContactCard, TRecipient, TRecipientOption } from '@focal/shared';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { queryKeys } from '../../api/hooks';
import { useCountryNames } from '../../components/useReference';
import { useRecipientSearch } from './api';
import { knownPerson, rememberOptions, rememberPeople, type KnownPerson } from './recipients';

const encode = (r: TRecipient | TRecipientOption) => (r.kind === 'country' ? `country:${r.code}` : `${r.kind}:${r.id}`);
const decode = (value: string): TRecipient => {
  const [kind, ...rest] = value.split(':');
  const id = rest.join(':');
  return kind === 'country' ? { kind: 'country', code: id } : kind === 'case' ? { kind: 'case', id } : { kind: 'user', id };
};

/** People the composer has not seen yet (a draft stores only ids): their names from the directory. */
function usePeopleLookup(ids: string[]): Map<string, KnownPerson> {
  const results = useQueries({
    queries: ids.map((id) => ({
      queryKey: queryKeys.contact(id),
      queryFn: () => api.get<TContactCard>(`/api/directory/${encodeURIComponent(id)}`),
      staleTime: Infinity,
      retry: false,
    })),
  });
  const found: KnownPerson[] = results.flatMap((r) =>
    r.data ? [{ id: r.data.id, name: r.data.name, nameLatin: r.data.nameLatin, country: r.data.country, agency: r.data.agency?.name ?? null }] : [],
  );
  const key = found.map((p) => p.id).join();
  useEffect(() => {
    if (found.length) rememberPeople(found);
  }, [key]);
  return useMemo(() => new Map(found.map((p) => [p.id, p])), [key]);
}

export interface RecipientPickerProps {
  label: string;
  description?: string;
  value: TRecipient[];
  onChange: (value: TRecipient[]) => void;
  error?: string;
  testId: string;
  disabled?: boolean;
}

/** To or Cc: people by name in any script, or a whole country's focal points, found as one types. */
export function RecipientPicker({ label, description, value, onChange, error, testId, disabled }: RecipientPickerProps) {
  const { t } = useTranslation();
  const countries = useCountryNames();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 250);
  const results = useRecipientSearch(debounced);
  const unknown = value.flatMap((r) => (r.kind === 'user' && !knownPerson(r.id) ? [r.id] : []));
  const looked = usePeopleLookup(unknown);

  useEffect(() => {
    if (results.data) rememberOptions(results.data);
  }, [results.data]);

  const personLabel = (p: KnownPerson) =>
    [p.nameLatin && p.nameLatin !== p.name ? `${p.name} (${p.nameLatin})` : p.name, countries.nameOf(p.country), p.agency].filter(Boolean).join(' · ');
  const optionLabel = (o: TRecipientOption) =>
    o.kind === 'user'
      ? personLabel(o)
      : o.kind === 'case'
        ? t('mail.recipients.case', { reference: o.reference, title: o.title, n: o.members })
        : t('mail.recipients.country', { country: countries.nameOf(o.code), n: o.focalPoints });

  const data = useMemo(() => {
    const options = new Map<string, string>();
    for (const r of value) {
      if (r.kind === 'country') options.set(encode(r), t('mail.recipients.countryAll', { country: countries.nameOf(r.code) }));
      else if (r.kind === 'case') {
        const found = results.data?.find((o) => o.kind === 'case' && o.id === r.id);
        options.set(encode(r), found ? optionLabel(found) : t('mail.recipients.caseMembers'));
      } else {
        const person = knownPerson(r.id) ?? looked.get(r.id);
        options.set(encode(r), person ? personLabel(person) : t('mail.recipients.unknownPerson'));
      }
    }
    if (debounced.trim()) {
      for (const o of results.data ?? []) {
        const key = encode(o);
        if (!options.has(key)) options.set(key, optionLabel(o));
      }
    }
    return [...options].map(([v, l]) => ({ value: v, label: l }));
    // Labels depend on what was looked up and the language of country names.
  }, [value, results.data, debounced, countries, looked, t]);

  return (
    <MultiSelect
      label={label}
      description={description}
      data={data}
      value={value.map(encode)}
      onChange={(values) => onChange(values.map(decode))}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      hidePickedOptions
      nothingFoundMessage={debounced.trim() ? (results.isFetching ? t('common.loading') : t('common.nothingFound')) : t('mail.recipients.typeToSearch')}
      error={error}
      disabled={disabled}
      maxDropdownHeight={320}
      data-testid={testId}
      clearable
    />
  );
}
