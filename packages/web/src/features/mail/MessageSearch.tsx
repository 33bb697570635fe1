import { Button, Collapse, Group, Paper, Select, SimpleGrid, Switch, TextInput } from '@mantine/core';
import { HANDLING_CODES, type THandlingCode } from '@focal/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLabels } from './api';
import { EMPTY_SEARCH, type SearchFields } from './search';

export interface MessageSearchProps {
  value: SearchFields;
  onSearch: (fields: SearchFields) => void;
  /** In a label's view the label is fixed, and every folder is searched already. */
  labelFixed?: boolean;
}

/** Words, then more filters on demand: sender, recipient, handling code, dates, unread, label, all folders. */
export function MessageSearch({ value, onSearch, labelFixed = false }: MessageSearchProps) {
  const { t } = useTranslation();
  const labels = useLabels();
  const [draft, setDraft] = useState<SearchFields>(value);
  const advancedInUse = Boolean(value.from || value.to || value.code || value.after || value.before || value.label || value.unread || value.all);
  const [open, setOpen] = useState(advancedInUse);
  const set = <K extends keyof SearchFields>(key: K, v: SearchFields[K]) => setDraft((d) => ({ ...d, [key]: v }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSearch(draft);
  };
  const clear = () => {
    setDraft(EMPTY_SEARCH);
    onSearch(EMPTY_SEARCH);
  };

  return (
    <Paper withBorder p="sm" radius="md" component="form" role="search" aria-label={t('mail.search.region')} onSubmit={submit}>
      <Group gap="xs" align="flex-end" wrap="wrap">
        <TextInput
          style={{ flex: 1, minWidth: 200 }}
          label={t('mail.search.words')}
          type="search"
          value={draft.q}
          onChange={(e) => set('q', e.currentTarget.value)}
          data-testid="mail-search-words"
        />
        <Button type="submit" data-testid="mail-search-submit">
          {t('mail.search.submit')}
        </Button>
        <Button variant="subtle" onClick={() => setOpen((o) => !o)} aria-expanded={open} aria-controls="mail-search-more">
          {open ? t('mail.search.fewer') : t('mail.search.more')}
        </Button>
        <Button variant="subtle" color="gray" onClick={clear}>
          {t('mail.search.clear')}
        </Button>
      </Group>
      <Collapse expanded={open} id="mail-search-more">
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} mt="sm">
          <TextInput label={t('mail.search.from')} value={draft.from} onChange={(e) => set('from', e.currentTarget.value)} data-testid="mail-search-from" />
          <TextInput label={t('mail.search.to')} value={draft.to} onChange={(e) => set('to', e.currentTarget.value)} />
          <Select
            label={t('mail.fields.handlingCode')}
            clearable
            placeholder={t('common.any')}
            data={HANDLING_CODES.map((c) => ({ value: c, label: `${c} — ${t(`mail.handling.short.${c}`)}` }))}
            value={draft.code}
            onChange={(v) => set('code', (v as THandlingCode | null) ?? null)}
          />
          <TextInput label={t('mail.search.after')} type="date" value={draft.after} onChange={(e) => set('after', e.currentTarget.value)} />
          <TextInput label={t('mail.search.before')} type="date" value={draft.before} onChange={(e) => set('before', e.currentTarget.value)} />
          {!labelFixed ? (
            <Select
              label={t('mail.search.label')}
              clearable
              placeholder={t('common.any')}
              data={(labels.data ?? []).map((l) => ({ value: l.id, label: l.name }))}
              value={draft.label}
              onChange={(v) => set('label', v)}
              nothingFoundMessage={t('mail.labels.none')}
            />
          ) : null}
        </SimpleGrid>
        <Group mt="sm" gap="lg">
          <Switch label={t('mail.search.unreadOnly')} checked={draft.unread} onChange={(e) => set('unread', e.currentTarget.checked)} />
          {!labelFixed ? (
            <Switch
              label={t('mail.search.allFolders')}
              description={t('mail.search.allFoldersHelp')}
              checked={draft.all}
              onChange={(e) => set('all', e.currentTarget.checked)}
              data-testid="mail-search-all"
            />
          ) : null}
        </Group>
      </Collapse>
    </Paper>
  );
}
