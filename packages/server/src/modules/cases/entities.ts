import crypto from 'node:crypto';
import { sql } from 'kysely';
import type { z } from 'zod';
import { entityCaption, entityErrorMessage, schemaOf, validateEntity, type FtmEntity, type FtmEntityError, type ZEntityCreate, type ZEntityUpdate } from '@focal/shared';
import type { AppContext, Db } from '../../context.js';
import { AppError, badRequest, conflict, notFound } from '../../errors.js';
import { authorize, type Actor } from '../../policies/index.js';
import { asUser, type RequestInfo } from '../identity/service.js';
import { reindexEntities } from '../matching/index-keys.js';
import { canSee, memberAccess, recordEvent, visibleTo, type Access } from './service.js';

export type Provenance = { handlingCode: string; conditions: string; evaluationSource: string; evaluationInfo: number; reach: string[] | null };

/** An H3 item carries its conditions, written out. */
export function checkConditions(provenance: { handlingCode: string; conditions: string }) {
  if (provenance.handlingCode === 'H3' && !provenance.conditions.trim()) throw badRequest('conditions_required', 'An H3 item needs its conditions written out.', { conditions: 'required' });
}
type Properties = Record<string, string[]>;

export type EntityRow = Awaited<ReturnType<typeof visibleEntities>>[number];

/** A new FtM id: 40 hex characters, like the SHA-1 ids FtM tools make. */
export const newFtmId = () => crypto.randomBytes(20).toString('hex');

/** The provider may address only countries that take part in the case. */
export function checkReach(access: Access, reach: string[] | null): string[] | null {
  if (reach === null) return null;
  const unknown = reach.filter((country) => !access.countries.includes(country));
  if (unknown.length) throw badRequest('validation_failed', `Not countries of this case: ${unknown.join(', ')}.`, { reach: 'not_participant' });
  return [...new Set(reach)];
}

function invalidEntity(errors: FtmEntityError[], schema: string): AppError {
  return new AppError(400, 'validation_failed', `The entity is not valid: ${errors.map((e) => entityErrorMessage(e, schema)).join('; ')}.`, {
    fields: Object.fromEntries(errors.map((e) => [e.property ?? 'schema', e.reason])),
  });
}

/** Schemas of the case's entities the caller can see, by FtM id, for checking references. */
async function schemataById(trx: Db, actor: Actor | null, caseId: string, ids: string[]) {
  if (ids.length === 0) return new Map<string, string>();
  let q = trx.selectFrom('entities').select(['ftm_id', 'schema']).where('case_id', '=', caseId).where('ftm_id', 'in', ids);
  if (actor) q = q.where(visibleTo(actor, 'entities.reach', 'entities.owner_country'));
  return new Map((await q.execute()).map((r) => [r.ftm_id, r.schema]));
}

const referencedIds = (schema: string, properties: Properties) => {
  const description = schemaOf(schema);
  if (!description) return [];
  return description.properties.filter((p) => p.type === 'entity').flatMap((p) => properties[p.name] ?? []);
};

/** Inserts one validated entity and its values with the provider's conditions; records the change. */
export async function insertEntity(trx: Db, caseId: string, provider: Provider, ftmId: string, schema: string, properties: Properties, provenance: Provenance) {
  const [id] = await insertEntities(trx, caseId, provider, [{ id: ftmId, schema, properties }], provenance);
  return id!;
}

type Provider = { country: string; userId: string | null };

/**
 * Inserts validated entities in a few multi-row statements (entities, values, history), so an
 * import of a million lines costs three statements per few hundred entities, not per entity.
 * Returns the new row ids in the order given.
 */
export async function insertEntities(trx: Db, caseId: string, provider: Provider, entities: FtmEntity[], provenance: Provenance): Promise<string[]> {
  const now = new Date();
  const rows = entities.map((entity) => ({ id: crypto.randomUUID(), entity }));
  // PostgreSQL allows 65,535 parameters a statement: 13 columns × 2,000 rows stays well below.
  for (let i = 0; i < rows.length; i += 2000) {
    await trx
      .insertInto('entities')
      .values(
        rows.slice(i, i + 2000).map(({ id, entity }) => ({
          id,
          case_id: caseId,
          ftm_id: entity.id,
          schema: entity.schema,
          caption: entityCaption(entity).slice(0, 500),
          owner_country: provider.country,
          handling_code: provenance.handlingCode,
          conditions: provenance.handlingCode === 'H3' ? provenance.conditions : '',
          evaluation_source: provenance.evaluationSource,
          evaluation_info: provenance.evaluationInfo,
          reach: provenance.reach,
          created_by: provider.userId,
          created_at: now,
          updated_at: now,
        })),
      )
      .execute();
  }
  const values = rows.flatMap(({ id, entity }) => Object.entries(entity.properties).flatMap(([prop, list]) => list.map((value) => ({ entityId: id, prop, value }))));
  await insertValueRows(trx, caseId, provider, values, provenance, rows.map(({ id }) => id));
  return rows.map(({ id }) => id);
}

