import crypto from 'node:crypto';
import { Transform, type Readable } from 'node:stream';
import type { z } from 'zod';
import type { ZActionItemInput, ZActionItemUpdate, ZAgendaItemInput, ZAgendaItemUpdate } from '@focal/shared';
import type { AppContext, Db } from '../../context.js';
import type { TSealed } from '../../db/schema.js';
import { BlobTooLargeError } from '../../crypto/blob-store.js';
import { AppError, badRequest, notFound } from '../../errors.js';
import { authorize, type Actor } from '../../policies/index.js';
import { asUser, type RequestInfo } from '../identity/service.js';
import { sanitiseFileName, sniffContentType } from '../messaging/content.js';
import { accessFor, actionAad, addNotices, agendaAad, documentNameAad, meetingCancelled, minutesAad, participantIds, personOf, tell, visibleMeetings, type Access } from './service.js';

/** The person must take part in the meeting (to lead an agenda item or own an action). */
async function checkParticipant(trx: Db, meetingId: string, userId: string, field: string) {
  const found = await trx.selectFrom('meeting_participants').select('user_id').where('meeting_id', '=', meetingId).where('user_id', '=', userId).executeTakeFirst();
  if (!found) throw badRequest('validation_failed', 'This person does not take part in the meeting.', { [field]: 'not_participant' });
}

function checkOpen(access: Access) {
  if (access.row.status === 'cancelled') throw meetingCancelled();
}

// ---------------------------------------------------------------- agenda
export async function addAgendaItem(ctx: AppContext, actor: Actor, meetingId: string, input: z.output<typeof ZAgendaItemInput>, info: RequestInfo) {
  return ctx.db.transaction().execute(async (trx) => {
    const access = await accessFor(trx, actor, meetingId, 'edit');
    checkOpen(access);
    if (input.ownerId) await checkParticipant(trx, meetingId, input.ownerId, 'ownerId');
    const last = await trx.selectFrom('meeting_agenda_items').select((eb) => eb.fn.max('position').as('p')).where('meeting_id', '=', meetingId).executeTakeFirst();
    const id = crypto.randomUUID();
    await trx
      .insertInto('meeting_agenda_items')
      .values({
        id,
        meeting_id: meetingId,
        position: last?.p === null || last?.p === undefined ? 0 : Number(last.p) + 1,
        content: JSON.stringify(await ctx.envelope.seal(trx, JSON.stringify({ title: input.title, notes: input.notes }), agendaAad(id))),
        owner_id: input.ownerId,
        duration_minutes: input.durationMinutes,
      })
      .execute();
    await tell(ctx, trx, await participantIds(trx, meetingId), meetingId);
    await ctx.audit.append(trx, asUser(actor, info), { action: 'meeting.agenda_changed', targetType: 'meeting', targetId: meetingId, country: access.row.organiser_country, details: { itemId: id, change: 'added' } });
    return id;
  });
}

export async function updateAgendaItem(ctx: AppContext, actor: Actor, meetingId: string, itemId: string, input: z.output<typeof ZAgendaItemUpdate>, info: RequestInfo) {
  await ctx.db.transaction().execute(async (trx) => {
    const access = await accessFor(trx, actor, meetingId, 'edit');
    checkOpen(access);
    const item = await trx.selectFrom('meeting_agenda_items').selectAll().where('id', '=', itemId).where('meeting_id', '=', meetingId).executeTakeFirst();
    if (!item) throw notFound();
    if (input.ownerId) await checkParticipant(trx, meetingId, input.ownerId, 'ownerId');
    const set: Record<string, unknown> = {};
    if (input.title !== undefined || input.notes !== undefined) {
      const current = JSON.parse(await ctx.envelope.openText(trx, item.content, agendaAad(item.id))) as { title: string; notes: string };
      set.content = JSON.stringify(await ctx.envelope.seal(trx, JSON.stringify({ title: input.title ?? current.title, notes: input.notes ?? current.notes }), agendaAad(item.id)));
      await ctx.envelope.destroyDataKeys(trx, [item.content.k]);
    }
    if (input.ownerId !== undefined) set.owner_id = input.ownerId;
    if (input.durationMinutes !== undefined) set.duration_minutes = input.durationMinutes;
    if (Object.keys(set).length) await trx.updateTable('meeting_agenda_items').set(set).where('id', '=', itemId).execute();
    if (input.position !== undefined && input.position !== item.position) await moveAgendaItem(trx, meetingId, itemId, input.position);
    await tell(ctx, trx, await participantIds(trx, meetingId), meetingId);
    await ctx.audit.append(trx, asUser(actor, info), { action: 'meeting.agenda_changed', targetType: 'meeting', targetId: meetingId, country: access.row.organiser_country, details: { itemId, change: 'edited' } });
  });
}

