import { Button, ColorSwatch, Group, Menu, Paper, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { TFolder, TLabel } from '@focal/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../components/ConfirmButton';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useBulkAction, type TMailBulkAction } from './api';

type SimpleAction = Exclude<TMailBulkAction, 'label' | 'unlabel' | 'delete_forever'>;

/** What can be done with a selection, by where it sits (a label's view spans folders). */
function actionsFor(folder: TFolder, acrossFolders: boolean): { simple: SimpleAction[]; label: boolean; forever: boolean } {
  if (acrossFolders) return { simple: ['archive', 'inbox', 'trash', 'read', 'unread'], label: true, forever: false };
  switch (folder) {
    case 'inbox':
      return { simple: ['archive', 'trash', 'read', 'unread'], label: true, forever: false };
    case 'archive':
      return { simple: ['inbox', 'trash', 'read', 'unread'], label: true, forever: false };
    case 'sent':
      return { simple: ['archive', 'trash'], label: true, forever: false };
    case 'drafts':
      return { simple: [], label: false, forever: true };
    case 'trash':
      return { simple: ['restore'], label: false, forever: true };
  }
}

export interface BulkActionsProps {
  folder: TFolder;
  acrossFolders: boolean;
  selected: string[];
  labels: TLabel[];
  /** The label whose view is open, which can be taken off the selection. */
  currentLabel: string | null;
  onDone: () => void;
}

export function BulkActions({ folder, acrossFolders, selected, labels, currentLabel, onDone }: BulkActionsProps) {
  const { t } = useTranslation();
  const bulk = useBulkAction();
  const [confirmForever, setConfirmForever] = useState(false);
  const { simple, label, forever } = actionsFor(folder, acrossFolders);

  const run = async (action: TMailBulkAction, labelId?: string) => {
    try {
      const result = await bulk.mutateAsync({ ids: selected, action, labelId });
      notifications.show({ color: 'teal', message: t('mail.bulk.done', { n: result.changed }) });
      setConfirmForever(false);
      onDone();
    } catch {
      // The error shows below the toolbar (or in the dialog).
    }
  };

  return (
    <Paper withBorder p="xs" radius="md" data-testid="mail-bulk">
      <Group gap="xs" wrap="wrap">
        <Text size="sm" fw={600} px="xs" aria-live="polite">
          {t('mail.bulk.selected', { n: selected.length })}
        </Text>
        {simple.map((action) => (
          <Button key={action} size="xs" variant="light" onClick={() => void run(action)} loading={bulk.isPending && bulk.variables?.action === action} data-testid={`mail-bulk-${action}`}>
            {t(`mail.bulk.${action}`)}
          </Button>
        ))}
        {label && labels.length > 0 ? (
          <Menu withinPortal position="bottom-start">
            <Menu.Target>
              <Button size="xs" variant="light" data-testid="mail-bulk-label">
                {t('mail.bulk.label')}
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              {labels.map((l) => (
                <Menu.Item key={l.id} leftSection={<ColorSwatch size={10} color={`var(--mantine-color-${l.color}-6)`} />} onClick={() => void run('label', l.id)}>
                  {l.name}
                </Menu.Item>
              ))}
            </Menu.Dropdown>
          </Menu>
        ) : null}
        {currentLabel ? (
          <Button size="xs" variant="light" onClick={() => void run('unlabel', currentLabel)} data-testid="mail-bulk-unlabel">
            {t('mail.bulk.unlabel')}
          </Button>
        ) : null}
        {forever ? (
          <Button size="xs" color="red" variant="light" onClick={() => setConfirmForever(true)} data-testid="mail-bulk-delete_forever">
            {t('mail.bulk.delete_forever')}
          </Button>
        ) : null}
      </Group>
      {!confirmForever ? <ErrorAlert error={bulk.error} /> : null}
      <ConfirmDialog
        opened={confirmForever}
        title={t('mail.bulk.foreverTitle')}
        message={t('mail.bulk.foreverMessage', { n: selected.length })}
        confirmLabel={t('mail.bulk.delete_forever')}
        cancelLabel={t('common.cancel')}
        onCancel={() => setConfirmForever(false)}
        onConfirm={() => void run('delete_forever')}
        busy={bulk.isPending}
        error={bulk.error}
      />
    </Paper>
  );
}
