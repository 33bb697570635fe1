import crypto from 'node:crypto';
import { ACK_REQUIRED_PRIORITIES, type TDraftValues } from '@focal/shared';
import type { AppContext, Db } from '../../context.js';
import { sql, type OperationNodeSource, type RawBuilder } from 'kysely';
import type { TAddress } from '../../db/schema.js';
import { AppError, conflict, notFound } from '../../errors.js';
import { authorize, authorizeAction, type Actor } from '../../policies/index.js';
import { noticesQuery } from '../../notify/outbox.js';
import { asUser, type RequestInfo } from '../identity/service.js';
import { fold } from '../identity/repository.js';
import { openContents, openNames, prepareContent, sealContent, attachmentNameAad, type MessageContent } from './content.js';
import { resolveRecipients, type ResolvedRecipient } from './recipients.js';
import { wordHashes, wordsOf } from './words.js';
import { linkMessage, requestOfDraft, requestOfDraftAtSending, requestOfNewMessage } from '../cases/requests-messages.js';
import './policy.js';

export const PRIORITY_RANK = { immediate: 0, urgent: 1, routine: 2 } as const;

export type MessageRow = Awaited<ReturnType<typeof findMessage>> & object;

export async function findMessage(db: Db, id: string) {
  return db.selectFrom('messages').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The caller's own copy of a message, or nothing: the only way anyone reaches a message. */
export async function findEntry(db: Db, userId: string, messageId: string) {
  return db.selectFrom('mailbox_entries').selectAll().where('user_id', '=', userId).where('message_id', '=', messageId).executeTakeFirst();
}

async function hmacKey(ctx: AppContext, db: Db): Promise<Buffer> {
  return ctx.keyRing.keyMaterial(await ctx.keyRing.activeKeyId('hmac', db), db);
}

const addressingOf = (values: TDraftValues): TAddress[] => [
  ...values.to.map((r) => ({ field: 'to' as const, ...r })),
  ...values.cc.map((r) => ({ field: 'cc' as const, ...r })),
];

const recipientsOf = (addressing: TAddress[]) => ({
  to: addressing.filter((a) => a.field === 'to').map(({ field: _field, ...r }) => r),
  cc: addressing.filter((a) => a.field === 'cc').map(({ field: _field, ...r }) => r),
});

/** A message the caller holds (sender or recipient), or 404. */
async function heldMessage(db: Db, actor: Actor, id: string) {
  const entry = await findEntry(db, actor.id, id);
  const message = entry ? await findMessage(db, id) : undefined;
  if (!entry || !message) throw notFound();
  return { entry, message };
}

/**
 * What a reply or forward inherits. A reply joins the thread. A forward also joins it, and
 * carries the provider's handling code and written conditions unchanged (H1 and H3 travel;
 * H2 is checked at sending); the provider stays the person whose permission the code means.
 */
async function lineage(ctx: AppContext, trx: Db, actor: Actor, values: TDraftValues) {
  if (values.forwardOf) {
    const { message } = await heldMessage(trx, actor, values.forwardOf);
    if (message.status !== 'sent') throw notFound();
    const original = (await openContents(ctx, trx, [message])).get(message.id)!;
    return {
      threadId: message.thread_id,
      providerId: message.provider_id,
      forced: { handlingCode: message.handling_code, conditions: original.conditions },
      source: message,
    };
  }
  if (values.inReplyTo) {
    const { message } = await heldMessage(trx, actor, values.inReplyTo);
    if (message.status !== 'sent') throw notFound();
    return { threadId: message.thread_id, providerId: actor.id, forced: null, source: message };
  }
  return null;
}

function draftRow(actor: Actor, values: TDraftValues) {
  return {
    handling_code: values.handlingCode,
    evaluation_source: values.evaluationSource,
    evaluation_info: values.evaluationInfo,
    priority: values.priority,
    reply_by: values.replyBy,
    addressing: JSON.stringify(addressingOf(values)),
    in_reply_to: values.inReplyTo,
    forward_of: values.forwardOf,
    sender_country: actor.country,
  };
}

function authorizeCompose(actor: Actor, inherited: Awaited<ReturnType<typeof lineage>>) {
  // Observers may answer within a thread they are on; only network members start one.
  if (inherited) authorize(actor, 'reply', 'message', { onThread: true });
  else authorizeAction(actor, 'compose', 'message');
}

// ---------------------------------------------------------------- drafts

export async function createDraft(ctx: AppContext, actor: Actor, values: TDraftValues) {
  return ctx.db.transaction().execute(async (trx) => {
    const inherited = await lineage(ctx, trx, actor, values);
    authorizeCompose(actor, inherited);
    if (inherited?.forced) Object.assign(values, inherited.forced);
    const requestId = await requestOfNewMessage(trx, actor, values);
    const id = crypto.randomUUID();
    const now = new Date();
    const { sealed, storeKey } = await prepareContent(ctx, trx, id, { subject: values.subject, body: values.body, conditions: values.conditions });
    // The data key, the message and its sender's copy: one statement.
    await writeTogether(
      trx,
      [
        storeKey,
        trx.insertInto('messages').values({
          id,
          thread_id: inherited?.threadId ?? id,
          sender_id: actor.id,
          provider_id: inherited?.providerId ?? actor.id,
          status: 'draft',
          content: JSON.stringify(sealed),
          ...draftRow(actor, values),
          created_at: now,
          updated_at: now,
        }),
        trx.insertInto('mailbox_entries').values({
          user_id: actor.id,
          message_id: id,
          thread_id: inherited?.threadId ?? id,
          role: 'sender',
          folder: 'drafts',
          sort_at: now,
          sender_sort: '',
          priority_rank: PRIORITY_RANK[values.priority],
          handling_code: values.handlingCode,
        }),
      ],
      [],
    );
    await linkMessage(trx, actor, id, requestId);
    // A forward carries the original's files: new records pointing at the same encrypted blobs.
    if (values.forwardOf) await copyAttachments(ctx, trx, values.forwardOf, id);
    return id;
  });
}

async function copyAttachments(ctx: AppContext, trx: Db, fromId: string, toId: string): Promise<number> {
  const rows = await trx.selectFrom('message_attachments').selectAll().where('message_id', '=', fromId).orderBy('created_at').execute();
  const names = await openNames(ctx, trx, rows);
  let bytes = 0;
  for (const row of rows) {
    const id = crypto.randomUUID();
    await trx
      .insertInto('message_attachments')
      .values({
        id,
        message_id: toId,
        blob_id: row.blob_id,
        name: JSON.stringify(await ctx.envelope.seal(trx, names.get(row.id) ?? 'attachment', attachmentNameAad(id))),
        content_type: row.content_type,
        size: row.size,
        sha256: row.sha256,
      })
      .execute();
    bytes += row.size;
  }
  if (bytes > 0) await trx.updateTable('messages').set({ attachment_bytes: bytes }).where('id', '=', toId).execute();
  return rows.length;
}

/** The caller's draft, locked for change, or 404. */
async function ownDraft(trx: Db, actor: Actor, id: string) {
  const message = await trx.selectFrom('messages').selectAll().where('id', '=', id).where('sender_id', '=', actor.id).where('status', '=', 'draft').forUpdate().executeTakeFirst();
  if (!message) throw notFound();
  return message;
}

export async function readDraft(ctx: AppContext, actor: Actor, id: string) {
  const message = await ctx.db.selectFrom('messages').selectAll().where('id', '=', id).where('sender_id', '=', actor.id).where('status', '=', 'draft').executeTakeFirst();
  if (!message) throw notFound();
  return presentDraftParts(ctx, ctx.db, message);
}

export async function presentDraftParts(ctx: AppContext, db: Db, message: NonNullable<Awaited<ReturnType<typeof findMessage>>>) {
  const content = (await openContents(ctx, db, [message])).get(message.id)!;
  const attachments = await listAttachments(ctx, db, message.id);
  return { message, content, attachments, requestId: await requestOfDraft(db, message.id) };
}

export async function listAttachments(ctx: AppContext, db: Db, messageId: string) {
  const rows = await db.selectFrom('message_attachments').selectAll().where('message_id', '=', messageId).orderBy('created_at').execute();
  const names = await openNames(ctx, db, rows);
  return rows.map((row) => ({ id: row.id, name: names.get(row.id) ?? 'attachment', size: row.size, contentType: row.content_type, sha256: row.sha256 }));
}

export async function updateDraft(ctx: AppContext, actor: Actor, id: string, values: TDraftValues) {
  return ctx.db.transaction().execute(async (trx) => {
    const existing = await ownDraft(trx, actor, id);
    // What a draft replies to or forwards is fixed when it is created.
    values.inReplyTo = existing.in_reply_to;
    values.forwardOf = existing.forward_of;
    if (existing.forward_of) {
      const original = await findMessage(trx, existing.forward_of);
      if (original) Object.assign(values, { handlingCode: original.handling_code, conditions: (await openContents(ctx, trx, [original])).get(original.id)!.conditions });
    }
    const sealed = await sealContent(ctx, trx, id, { subject: values.subject, body: values.body, conditions: values.conditions });
    const now = new Date();
    await trx
      .updateTable('messages')
      .set({ ...draftRow(actor, values), content: JSON.stringify(sealed), updated_at: now })
      .where('id', '=', id)
      .execute();
    // Each save seals under a fresh key; forgetting the previous one shreds the older text.
    await ctx.envelope.destroyDataKeys(trx, [existing.content.k]);
    await trx
      .updateTable('mailbox_entries')
      .set({ sort_at: now, priority_rank: PRIORITY_RANK[values.priority], handling_code: values.handlingCode })
      .where('user_id', '=', actor.id)
      .where('message_id', '=', id)
      .execute();
  });
}

export async function deleteDraft(ctx: AppContext, actor: Actor, id: string) {
  await ctx.db.transaction().execute(async (trx) => {
    const draft = await ownDraft(trx, actor, id);
    await destroyMessage(ctx, trx, draft);
  });
}

/**
 * Removes a message with nothing left pointing at it: its content key (the ciphertext becomes
 * unreadable), attachment records, and blobs no other message shares.
 */
export async function destroyMessage(ctx: AppContext, trx: Db, message: { id: string; content: { k: string } }) {
  const attachments = await trx.selectFrom('message_attachments').select(['id', 'blob_id', 'name']).where('message_id', '=', message.id).execute();
  await trx.deleteFrom('messages').where('id', '=', message.id).execute();
  const nameKeys = attachments.map((a) => (a.name as unknown as { k: string }).k);
  await ctx.envelope.destroyDataKeys(trx, [message.content.k, ...nameKeys]);
  const blobIds = [...new Set(attachments.map((a) => a.blob_id))];
  if (blobIds.length === 0) return;
  const stillUsed = new Set((await trx.selectFrom('message_attachments').select('blob_id').where('blob_id', 'in', blobIds).execute()).map((r) => r.blob_id));
  await ctx.blobs.remove(
    trx,
    blobIds.filter((id) => !stillUsed.has(id)),
  );
}

// ---------------------------------------------------------------- sending

function validateForSending(content: MessageContent, values: { handlingCode: string }) {
  if (!content.subject.trim() && !content.body.trim()) throw new AppError(400, 'message_empty', 'Write a subject or a message.', { fields: { subject: 'required', body: 'required' } });
  if (values.handlingCode === 'H3' && !content.conditions.trim()) {
    throw new AppError(400, 'conditions_required', 'An H3 message needs its conditions written out.', { fields: { conditions: 'required' } });
  }
}

/**
 * The sender as the routes pass it: with the user row the auth gate loaded for this request
 * (`actorOf`), which spares a query for the sender's name. Without it, the name is read.
 */
type Sender = Actor & { user?: { name_latin: string } };

/** Composes and sends in one step (no attachments): for API clients and scripts. */
export async function sendNew(ctx: AppContext, actor: Sender, values: TDraftValues, info: RequestInfo) {
  // A forward may wait for its provider's consent and carries the original's files: several
  // writes, in a transaction. Anything else reads what it needs, then writes everything in
  // one statement (see `deliver`), which is a transaction of its own.
  if (values.forwardOf) return ctx.db.transaction().execute((trx) => composeAndSend(ctx, trx, actor, values, info));
  return composeAndSend(ctx, ctx.db, actor, values, info);
}

async function composeAndSend(ctx: AppContext, db: Db, actor: Sender, values: TDraftValues, info: RequestInfo) {
  const inherited = await lineage(ctx, db, actor, values);
  authorizeCompose(actor, inherited);
  if (inherited?.forced) Object.assign(values, inherited.forced);
  const content = { subject: values.subject, body: values.body, conditions: values.conditions };
  validateForSending(content, values);
  const requestId = await requestOfNewMessage(db, actor, values);
  const recipients = await resolveRecipients(db, actor.id, values.to, values.cc);
  const id = crypto.randomUUID();
  const now = new Date();
  // Only a forward can be held (for the provider's consent): anything else is written as
  // sent at once, which spares updating the row again in `deliver`.
  const sentNow = !values.forwardOf;
  const { sealed, storeKey } = await prepareContent(ctx, db, id, content);
  const message = db.insertInto('messages').values({
    id,
    thread_id: inherited?.threadId ?? id,
    sender_id: actor.id,
    provider_id: inherited?.providerId ?? actor.id,
    status: sentNow ? 'sent' : 'draft',
    content: JSON.stringify(sealed),
    ...draftRow(actor, values),
    created_at: now,
    updated_at: now,
    sent_at: sentNow ? now : null,
  });
  const delivery = { id, threadId: inherited?.threadId ?? id, values, content, recipients, senderEntryExists: false, writtenAsSent: sentNow, now, info, requestId };
  if (values.forwardOf) {
    // The files are recorded against the forward's row: it goes first.
    await storeKey.execute();
    await message.execute();
    await linkMessage(db, actor, id, requestId);
    return deliver(ctx, db, actor, { ...delivery, attachments: await copyAttachments(ctx, db, values.forwardOf, id) });
  }
  if (!requestId) return deliver(ctx, db, actor, { ...delivery, attachments: 0, newRows: [storeKey, message] });
  // The link to the request is the cases module's write: the two go in one transaction.
  return ctx.db.transaction().execute(async (trx) => {
    const sent = await deliver(ctx, trx, actor, { ...delivery, attachments: 0, newRows: [storeKey, message] });
    await linkMessage(trx, actor, id, requestId);
    return sent;
  });
}

export async function sendDraft(ctx: AppContext, actor: Sender, id: string, info: RequestInfo) {
  return ctx.db.transaction().execute(async (trx) => {
    const draft = await ownDraft(trx, actor, id);
    const content = (await openContents(ctx, trx, [draft])).get(draft.id)!;
    const values = { handlingCode: draft.handling_code, priority: draft.priority, forwardOf: draft.forward_of, inReplyTo: draft.in_reply_to };
    validateForSending(content, values);
    const requestId = await requestOfDraftAtSending(trx, actor, id);
    const { to, cc } = recipientsOf(draft.addressing);
    const recipients = await resolveRecipients(trx, actor.id, to, cc);
    return deliver(ctx, trx, actor, { id, threadId: draft.thread_id, values, content, recipients, senderEntryExists: true, info, requestId });
  });
}

interface Delivery {
  id: string;
  threadId: string;
  values: { handlingCode: string; priority: keyof typeof PRIORITY_RANK; forwardOf: string | null; inReplyTo: string | null };
  content: MessageContent;
  recipients: ResolvedRecipient[];
  senderEntryExists: boolean;
  /** The message row was inserted with status 'sent' (and `now` as its sending time). */
  writtenAsSent?: boolean;
  /** The number of files on the message, when the caller knows it (otherwise counted). */
  attachments?: number;
  now?: Date;
  info: RequestInfo;
  /** The request for assistance the message is about (recorded with the sending). */
  requestId?: string | null;
  /** The new message's row and data key, not yet written: they go in the delivery's statement. */
  newRows?: OperationNodeSource[];
}

/**
 * The send itself, one statement: a forward of an H2 message to people outside its thread
 * is held for the provider's consent; anything else is delivered to every recipient's
 * mailbox with its word index, audited, and announced in real time when it commits.
 */
async function deliver(ctx: AppContext, db: Db, actor: Sender, d: Delivery) {
  const now = d.now ?? new Date();
  const senderName = actor.user?.name_latin ?? (await db.selectFrom('users').select(['name_latin']).where('id', '=', actor.id).executeTakeFirstOrThrow()).name_latin;
  const common: CopyCommon = {
    thread_id: d.threadId,
    sort_at: now,
    sender_sort: fold(senderName),
    priority_rank: PRIORITY_RANK[d.values.priority],
    handling_code: d.values.handlingCode,
  };
  const key = await hmacKey(ctx, db);
  const words = wordsOf(`${d.content.subject}\n${d.content.body}`);
  const senderCopy: Copy = { userId: actor.id, role: 'sender', folder: 'sent', unread: false, ackRequired: false, words: wordHashes(key, actor.id, words) };
  // A draft's copy becomes the sent copy; a new message gets one.
  const senderCopyWrite = d.senderEntryExists
    ? db
        .updateTable('mailbox_entries')
        .set({ ...common, folder: 'sent', unread: false, words: senderCopy.words })
        .where('user_id', '=', actor.id)
        .where('message_id', '=', d.id)
    : null;
  const attachments =
    d.attachments ??
    Number((await db.selectFrom('message_attachments').select((eb) => eb.fn.countAll<number>().as('n')).where('message_id', '=', d.id).executeTakeFirstOrThrow()).n);
  const audit = asUser(actor, d.info);

  if (d.values.forwardOf) {
    const original = await findMessage(db, d.values.forwardOf);
    if (original && original.handling_code === 'H2' && original.provider_id !== actor.id) {
      const onThread = new Set((await db.selectFrom('mailbox_entries').select('user_id').distinct().where('thread_id', '=', original.thread_id).execute()).map((r) => r.user_id));
      const outsiders = d.recipients.filter((r) => !onThread.has(r.id));
      if (outsiders.length > 0) {
        const consentId = crypto.randomUUID();
        await writeTogether(
          db,
          [
            senderCopyWrite ?? copiesInsert(d.id, common, [senderCopy]),
            db.updateTable('messages').set({ status: 'pending_consent', sent_at: now, updated_at: now }).where('id', '=', d.id),
            db.insertInto('forward_consents').values({
              id: consentId,
              forward_id: d.id,
              original_id: original.id,
              requester_id: actor.id,
              provider_id: original.provider_id,
              new_recipients: outsiders.map((r) => r.id),
              status: 'pending',
            }),
            ctx.audit.appendQuery(db, audit, [
              {
                action: 'consent.requested',
                targetType: 'consent',
                targetId: consentId,
                country: actor.country,
                details: { forwardId: d.id, originalId: original.id, newRecipients: outsiders.length },
              },
            ]),
          ],
          [ctx.realtime.notification([original.provider_id, actor.id], { type: 'mail', reason: 'consent', messageId: d.id })],
        );
        return { id: d.id, threadId: d.threadId, status: 'pending_consent' as const, recipients: d.recipients.length };
      }
    }
  }

  const recipientIds = d.recipients.map((r) => r.id);
  await writeTogether(
    db,
    [
      ...(d.newRows ?? []),
      senderCopyWrite,
      d.writtenAsSent ? null : db.updateTable('messages').set({ status: 'sent', sent_at: now, updated_at: now }).where('id', '=', d.id),
      copiesInsert(d.id, common, [...(senderCopyWrite ? [] : [senderCopy]), ...recipientCopies(key, d.recipients, words, d.values.priority)]),
      ctx.audit.appendQuery(db, audit, [
        d.values.forwardOf
          ? {
              action: 'message.forwarded',
              targetType: 'message',
              targetId: d.id,
              country: actor.country,
              details: { forwardOf: d.values.forwardOf, recipients: d.recipients.length, handlingCode: d.values.handlingCode, attachments },
            }
          : {
              action: 'message.sent',
              targetType: 'message',
              targetId: d.id,
              country: actor.country,
              details: {
                recipients: d.recipients.length,
                handlingCode: d.values.handlingCode,
                priority: d.values.priority,
                attachments,
                inReplyTo: d.values.inReplyTo,
                ...(d.requestId ? { requestId: d.requestId } : {}),
              },
            },
      ]),
      noticesQuery(ctx, recipientIds, 'message_waiting'),
    ],
    [
      ctx.realtime.notification(recipientIds, { type: 'mail', reason: 'received', messageId: d.id }),
      ctx.realtime.notification([actor.id], { type: 'mail', reason: 'changed', messageId: d.id }),
    ],
  );
  return { id: d.id, threadId: d.threadId, status: 'sent' as const, recipients: d.recipients.length };
}

/**
 * Runs writes and NOTIFYs as one statement: each write a data-modifying CTE, the NOTIFYs
 * selected after them. One round trip instead of one per write, and atomic even outside a
 * transaction. The writes share one snapshot, so none may need to see another's rows (foreign
 * keys are fine: they are checked when the statement ends) or change the same row.
 */
async function writeTogether(db: Db, writes: (OperationNodeSource | null)[], notifications: (RawBuilder<unknown> | null)[]) {
  const parts = writes.filter((w) => w !== null).map((write, i) => sql`${sql.id(`w${i}`)} AS (${write})`);
  const selected = notifications.filter((n) => n !== null);
  await sql`${parts.length ? sql`WITH ${sql.join(parts)} ` : sql``}SELECT ${selected.length ? sql.join(selected) : sql`1`}`.execute(db);
}

/** What every copy of one message shares (its ordering keys and code). */
interface CopyCommon {
  thread_id: string;
  sort_at: Date;
  sender_sort: string;
  priority_rank: number;
  handling_code: string;
}

/** One person's copy of a message, with its words hashed under that person's key. */
interface Copy {
  userId: string;
  role: 'sender' | 'to' | 'cc';
  folder: 'sent' | 'inbox';
  unread: boolean;
  ackRequired: boolean;
  words: string[];
}

const recipientCopies = (key: Buffer, recipients: ResolvedRecipient[], words: string[], priority: keyof typeof PRIORITY_RANK): Copy[] =>
  recipients.map((r) => ({ userId: r.id, role: r.role, folder: 'inbox', unread: true, ackRequired: ACK_REQUIRED_PRIORITIES.includes(priority), words: wordHashes(key, r.id, words) }));

/**
 * The insert of a message's copies: one statement, with one parameter per column whatever the
 * number of copies (a message to a large country stays far from the parameter limit). Each
 * copy's word hashes travel as the text of a bigint array.
 */
function copiesInsert(messageId: string, common: CopyCommon, copies: Copy[]): RawBuilder<unknown> {
  return sql`
    INSERT INTO mailbox_entries (user_id, message_id, thread_id, role, folder, unread, ack_required, sort_at, sender_sort, priority_rank, handling_code, words)
    SELECT c.user_id, ${messageId}::uuid, ${common.thread_id}::uuid, c.role, c.folder, c.unread, c.ack_required, ${common.sort_at}::timestamptz,
      ${common.sender_sort}::text, ${common.priority_rank}::smallint, ${common.handling_code}::text, c.words::bigint[]
    FROM unnest(
      ${copies.map((c) => c.userId)}::uuid[], ${copies.map((c) => c.role)}::text[], ${copies.map((c) => c.folder)}::text[],
      ${copies.map((c) => c.unread)}::boolean[], ${copies.map((c) => c.ackRequired)}::boolean[], ${copies.map((c) => `{${c.words.join(',')}}`)}::text[]
    ) AS c(user_id, role, folder, unread, ack_required, words)`;
}

// ---------------------------------------------------------------- consent to forward

export async function decideConsent(ctx: AppContext, actor: Actor, consentId: string, decision: 'grant' | 'refuse', info: RequestInfo) {
  return ctx.db.transaction().execute(async (trx) => {
    const consent = await trx.selectFrom('forward_consents').selectAll().where('id', '=', consentId).forUpdate().executeTakeFirst();
    if (!consent || consent.provider_id !== actor.id) throw notFound();
    if (consent.status !== 'pending') throw conflict('consent_decided', 'This request has already been answered.');
    const forward = await trx.selectFrom('messages').selectAll().where('id', '=', consent.forward_id).forUpdate().executeTakeFirst();
    if (!forward || forward.status !== 'pending_consent') {
      throw conflict('consent_decided', 'The forward was withdrawn by its sender.');
    }
    const now = new Date();
    await trx.updateTable('forward_consents').set({ status: decision === 'grant' ? 'granted' : 'refused', decided_at: now }).where('id', '=', consent.id).execute();
    const audit = asUser(actor, info);
    const details = { forwardId: forward.id, originalId: consent.original_id };
    if (decision === 'refuse') {
      await trx.updateTable('messages').set({ status: 'refused', updated_at: now }).where('id', '=', forward.id).execute();
      await ctx.audit.append(trx, audit, { action: 'consent.refused', targetType: 'consent', targetId: consent.id, country: actor.country, details });
      await ctx.realtime.publish(trx, [consent.requester_id, actor.id], { type: 'mail', reason: 'consent', messageId: forward.id });
      return consent.id;
    }
    await ctx.audit.append(trx, audit, { action: 'consent.granted', targetType: 'consent', targetId: consent.id, country: actor.country, details });
    // Delivered now, as the requester addressed it (recipients re-resolved: someone may have left).
    const content = (await openContents(ctx, trx, [forward])).get(forward.id)!;
    const { to, cc } = recipientsOf(forward.addressing);
    const recipients = await resolveRecipients(trx, forward.sender_id, to, cc);
    const requester = await trx.selectFrom('users').select(['id', 'country', 'roles', 'name_latin']).where('id', '=', forward.sender_id).executeTakeFirstOrThrow();
    const key = await hmacKey(ctx, trx);
    const words = wordsOf(`${content.subject}\n${content.body}`);
    const attachments = (await trx.selectFrom('message_attachments').select('id').where('message_id', '=', forward.id).execute()).length;
    const recipientIds = recipients.map((r) => r.id);
    await writeTogether(
      trx,
      [
        trx.updateTable('messages').set({ status: 'sent', sent_at: now, updated_at: now }).where('id', '=', forward.id),
        copiesInsert(
          forward.id,
          { thread_id: forward.thread_id, sort_at: now, sender_sort: fold(requester.name_latin), priority_rank: PRIORITY_RANK[forward.priority], handling_code: forward.handling_code },
          recipientCopies(key, recipients, words, forward.priority),
        ),
        // The forward is the requester's act, recorded when it actually happens.
        ctx.audit.appendQuery(trx, { actorId: requester.id, actorCountry: requester.country, ip: null, userAgent: 'consent-granted' }, [
          {
            action: 'message.forwarded',
            targetType: 'message',
            targetId: forward.id,
            country: requester.country,
            details: { forwardOf: consent.original_id, recipients: recipients.length, handlingCode: forward.handling_code, attachments },
          },
        ]),
        noticesQuery(ctx, recipientIds, 'message_waiting'),
      ],
      [
        ctx.realtime.notification(recipientIds, { type: 'mail', reason: 'received', messageId: forward.id }),
        ctx.realtime.notification([consent.requester_id, actor.id], { type: 'mail', reason: 'consent', messageId: forward.id }),
      ],
    );
    return consent.id;
  });
}

export async function listConsents(ctx: AppContext, actor: Actor) {
  const rows = await ctx.db
    .selectFrom('forward_consents')
    .selectAll()
    .where((eb) => eb.or([eb('provider_id', '=', actor.id), eb('requester_id', '=', actor.id)]))
    .orderBy('created_at', 'desc')
    .limit(200)
    .execute();
  const people = await peopleById(ctx.db, rows.flatMap((r) => [r.requester_id, r.provider_id, ...r.new_recipients]));
  // The subject is shown only to someone who holds the original (the provider, the requester).
  const originals = await ctx.db
    .selectFrom('messages')
    .innerJoin('mailbox_entries', 'mailbox_entries.message_id', 'messages.id')
    .select(['messages.id', 'messages.content'])
    .where('mailbox_entries.user_id', '=', actor.id)
    .where('messages.id', 'in', rows.length ? rows.map((r) => r.original_id) : ['00000000-0000-0000-0000-000000000000'])
    .execute();
  const subjects = await openContents(ctx, ctx.db, originals);
  return rows.map((row) => ({ row, people, subject: subjects.get(row.original_id)?.subject ?? null }));
}

export async function peopleById(db: Db, ids: string[]) {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map<string, { id: string; name: string; nameLatin: string; country: string }>();
  const rows = await db.selectFrom('users').select(['id', 'name', 'name_latin', 'country']).where('id', 'in', unique).execute();
  return new Map(rows.map((r) => [r.id, { id: r.id, name: r.name, nameLatin: r.name_latin, country: r.country }]));
}

// ---------------------------------------------------------------- withdrawing

/** A sender may take back a message no recipient has opened: it leaves every mailbox. */
export async function withdrawMessage(ctx: AppContext, actor: Actor, id: string, info: RequestInfo) {
  return ctx.db.transaction().execute(async (trx) => {
    const message = await trx.selectFrom('messages').selectAll().where('id', '=', id).where('sender_id', '=', actor.id).forUpdate().executeTakeFirst();
    if (!message || !(await findEntry(trx, actor.id, id))) throw notFound();
    if (message.status !== 'sent' && message.status !== 'pending_consent') throw conflict('not_withdrawable', 'Only a sent message can be withdrawn.');
    // Locks the copies: an open racing with the withdrawal either lands first (and blocks it) or finds nothing.
    const copies = await trx.selectFrom('mailbox_entries').select(['user_id', 'opened_at']).where('message_id', '=', id).where('role', '!=', 'sender').forUpdate().execute();
    if (copies.some((c) => c.opened_at)) throw conflict('not_withdrawable', 'A recipient has already opened this message.');
    await trx.deleteFrom('mailbox_entries').where('message_id', '=', id).where('role', '!=', 'sender').execute();
    // A forward still waiting for consent no longer asks the provider anything.
    await trx.deleteFrom('forward_consents').where('forward_id', '=', id).where('status', '=', 'pending').execute();
    await trx.updateTable('messages').set({ status: 'withdrawn', withdrawn_at: new Date(), updated_at: new Date() }).where('id', '=', id).execute();
    await ctx.audit.append(trx, asUser(actor, info), { action: 'message.withdrawn', targetType: 'message', targetId: id, country: actor.country, details: { recipients: copies.length } });
    await ctx.realtime.publish(trx, [actor.id, ...copies.map((c) => c.user_id)], { type: 'mail', reason: 'changed', messageId: id });
  });
}
