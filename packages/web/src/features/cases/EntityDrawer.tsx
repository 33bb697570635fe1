import { ActionIcon, Alert, Anchor, Button, Divider, Drawer, Group, Paper, Select, Stack, Table, Text, Title, useDirection } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { editableProperties, isEdgeSchema, propertyOf, schemaOf, type TCaseDetail, type TEntity } from '@focal/shared';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { useMe } from '../../api/hooks';
import { ConfirmButton, ConfirmDialog } from '../../components/ConfirmButton';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDate, formatDateTime } from '../../components/format';
import { HandlingBadge } from '../mail/MessageBadges';
import { personName } from '../mail/format';
import { useDeleteEntity, useEntityHistory, useUpdateEntity, type Provenance, type TEntityChange } from './api';
import { CountryTag } from './CaseBadges';
import { DEFAULT_PROVENANCE, ProvenanceFields } from './ClassificationInputs';
import { checkValues, propertyLabel, serverErrors, type FormErrors } from './entityForm';
import { EvaluationBadge, nameDir, ReachBadge, useEntityName, useSchemaLabel, ValueText, type EntityIndex } from './EntityView';
import { OtherErrors, PropertyField } from './PropertyInputs';
import { EntityMatches } from '../matching/EntityMatches';

interface DrawerProps {
  detail: TCaseDetail;
  entity: TEntity | undefined;
  entities: TEntity[];
  index: EntityIndex;
  opened: boolean;
  onClose: () => void;
  onOpen: (entityId: string) => void;
}

/** Properties in the schema's order (featured first), then any the model does not list. */
function orderedProperties(entity: TEntity): string[] {
  const order = (schemaOf(entity.schema)?.properties ?? []).map((p) => p.name);
  const present = Object.keys(entity.properties).filter((p) => (entity.properties[p]?.length ?? 0) > 0);
  return [...order.filter((p) => present.includes(p)), ...present.filter((p) => !order.includes(p))];
}

function RemoveValue({ detail, entity, prop, value }: { detail: TCaseDetail; entity: TEntity; prop: string; value: string }) {
  const { t } = useTranslation();
  const update = useUpdateEntity(detail.id);
  const [opened, setOpened] = useState(false);
  const label = propertyLabel(t, entity.schema, prop);
  const confirm = async () => {
    try {
      await update.mutateAsync({ entityId: entity.id, add: {}, remove: { [prop]: [value] }, ...DEFAULT_PROVENANCE });
      setOpened(false);
    } catch {
      // Shown in the dialog.
    }
  };
  return (
    <>
      <ActionIcon variant="subtle" color="red" size="sm" aria-label={t('cases.entities.removeValue', { property: label, value })} onClick={() => setOpened(true)} data-testid="entity-value-remove">
        <span aria-hidden="true">✕</span>
      </ActionIcon>
      <ConfirmDialog
        opened={opened}
        title={t('cases.entities.removeValueTitle')}
        message={t('cases.entities.removeValueMessage', { property: label, value })}
        confirmLabel={t('cases.entities.removeValueConfirm')}
        cancelLabel={t('common.cancel')}
        onCancel={() => setOpened(false)}
        onConfirm={() => void confirm()}
        busy={update.isPending}
        error={update.error}
      />
    </>
  );
}

