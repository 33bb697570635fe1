import type { TRecipient, TRequestMessages } from '@focal/shared';
import type { AppContext, Db } from '../../context.js';
import { badRequest, notFound } from '../../errors.js';
import type { Actor } from '../../policies/index.js';
import { openContents } from '../messaging/content.js';
import { findRequest, sideOf, usersOfSide } from './requests.js';

/**
 * Messages about a request for assistance. A message is linked to at most one request
 * (`request_messages`), by its sender, when the sender's country is a side of the request;
 * the link is routing metadata, the subject and body stay sealed with the message. Who sees a
 * linked message is still decided by the mailbox alone: each person lists the copies they hold.
 */

const unknownRequest = () => badRequest('validation_failed', 'The request is not one your country is a side of.', { requestId: 'unknown' });

/**
 * The request a message may be linked to, or a 400 naming `requestId` (the same answer for a
 * request that does not exist and one the sender may not see). A draft request exists only
 * for its author's country: there is nobody yet to write to about it.
 */
export async function checkRequestLink(db: Db, actor: Actor, requestId: string) {
  const row = await findRequest(db, requestId);
  if (!row || row.state === 'draft' || !(await sideOf(db, actor, row))) throw unknownRequest();
  return row;
}

/**
 * What a new message (or draft) is about: the request named by its writer, checked; else, for
 * a reply, the request of the message answered, kept when the writer is a side of it too (a
 * reply from someone outside the request is an ordinary message). A forward is never linked
 * unless its writer says so: it carries the message to people outside the exchange.
 */
export async function requestOfNewMessage(db: Db, actor: Actor, values: { requestId: string | null; inReplyTo: string | null }): Promise<string | null> {
  if (values.requestId) return (await checkRequestLink(db, actor, values.requestId)).id;
  if (!values.inReplyTo) return null;
  const link = await db.selectFrom('request_messages').select('request_id').where('message_id', '=', values.inReplyTo).executeTakeFirst();
  if (!link) return null;
  const row = await findRequest(db, link.request_id);
  return row && (await sideOf(db, actor, row)) ? row.id : null;
}

export async function linkMessage(db: Db, actor: Actor, messageId: string, requestId: string | null) {
  if (requestId) await db.insertInto('request_messages').values({ message_id: messageId, request_id: requestId, linked_by: actor.id }).execute();
}

/**
 * At sending, the request a draft is about, checked again: the sender may have left the case
 * since the draft was written. Null for a draft about no request.
 */
export async function requestOfDraftAtSending(db: Db, actor: Actor, messageId: string): Promise<string | null> {
  const link = await db.selectFrom('request_messages').select('request_id').where('message_id', '=', messageId).executeTakeFirst();
  if (!link) return null;
  return (await checkRequestLink(db, actor, link.request_id)).id;
}

/** The request of a draft, for the composer. */
export async function requestOfDraft(db: Db, messageId: string): Promise<string | null> {
  return (await db.selectFrom('request_messages').select('request_id').where('message_id', '=', messageId).executeTakeFirst())?.request_id ?? null;
}

/** The request a message is about, shown to a reader whose country is a side of it; null otherwise. */
export async function requestShownWithMessage(db: Db, actor: Actor, messageId: string) {
  const link = await db.selectFrom('request_messages').select('request_id').where('message_id', '=', messageId).executeTakeFirst();
  if (!link) return null;
  const row = await findRequest(db, link.request_id);
  if (!row || !(await sideOf(db, actor, row))) return null;
  return { id: row.id, reference: row.reference, title: row.title };
}

/**
 * The messages about a request that the caller holds, oldest first, and whom a new one would go
 * to: the other side's members of the case (or, outside a case or with none, its focal points).
 */
export async function listRequestMessages(ctx: AppContext, actor: Actor, requestId: string): Promise<TRequestMessages> {
  const row = await findRequest(ctx.db, requestId);
  const side = row ? await sideOf(ctx.db, actor, row) : null;
  if (!row || !side) throw notFound();
  const rows = await ctx.db
    .selectFrom('request_messages as rm')
    .innerJoin('messages as m', 'm.id', 'rm.message_id')
    .innerJoin('mailbox_entries as e', (join) => join.onRef('e.message_id', '=', 'm.id').on('e.user_id', '=', actor.id))
    .innerJoin('users as u', 'u.id', 'm.sender_id')
    .select(['m.id', 'm.thread_id', 'm.content', 'm.sent_at', 'm.in_reply_to', 'e.role', 'e.unread', 'u.id as sender_id', 'u.name', 'u.name_latin', 'u.country'])
    .where('rm.request_id', '=', requestId)
    .where('m.status', '=', 'sent')
    .orderBy('m.sent_at')
    .orderBy('m.id')
    .limit(1000)
    .execute();
  const contents = await openContents(ctx, ctx.db, rows);
  const other = side === 'requesting' ? row.to_country : row.from_country;
  const people = row.case_id && row.state !== 'draft' ? await usersOfSide(ctx.db, row, other) : [];
  const recipients: TRecipient[] = people.length ? people.map((id) => ({ kind: 'user', id })) : [{ kind: 'country', code: other }];
  return {
    items: rows.map((r) => ({
      id: r.id,
      threadId: r.thread_id,
      subject: contents.get(r.id)?.subject ?? '',
      sender: { id: r.sender_id, name: r.name, nameLatin: r.name_latin, country: r.country },
      date: r.sent_at!.toISOString(),
      role: r.role,
      unread: r.unread,
      inReplyTo: r.in_reply_to,
    })),
    recipients: row.state === 'draft' ? [] : recipients,
  };
}