async function insertValueRows(trx: Db, caseId: string, provider: Provider, values: { entityId: string; prop: string; value: string }[], provenance: Provenance, created: string[]) {
  for (let i = 0; i < values.length; i += 4000) {
    await trx
      .insertInto('entity_values')
      .values(
        values.slice(i, i + 4000).map((v) => ({
          entity_id: v.entityId,
          prop: v.prop,
          value: v.value,
          owner_country: provider.country,
          handling_code: provenance.handlingCode,
          conditions: provenance.handlingCode === 'H3' ? provenance.conditions : '',
          evaluation_source: provenance.evaluationSource,
          evaluation_info: provenance.evaluationInfo,
          reach: provenance.reach,
          added_by: provider.userId,
        })),
      )
      .execute();
  }
  const changes = [
    ...created.map((entityId) => ({ entityId, prop: null as string | null, value: null as string | null, change: 'created' as const })),
    ...values.map((v) => ({ ...v, change: 'added' as const })),
  ];
  for (let i = 0; i < changes.length; i += 6000) {
    await trx
      .insertInto('entity_changes')
      .values(changes.slice(i, i + 6000).map((c) => ({ entity_id: c.entityId, case_id: caseId, prop: c.prop, value: c.value, change: c.change, owner_country: provider.country, reach: provenance.reach, actor_id: provider.userId })))
      .execute();
  }
}

export async function createEntity(ctx: AppContext, actor: Actor, caseId: string, input: z.output<typeof ZEntityCreate>, info: RequestInfo) {
  return ctx.db.transaction().execute(async (trx) => {
    const access = await memberAccess(trx, actor, caseId);
    authorize(actor, 'contribute', 'case', access);
    const reach = checkReach(access, input.reach);
    const ftmId = input.ftmId ?? newFtmId();
    const known = await schemataById(trx, actor, caseId, referencedIds(input.schema, input.properties));
    const checked = validateEntity({ id: ftmId, schema: input.schema, properties: input.properties }, { knownEntitySchemata: (id) => known.get(id) });
    if (!checked.ok) throw invalidEntity(checked.errors, input.schema);
    const exists = await trx.selectFrom('entities').select('id').where('case_id', '=', caseId).where('ftm_id', '=', ftmId).executeTakeFirst();
    if (exists) throw conflict('conflict', 'An entity with this id already exists in the case.');
    const provenance = { handlingCode: input.handlingCode, conditions: input.conditions, evaluationSource: input.evaluationSource, evaluationInfo: input.evaluationInfo, reach };
    checkConditions(provenance);
    const id = await insertEntity(trx, caseId, { country: actor.country, userId: actor.id }, ftmId, checked.entity.schema, checked.entity.properties, provenance);
    await reindexEntities(ctx, trx, [id]);
    await recordEvent(ctx, trx, caseId, actor, 'entity_added', { entityId: id, schema: checked.entity.schema, caption: entityCaption(checked.entity) }, reach);
    await trx.updateTable('cases').set({ updated_at: new Date() }).where('id', '=', caseId).execute();
    await ctx.audit.append(trx, asUser(actor, info), { action: 'entity.created', targetType: 'entity', targetId: id, country: actor.country, details: { caseId, schema: checked.entity.schema } });
    return id;
  });
}

/**
 * Adds values with the caller's conditions and removes values the caller's country provided;
 * another country's values stay theirs. The entity must still be valid afterwards.
 */