/** Puts the item at `position` and renumbers the agenda from 0 without gaps. */
async function moveAgendaItem(trx: Db, meetingId: string, itemId: string, position: number) {
  const items = await trx.selectFrom('meeting_agenda_items').select('id').where('meeting_id', '=', meetingId).orderBy('position').orderBy('created_at').forUpdate().execute();
  const order = items.map((i) => i.id).filter((id) => id !== itemId);
  order.splice(Math.min(position, order.length), 0, itemId);
  for (const [index, id] of order.entries()) await trx.updateTable('meeting_agenda_items').set({ position: index }).where('id', '=', id).execute();
}

export async function removeAgendaItem(ctx: AppContext, actor: Actor, meetingId: string, itemId: string, info: RequestInfo) {
  await ctx.db.transaction().execute(async (trx) => {
    const access = await accessFor(trx, actor, meetingId, 'edit');
    checkOpen(access);
    const removed = await trx.deleteFrom('meeting_agenda_items').where('id', '=', itemId).where('meeting_id', '=', meetingId).returning('content').executeTakeFirst();
    if (!removed) throw notFound();
    await ctx.envelope.destroyDataKeys(trx, [removed.content.k]);
    // Its papers stay with the meeting (agenda_item_id set to null by the foreign key).
    await tell(ctx, trx, await participantIds(trx, meetingId), meetingId);
    await ctx.audit.append(trx, asUser(actor, info), { action: 'meeting.agenda_changed', targetType: 'meeting', targetId: meetingId, country: access.row.organiser_country, details: { itemId, change: 'removed' } });
  });
}

// ---------------------------------------------------------------- documents
interface Upload {
  meetingId: string;
  agendaItemId: string | null;
  fileName: string;
  declaredLength: number | null;
  source: Readable;
}

/**
 * An agenda paper: streamed into the encrypted blob store outside any transaction (a declared
 * size over the limit is refused before anything is stored), then recorded with its SHA-256.
 */
export async function uploadMeetingDocument(ctx: AppContext, actor: Actor, upload: Upload, info: RequestInfo): Promise<string> {
  const access = await accessFor(ctx.db, actor, upload.meetingId, 'upload');
  const limit = ctx.config.documentMaxBytes;
  const tooLarge = () => new AppError(413, 'attachment_too_large', `A document may be at most ${limit} bytes.`, { fields: { file: String(limit) } });
  if (upload.declaredLength !== null && upload.declaredLength > limit) throw tooLarge();
  if (upload.agendaItemId) {
    const item = await ctx.db.selectFrom('meeting_agenda_items').select('id').where('id', '=', upload.agendaItemId).where('meeting_id', '=', upload.meetingId).executeTakeFirst();
    if (!item) throw badRequest('validation_failed', 'This agenda item is not part of the meeting.', { agendaItemId: 'unknown' });
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
      // Still allowed now that the file is in (the meeting may have been cancelled meanwhile).
      await accessFor(trx, actor, upload.meetingId, 'upload');
      const id = crypto.randomUUID();
      await trx
        .insertInto('meeting_documents')
        .values({
          id,
          meeting_id: upload.meetingId,
          agenda_item_id: upload.agendaItemId,
          blob_id: blob.id,
          name: JSON.stringify(await ctx.envelope.seal(trx, name, documentNameAad(id))),
          content_type: sniffContentType(head, name),
          size: blob.size,
          sha256: blob.sha256,
          uploaded_by: actor.id,
        })
        .execute();
      await tell(ctx, trx, await participantIds(trx, upload.meetingId), upload.meetingId);
      await ctx.audit.append(trx, asUser(actor, info), {
        action: 'meeting.document_uploaded',
        targetType: 'meeting',
        targetId: upload.meetingId,
        country: access.row.organiser_country,
        details: { documentId: id, sha256: blob.sha256, size: blob.size },
      });
      return id;
    });
  } catch (error) {
    await ctx.db.transaction().execute((trx) => ctx.blobs.remove(trx, [blob.id]));
    throw error;
  }
}

