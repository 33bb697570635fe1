import { ActionIcon, Button, ColorSwatch, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { LABEL_COLORS, type TLabel } from '@focal/shared';
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../components/ConfirmButton';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useCreateLabel, useDeleteLabel, useLabels, type TLabelColor } from './api';
import { SidebarLink } from './SidebarLink';

function NewLabelForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const create = useCreateLabel();
  const [name, setName] = useState('');
  const [color, setColor] = useState<TLabelColor>('blue');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) return;
    try {
      await create.mutateAsync({ name: name.trim(), color });
      setName('');
      onDone();
    } catch {
      // Shown below; the typed name stays.
    }
  };
  return (
    <form onSubmit={submit}>
      <Stack gap={6} px="xs">
        <TextInput size="xs" label={t('mail.labels.name')} value={name} maxLength={40} onChange={(e) => setName(e.currentTarget.value)} data-testid="label-name" autoFocus />
        <Select
          size="xs"
          label={t('mail.labels.color')}
          data={LABEL_COLORS.map((c) => ({ value: c, label: t(`mail.labels.colors.${c}`) }))}
          value={color}
          allowDeselect={false}
          onChange={(v) => v && setColor(v as TLabelColor)}
          leftSection={<ColorSwatch size={12} color={`var(--mantine-color-${color}-6)`} />}
        />
        <ErrorAlert error={create.error} />
        <Group gap="xs" justify="flex-end">
          <Button size="xs" variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button size="xs" type="submit" loading={create.isPending} disabled={!name.trim()} data-testid="label-save">
            {t('mail.labels.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function LabelsSection({ activePlace }: { activePlace: string }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const remove = useDeleteLabel();
  const navigate = useNavigate();
  const [adding, setAdding] = useState(false);
  const [deleting, setDeleting] = useState<TLabel | null>(null);

  const confirmDelete = async () => {
    if (!deleting) return;
    try {
      await remove.mutateAsync(deleting.id);
      if (activePlace === `label/${deleting.id}`) navigate('/mail/inbox');
      setDeleting(null);
    } catch {
      // The dialog shows the error.
    }
  };

  return (
    <Stack gap={4}>
      <Group justify="space-between" px="xs" wrap="nowrap">
        <Text size="xs" fw={700} tt="uppercase" c="dimmed" id="mail-labels-heading">
          {t('mail.labels.title')}
        </Text>
        {!adding ? (
          <Button size="compact-xs" variant="subtle" onClick={() => setAdding(true)} data-testid="label-add">
            {t('mail.labels.add')}
          </Button>
        ) : null}
      </Group>
      {adding ? <NewLabelForm onDone={() => setAdding(false)} /> : null}
      <div role="list" aria-labelledby="mail-labels-heading">
        {(labels.data ?? []).map((label) => (
          <Group key={label.id} gap={0} wrap="nowrap" role="listitem">
            <div style={{ flex: 1, minWidth: 0 }}>
              <SidebarLink
                to={`/mail/label/${label.id}`}
                label={
                  <Group gap={8} wrap="nowrap">
                    <ColorSwatch size={10} color={`var(--mantine-color-${label.color}-6)`} />
                    <Text size="sm" truncate>
                      {label.name}
                    </Text>
                  </Group>
                }
                active={activePlace === `label/${label.id}`}
                testId="mail-label"
              />
            </div>
            <ActionIcon variant="subtle" color="gray" size="sm" aria-label={t('mail.labels.delete', { name: label.name })} onClick={() => setDeleting(label)}>
              <span aria-hidden="true">✕</span>
            </ActionIcon>
          </Group>
        ))}
      </div>
      {labels.data && labels.data.length === 0 && !adding ? (
        <Text size="xs" c="dimmed" px="xs">
          {t('mail.labels.none')}
        </Text>
      ) : null}
      <ConfirmDialog
        opened={deleting !== null}
        title={t('mail.labels.deleteTitle')}
        message={t('mail.labels.deleteMessage', { name: deleting?.name ?? '' })}
        confirmLabel={t('mail.labels.deleteConfirm')}
        cancelLabel={t('common.cancel')}
        onCancel={() => setDeleting(null)}
        onConfirm={() => void confirmDelete()}
        busy={remove.isPending}
        error={remove.error}
      />
    </Stack>
  );
}
