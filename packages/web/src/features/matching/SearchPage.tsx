import { Alert, Anchor, Button, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { EmptyMessage } from '../../components/EmptyMessage';
import { QueryState } from '../../components/QueryState';
import { usePageTitle } from '../../components/usePageTitle';
import { useCountryNames } from '../../components/useReference';
import { CountryTag } from '../cases/CaseBadges';
import { useSchemaLabel } from '../cases/EntityView';
import { useEntitySearch } from './api';
import { entityLink, hitsSummary } from './format';
import { Explanation, ScoreBar, useMemberCaseIds } from './MatchParts';

const MAX_QUERY = 200;

/**
 * Names in any script across every case I may see, ranked by the matcher with its reasons;
 * matches in entities I may not see are only counted by the lead country of their case.
 */
export default function SearchPage() {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const q = (params.get('q') ?? '').slice(0, MAX_QUERY);
  const [text, setText] = useState(q);
  const search = useEntitySearch(q);
  const countries = useCountryNames();
  const schemaLabel = useSchemaLabel();
  const memberCaseIds = useMemberCaseIds();
  usePageTitle(q ? t('matching.search.titleFor', { q }) : t('matching.search.title'));
  // A search from the header while this page is open.
  useEffect(() => setText(q), [q]);

  const submit = () => {
    const value = text.trim();
    const next = new URLSearchParams(params);
    if (value) next.set('q', value);
    else next.delete('q');
    setParams(next);
  };
  const items = search.data?.items ?? [];
  const hits = search.data?.hits ?? [];

  return (
    <Stack gap="md" maw={980}>
      <div>
        <Title order={1} data-testid="search-title">
          {t('matching.search.title')}
        </Title>
        <Text c="dimmed">{t('matching.search.intro')}</Text>
      </div>
      <form
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Group gap="xs" align="flex-end" wrap="nowrap">
          <TextInput
            label={t('matching.search.label')}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            maxLength={MAX_QUERY}
            dir="auto"
            style={{ flex: 1 }}
            data-testid="search-input"
          />
          <Button type="submit" data-testid="search-submit">
            {t('matching.search.submit')}
          </Button>
        </Group>
      </form>
      {q ? (
        <div aria-live="polite" aria-busy={search.isFetching} data-testid="search-results" data-q={q}>
          <QueryState query={search}>
            <Stack gap="sm">
              {hits.length > 0 ? (
                <Alert color="orange" variant="light" data-testid="search-hits">
                  {t('matching.search.hits', { countries: hitsSummary(hits, countries.nameOf, i18n.language) })}
                </Alert>
              ) : null}
              {items.length === 0 ? (
                <EmptyMessage title={t('matching.search.none', { q })}>{t('matching.search.noneHelp')}</EmptyMessage>
              ) : (
                <>
                  <Text size="sm" c="dimmed" data-testid="search-count">
                    {t('matching.search.count', { n: new Intl.NumberFormat(i18n.language).format(items.length) })}
                  </Text>
                  {items.map(({ entity, score, explanation }) => {
                    const link = entityLink(entity, memberCaseIds);
                    return (
                      <Paper key={entity.id} withBorder p="sm" radius="md" data-testid="search-result" data-id={entity.id} data-score={score}>
                        <Stack gap={6}>
                          <Group justify="space-between" align="flex-start" wrap="wrap">
                            <Stack gap={2}>
                              <Anchor component={Link} to={link.to} fw={700} dir="auto" data-testid="search-result-link" style={{ overflowWrap: 'anywhere' }}>
                                {entity.caption}
                              </Anchor>
                              <Group gap={6} wrap="wrap">
                                <Text size="xs" c="dimmed">
                                  {schemaLabel(entity.schema)}
                                </Text>
                                <Text size="xs" ff="monospace" data-testid="search-result-case">
                                  {entity.caseReference}
                                </Text>
                                <Text span size="xs" c="dimmed">
                                  {t('matching.ledBy')}
                                </Text>
                                <CountryTag code={entity.leadCountry} size="xs" />
                              </Group>
                            </Stack>
                            <ScoreBar score={score} />
                          </Group>
                          <Explanation evidence={explanation} />
                        </Stack>
                      </Paper>
                    );
                  })}
                </>
              )}
            </Stack>
          </QueryState>
        </div>
      ) : null}
    </Stack>
  );
}