export async function readMeetingDocument(ctx: AppContext, actor: Actor, meetingId: string, documentId: string, info: RequestInfo) {
  return ctx.db.transaction().execute(async (trx) => {
    const access = await accessFor(trx, actor, meetingId);
    const document = await trx.selectFrom('meeting_documents').selectAll().where('id', '=', documentId).where('meeting_id', '=', meetingId).executeTakeFirst();
    if (!document) throw notFound();
    const data = await ctx.blobs.read(trx, document.blob_id);
    const name = await ctx.envelope.openText(trx, document.name as unknown as TSealed, documentNameAad(document.id));
    await ctx.audit.append(trx, asUser(actor, info), {
      action: 'meeting.document_downloaded',
      targetType: 'meeting',
      targetId: meetingId,
      country: access.row.organiser_country,
      details: { documentId, sha256: document.sha256 },
    });
    return { data, name, contentType: document.content_type };
  });
}

export async function removeMeetingDocument(ctx: AppContext, actor: Actor, meetingId: string, documentId: string, info: RequestInfo) {
  await ctx.db.transaction().execute(async (trx) => {
    const access = await accessFor(trx, actor, meetingId);
    const document = await trx.selectFrom('meeting_documents').select(['id', 'blob_id', 'uploaded_by', 'name', 'sha256']).where('id', '=', documentId).where('meeting_id', '=', meetingId).executeTakeFirst();
    if (!document) throw notFound();
    authorize(actor, 'remove', 'meeting_document', { ...access, uploadedBy: document.uploaded_by });
    await trx.deleteFrom('meeting_documents').where('id', '=', documentId).execute();
    await ctx.envelope.destroyDataKeys(trx, [(document.name as unknown as TSealed).k]);
    await tell(ctx, trx, await participantIds(trx, meetingId), meetingId);
    await ctx.audit.append(trx, asUser(actor, info), { action: 'meeting.agenda_changed', targetType: 'meeting', targetId: meetingId, country: access.row.organiser_country, details: { itemId: documentId, change: 'document_removed' } });
    // Last, as it deletes the file: nothing after it can fail and leave a row without its file.
    await ctx.blobs.remove(trx, [document.blob_id]);
  });
}

// ---------------------------------------------------------------- minutes
/** The organiser writes the minutes (sealed; each save under a new data key, the old one destroyed). */
export async function saveMinutes(ctx: AppContext, actor: Actor, meetingId: string, text: string, info: RequestInfo) {
  await ctx.db.transaction().execute(async (trx) => {
    const access = await accessFor(trx, actor, meetingId, 'edit');
    checkOpen(access);
    const previous = access.row.minutes;
    const now = new Date();
    await trx
      .updateTable('meetings')
      .set({
        minutes: text.trim() ? JSON.stringify(await ctx.envelope.seal(trx, text, minutesAad(meetingId))) : null,
        minutes_by: text.trim() ? actor.id : null,
        minutes_at: text.trim() ? now : null,
        updated_at: now,
      })
      .where('id', '=', meetingId)
      .execute();
    if (previous) await ctx.envelope.destroyDataKeys(trx, [previous.k]);
    await tell(ctx, trx, await participantIds(trx, meetingId), meetingId);
    await ctx.audit.append(trx, asUser(actor, info), { action: 'meeting.minutes_saved', targetType: 'meeting', targetId: meetingId, country: access.row.organiser_country, details: { length: text.length } });
  });
}

// ---------------------------------------------------------------- action items
export async function addActionItem(ctx: AppContext, actor: Actor, meetingId: string, input: z.output<typeof ZActionItemInput>, info: RequestInfo) {
  return ctx.db.transaction().execute(async (trx) => {
    const access = await accessFor(trx, actor, meetingId, 'edit');
    checkOpen(access);
    await checkParticipant(trx, meetingId, input.ownerId, 'ownerId');
    const id = crypto.randomUUID();
    const now = new Date();
    await trx
      .insertInto('meeting_action_items')
      .values({
        id,
        meeting_id: meetingId,
        content: JSON.stringify(await ctx.envelope.seal(trx, JSON.stringify({ title: input.title }), actionAad(id))),
        owner_id: input.ownerId,
        due_on: input.dueOn,
        status: 'open',
        created_by: actor.id,
        created_at: now,
        updated_at: now,
      })
      .execute();
    if (input.ownerId !== actor.id) await addNotices(ctx, trx, [input.ownerId], meetingId, 'action_assigned', id);
    await tell(ctx, trx, await participantIds(trx, meetingId), meetingId);
    await ctx.audit.append(trx, asUser(actor, info), { action: 'meeting.action_changed', targetType: 'meeting', targetId: meetingId, country: access.row.organiser_country, details: { actionId: id, change: 'created', status: 'open' } });
    return id;
  });
}

