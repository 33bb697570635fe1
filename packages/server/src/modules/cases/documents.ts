import crypto from 'node:crypto';
import { Transform, type Readable } from 'node:stream';
import type { AppContext, Db } from '../../context.js';
import { BlobTooLargeError } from '../../crypto/blob-store.js';
import { AppError, badRequest, notFound } from '../../errors.js';
import { authorize, type Actor } from '../../policies/index.js';
import { asUser, type RequestInfo } from '../identity/service.js';
import { sanitiseFileName, sniffContentType } from '../messaging/content.js';
import { checkReach } from './entities.js';
import { canSee, memberAccess, recordEvent, visibleTo } from './service.js';

const nameAad = (versionId: string) => `document_versions:${versionId}:name`;
const PREVIEWABLE = new Set(['application/pdf', 'image/png', 'image/jpeg', 'image/gif', 'image/webp']);
export const isPreviewable = (contentType: string) => PREVIEWABLE.has(contentType);

interface Upload {
  caseId: string;
  /** Absent: a new document; present: a new version of it. */
  documentId?: string;
  title?: string;
  requestId?: string | null;
  handlingCode?: string;
  reach?: string[] | null;
  fileName: string;
  declaredLength: number | null;
  source: Readable;
}

/**
 * Evidence in: the file streams into the encrypted store outside any transaction (the declared
 * size is refused before anything is stored), then one short transaction records the version
 * with its SHA-256, the case timeline entry and the audit event: the chain of custody starts here.
 */
export async function uploadDocument(ctx: AppContext, actor: Actor, upload: Upload, info: RequestInfo) {
  const access = await memberAccess(ctx.db, actor, upload.caseId);
  authorize(actor, 'contribute', 'case', access);
  const reach = checkReach(access, upload.reach ?? null);
  const limit = ctx.config.documentMaxBytes;
  const tooLarge = () => new AppError(413, 'attachment_too_large', `A document may be at most ${limit} bytes.`, { fields: { file: String(limit) } });
  if (upload.declaredLength !== null && upload.declaredLength > limit) throw tooLarge();
  if (upload.documentId) {
    const existing = await ctx.db.selectFrom('case_documents').selectAll().where('id', '=', upload.documentId).where('case_id', '=', upload.caseId).executeTakeFirst();
    if (!existing || !canSee(actor, existing)) throw notFound();
    if (existing.owner_country !== actor.country) throw new AppError(403, 'not_owner', 'Only the country that provided this document may add a version.');
  } else if (!upload.title?.trim()) {
    throw badRequest('validation_failed', 'Give the document a title.', { title: 'required' });
  }
  if (upload.requestId) {
    const request = await ctx.db.selectFrom('assistance_requests').select(['id', 'from_country', 'to_country', 'state']).where('id', '=', upload.requestId).where('case_id', '=', upload.caseId).executeTakeFirst();
    // Only a side of the request may file documents with it (and a draft is its author's alone).
    const side = request && (request.from_country === actor.country || (request.to_country === actor.country && request.state !== 'draft'));
    if (!side) throw badRequest('validation_failed', 'The request is not one of your country’s in this case.', { requestId: 'unknown' });
  }
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
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      let documentId = upload.documentId;
      let version = 1;
      if (documentId) {
        await trx.selectFrom('case_documents').select('id').where('id', '=', documentId).forUpdate().execute();
        const last = await trx.selectFrom('document_versions').select((eb) => eb.fn.max('version').as('v')).where('document_id', '=', documentId).executeTakeFirst();
        version = Number(last?.v ?? 0) + 1;
      } else {
        documentId = crypto.randomUUID();
        await trx
          .insertInto('case_documents')
          .values({ id: documentId, case_id: upload.caseId, request_id: upload.requestId ?? null, title: upload.title!.trim().slice(0, 300), owner_country: actor.country, handling_code: upload.handlingCode ?? 'H0', reach, created_by: actor.id })
          .execute();
      }
      const versionId = crypto.randomUUID();
      await trx
        .insertInto('document_versions')
        .values({
          id: versionId,
          document_id: documentId,
          version,
          blob_id: blob.id,
          name: JSON.stringify(await ctx.envelope.seal(trx, name, nameAad(versionId))),
          content_type: sniffContentType(head, name),
          size: blob.size,
          sha256: blob.sha256,
          uploaded_by: actor.id,
        })
        .execute();
      const title = upload.title ?? (await trx.selectFrom('case_documents').select('title').where('id', '=', documentId).executeTakeFirstOrThrow()).title;
      await recordEvent(ctx, trx, upload.caseId, actor, 'document_uploaded', { documentId, version, sha256: blob.sha256, title }, reach);
      await ctx.audit.append(trx, asUser(actor, info), {
        action: 'document.uploaded',
        targetType: 'document',
        targetId: documentId,
        country: actor.country,
        details: { caseId: upload.caseId, version, sha256: blob.sha256, size: blob.size },
      });
      return documentId;
    });
  } catch (error) {
    await ctx.db.transaction().execute((trx) => ctx.blobs.remove(trx, [blob.id]));
    throw error;
  }
}