function PropertiesTable({ detail, entity, index, onOpen }: { detail: TCaseDetail; entity: TEntity; index: EntityIndex; onOpen: (id: string) => void }) {
  const { t, i18n } = useTranslation();
  const me = useMe();
  return (
    <Table verticalSpacing={6} data-testid="entity-properties">
      <Table.Tbody>
        {orderedProperties(entity).map((prop) => (
          <Table.Tr key={prop} data-testid="entity-property" data-prop={prop}>
            <Table.Th scope="row" w={170} fw={600} c="dimmed" fz="sm" style={{ verticalAlign: 'top' }}>
              {propertyLabel(t, entity.schema, prop)}
            </Table.Th>
            <Table.Td>
              <Stack gap={6}>
                {(entity.properties[prop] ?? []).map((v) => (
                  <div key={`${v.value}:${v.ownerCountry}`} data-testid="entity-value" data-value={v.value} data-owner={v.ownerCountry}>
                    <Group gap={6} wrap="nowrap" justify="space-between" align="flex-start">
                      <ValueText entity={entity} prop={prop} value={v.value} index={index} onOpen={onOpen} />
                      {v.ownerCountry === me?.country ? <RemoveValue detail={detail} entity={entity} prop={prop} value={v.value} /> : null}
                    </Group>
                    <Group gap={4} wrap="wrap" mt={2} aria-label={t('cases.entities.provenanceOf')}>
                      <CountryTag code={v.ownerCountry} withName={false} size="xs" />
                      <HandlingBadge code={v.handlingCode} size="xs" />
                      <EvaluationBadge evaluation={v.evaluation} />
                      <Text span size="xs" c="dimmed">
                        {formatDate(v.addedAt, i18n.language, me?.timeZone)}
                      </Text>
                    </Group>
                  </div>
                ))}
              </Stack>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** Adds values to one property, with the adder's own conditions. */
function AddValue({ detail, entity, entities }: { detail: TCaseDetail; entity: TEntity; entities: TEntity[] }) {
  const { t } = useTranslation();
  const update = useUpdateEntity(detail.id);
  const [open, setOpen] = useState(false);
  const [prop, setProp] = useState<string | null>(null);
  const [values, setValues] = useState<string[]>([]);
  const [errors, setErrors] = useState<FormErrors>({});
  const [provenance, setProvenance] = useState<Provenance>(DEFAULT_PROVENANCE);
  const options = useMemo(() => editableProperties(entity.schema).map((p) => ({ value: p.name, label: propertyLabel(t, entity.schema, p.name) })), [entity.schema, t]);
  const property = prop ? propertyOf(entity.schema, prop) : undefined;

  const reset = () => {
    setProp(null);
    setValues([]);
    setErrors({});
    setProvenance(DEFAULT_PROVENANCE);
    update.reset();
  };
  const submit = async () => {
    if (!prop) return;
    const checked = checkValues(entity.schema, { [prop]: values }, entities, false);
    if (!checked.ok || !checked.properties[prop]) {
      setErrors(checked.ok ? { [prop]: { reason: 'empty' } } : checked.errors);
      return;
    }
    try {
      await update.mutateAsync({ entityId: entity.id, add: checked.properties, remove: {}, ...provenance });
      notifications.show({ color: 'teal', message: t('cases.entities.valueAdded') });
      reset();
      setOpen(false);
    } catch (error) {
      if (error instanceof ApiError && error.code === 'validation_failed') setErrors(serverErrors(error.fields));
    }
  };

  if (!open) {
    return (
      <Group>
        <Button variant="light" size="xs" onClick={() => setOpen(true)} data-testid="entity-add-value">
          {t('cases.entities.addValue')}
        </Button>
      </Group>
    );
  }
  return (
    <Paper withBorder p="sm" radius="md" data-testid="entity-add-value-form">
      <Stack gap="sm">
        <Title order={3} size="h5">
          {t('cases.entities.addValue')}
        </Title>
        <Select
          label={t('cases.entities.property')}
          data={options}
          value={prop}
          onChange={(next) => {
            setProp(next);
            setValues([]);
            setErrors({});
          }}
          searchable
          nothingFoundMessage={t('common.nothingFound')}
          data-testid="entity-add-value-property"
        />
        {property ? <PropertyField property={property} values={values} onChange={setValues} entities={entities.filter((e) => e.id !== entity.id)} errors={errors[property.name]} /> : null}
        <ProvenanceFields value={provenance} onChange={setProvenance} countries={detail.countries.map((c) => c.country)} testId="value-provenance" error={errors.reach ? t('cases.reasons.not_participant') : undefined} />
        <OtherErrors errors={errors} shown={new Set([prop ?? '', 'reach'])} />
        <ErrorAlert error={update.error instanceof ApiError && update.error.code === 'validation_failed' ? null : update.error} />
        <Group justify="flex-end">
          <Button
            variant="default"
            size="xs"
            onClick={() => {
              reset();
              setOpen(false);
            }}
          >
            {t('common.cancel')}
          </Button>
          <Button size="xs" onClick={() => void submit()} disabled={!prop} loading={update.isPending} data-testid="entity-add-value-submit">
            {t('cases.entities.addValueSubmit')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

function changeText(t: (key: string, options?: Record<string, unknown>) => string, change: TEntityChange, schema: string): string {
  const property = change.prop ? propertyLabel(t, schema, change.prop) : '';
  return t(`cases.history.${change.change}`, { property, value: change.value ?? '' });
}

function History({ detail, entity }: { detail: TCaseDetail; entity: TEntity }) {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const [open, setOpen] = useState(false);
  const history = useEntityHistory(detail.id, entity.id, open);
  return (
    <Stack gap="xs">
      <Group>
        <Button variant="subtle" size="xs" onClick={() => setOpen((o) => !o)} aria-expanded={open} data-testid="entity-history-toggle">
          {open ? t('cases.history.hide') : t('cases.history.show')}
        </Button>
      </Group>
      {open ? (
        history.isLoading ? (
          <Text size="sm" c="dimmed">
            {t('common.loading')}
          </Text>
        ) : history.error ? (
          <ErrorAlert error={history.error} />
        ) : (
          <Stack gap={4} data-testid="entity-history">
            {[...(history.data ?? [])].reverse().map((c, i) => (
              <Group key={i} gap="xs" wrap="nowrap" align="flex-start" data-testid="entity-history-item" data-change={c.change}>
                <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                  {formatDateTime(c.at, i18n.language, me?.timeZone)}
                </Text>
                <Text size="xs">
                  <Text span fw={600} size="xs">
                    {c.actor ? personName(c.actor) : t('cases.history.system')}
                  </Text>
                  {' · '}
                  <CountryTag code={c.ownerCountry} withName={false} size="xs" />{' '}
                  <Text span size="xs" dir="auto">
                    {changeText(t, c, entity.schema)}
                  </Text>
                </Text>
              </Group>
            ))}
          </Stack>
        )
      ) : null}
    </Stack>
  );
}

/** Relations in the case that name this entity: its owners, what it owns, payments, … */
function Relations({ entity, entities, index, onOpen }: { entity: TEntity; entities: TEntity[]; index: EntityIndex; onOpen: (id: string) => void }) {
  const { t } = useTranslation();
  const name = useEntityName();
  const related = entities.filter((e) => isEdgeSchema(e.schema) && e.id !== entity.id && Object.values(e.properties).some((values) => values.some((v) => v.value === entity.ftmId)));
  if (related.length === 0) return null;
  return (
    <Stack gap={4} data-testid="entity-relations">
      <Title order={3} size="h5">
        {t('cases.entities.relations')}
      </Title>
      {related.map((r) => (
        <Anchor key={r.id} component="button" type="button" size="sm" ta="start" onClick={() => onOpen(r.id)}>
          {name(r, index)}
        </Anchor>
      ))}
    </Stack>
  );
}

function DeleteEntity({ detail, entity, onDeleted }: { detail: TCaseDetail; entity: TEntity; onDeleted: () => void }) {
  const { t } = useTranslation();
  const remove = useDeleteEntity(detail.id);
  const [conflict, setConflict] = useState(false);
  return (
    <Stack gap="xs">
      <Group>
        <ConfirmButton
          size="xs"
          variant="outline"
          color="red"
          title={t('cases.entities.deleteTitle')}
          message={t('cases.entities.deleteMessage', { caption: entity.caption })}
          confirmLabel={t('cases.entities.deleteConfirm')}
          onConfirm={async () => {
            setConflict(false);
            try {
              await remove.mutateAsync(entity.id);
              notifications.show({ color: 'teal', message: t('cases.entities.deleted', { caption: entity.caption }) });
              onDeleted();
            } catch (error) {
              if (error instanceof ApiError && error.status === 409) {
                setConflict(true);
                return;
              }
              throw error;
            }
          }}
          data-testid="entity-delete"
        >
          {t('cases.entities.delete')}
        </ConfirmButton>
      </Group>
      {conflict ? (
        <Alert color="orange" variant="light" data-testid="entity-delete-conflict">
          {t('cases.entities.deleteConflict')}
        </Alert>
      ) : null}
    </Stack>
  );
}

export function EntityDrawer({ detail, entity, entities, index, opened, onClose, onOpen }: DrawerProps) {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const { dir } = useDirection();
  const name = useEntityName();
  const schemaLabel = useSchemaLabel();
  return (
    <Drawer
      opened={opened}
      onClose={onClose}
      position={dir === 'rtl' ? 'left' : 'right'}
      size="xl"
      title={entity ? schemaLabel(entity.schema) : t('cases.entities.notFoundTitle')}
      data-testid="entity-drawer"
    >
      {!entity ? (
        <Text c="dimmed">{t('cases.entities.notFound')}</Text>
      ) : (
        <Stack gap="md" data-testid="entity-view" data-id={entity.id} data-schema={entity.schema}>
          <div>
            <Title order={2} size="h3" dir={nameDir(entity.schema)} data-testid="entity-caption" style={{ overflowWrap: 'anywhere' }}>
              {name(entity, index)}
            </Title>
            <Group gap={6} mt={6} wrap="wrap">
              <CountryTag code={entity.ownerCountry} />
              <HandlingBadge code={entity.handlingCode} />
              <EvaluationBadge evaluation={entity.evaluation} />
              <ReachBadge reach={entity.reach} />
            </Group>
            <Text size="xs" c="dimmed" mt={4}>
              {t('cases.entities.addedOn', { date: formatDateTime(entity.createdAt, i18n.language, me?.timeZone) })}
            </Text>
          </div>
          <PropertiesTable detail={detail} entity={entity} index={index} onOpen={onOpen} />
          <AddValue key={entity.id} detail={detail} entity={entity} entities={entities} />
          <Relations entity={entity} entities={entities} index={index} onOpen={onOpen} />
          <Divider />
          <EntityMatches key={`m-${entity.id}`} caseId={detail.id} entity={entity} />
          <Divider />
          <History key={`h-${entity.id}`} detail={detail} entity={entity} />
          {entity.ownerCountry === me?.country ? <DeleteEntity detail={detail} entity={entity} onDeleted={onClose} /> : null}
        </Stack>
      )}
    </Drawer>
  );
}
