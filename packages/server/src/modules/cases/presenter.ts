import type { TEntity } from '@focal/shared';
import type { EntityRow } from './entities.js';

export function presentEntity({ entity, values }: EntityRow): TEntity {
  const properties: TEntity['properties'] = {};
  for (const v of values) {
    (properties[v.prop] ??= []).push({
      value: v.value,
      ownerCountry: v.owner_country,
      handlingCode: v.handling_code as TEntity['handlingCode'],
      conditions: v.conditions,
      evaluation: { source: v.evaluation_source as TEntity['evaluation']['source'], info: v.evaluation_info },
      addedAt: v.added_at.toISOString(),
    });
  }
  return {
    id: entity.id,
    ftmId: entity.ftm_id,
    schema: entity.schema,
    caption: entity.caption,
    ownerCountry: entity.owner_country,
    handlingCode: entity.handling_code as TEntity['handlingCode'],
    conditions: entity.conditions,
    evaluation: { source: entity.evaluation_source as TEntity['evaluation']['source'], info: entity.evaluation_info },
    reach: entity.reach,
    blind: entity.blind,
    properties,
    createdAt: entity.created_at.toISOString(),
    updatedAt: entity.updated_at.toISOString(),
  };
}