export async function listDocuments(ctx: AppContext, actor: Actor, caseId: string, documentIds?: string[]) {
  await memberAccess(ctx.db, actor, caseId);
  let q = ctx.db.selectFrom('case_documents').selectAll().where('case_id', '=', caseId).where(visibleTo(actor, 'case_documents.reach', 'case_documents.owner_country')).orderBy('created_at', 'desc');
  if (documentIds) q = q.where('id', 'in', documentIds.length ? documentIds : ['00000000-0000-0000-0000-000000000000']);
  const documents = await q.execute();
  if (documents.length === 0) return [];
  const versions = await ctx.db
    .selectFrom('document_versions as v')
    .leftJoin('users as u', 'u.id', 'v.uploaded_by')
    .select(['v.id', 'v.document_id', 'v.version', 'v.name', 'v.content_type', 'v.size', 'v.sha256', 'v.uploaded_at', 'u.id as user_id', 'u.name as user_name', 'u.name_latin', 'u.country'])
    .where('v.document_id', 'in', documents.map((d) => d.id))
    .orderBy('v.version', 'desc')
    .execute();
  const names = await openNamesOf(ctx, ctx.db, versions);
  return documents.map((d) => ({
    id: d.id,
    title: d.title,
    requestId: d.request_id,
    ownerCountry: d.owner_country,
    handlingCode: d.handling_code as 'H0',
    reach: d.reach,
    createdAt: d.created_at.toISOString(),
    versions: versions
      .filter((v) => v.document_id === d.id)
      .map((v) => ({
        id: v.id,
        version: v.version,
        name: names.get(v.id) ?? 'document',
        contentType: v.content_type,
        size: v.size,
        sha256: v.sha256,
        uploadedAt: v.uploaded_at.toISOString(),
        uploadedBy: v.user_id ? { id: v.user_id, name: v.user_name!, nameLatin: v.name_latin!, country: v.country! } : null,
        previewable: isPreviewable(v.content_type),
      })),
  }));
}

async function openNamesOf(ctx: AppContext, db: Db, versions: { id: string; name: unknown }[]) {
  // Version names are sealed like attachment names, under their own associated data.
  const keys = await ctx.envelope.dataKeys(
    db,
    versions.map((v) => (v.name as { k: string }).k),
  );
  const out = new Map<string, string>();
  for (const v of versions) {
    const sealed = v.name as { k: string; iv: string; tag: string; ct: string };
    const key = keys.get(sealed.k);
    if (key) out.set(v.id, ctx.envelope.openWith(key, sealed, nameAad(v.id)).toString('utf8'));
  }
  return out;
}

/** A version's content, for download or preview; every read is in the chain of custody. */
export async function readDocumentVersion(ctx: AppContext, actor: Actor, caseId: string, documentId: string, versionId: string, info: RequestInfo) {
  return ctx.db.transaction().execute(async (trx) => {
    await memberAccess(trx, actor, caseId);
    const document = await trx.selectFrom('case_documents').selectAll().where('id', '=', documentId).where('case_id', '=', caseId).executeTakeFirst();
    const version = document && canSee(actor, document) ? await trx.selectFrom('document_versions').selectAll().where('id', '=', versionId).where('document_id', '=', documentId).executeTakeFirst() : undefined;
    if (!document || !version) throw notFound();
    const data = await ctx.blobs.read(trx, version.blob_id);
    const name = (await openNamesOf(ctx, trx, [version])).get(version.id) ?? 'document';
    await ctx.audit.append(trx, asUser(actor, info), { action: 'document.downloaded', targetType: 'document', targetId: documentId, country: actor.country, details: { caseId, version: version.version, sha256: version.sha256 } });
    return { data, name, contentType: version.content_type };
  });
}

/** Who uploaded and who read each version, from the audit log. */
export async function custody(ctx: AppContext, actor: Actor, caseId: string, documentId: string, info: RequestInfo) {
  return ctx.db.transaction().execute(async (trx) => {
    await memberAccess(trx, actor, caseId);
    const document = await trx.selectFrom('case_documents').selectAll().where('id', '=', documentId).where('case_id', '=', caseId).executeTakeFirst();
    if (!document || !canSee(actor, document)) throw notFound();
    const events = await trx
      .selectFrom('audit_events as a')
      .leftJoin('users as u', 'u.id', 'a.actor_id')
      .select(['a.at', 'a.action', 'a.actor_country', 'a.details', 'u.id as user_id', 'u.name', 'u.name_latin', 'u.country'])
      .where('a.target_type', '=', 'document')
      .where('a.target_id', '=', documentId)
      .where('a.action', 'in', ['document.uploaded', 'document.downloaded'])
      .orderBy('a.id')
      .execute();
    await ctx.audit.append(trx, asUser(actor, info), { action: 'document.custody_viewed', targetType: 'document', targetId: documentId, country: actor.country, details: { caseId } });
    return events.map((e) => {
      const details = e.details as { sha256?: string; version?: number };
      return {
        at: e.at.toISOString(),
        action: e.action,
        country: e.actor_country,
        sha256: details.sha256 ?? null,
        version: details.version ?? null,
        actor: e.user_id ? { id: e.user_id, name: e.name!, nameLatin: e.name_latin!, country: e.country! } : null,
      };
    });
  });
}
