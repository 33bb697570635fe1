import crypto from 'node:crypto';
import { Transform, type Readable } from 'node:stream';
import { sql } from 'kysely';
import type { z } from 'zod';
import type { ZTrainingModuleInput, ZTrainingModuleUpdate, TTrainingModule } from '@focal/shared';
import type { AppContext, Db } from '../../context.js';
import { BlobTooLargeError } from '../../crypto/blob-store.js';
import { AppError, badRequest, notFound } from '../../errors.js';
import { authorizeAction, can, NO_RECORD, type Actor } from '../../policies/index.js';
import { asUser, type RequestInfo } from '../identity/service.js';
import { sanitiseFileName, sniffContentType } from '../messaging/content.js';
import './policy.js';

/**
 * The curriculum catalogue: modules with objectives, duration and course material. Everyone
 * signed in reads it and downloads the material (each download audited); the secretariat
 * curates it.
 */

const isUniqueViolation = (error: unknown) => (error as { code?: string } | null)?.code === '23505';
const titleTaken = () => new AppError(409, 'conflict', 'A module with this title is already in the catalogue.', { fields: { title: 'taken' } });

export async function listModules(ctx: AppContext, actor: Actor, db: Db = ctx.db, ids?: string[]): Promise<TTrainingModule[]> {
  authorizeAction(actor, 'read', 'training_catalogue');
  let q = db.selectFrom('training_modules').selectAll().orderBy(sql`archived_at IS NOT NULL`).orderBy(sql`lower(title)`);
  if (ids) q = q.where('id', 'in', ids.length ? ids : ['00000000-0000-0000-0000-000000000000']);
  const modules = await q.execute();
  const materials = modules.length
    ? await db
        .selectFrom('training_materials')
        .select(['id', 'module_id', 'name', 'content_type', 'size', 'sha256', 'uploaded_at'])
        .where(
          'module_id',
          'in',
          modules.map((m) => m.id),
        )
        .orderBy('uploaded_at')
        .execute()
    : [];
  const canEdit = can(actor, 'curate', 'training_catalogue', NO_RECORD);
  return modules.map((m) => ({
    id: m.id,
    title: m.title,
    objectives: m.objectives,
    durationMinutes: m.duration_minutes,
    archived: m.archived_at !== null,
    updatedAt: m.updated_at.toISOString(),
    canEdit,
    materials: materials
      .filter((f) => f.module_id === m.id)
      .map((f) => ({ id: f.id, name: f.name, contentType: f.content_type, size: f.size, sha256: f.sha256, uploadedAt: f.uploaded_at.toISOString() })),
  }));
}

export async function createModule(ctx: AppContext, actor: Actor, input: z.output<typeof ZTrainingModuleInput>, info: RequestInfo): Promise<string> {
  authorizeAction(actor, 'curate', 'training_catalogue');
  const id = crypto.randomUUID();
  try {
    await ctx.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('training_modules')
        .values({ id, title: input.title, objectives: input.objectives, duration_minutes: Math.round(input.durationHours * 60), created_by: actor.id })
        .execute();
      await ctx.audit.append(trx, asUser(actor, info), { action: 'training.module_saved', targetType: 'training_module', targetId: id, country: null, details: { title: input.title, created: true } });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw titleTaken();
    throw error;
  }
  return id;
}

export async function updateModule(ctx: AppContext, actor: Actor, moduleId: string, input: z.output<typeof ZTrainingModuleUpdate>, info: RequestInfo): Promise<void> {
  authorizeAction(actor, 'curate', 'training_catalogue');
  try {
    await ctx.db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('training_modules').select(['id', 'title', 'archived_at']).where('id', '=', moduleId).forUpdate().executeTakeFirst();
      if (!row) throw notFound();
      await trx
        .updateTable('training_modules')
        .set({
          ...(input.title !== undefined ? { title: input.title } : {}),
          ...(input.objectives !== undefined ? { objectives: input.objectives } : {}),
          ...(input.durationHours !== undefined ? { duration_minutes: Math.round(input.durationHours * 60) } : {}),
          ...(input.archived !== undefined ? { archived_at: input.archived ? (row.archived_at ?? new Date()) : null } : {}),
          updated_at: new Date(),
        })
        .where('id', '=', moduleId)
        .execute();
      await ctx.audit.append(trx, asUser(actor, info), { action: 'training.module_saved', targetType: 'training_module', targetId: moduleId, country: null, details: { title: input.title ?? row.title, created: false } });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw titleTaken();
    throw error;
  }
}

/**
 * Course material in: the file streams into the encrypted store outside any transaction (a
 * declared size over the limit is refused before anything is stored), then one short
 * transaction records it with its SHA-256 and the audit event.
 */
