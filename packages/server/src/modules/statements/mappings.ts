import crypto from 'node:crypto';
import { sql, type Selectable } from 'kysely';
import type { TStatementMapping, TStatementMappingSave } from '@focal/shared';
import type { AppContext, Db } from '../../context.js';
import type { Database } from '../../db/schema.js';
import { authorize, authorizeAction, can, type Actor } from '../../policies/index.js';
import { asUser, type RequestInfo } from '../identity/service.js';
import './policy.js';

type MappingRow = Selectable<Database['statement_mappings']>;

function present(row: MappingRow): TStatementMapping {
  return {
    id: row.id,
    name: row.name,
    bankBic: row.bank_bic,
    layoutKey: row.header_key,
    format: row.format as TStatementMapping['format'],
    updatedAt: row.updated_at.toISOString(),
    lastUsedAt: row.last_used_at?.toISOString() ?? null,
  };
}

const recentFirst = sql`coalesce(last_used_at, updated_at) DESC`;

/** The caller's country's saved mappings, the most recently used first. */
export async function listMappings(db: Db, actor: Actor): Promise<TStatementMapping[]> {
  authorizeAction(actor, 'use', 'statement_mapping');
  const rows = await db.selectFrom('statement_mappings').selectAll().where('owner_country', '=', actor.country).orderBy(recentFirst).limit(500).execute();
  return rows.map(present);
}

/** Saved mappings for a file of this layout (none for someone who may not use mappings). */
export async function mappingsForLayout(db: Db, actor: Actor, layoutKey: string): Promise<TStatementMapping[]> {
  if (!can(actor, 'use', 'statement_mapping', {})) return [];
  const rows = await db.selectFrom('statement_mappings').selectAll().where('owner_country', '=', actor.country).where('header_key', '=', layoutKey).orderBy(recentFirst).limit(20).execute();
  return rows.map(present);
}

/** Saves a bank's layout under a name, for the caller's country; the same name (any case) replaces it. */
export async function saveMapping(ctx: AppContext, actor: Actor, input: TStatementMappingSave, info: RequestInfo): Promise<TStatementMapping> {
  authorizeAction(actor, 'use', 'statement_mapping');
  return ctx.db.transaction().execute(async (trx) => {
    const existing = await trx
      .selectFrom('statement_mappings')
      .selectAll()
      .where('owner_country', '=', actor.country)
      .where(sql<boolean>`lower(name) = lower(${input.name})`)
      .forUpdate()
      .executeTakeFirst();
    const now = new Date();
    const values = { name: input.name, bank_bic: input.bankBic ?? null, header_key: input.layoutKey, format: JSON.stringify(input.format), updated_by: actor.id, updated_at: now, last_used_at: now };
    const row = existing
      ? await trx.updateTable('statement_mappings').set(values).where('id', '=', existing.id).returningAll().executeTakeFirstOrThrow()
      : await trx
          .insertInto('statement_mappings')
          .values({ id: crypto.randomUUID(), owner_country: actor.country, created_by: actor.id, ...values })
          .returningAll()
          .executeTakeFirstOrThrow();
    await ctx.audit.append(trx, asUser(actor, info), { action: 'statement.mapping_saved', targetType: 'statement_mapping', targetId: row.id, country: actor.country, details: { name: row.name, created: !existing } });
    return present(row);
  });
}

export async function deleteMapping(ctx: AppContext, actor: Actor, id: string, info: RequestInfo): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('statement_mappings').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    authorize(actor, 'change', 'statement_mapping', row ? { ownerCountry: row.owner_country } : undefined);
    await trx.deleteFrom('statement_mappings').where('id', '=', id).execute();
    await ctx.audit.append(trx, asUser(actor, info), { action: 'statement.mapping_deleted', targetType: 'statement_mapping', targetId: id, country: actor.country, details: { name: row!.name } });
  });
}

/** A saved mapping was used for an import: it comes first next time. */
export async function markMappingUsed(db: Db, actor: Actor, id: string): Promise<void> {
  if (!can(actor, 'use', 'statement_mapping', {})) return;
  await db.updateTable('statement_mappings').set({ last_used_at: new Date() }).where('id', '=', id).where('owner_country', '=', actor.country).execute();
}