export async function updateEntity(ctx: AppContext, actor: Actor, caseId: string, entityId: string, input: z.output<typeof ZEntityUpdate>, info: RequestInfo) {
  await ctx.db.transaction().execute(async (trx) => {
    const access = await memberAccess(trx, actor, caseId);
    authorize(actor, 'contribute', 'case', access);
    const entity = await trx.selectFrom('entities').selectAll().where('id', '=', entityId).where('case_id', '=', caseId).forUpdate().executeTakeFirst();
    if (!entity || !canSee(actor, entity)) throw notFound();
    const reach = checkReach(access, input.reach);
    const values = await trx.selectFrom('entity_values').selectAll().where('entity_id', '=', entityId).execute();
    const toRemove = values.filter((v) => (input.remove[v.prop] ?? []).includes(v.value) && v.owner_country === actor.country);
    const missing = Object.entries(input.remove).flatMap(([prop, list]) => list.filter((value) => !toRemove.some((v) => v.prop === prop && v.value === value)).map((value) => `${prop}=${value}`));
    if (missing.length) throw badRequest('validation_failed', 'Only values your country provided can be removed.', { remove: 'not_owned' });
    const after: Properties = {};
    for (const v of values) if (!toRemove.includes(v)) (after[v.prop] ??= []).push(v.value);
    for (const [prop, list] of Object.entries(input.add)) for (const value of list) (after[prop] ??= []).push(value);
    // New references must point at entities the caller can see; existing ones were checked when added.
    const existing: Properties = {};
    for (const v of values) (existing[v.prop] ??= []).push(v.value);
    const known = new Map([
      ...(await schemataById(trx, null, caseId, referencedIds(entity.schema, existing))),
      ...(await schemataById(trx, actor, caseId, referencedIds(entity.schema, input.add))),
    ]);
    const checked = validateEntity({ id: entity.ftm_id, schema: entity.schema, properties: after }, { knownEntitySchemata: (id) => known.get(id) });
    if (!checked.ok) throw invalidEntity(checked.errors, entity.schema);
    // Store the normalised forms of the added values (e.g. a compact IBAN).
    const added: Properties = {};
    for (const [prop, list] of Object.entries(input.add)) {
      const normalised = checked.entity.properties[prop] ?? [];
      added[prop] = list.map((raw) => normalised.find((n) => n.replace(/\s+/g, '').toLowerCase() === raw.replace(/\s+/g, '').toLowerCase()) ?? raw);
    }
    if (toRemove.length) {
      await trx.deleteFrom('entity_values').where('id', 'in', toRemove.map((v) => v.id)).execute();
      await trx
        .insertInto('entity_changes')
        .values(toRemove.map((v) => ({ entity_id: entityId, case_id: caseId, prop: v.prop, value: v.value, change: 'removed' as const, owner_country: v.owner_country, reach: v.reach, actor_id: actor.id })))
        .execute();
    }
    const provenance = { handlingCode: input.handlingCode, conditions: input.conditions, evaluationSource: input.evaluationSource, evaluationInfo: input.evaluationInfo, reach };
    checkConditions(provenance);
    const addedRows = Object.entries(added).flatMap(([prop, list]) => list.map((value) => ({ entityId, prop, value })));
    await insertValueRows(trx, caseId, { country: actor.country, userId: actor.id }, addedRows, provenance, []);
    await trx.updateTable('entities').set({ caption: entityCaption(checked.entity).slice(0, 500), updated_at: new Date() }).where('id', '=', entityId).execute();
    await reindexEntities(ctx, trx, [entityId]);
    const addedCount = Object.values(added).reduce((n, l) => n + l.length, 0);
    await recordEvent(ctx, trx, caseId, actor, 'entity_updated', { entityId, caption: entityCaption(checked.entity), added: addedCount, removed: toRemove.length }, reach);
    await ctx.audit.append(trx, asUser(actor, info), { action: 'entity.updated', targetType: 'entity', targetId: entityId, country: actor.country, details: { caseId, added: addedCount, removed: toRemove.length } });
  });
}

/** The provider deletes its entity, unless another entity still points at it. */
export async function deleteEntity(ctx: AppContext, actor: Actor, caseId: string, entityId: string, info: RequestInfo) {
  await ctx.db.transaction().execute(async (trx) => {
    const access = await memberAccess(trx, actor, caseId);
    authorize(actor, 'contribute', 'case', access);
    const entity = await trx.selectFrom('entities').selectAll().where('id', '=', entityId).where('case_id', '=', caseId).forUpdate().executeTakeFirst();
    if (!entity || !canSee(actor, entity)) throw notFound();
    if (entity.owner_country !== actor.country) throw new AppError(403, 'not_owner', 'Only the country that provided this entity may delete it.');
    const referenced = await trx
      .selectFrom('entity_values')
      .innerJoin('entities', 'entities.id', 'entity_values.entity_id')
      .select('entities.id')
      .where('entities.case_id', '=', caseId)
      .where('entity_values.value', '=', entity.ftm_id)
      .where('entities.id', '!=', entityId)
      .limit(1)
      .executeTakeFirst();
    if (referenced) throw conflict('conflict', 'Other entities refer to this one (relations): delete them first.');
    await trx.deleteFrom('entities').where('id', '=', entityId).execute();
    await trx.insertInto('entity_changes').values({ entity_id: entityId, case_id: caseId, prop: null, value: null, change: 'deleted', owner_country: entity.owner_country, reach: entity.reach, actor_id: actor.id }).execute();
    await recordEvent(ctx, trx, caseId, actor, 'entity_deleted', { entityId, schema: entity.schema, caption: entity.caption }, entity.reach);
    await ctx.audit.append(trx, asUser(actor, info), { action: 'entity.deleted', targetType: 'entity', targetId: entityId, country: actor.country, details: { caseId, schema: entity.schema } });
  });
}

