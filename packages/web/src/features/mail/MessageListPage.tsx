import { Button, Group, Select, Stack, Text, Title } from '@mantine/core';
import { FOLDERS, MESSAGE_SORTS, TRASH_RETENTION_DAYS, type TFolder, type TMessageSort } from '@focal/shared';
import { useMemo, useState } from 'react';
import { useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { EmptyMessage } from '../../components/EmptyMessage';
import { NotFoundContent } from '../../components/NotFound';
import { QueryState } from '../../components/QueryState';
import { usePageTitle } from '../../components/usePageTitle';
import { useLabels, useMessages } from './api';
import { BulkActions } from './BulkActions';
import { listCount } from './format';
import { MessageSearch } from './MessageSearch';
import { MessageTable } from './MessageTable';
import { isSearching, readSearch, readSort, toQuery, writeSearch, type SearchFields } from './search';

const isFolder = (value: string | undefined): value is TFolder => (FOLDERS as readonly string[]).includes(value ?? '');

export default function MessageListPage() {
  const { folder: folderParam, labelId } = useParams();
  if (folderParam !== undefined && !isFolder(folderParam)) return <NotFoundContent />;
  const folder: TFolder = folderParam ?? 'inbox';
  return <FolderView key={labelId ?? folder} folder={folder} labelId={labelId ?? null} />;
}

function FolderView({ folder, labelId }: { folder: TFolder; labelId: string | null }) {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const labels = useLabels();
  const fields = useMemo(() => readSearch(params), [params]);
  const sort = readSort(params);
  const query = useMemo(() => toQuery(folder, labelId, fields, sort), [folder, labelId, fields, sort]);
  const messages = useMessages(query);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [selectionFor, setSelectionFor] = useState(params.toString());

  // A new search starts with nothing selected.
  if (selectionFor !== params.toString()) {
    setSelectionFor(params.toString());
    setSelected(new Set());
  }

  const label = labelId ? labels.data?.find((l) => l.id === labelId) : undefined;
  const title = labelId ? (label?.name ?? t('mail.labels.title')) : t(`mail.folders.${folder}`);
  usePageTitle(title);

  const items = messages.data?.pages.flatMap((p) => p.items) ?? [];
  const count = listCount(items.length, messages.data?.pages[0], i18n.language);
  const acrossFolders = Boolean(labelId) || fields.all;
  const searching = isSearching(fields);

  const search = (next: SearchFields, nextSort: TMessageSort = sort) => setParams(writeSearch(next, nextSort), { replace: true });
  const toggle = (id: string, checked: boolean) =>
    setSelected((s) => {
      const next = new Set(s);
      if (checked) next.add(id);
      else next.delete(id);
      return next;
    });

  const empty = searching ? (
    <EmptyMessage title={t('mail.list.noMatchTitle')}>{t('mail.list.noMatch')}</EmptyMessage>
  ) : (
    <EmptyMessage title={t('mail.list.emptyTitle')}>{t(`mail.list.empty.${labelId ? 'label' : folder}`)}</EmptyMessage>
  );

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <div>
          <Title order={1} data-testid="mail-title">
            {title}
          </Title>
          {folder === 'trash' && !labelId ? (
            <Text size="sm" c="dimmed">
              {t('mail.list.trashRetention', { n: TRASH_RETENTION_DAYS })}
            </Text>
          ) : null}
        </div>
        <Select
          label={t('mail.sort.label')}
          data={MESSAGE_SORTS.map((s) => ({ value: s, label: t(`mail.sort.${s}`) }))}
          value={sort}
          allowDeselect={false}
          onChange={(v) => v && search(fields, v as TMessageSort)}
          w={220}
          data-testid="mail-sort"
        />
      </Group>

      <MessageSearch key={`${folder}:${labelId ?? ''}:${params.toString()}`} value={fields} onSearch={(f) => search(f)} labelFixed={Boolean(labelId)} />

      {selected.size > 0 ? (
        <BulkActions
          folder={folder}
          acrossFolders={acrossFolders}
          selected={[...selected]}
          labels={labels.data ?? []}
          currentLabel={labelId}
          onDone={() => setSelected(new Set())}
        />
      ) : null}

      <div aria-live="polite" aria-busy={messages.isFetching}>
        <QueryState query={messages} isEmpty={items.length === 0} empty={empty}>
          <Stack gap="sm">
            <MessageTable
              items={items}
              folder={folder}
              showFolder={acrossFolders}
              labels={labels.data ?? []}
              selected={selected}
              onToggle={toggle}
              onToggleAll={(checked) => setSelected(checked ? new Set(items.map((m) => m.id)) : new Set())}
            />
            <Group justify="center" gap="md">
              <Text size="sm" c="dimmed" data-testid="mail-count">
                {t(count.key, count.values)}
              </Text>
              {messages.hasNextPage ? (
                <Button variant="light" onClick={() => void messages.fetchNextPage()} loading={messages.isFetchingNextPage} data-testid="mail-more">
                  {t('mail.list.more')}
                </Button>
              ) : null}
            </Group>
          </Stack>
        </QueryState>
      </div>
    </Stack>
  );
}
