import { Anchor, Badge, Button, Group, Paper, Select, SimpleGrid, Stack, Table, Text, TextInput, Title, VisuallyHidden } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { AGENCY_TYPES, REGIONS, type TAgencyType, type TDirectoryQuery, type TRegion } from '@focal/shared';
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { QueryState } from '../../components/QueryState';
import { TableHeader } from '../../components/TableHeader';
import { useDirectory } from '../../api/hooks';
import { EmptyMessage } from '../../components/EmptyMessage';
import { languageName } from '../../components/format';
import { useCountryNames, useLanguageOptions } from '../../components/useReference';
import { usePageTitle } from '../../components/usePageTitle';

const FILTERS = ['country', 'region', 'agencyType', 'language'] as const;

export default function DirectoryPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('directory.title'));
  const [params, setParams] = useSearchParams();
  const [text, setText] = useState(params.get('q') ?? '');
  const [debounced] = useDebouncedValue(text, 300);
  const countries = useCountryNames();
  const languages = useLanguageOptions();

  // Keep the typed words in the address, so going back returns to the same results.
  useEffect(() => {
    const current = params.get('q') ?? '';
    if (debounced.trim() === current) return;
    const next = new URLSearchParams(params);
    if (debounced.trim()) next.set('q', debounced.trim());
    else next.delete('q');
    setParams(next, { replace: true });
  }, [debounced]);

  const query: TDirectoryQuery = useMemo(() => {
    const q: TDirectoryQuery = {};
    const words = params.get('q');
    if (words) q.q = words;
    const country = params.get('country');
    if (country) q.country = country;
    const region = params.get('region');
    if (region && (REGIONS as readonly string[]).includes(region)) q.region = region as TRegion;
    const agencyType = params.get('agencyType');
    if (agencyType && (AGENCY_TYPES as readonly string[]).includes(agencyType)) q.agencyType = agencyType as TAgencyType;
    const language = params.get('language');
    if (language) q.language = language;
    return q;
  }, [params]);

  const results = useDirectory(query);

  const setFilter = (key: (typeof FILTERS)[number], value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  const anyFilter = FILTERS.some((key) => params.get(key)) || Boolean(params.get('q'));
  const clearAll = () => {
    setText('');
    setParams(new URLSearchParams(), { replace: true });
  };

  const items = results.data ?? [];

  return (
    <Stack gap="md">
      <div>
        <Title order={1}>{t('directory.title')}</Title>
        <Text c="dimmed">{t('directory.intro')}</Text>
      </div>

      <Paper
        withBorder
        p="md"
        radius="md"
        component="form"
        role="search"
        aria-label={t('directory.searchRegion')}
        onSubmit={(e: FormEvent) => e.preventDefault()}
      >
        <Stack gap="sm">
          <TextInput
            label={t('directory.searchLabel')}
            description={t('directory.searchHelp')}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            type="search"
            size="md"
            data-testid="directory-search"
          />
          <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }}>
            <Select
              label={t('fields.country')}
              searchable
              clearable
              data={countries.options}
              value={params.get('country')}
              onChange={(v) => setFilter('country', v)}
              nothingFoundMessage={t('common.nothingFound')}
              placeholder={t('common.any')}
              data-testid="directory-filter-country"
            />
            <Select
              label={t('fields.region')}
              clearable
              data={REGIONS.map((r) => ({ value: r, label: t(`regions.${r}`) }))}
              value={params.get('region')}
              onChange={(v) => setFilter('region', v)}
              placeholder={t('common.any')}
            />
            <Select
              label={t('fields.agencyType')}
              clearable
              data={AGENCY_TYPES.map((a) => ({ value: a, label: t(`agencyTypes.${a}`) }))}
              value={params.get('agencyType')}
              onChange={(v) => setFilter('agencyType', v)}
              placeholder={t('common.any')}
            />
            <Select
              label={t('fields.languageSpoken')}
              searchable
              clearable
              data={languages}
              value={params.get('language')}
              onChange={(v) => setFilter('language', v)}
              nothingFoundMessage={t('common.nothingFound')}
              placeholder={t('common.any')}
            />
          </SimpleGrid>
          {anyFilter ? (
            <Group>
              <Button variant="subtle" size="xs" onClick={clearAll}>
                {t('directory.clear')}
              </Button>
            </Group>
          ) : null}
        </Stack>
      </Paper>

      <div aria-live="polite" aria-busy={results.isFetching}>
        <QueryState query={results} isEmpty={items.length === 0} empty={<EmptyMessage title={t('directory.emptyTitle')}>{t('directory.empty')}</EmptyMessage>}>
          <>
            <Text size="sm" c="dimmed" mb="xs" data-testid="directory-count">
              {t('directory.count', { n: items.length })}
            </Text>
            <Table.ScrollContainer minWidth={720}>
              <Table striped highlightOnHover verticalSpacing="sm" data-testid="directory-results">
                <VisuallyHidden component="caption">{t('directory.resultsCaption')}</VisuallyHidden>
                <TableHeader columns={[t('fields.name'), t('fields.country'), t('fields.agency'), t('fields.languages'), t('fields.availability')]} />
                <Table.Tbody>
                  {items.map((entry) => (
                    <Table.Tr key={entry.id} data-testid="directory-row">
                      <Table.Td>
                        <Anchor component={Link} to={`/directory/${entry.id}`} fw={600}>
                          {entry.name}
                        </Anchor>
                        {entry.nameLatin && entry.nameLatin !== entry.name ? (
                          <Text size="xs" c="dimmed" dir="ltr">
                            {entry.nameLatin}
                          </Text>
                        ) : null}
                        <Text size="xs" c="dimmed">
                          {entry.roles.map((r) => t(`roles.${r}`)).join(' · ')}
                        </Text>
                      </Table.Td>
                      <Table.Td>{countries.nameOf(entry.country)}</Table.Td>
                      <Table.Td>
                        {entry.agency ? (
                          <>
                            <Text size="sm">{entry.agency.name}</Text>
                            <Text size="xs" c="dimmed">
                              {t(`agencyTypes.${entry.agency.type}`)}
                            </Text>
                          </>
                        ) : (
                          <Text size="sm" c="dimmed">
                            —
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{entry.languages.map((l) => languageName(l, i18n.language)).join(', ')}</Text>
                      </Table.Td>
                      <Table.Td>
                        {entry.available247 ? (
                          <Badge color="teal" variant="light">
                            {t('directory.available247')}
                          </Badge>
                        ) : null}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </>
        </QueryState>
      </div>
    </Stack>
  );
}