/** The entities and values of a case the caller's country may see. */
export async function visibleEntities(trx: Db, actor: Actor | null, caseId: string, options: { ids?: string[]; afterId?: string; limit?: number } = {}) {
  let q = trx.selectFrom('entities').selectAll().where('case_id', '=', caseId).orderBy('id').limit(options.limit ?? 5000);
  if (actor) q = q.where(visibleTo(actor, 'entities.reach', 'entities.owner_country'));
  if (options.ids) q = q.where('id', 'in', options.ids.length ? options.ids : ['00000000-0000-0000-0000-000000000000']);
  if (options.afterId) q = q.where('id', '>', options.afterId);
  const entities = await q.execute();
  if (entities.length === 0) return [];
  let v = trx.selectFrom('entity_values').selectAll().where('entity_id', 'in', entities.map((e) => e.id)).orderBy('id');
  if (actor) v = v.where(visibleTo(actor, 'entity_values.reach', 'entity_values.owner_country'));
  const values = await v.execute();
  const byEntity = new Map<string, typeof values>();
  for (const value of values) byEntity.set(value.entity_id, [...(byEntity.get(value.entity_id) ?? []), value]);
  return entities.map((entity) => ({ entity, values: byEntity.get(entity.id) ?? [] }));
}

export async function listEntities(ctx: AppContext, actor: Actor, caseId: string, info: RequestInfo) {
  return ctx.db.transaction().execute(async (trx) => {
    const access = await memberAccess(trx, actor, caseId);
    const rows = await visibleEntities(trx, actor, caseId);
    await ctx.audit.append(trx, asUser(actor, info), { action: 'case.entities_listed', targetType: 'case', targetId: caseId, country: access.row.lead_country, details: { rows: rows.length } });
    return rows;
  });
}

export async function entityHistory(ctx: AppContext, actor: Actor, caseId: string, entityId: string, info: RequestInfo) {
  return ctx.db.transaction().execute(async (trx) => {
    await memberAccess(trx, actor, caseId);
    const entity = await trx.selectFrom('entities').selectAll().where('id', '=', entityId).where('case_id', '=', caseId).executeTakeFirst();
    if (!entity || !canSee(actor, entity)) throw notFound();
    const rows = await trx
      .selectFrom('entity_changes')
      .leftJoin('users', 'users.id', 'entity_changes.actor_id')
      .select(['entity_changes.at', 'entity_changes.change', 'entity_changes.prop', 'entity_changes.value', 'entity_changes.owner_country', 'users.id as user_id', 'users.name', 'users.name_latin', 'users.country'])
      .where('entity_changes.entity_id', '=', entityId)
      .where(visibleTo(actor, 'entity_changes.reach', 'entity_changes.owner_country'))
      .orderBy('entity_changes.id')
      .execute();
    await ctx.audit.append(trx, asUser(actor, info), { action: 'entity.history_viewed', targetType: 'entity', targetId: entityId, country: entity.owner_country, details: { caseId } });
    return rows.map((r) => ({
      at: r.at.toISOString(),
      change: r.change,
      prop: r.prop,
      value: r.value,
      ownerCountry: r.owner_country,
      actor: r.user_id ? { id: r.user_id, name: r.name!, nameLatin: r.name_latin!, country: r.country! } : null,
    }));
  });
}

export const entityCount = (db: Db, caseId: string) => db.selectFrom('entities').select(sql<number>`count(*)`.as('n')).where('case_id', '=', caseId).executeTakeFirstOrThrow();

/** The providing country marks its subject "hit/no-hit only": its match keys become keyed hashes. */
export async function setBlind(ctx: AppContext, actor: Actor, caseId: string, entityId: string, blind: boolean, info: RequestInfo) {
  await ctx.db.transaction().execute(async (trx) => {
    const access = await memberAccess(trx, actor, caseId);
    authorize(actor, 'contribute', 'case', access);
    const entity = await trx.selectFrom('entities').selectAll().where('id', '=', entityId).where('case_id', '=', caseId).forUpdate().executeTakeFirst();
    if (!entity || !canSee(actor, entity)) throw notFound();
    if (entity.owner_country !== actor.country) throw new AppError(403, 'not_owner', 'Only the country that provided this entity may change how it is matched.');
    await trx.updateTable('entities').set({ blind }).where('id', '=', entityId).execute();
    await reindexEntities(ctx, trx, [entityId]);
    await ctx.audit.append(trx, asUser(actor, info), { action: 'entity.blind_set', targetType: 'entity', targetId: entityId, country: actor.country, details: { caseId, blind } });
  });
}
