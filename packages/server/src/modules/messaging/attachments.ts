import crypto from 'node:crypto';
import { Transform, type Readable } from 'node:stream';
import type { AppContext } from '../../context.js';
import { BlobTooLargeError } from '../../crypto/blob-store.js';
import { AppError, notFound } from '../../errors.js';
import type { Actor } from '../../policies/index.js';
import { asUser, type RequestInfo } from '../identity/service.js';
import { attachmentNameAad, openNames, sanitiseFileName, sniffContentType } from './content.js';
import { findEntry } from './service.js';

const tooLarge = (code: 'attachment_too_large' | 'message_too_large', limit: number) =>
  new AppError(413, code, code === 'attachment_too_large' ? `A file may be at most ${limit} bytes.` : `The files of one message may total at most ${limit} bytes.`, {
    fields: { file: String(limit) },
  });

/**
 * Adds a file to the caller's draft. The declared size is checked before anything is read
 * (413 with nothing stored); the stream is then encrypted to a temporary file outside any
 * transaction — so a slow upload holds no lock — and recorded in one short transaction that
 * re-checks the draft and the message total. A failed or interrupted upload leaves no record.
 */
export async function addAttachment(ctx: AppContext, actor: Actor, draftId: string, rawName: string, declaredLength: number | null, source: Readable) {
  const draft = await ctx.db.selectFrom('messages').select(['id', 'attachment_bytes']).where('id', '=', draftId).where('sender_id', '=', actor.id).where('status', '=', 'draft').executeTakeFirst();
  if (!draft) throw notFound();
  const { attachmentMaxBytes, messageMaxBytes } = ctx.config;
  if (declaredLength !== null && declaredLength > attachmentMaxBytes) throw tooLarge('attachment_too_large', attachmentMaxBytes);
  if (declaredLength !== null && draft.attachment_bytes + declaredLength > messageMaxBytes) throw tooLarge('message_too_large', messageMaxBytes);

  const name = sanitiseFileName(rawName);
  let head = Buffer.alloc(0);
  const peek = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      if (head.length < 4096) head = Buffer.concat([head, chunk.subarray(0, 4096 - head.length)]);
      callback(null, chunk);
    },
  });
  const limit = Math.min(attachmentMaxBytes, messageMaxBytes - draft.attachment_bytes);
  let blob: { id: string; size: number; sha256: string };
  try {
    blob = await ctx.blobs.put(ctx.db, source.pipe(peek), limit);
  } catch (error) {
    if (error instanceof BlobTooLargeError) throw tooLarge(limit === attachmentMaxBytes ? 'attachment_too_large' : 'message_too_large', limit === attachmentMaxBytes ? attachmentMaxBytes : messageMaxBytes);
    throw error;
  }

  try {
    return await ctx.db.transaction().execute(async (trx) => {
      const current = await trx.selectFrom('messages').select(['attachment_bytes']).where('id', '=', draftId).where('sender_id', '=', actor.id).where('status', '=', 'draft').forUpdate().executeTakeFirst();
      if (!current) throw notFound();
      if (current.attachment_bytes + blob.size > messageMaxBytes) throw tooLarge('message_too_large', messageMaxBytes);
      const id = crypto.randomUUID();
      const contentType = sniffContentType(head, name);
      await trx
        .insertInto('message_attachments')
        .values({ id, message_id: draftId, blob_id: blob.id, name: JSON.stringify(await ctx.envelope.seal(trx, name, attachmentNameAad(id))), content_type: contentType, size: blob.size, sha256: blob.sha256 })
        .execute();
      await trx.updateTable('messages').set({ attachment_bytes: current.attachment_bytes + blob.size, updated_at: new Date() }).where('id', '=', draftId).execute();
      return { id, name, size: blob.size, contentType, sha256: blob.sha256 };
    });
  } catch (error) {
    await ctx.db.transaction().execute((trx) => ctx.blobs.remove(trx, [blob.id]));
    throw error;
  }
}

export async function removeAttachment(ctx: AppContext, actor: Actor, draftId: string, attachmentId: string) {
  await ctx.db.transaction().execute(async (trx) => {
    const draft = await trx.selectFrom('messages').select(['id', 'attachment_bytes']).where('id', '=', draftId).where('sender_id', '=', actor.id).where('status', '=', 'draft').forUpdate().executeTakeFirst();
    if (!draft) throw notFound();
    const row = await trx.deleteFrom('message_attachments').where('id', '=', attachmentId).where('message_id', '=', draftId).returning(['blob_id', 'size', 'name']).executeTakeFirst();
    if (!row) throw notFound();
    await trx.updateTable('messages').set({ attachment_bytes: Math.max(0, draft.attachment_bytes - row.size) }).where('id', '=', draftId).execute();
    await ctx.envelope.destroyDataKeys(trx, [(row.name as unknown as { k: string }).k]);
    const shared = await trx.selectFrom('message_attachments').select('id').where('blob_id', '=', row.blob_id).limit(1).executeTakeFirst();
    if (!shared) await ctx.blobs.remove(trx, [row.blob_id]);
  });
}

/** A file of a message the caller holds; the download is audited with the file's SHA-256. */
export async function downloadAttachment(ctx: AppContext, actor: Actor, messageId: string, attachmentId: string, info: RequestInfo) {
  return ctx.db.transaction().execute(async (trx) => {
    const entry = await findEntry(trx, actor.id, messageId);
    const row = entry ? await trx.selectFrom('message_attachments').selectAll().where('id', '=', attachmentId).where('message_id', '=', messageId).executeTakeFirst() : undefined;
    if (!entry || !row) throw notFound();
    const data = await ctx.blobs.read(trx, row.blob_id);
    const name = (await openNames(ctx, trx, [row])).get(row.id) ?? 'attachment';
    await ctx.audit.append(trx, asUser(actor, info), {
      action: 'attachment.downloaded',
      targetType: 'attachment',
      targetId: row.id,
      country: actor.country,
      details: { messageId, sha256: row.sha256, size: row.size },
    });
    return { data, name, contentType: row.content_type };
  });
}

/** `Content-Disposition: attachment` with an ASCII fallback and the real name per RFC 5987/6266. */
export function contentDisposition(name: string): string {
  const ascii = name.normalize('NFKD').replace(/[^\x20-\x7e]/g, '').replace(/["\\;]/g, '').trim() || 'attachment';
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
