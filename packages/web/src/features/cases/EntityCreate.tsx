import { Alert, Button, Collapse, Divider, Group, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { CASE_SCHEMATA, EDGE_SCHEMATA, schemaOf, type TCaseDetail, type TEntity } from '@focal/shared';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useCreateEntity, type Provenance } from './api';
import { DEFAULT_PROVENANCE, ProvenanceFields } from './ClassificationInputs';
import { checkValues, formProperties, labelOf, serverErrors, type FormErrors, type FormValues } from './entityForm';
import { entityGroup, ENTITY_GROUPS } from './format';
import { indexEntities, useEntityName } from './EntityView';
import { OtherErrors, PropertyFields } from './PropertyInputs';

/** The schema list, grouped as the entities list is (people, companies, accounts, assets, relations). */
export function useSchemaOptions() {
  const { t } = useTranslation();
  return useMemo(
    () =>
      ENTITY_GROUPS.map((group) => ({
        group: t(`cases.entities.groups.${group}`),
        items: CASE_SCHEMATA.filter((s) => entityGroup(s) === group).map((s) => ({ value: s, label: t(`cases.schema.${s}`) })),
      })),
    [t],
  );
}

function EntityForm({ detail, entities, onDone }: { detail: TCaseDetail; entities: TEntity[]; onDone: () => void }) {
  const { t } = useTranslation();
  const create = useCreateEntity(detail.id);
  const schemaOptions = useSchemaOptions();
  const entityName = useEntityName();
  const [schema, setSchema] = useState<string | null>(null);
  const [values, setValues] = useState<FormValues>({});
  const [errors, setErrors] = useState<FormErrors>({});
  const [provenance, setProvenance] = useState<Provenance>(DEFAULT_PROVENANCE);
  const [showMore, setShowMore] = useState(false);
  const [find, setFind] = useState('');
  const props = useMemo(() => (schema ? formProperties(schema) : { main: [], more: [] }), [schema]);
  const required = schema ? (schemaOf(schema)?.required ?? []) : [];
  const isRelation = schema ? (EDGE_SCHEMATA as readonly string[]).includes(schema) : false;
  const needle = find.trim().toLowerCase();
  const more = needle ? props.more.filter((p) => [labelOf(t, p), p.label, p.name].some((text) => text.toLowerCase().includes(needle))) : props.more;
  const filledMore = props.more.filter((p) => (values[p.name] ?? []).some((v) => v.trim())).length;

  const chooseSchema = (next: string | null) => {
    setSchema(next);
    setValues({});
    setErrors({});
    setShowMore(false);
    setFind('');
    create.reset();
  };
  const change = (name: string, list: string[]) => {
    setValues((v) => ({ ...v, [name]: list }));
    setErrors((e) => {
      if (!(name in e)) return e;
      const next = { ...e };
      delete next[name];
      return next;
    });
  };

  const submit = async () => {
    if (!schema) return;
    const checked = checkValues(schema, values, entities, true);
    if (!checked.ok) {
      setErrors(checked.errors);
      if (Object.keys(checked.errors).some((name) => props.more.some((p) => p.name === name))) setShowMore(true);
      return;
    }
    try {
      const entity = await create.mutateAsync({ schema, properties: checked.properties, ...provenance });
      notifications.show({ color: 'teal', message: t('cases.entities.created', { caption: entityName(entity, indexEntities([...entities, entity])) }) });
      onDone();
    } catch (error) {
      if (error instanceof ApiError && error.code === 'validation_failed') setErrors(serverErrors(error.fields));
    }
  };

  const shown = new Set([...props.main, ...props.more].map((p) => p.name));
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
      noValidate
      data-testid="entity-form"
    >
      <Stack gap="md">
        <Select
          label={t('cases.entities.schema')}
          description={t('cases.entities.schemaHelp')}
          data={schemaOptions}
          value={schema}
          onChange={chooseSchema}
          searchable
          nothingFoundMessage={t('common.nothingFound')}
          data-testid="entity-schema"
        />
        {schema ? (
          <>
            {isRelation ? (
              <Alert variant="light" color="blue" data-testid="entity-relation-help">
                {t('cases.entities.relationHelp')}
              </Alert>
            ) : null}
            <PropertyFields properties={props.main} values={values} onChange={change} entities={entities} errors={errors} required={required} />
            {props.more.length > 0 ? (
              <Stack gap="xs">
                <Group>
                  <Button variant="subtle" size="xs" onClick={() => setShowMore((s) => !s)} aria-expanded={showMore} data-testid="entity-more-toggle">
                    {showMore ? t('cases.entities.lessProperties') : t('cases.entities.moreProperties', { n: props.more.length })}
                    {!showMore && filledMore > 0 ? ` · ${t('cases.entities.filled', { n: filledMore })}` : ''}
                  </Button>
                </Group>
                <Collapse expanded={showMore}>
                  <Stack gap="sm">
                    <TextInput label={t('cases.entities.findProperty')} type="search" value={find} onChange={(e) => setFind(e.currentTarget.value)} data-testid="entity-find-property" />
                    <PropertyFields properties={more} values={values} onChange={change} entities={entities} errors={errors} required={required} />
                  </Stack>
                </Collapse>
              </Stack>
            ) : null}
            <Divider label={t('cases.provenance.title')} labelPosition="left" />
            <Text size="sm" c="dimmed">
              {t('cases.provenance.help')}
            </Text>
            <ProvenanceFields value={provenance} onChange={setProvenance} countries={detail.countries.map((c) => c.country)} testId="entity-provenance" error={errors.reach ? t('cases.reasons.not_participant') : undefined} />
            <OtherErrors errors={errors} shown={new Set([...shown, 'reach'])} />
            <ErrorAlert error={create.error instanceof ApiError && create.error.code === 'validation_failed' ? null : create.error} />
            {Object.keys(errors).length > 0 ? (
              <Text size="sm" c="red" role="alert" data-testid="entity-form-invalid">
                {t('cases.entities.fixErrors')}
              </Text>
            ) : null}
          </>
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" disabled={!schema} loading={create.isPending} data-testid="entity-create">
            {t('cases.entities.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function AddEntityButton({ detail, entities }: { detail: TCaseDetail; entities: TEntity[] }) {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  return (
    <>
      <Button onClick={() => setOpened(true)} data-testid="entity-add">
        {t('cases.entities.add')}
      </Button>
      <Modal opened={opened} onClose={() => setOpened(false)} title={t('cases.entities.addTitle')} size="xl" closeOnClickOutside={false}>
        {opened ? <EntityForm detail={detail} entities={entities} onDone={() => setOpened(false)} /> : null}
      </Modal>
    </>
  );
}
