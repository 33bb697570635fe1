import { Anchor, Badge, Group, Text, Tooltip } from '@mantine/core';
import { isEdgeSchema, propertyOf, schemaOf, type TEntity } from '@focal/shared';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useCountryNames } from '../../components/useReference';
import { formProperties, propertyLabel } from './entityForm';
import { relationEnds, shownCaption } from './graph';

/** Entities of the case by FtM id, for showing references by name. */
export type EntityIndex = Map<string, TEntity>;

export function indexEntities(entities: readonly TEntity[]): EntityIndex {
  return new Map(entities.map((e) => [e.ftmId, e]));
}

/** The reading direction for an entity's name: its own for a caption, the page's for a relation's sentence. */
export const nameDir = (schema: string) => (isEdgeSchema(schema) ? undefined : 'auto');

/** An entity's name for people: its caption, or "owner → owns → asset" for a relation. */
export function useEntityName() {
  const { t } = useTranslation();
  const schemaLabel = useSchemaLabel();
  return (entity: TEntity, index: EntityIndex): string => {
    if (!isEdgeSchema(entity.schema)) return shownCaption(entity, schemaLabel);
    const ends = relationEnds(entity, (id) => {
      const end = index.get(id);
      return end ? shownCaption(end, schemaLabel) : undefined;
    });
    // Each part isolated, so names in other scripts keep their place in either reading direction.
    const isolate = (text: string) => `\u2068${text}\u2069`;
    return ends ? t('cases.entities.relationName', { source: isolate(ends.source), label: isolate(t(`cases.graph.edge.${entity.schema}`)), target: isolate(ends.target) }) : entity.caption;
  };
}

/** One value as a reader wants it: a country's name, a referenced entity's name (a link), else the text. */
export function ValueText({ entity, prop, value, index, onOpen, size = 'sm' }: { entity: Pick<TEntity, 'schema'>; prop: string; value: string; index: EntityIndex; onOpen?: (entityId: string) => void; size?: 'xs' | 'sm' }) {
  const countries = useCountryNames();
  const property = propertyOf(entity.schema, prop);
  if (property?.type === 'country') {
    return (
      <Text span size={size}>
        {countries.nameOf(value.toUpperCase())}
      </Text>
    );
  }
  if (property?.type === 'entity') {
    const target = index.get(value);
    if (!target) {
      return (
        <Text span size={size} c="dimmed" ff="monospace">
          {value}
        </Text>
      );
    }
    return onOpen ? (
      <Anchor component="button" type="button" size={size} onClick={() => onOpen(target.id)} dir="auto" data-testid="entity-ref">
        {target.caption}
      </Anchor>
    ) : (
      <Text span size={size} dir="auto">
        {target.caption}
      </Text>
    );
  }
  return (
    <Text span size={size} dir={property?.type === 'iban' || property?.type === 'date' ? 'ltr' : 'auto'} style={{ whiteSpace: property?.type === 'text' ? 'pre-wrap' : undefined, overflowWrap: 'anywhere' }}>
      {value}
    </Text>
  );
}

/** The schema's label in the reader's language. */
export function useSchemaLabel() {
  const { t } = useTranslation();
  // Stable while the language is, so a chart drawn from it is not drawn again on every render.
  return useCallback((schema: string) => t(`cases.schema.${schema}`, { defaultValue: schemaOf(schema)?.label ?? schema }), [t]);
}

/** A property's label in the reader's language (the model's English for the less common ones). */
export function usePropertyLabel() {
  const { t } = useTranslation();
  return (schema: string, prop: string) => propertyLabel(t, schema, prop);
}

/** Who may see an entity besides its provider: everyone in the case, or some countries. */
export function ReachBadge({ reach }: { reach: string[] | null }) {
  const { t } = useTranslation();
  const countries = useCountryNames();
  if (reach === null) return null;
  const names = reach.map((c) => countries.nameOf(c)).join(', ');
  return (
    <Tooltip label={reach.length ? t('cases.provenance.reachList', { countries: names }) : t('cases.provenance.reachNone')} multiline w={260} withArrow>
      <Badge size="xs" variant="outline" color="orange" data-testid="entity-reach" style={{ flexShrink: 0 }}>
        {t('cases.provenance.restricted')}
      </Badge>
    </Tooltip>
  );
}

/** Evaluation as "B2", with its meaning on hover. */
export function EvaluationBadge({ evaluation }: { evaluation: { source: string; info: number } }) {
  const { t } = useTranslation();
  const label = `${t('mail.evaluation.sourceLabel', { value: evaluation.source })} ${t(`mail.evaluation.source.${evaluation.source}`)} · ${t('mail.evaluation.infoLabel', { value: evaluation.info })} ${t(`mail.evaluation.info.${evaluation.info}`)}`;
  return (
    <Tooltip label={label} multiline w={320} withArrow>
      <Badge size="xs" variant="light" color="gray" aria-label={label} style={{ flexShrink: 0 }}>
        {evaluation.source}
        {evaluation.info}
      </Badge>
    </Tooltip>
  );
}

/** A few telling properties under an entity's name in lists (not the name again, nor a relation's ends). */
export function KeyProperties({ entity, index }: { entity: TEntity; index: EntityIndex }) {
  const label = usePropertyLabel();
  const relation = isEdgeSchema(entity.schema);
  const shown = formProperties(entity.schema)
    .main.filter((p) => entity.properties[p.name]?.length && !(relation && p.type === 'entity'))
    .filter((p) => entity.properties[p.name]?.[0]?.value !== entity.caption)
    .slice(0, 3);
  if (shown.length === 0) return null;
  return (
    <Group gap="sm" wrap="wrap">
      {shown.map((p) => {
        const values = entity.properties[p.name] ?? [];
        return (
          <Text key={p.name} span size="xs" c="dimmed">
            <bdi>{label(entity.schema, p.name)}</bdi>
            {': '}
            <bdi>
              <ValueText entity={entity} prop={p.name} value={values[0]?.value ?? ''} index={index} size="xs" />
            </bdi>
            {values.length > 1 ? ` +${values.length - 1}` : ''}
          </Text>
        );
      })}
    </Group>
  );
}