/** The organiser may change anything; the owner reports the status. A new due date earns a new reminder. */
export async function updateActionItem(ctx: AppContext, actor: Actor, meetingId: string, actionId: string, input: z.output<typeof ZActionItemUpdate>, info: RequestInfo) {
  await ctx.db.transaction().execute(async (trx) => {
    const access = await accessFor(trx, actor, meetingId);
    const item = await trx.selectFrom('meeting_action_items').selectAll().where('id', '=', actionId).where('meeting_id', '=', meetingId).forUpdate().executeTakeFirst();
    if (!item) throw notFound();
    const onlyStatus = input.title === undefined && input.ownerId === undefined && input.dueOn === undefined;
    authorize(actor, onlyStatus ? 'update_status' : 'edit', 'meeting_action', { ...access, ownerId: item.owner_id });
    checkOpen(access);
    if (input.ownerId !== undefined && input.ownerId !== item.owner_id) await checkParticipant(trx, meetingId, input.ownerId, 'ownerId');
    const now = new Date();
    const status = input.status ?? item.status;
    const set: Record<string, unknown> = { updated_at: now, status };
    if (input.title !== undefined) {
      set.content = JSON.stringify(await ctx.envelope.seal(trx, JSON.stringify({ title: input.title }), actionAad(item.id)));
      await ctx.envelope.destroyDataKeys(trx, [item.content.k]);
    }
    if (input.ownerId !== undefined) set.owner_id = input.ownerId;
    if ((input.dueOn !== undefined && input.dueOn !== item.due_on) || (input.ownerId !== undefined && input.ownerId !== item.owner_id)) set.reminded_at = null;
    if (input.dueOn !== undefined) set.due_on = input.dueOn;
    if (input.status !== undefined) set.completed_at = status === 'done' ? now : null;
    await trx.updateTable('meeting_action_items').set(set).where('id', '=', actionId).execute();
    if (input.ownerId !== undefined && input.ownerId !== item.owner_id && input.ownerId !== actor.id) await addNotices(ctx, trx, [input.ownerId], meetingId, 'action_assigned', actionId);
    await tell(ctx, trx, await participantIds(trx, meetingId), meetingId);
    const change = onlyStatus ? 'status' : 'edited';
    await ctx.audit.append(trx, asUser(actor, info), { action: 'meeting.action_changed', targetType: 'meeting', targetId: meetingId, country: access.row.organiser_country, details: { actionId, change, status } });
  });
}

/** My open action items across every meeting I can still see, soonest due first. */
export async function myActionItems(ctx: AppContext, actor: Actor, info: RequestInfo) {
  return ctx.db.transaction().execute(async (trx) => {
    const rows = await trx
      .selectFrom('meeting_action_items as a')
      .innerJoin('meetings', 'meetings.id', 'a.meeting_id')
      .innerJoin('users as u', 'u.id', 'a.owner_id')
      .select(['a.id', 'a.meeting_id', 'a.content', 'a.due_on', 'a.status', 'a.reminded_at', 'a.created_at', 'a.updated_at', 'u.id as owner_id', 'u.name', 'u.name_latin', 'u.country', 'meetings.title as meeting_title'])
      .where('a.owner_id', '=', actor.id)
      .where('a.status', 'in', ['open', 'in_progress'])
      .where(visibleMeetings(actor.id))
      .orderBy('a.due_on')
      .limit(500)
      .execute();
    const keys = await ctx.envelope.dataKeys(
      trx,
      rows.map((row) => row.content.k),
    );
    const today = new Date().toISOString().slice(0, 10);
    await ctx.audit.append(trx, asUser(actor, info), { action: 'meeting.actions_listed', targetType: null, targetId: null, country: actor.country, details: { rows: rows.length } });
    return rows.map((row) => ({
      id: row.id,
      meetingId: row.meeting_id,
      meetingTitle: row.meeting_title,
      title: (JSON.parse(ctx.envelope.openWith(keys.get(row.content.k)!, row.content, actionAad(row.id)).toString('utf8')) as { title: string }).title,
      owner: personOf({ id: row.owner_id, name: row.name, name_latin: row.name_latin, country: row.country }),
      dueOn: row.due_on,
      status: row.status,
      overdue: row.due_on < today,
      remindedAt: row.reminded_at ? row.reminded_at.toISOString() : null,
      createdAt: row.created_at.toISOString(),
      updatedAt: row.updated_at.toISOString(),
      canUpdate: true,
    }));
  });
}
