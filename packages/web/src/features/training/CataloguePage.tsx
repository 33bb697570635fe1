import { Anchor, Badge, Button, FileButton, Group, Modal, NumberInput, Paper, Progress, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import type { TTrainingModule } from '@focal/shared';
import { useState, type ComponentProps, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { useMe } from '../../api/hooks';
import { ConfirmButton } from '../../components/ConfirmButton';
import { isSecretariat } from '../../components/roles';
import { EmptyMessage } from '../../components/EmptyMessage';
import { ErrorAlert } from '../../components/ErrorAlert';
import { QueryState } from '../../components/QueryState';
import { usePageTitle } from '../../components/usePageTitle';
import { formatBytes } from '../mail/format';
import { materialUrl, uploadMaterial, useModules, useRemoveMaterial, useSaveModule } from './api';
import { formatHours } from './format';
import { trainingKeys } from './keys';
import { TrainingTabs } from './parts';

function ModuleForm({ module, onDone }: { module?: TTrainingModule; onDone: () => void }) {
  const { t } = useTranslation();
  const save = useSaveModule();
  const [title, setTitle] = useState(module?.title ?? '');
  const [objectives, setObjectives] = useState(module?.objectives ?? '');
  const [hours, setHours] = useState<number | string>(module ? module.durationMinutes / 60 : 6);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    await save.mutateAsync({ id: module?.id, body: { title: title.trim(), objectives: objectives.trim(), durationHours: Number(hours) } }).then(onDone, () => undefined);
  };
  return (
    <Stack component="form" onSubmit={(e: FormEvent) => void submit(e)} data-testid="module-form">
      <TextInput label={t('training.catalogue.moduleTitle')} value={title} onChange={(e) => setTitle(e.currentTarget.value)} required maxLength={200} data-testid="module-title" />
      <Textarea label={t('training.catalogue.objectives')} description={t('training.catalogue.objectivesHelp')} value={objectives} onChange={(e) => setObjectives(e.currentTarget.value)} autosize minRows={3} maxLength={4000} />
      <NumberInput label={t('training.catalogue.duration')} description={t('training.catalogue.durationHelp')} value={hours} onChange={setHours} min={0.5} max={200} step={0.5} decimalScale={1} required w={200} />
      <ErrorAlert error={save.error} />
      <Group justify="flex-end">
        <Button variant="default" onClick={onDone}>
          {t('common.cancel')}
        </Button>
        <Button type="submit" loading={save.isPending} data-testid="module-save">
          {t('common.save')}
        </Button>
      </Group>
    </Stack>
  );
}

function MaterialUpload({ module }: { module: TTrainingModule }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [progress, setProgress] = useState<{ name: string; value: number } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const send = async (file: File | null) => {
    if (!file) return;
    setError(null);
    setProgress({ name: file.name, value: 0 });
    try {
      await uploadMaterial(module.id, file, (value) => setProgress({ name: file.name, value })).promise;
      await client.invalidateQueries({ queryKey: trainingKeys.modules });
    } catch (err) {
      setError(err);
    } finally {
      setProgress(null);
    }
  };
  return (
    <Stack gap={4}>
      <FileButton onChange={(file) => void send(file)} inputProps={{ 'data-testid': 'material-file-input' } as ComponentProps<'input'>}>
        {(props) => (
          <Button {...props} variant="light" size="xs" loading={progress !== null} w="fit-content">
            {t('training.catalogue.addMaterial')}
          </Button>
        )}
      </FileButton>
      {progress ? <Progress value={Math.round(progress.value * 100)} size="sm" animated aria-label={t('training.catalogue.uploading', { name: progress.name })} /> : null}
      <ErrorAlert error={error} />
    </Stack>
  );
}

function ModuleCard({ module }: { module: TTrainingModule }) {
  const { t, i18n } = useTranslation();
  const [editing, setEditing] = useState(false);
  const save = useSaveModule();
  const remove = useRemoveMaterial();
  return (
    <Paper withBorder p="md" radius="md" data-testid="module-card" data-title={module.title} style={module.archived ? { opacity: 0.7 } : undefined}>
      <Stack gap="xs">
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Title order={3} size="h4" dir="auto">
            {module.title}
          </Title>
          <Badge variant="light" style={{ flexShrink: 0 }}>
            {t('training.catalogue.hours', { hours: formatHours(module.durationMinutes, i18n.language) })}
          </Badge>
        </Group>
        {module.archived ? (
          <Badge color="gray" w="fit-content">
            {t('training.catalogue.retired')}
          </Badge>
        ) : null}
        {module.objectives ? (
          <Text size="sm" dir="auto" style={{ whiteSpace: 'pre-wrap' }}>
            {module.objectives}
          </Text>
        ) : null}
        <Text size="sm" fw={600} mt="xs">
          {t('training.catalogue.materials')}
        </Text>
        {module.materials.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('training.catalogue.noMaterials')}
          </Text>
        ) : (
          <Stack gap={4}>
            {module.materials.map((m) => (
              <Group key={m.id} gap="xs" wrap="nowrap" justify="space-between">
                <Anchor href={materialUrl(module.id, m.id)} download={m.name} size="sm" dir="auto" data-testid="material-link">
                  {m.name}
                </Anchor>
                <Group gap="xs" wrap="nowrap">
                  <Text size="xs" c="dimmed">
                    {formatBytes(m.size, i18n.language)}
                  </Text>
                  {module.canEdit ? (
                    <ConfirmButton
                      size="compact-xs"
                      variant="subtle"
                      color="red"
                      title={t('training.catalogue.removeMaterial')}
                      message={t('training.catalogue.removeMaterialConfirm', { name: m.name })}
                      confirmLabel={t('training.catalogue.removeMaterial')}
                      onConfirm={() => remove.mutateAsync({ moduleId: module.id, materialId: m.id })}
                    >
                      {t('training.catalogue.remove')}
                    </ConfirmButton>
                  ) : null}
                </Group>
              </Group>
            ))}
          </Stack>
        )}
        {module.canEdit ? (
          <Group gap="xs" mt="xs" align="flex-start">
            <MaterialUpload module={module} />
            <Button size="xs" variant="default" onClick={() => setEditing(true)}>
              {t('training.catalogue.edit')}
            </Button>
            <Button size="xs" variant="subtle" color="gray" loading={save.isPending} onClick={() => save.mutate({ id: module.id, body: { archived: !module.archived } })}>
              {module.archived ? t('training.catalogue.restore') : t('training.catalogue.retire')}
            </Button>
          </Group>
        ) : null}
      </Stack>
      <Modal opened={editing} onClose={() => setEditing(false)} title={t('training.catalogue.editTitle')} size="lg">
        <ModuleForm module={module} onDone={() => setEditing(false)} />
      </Modal>
    </Paper>
  );
}

export default function CataloguePage() {
  const { t } = useTranslation();
  usePageTitle(t('training.tabs.catalogue'));
  const modules = useModules();
  const [adding, setAdding] = useState(false);
  const items = modules.data ?? [];
  const me = useMe();
  const canEdit = me ? isSecretariat(me.roles) : false;
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <div>
          <Title order={1}>{t('training.title')}</Title>
          <Text c="dimmed">{t('training.catalogue.intro')}</Text>
        </div>
        {canEdit ? (
          <Button onClick={() => setAdding(true)} data-testid="module-new">
            {t('training.catalogue.add')}
          </Button>
        ) : null}
      </Group>
      <TrainingTabs />
      <QueryState query={modules} isEmpty={items.length === 0} empty={<EmptyMessage title={t('training.catalogue.empty')} />}>
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          {items.map((m) => (
            <ModuleCard key={m.id} module={m} />
          ))}
        </SimpleGrid>
      </QueryState>
      <Modal opened={adding} onClose={() => setAdding(false)} title={t('training.catalogue.add')} size="lg">
        <ModuleForm onDone={() => setAdding(false)} />
      </Modal>
    </Stack>
  );
}
