import type { TEntity } from '@focal/shared';

/** A test entity with every value provided by one country. */
export function entity(id: string, schema: string, properties: Record<string, string[]>, caption = id): TEntity {
  const provenance = { ownerCountry: 'FR', handlingCode: 'H0' as const, conditions: '', evaluation: { source: 'B' as const, info: 2 }, addedAt: '2025-03-01T10:00:00.000Z' };
  return {
    id: `uuid-${id}`,
    ftmId: id,
    schema,
    caption,
    ownerCountry: 'FR',
    handlingCode: 'H0',
    conditions: '',
    evaluation: { source: 'B', info: 2 },
    reach: null,
    blind: false,
    properties: Object.fromEntries(Object.entries(properties).map(([prop, values]) => [prop, values.map((value) => ({ value, ...provenance }))])),
    createdAt: '2025-03-01T10:00:00.000Z',
    updatedAt: '2025-03-01T10:00:00.000Z',
  };
}