export async function uploadMaterial(ctx: AppContext, actor: Actor, moduleId: string, upload: { fileName: string; declaredLength: number | null; source: Readable }, info: RequestInfo): Promise<string> {
  authorizeAction(actor, 'curate', 'training_catalogue');
  const module = await ctx.db.selectFrom('training_modules').select('id').where('id', '=', moduleId).executeTakeFirst();
  if (!module) throw notFound();
  const limit = ctx.config.documentMaxBytes;
  const tooLarge = () => new AppError(413, 'attachment_too_large', `A file may be at most ${limit} bytes.`, { fields: { file: String(limit) } });
  if (upload.declaredLength !== null && upload.declaredLength > limit) throw tooLarge();
  const name = sanitiseFileName(upload.fileName);
  let head = Buffer.alloc(0);
  const peek = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      if (head.length < 4096) head = Buffer.concat([head, chunk.subarray(0, 4096 - head.length)]);
      callback(null, chunk);
    },
  });
  let blob: { id: string; size: number; sha256: string };
  try {
    blob = await ctx.blobs.put(ctx.db, upload.source.pipe(peek), limit);
  } catch (error) {
    if (error instanceof BlobTooLargeError) throw tooLarge();
    throw error;
  }
  if (blob.size === 0) {
    await ctx.db.transaction().execute((trx) => ctx.blobs.remove(trx, [blob.id]));
    throw badRequest('validation_failed', 'The file is empty.', { file: 'empty' });
  }
  const id = crypto.randomUUID();
  try {
    await ctx.db.transaction().execute(async (trx) => {
      // The module may have gone while the file streamed in: the insert then fails and the blob goes.
      await trx
        .insertInto('training_materials')
        .values({ id, module_id: moduleId, blob_id: blob.id, name, content_type: sniffContentType(head, name), size: blob.size, sha256: blob.sha256, uploaded_by: actor.id })
        .execute();
      await trx.updateTable('training_modules').set({ updated_at: new Date() }).where('id', '=', moduleId).execute();
      await ctx.audit.append(trx, asUser(actor, info), { action: 'training.material_uploaded', targetType: 'training_module', targetId: moduleId, country: null, details: { materialId: id, sha256: blob.sha256, size: blob.size } });
    });
  } catch (error) {
    await ctx.db.transaction().execute((trx) => ctx.blobs.remove(trx, [blob.id]));
    throw error;
  }
  return id;
}

/** A material's content, for anyone signed in; every download is audited. */
export async function readMaterial(ctx: AppContext, actor: Actor, moduleId: string, materialId: string, info: RequestInfo) {
  authorizeAction(actor, 'read', 'training_catalogue');
  return ctx.db.transaction().execute(async (trx) => {
    const material = await trx.selectFrom('training_materials').selectAll().where('id', '=', materialId).where('module_id', '=', moduleId).executeTakeFirst();
    if (!material) throw notFound();
    const data = await ctx.blobs.read(trx, material.blob_id);
    await ctx.audit.append(trx, asUser(actor, info), { action: 'training.material_downloaded', targetType: 'training_module', targetId: moduleId, country: actor.country, details: { materialId, sha256: material.sha256 } });
    return { data, name: material.name, contentType: material.content_type };
  });
}

export async function removeMaterial(ctx: AppContext, actor: Actor, moduleId: string, materialId: string, info: RequestInfo): Promise<void> {
  authorizeAction(actor, 'curate', 'training_catalogue');
  await ctx.db.transaction().execute(async (trx) => {
    const material = await trx.deleteFrom('training_materials').where('id', '=', materialId).where('module_id', '=', moduleId).returning(['blob_id', 'sha256']).executeTakeFirst();
    if (!material) throw notFound();
    await ctx.blobs.remove(trx, [material.blob_id]);
    await trx.updateTable('training_modules').set({ updated_at: new Date() }).where('id', '=', moduleId).execute();
    await ctx.audit.append(trx, asUser(actor, info), { action: 'training.material_removed', targetType: 'training_module', targetId: moduleId, country: null, details: { materialId, sha256: material.sha256 } });
  });
}

/** Module ids that exist and are offered (not retired), or a 400 naming the others. */
export async function checkModules(trx: Db, ids: readonly string[], allowRetired: readonly string[] = []): Promise<void> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return;
  const rows = await trx.selectFrom('training_modules').select(['id', 'archived_at']).where('id', 'in', unique).execute();
  const usable = new Set(rows.filter((r) => r.archived_at === null || allowRetired.includes(r.id)).map((r) => r.id));
  const bad = unique.filter((id) => !usable.has(id));
  if (bad.length) throw badRequest('validation_failed', 'Some modules are not in the catalogue (or were retired).', { moduleIds: bad.join(',') });
}

