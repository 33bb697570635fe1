import { Button, Code, Group, Paper, Select, SimpleGrid, Stack, Table, Text, TextInput, Title, VisuallyHidden } from '@mantine/core';
import type { TAuditEvent } from '@focal/shared';
import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryState } from '../../components/QueryState';
import { TableHeader } from '../../components/TableHeader';
import { auditExportUrl, useAdminUsers, useAuditEvents, useMe, type AuditFilters } from '../../api/hooks';
import { EmptyMessage } from '../../components/EmptyMessage';
import { formatDateTime } from '../../components/format';
import { isSecretariat } from '../../components/roles';
import { useCountryNames } from '../../components/useReference';
import { usePageTitle } from '../../components/usePageTitle';

interface Draft {
  actor: string | null;
  country: string | null;
  action: string;
  target: string;
  from: string;
  to: string;
}

const EMPTY: Draft = { actor: null, country: null, action: '', target: '', from: '', to: '' };

/** A datetime-local value (the browser's local time) as an ISO instant, or undefined. */
function toIso(local: string): string | undefined {
  if (!local) return undefined;
  const date = new Date(local);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

function toFilters(d: Draft): AuditFilters {
  return {
    actor: d.actor ?? undefined,
    country: d.country ?? undefined,
    action: d.action.trim() || undefined,
    target: d.target.trim() || undefined,
    from: toIso(d.from),
    to: toIso(d.to),
  };
}

function Details({ event }: { event: TAuditEvent }) {
  const { t } = useTranslation();
  const entries = Object.keys(event.details ?? {});
  if (entries.length === 0 && !event.userAgent) return null;
  return (
    <details>
      <summary style={{ whiteSpace: 'nowrap', cursor: 'pointer' }}>
        <Text span size="xs" c="focal.8" style={{ cursor: 'pointer' }}>
          {t('audit.details')}
        </Text>
      </summary>
      <Code block dir="ltr" fz="xs" mt={4} style={{ maxWidth: 420, whiteSpace: 'pre-wrap' }}>
        {JSON.stringify({ ...event.details, ...(event.userAgent ? { userAgent: event.userAgent } : {}) }, null, 2)}
      </Code>
    </details>
  );
}

export default function AuditPage() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  usePageTitle(t('audit.title'));
  const secretariat = me ? isSecretariat(me.roles) : false;
  const countries = useCountryNames();
  const people = useAdminUsers({});
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [applied, setApplied] = useState<AuditFilters>({});
  const events = useAuditEvents(applied);
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));

  const actorOptions = useMemo(
    () => (people.data ?? []).map((u) => ({ value: u.id, label: u.nameLatin && u.nameLatin !== u.name ? `${u.name} (${u.nameLatin})` : u.name })),
    [people.data],
  );

  const apply = (event: FormEvent) => {
    event.preventDefault();
    setApplied(toFilters(draft));
  };
  const reset = () => {
    setDraft(EMPTY);
    setApplied({});
  };

  const rows = events.data?.pages.flat() ?? [];
  const tz = me?.timeZone;

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1}>{t('audit.title')}</Title>
          <Text c="dimmed">{secretariat ? t('audit.introSecretariat') : t('audit.introNational')}</Text>
        </div>
        <Button component="a" href={auditExportUrl(applied)} download variant="light" data-testid="audit-export">
          {t('audit.export')}
        </Button>
      </Group>

      <Paper withBorder p="md" radius="md" component="form" role="search" aria-label={t('audit.filters')} onSubmit={apply}>
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
            <Select
              label={t('audit.actor')}
              searchable
              clearable
              placeholder={t('common.any')}
              data={actorOptions}
              value={draft.actor}
              onChange={(v) => set('actor', v)}
              nothingFoundMessage={t('common.nothingFound')}
            />
            {secretariat ? (
              <Select
                label={t('fields.country')}
                searchable
                clearable
                placeholder={t('common.any')}
                data={countries.options}
                value={draft.country}
                onChange={(v) => set('country', v)}
                nothingFoundMessage={t('common.nothingFound')}
              />
            ) : null}
            <TextInput
              label={t('audit.action')}
              description={t('audit.actionHelp')}
              value={draft.action}
              onChange={(e) => set('action', e.currentTarget.value)}
              dir="ltr"
              data-testid="audit-action"
            />
            <TextInput
              label={t('audit.target')}
              description={t('audit.targetHelp')}
              value={draft.target}
              onChange={(e) => set('target', e.currentTarget.value)}
              dir="ltr"
            />
            <TextInput label={t('audit.from')} type="datetime-local" value={draft.from} onChange={(e) => set('from', e.currentTarget.value)} />
            <TextInput label={t('audit.to')} type="datetime-local" value={draft.to} onChange={(e) => set('to', e.currentTarget.value)} />
          </SimpleGrid>
          <Group justify="flex-end">
            <Button variant="default" onClick={reset}>
              {t('audit.reset')}
            </Button>
            <Button type="submit" data-testid="audit-apply">
              {t('audit.apply')}
            </Button>
          </Group>
        </Stack>
      </Paper>

      <div aria-live="polite" aria-busy={events.isFetching}>
        <QueryState query={events} isEmpty={rows.length === 0} empty={<EmptyMessage title={t('audit.emptyTitle')}>{t('audit.empty')}</EmptyMessage>}>
          <Stack gap="sm">
            <Table.ScrollContainer minWidth={960}>
              <Table striped verticalSpacing="xs" data-testid="audit-table" fz="sm">
                <VisuallyHidden component="caption">{t('audit.caption')}</VisuallyHidden>
                <TableHeader columns={['#', t('audit.when'), t('audit.actor'), t('audit.action'), t('audit.target'), t('fields.country'), t('audit.ip'), t('audit.details')]} />
                <Table.Tbody>
                  {rows.map((e) => (
                    <Table.Tr key={e.seq} data-testid="audit-row">
                      <Table.Td dir="ltr">{e.seq}</Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(e.at, i18n.language, tz)}</Table.Td>
                      <Table.Td>
                        {e.actorName ?? <Text span c="dimmed" size="sm">{t('audit.system')}</Text>}
                        {e.actorCountry ? (
                          <Text size="xs" c="dimmed">
                            {countries.nameOf(e.actorCountry)}
                          </Text>
                        ) : null}
                      </Table.Td>
                      <Table.Td>
                        <Code dir="ltr">{e.action}</Code>
                      </Table.Td>
                      <Table.Td dir="ltr">
                        {e.targetType ? (
                          <Text size="xs" title={e.targetId ?? undefined}>
                            {e.targetType}
                            {e.targetId ? ` ${e.targetId.slice(0, 8)}` : ''}
                          </Text>
                        ) : (
                          '—'
                        )}
                      </Table.Td>
                      <Table.Td>{e.country ? countries.nameOf(e.country) : '—'}</Table.Td>
                      <Table.Td dir="ltr">{e.ip ?? '—'}</Table.Td>
                      <Table.Td>
                        <Details event={e} />
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            <Group justify="center">
              {events.hasNextPage ? (
                <Button variant="light" onClick={() => void events.fetchNextPage()} loading={events.isFetchingNextPage} data-testid="audit-more">
                  {t('audit.older')}
                </Button>
              ) : (
                <Text size="sm" c="dimmed">
                  {t('audit.end')}
                </Text>
              )}
            </Group>
          </Stack>
        </QueryState>
      </div>
    </Stack>
  );
}
