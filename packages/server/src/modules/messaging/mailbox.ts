import crypto from 'node:crypto';
import { sql, type Expression, type ExpressionBuilder, type Selectable, type SqlBool } from 'kysely';
import type { z } from 'zod';
import { SEARCH_COUNT_CAP, type TMessageSort, type ZMessageQuery } from '@focal/shared';
import type { AppContext, Db } from '../../context.js';
import type { Database } from '../../db/schema.js';
import { badRequest, conflict, notFound } from '../../errors.js';
import type { Actor } from '../../policies/index.js';
import { asUser, type RequestInfo } from '../identity/service.js';
import { fold } from '../identity/repository.js';
import { escapeLike } from '../users/service.js';
import { openContents, snippetOf } from './content.js';
import { destroyMessage, findEntry, findMessage, listAttachments, peopleById } from './service.js';
import { wordHashes, wordsOf } from './words.js';
import { requestShownWithMessage } from '../cases/requests-messages.js';

type Query = z.output<typeof ZMessageQuery>;
type EntryRow = Selectable<Database['mailbox_entries']>;
type Entry = { sort_at: Date; message_id: string; sender_sort: string; priority_rank: number };
type Key = { column: 'e.sort_at' | 'e.message_id' | 'e.sender_sort' | 'e.priority_rank'; field: keyof Entry; desc: boolean };

// Each order ends with the date and id, so paging is stable; each matches one of the
// mailbox indexes (read forwards or backwards), so a page costs the same at any depth.
const ORDERS: Record<TMessageSort, Key[]> = {
  date_desc: [
    { column: 'e.sort_at', field: 'sort_at', desc: true },
    { column: 'e.message_id', field: 'message_id', desc: true },
  ],
  date_asc: [
    { column: 'e.sort_at', field: 'sort_at', desc: false },
    { column: 'e.message_id', field: 'message_id', desc: false },
  ],
  sender_asc: [
    { column: 'e.sender_sort', field: 'sender_sort', desc: false },
    { column: 'e.sort_at', field: 'sort_at', desc: true },
    { column: 'e.message_id', field: 'message_id', desc: true },
  ],
  sender_desc: [
    { column: 'e.sender_sort', field: 'sender_sort', desc: true },
    { column: 'e.sort_at', field: 'sort_at', desc: false },
    { column: 'e.message_id', field: 'message_id', desc: false },
  ],
  priority: [
    { column: 'e.priority_rank', field: 'priority_rank', desc: false },
    { column: 'e.sort_at', field: 'sort_at', desc: true },
    { column: 'e.message_id', field: 'message_id', desc: true },
  ],
};

type EB = ExpressionBuilder<Database & { e: Database['mailbox_entries'] }, 'e'>;

function encodeCursor(sort: TMessageSort, row: Entry): string {
  return Buffer.from(JSON.stringify(ORDERS[sort].map((key) => (key.field === 'sort_at' ? row.sort_at.toISOString() : row[key.field])))).toString('base64url');
}

function decodeCursor(sort: TMessageSort, cursor: string): unknown[] {
  try {
    const values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(values) && values.length === ORDERS[sort].length) return values;
  } catch {
    // fall through
  }
  throw badRequest('validation_failed', 'The page cursor is not valid for this sort.', { cursor: 'invalid' });
}

/** (a, b, c) after the cursor in the given mixed directions: a > A or (a = A and (b > B or …)). */
function afterCursor(eb: EB, keys: Key[], values: unknown[]): Expression<SqlBool> {
  const [key, ...rest] = keys;
  const value = key!.field === 'sort_at' ? new Date(String(values[0])) : values[0];
  const beyond = eb(key!.column, key!.desc ? '<' : '>', value as never);
  if (rest.length === 0) return beyond;
  return eb.or([beyond, eb.and([eb(key!.column, '=', value as never), afterCursor(eb, rest, values.slice(1))])]);
}

/**
 * How far a search with many matches reads the folder in the page's order (after the cursor)
 * looking for a page of them before it reads them through the word index instead.
 */
const ORDERED_SCAN_ROWS = 5000;

/** The caller's mailbox: one folder (or all but trash and drafts), filtered, sorted, a page at a time. */
export async function listMessages(ctx: AppContext, actor: Actor, query: Query) {
  const key = query.q ? await ctx.keyRing.keyMaterial(await ctx.keyRing.activeKeyId('hmac')) : null;
  const hashes = key && query.q ? wordHashes(key, actor.id, wordsOf(query.q)) : null;
  const hasWords = (column: string) => sql<SqlBool>`${sql.ref(column)} @> ${sql.val(hashes)}::bigint[]`;
  /** The query's conditions; `words: false` leaves out the word search (applied elsewhere). */
  const filtered = (eb: EB, words = true) => {
    const conditions: Expression<SqlBool>[] = [eb('e.user_id', '=', actor.id)];
    conditions.push(query.all ? eb('e.folder', 'not in', ['trash', 'drafts']) : eb('e.folder', '=', query.folder));
    // A query of only punctuation matches nothing rather than everything.
    if (hashes && !hashes.length) conditions.push(sql<SqlBool>`false`);
    else if (hashes && words) conditions.push(hasWords('e.words'));
    if (query.code) conditions.push(eb('e.handling_code', '=', query.code));
    if (query.after) conditions.push(eb('e.sort_at', '>=', new Date(`${query.after}T00:00:00Z`)));
    if (query.before) conditions.push(eb('e.sort_at', '<', new Date(new Date(`${query.before}T00:00:00Z`).getTime() + 86_400_000)));
    if (query.label) conditions.push(sql<SqlBool>`e.labels @> ARRAY[${query.label}]::uuid[]`);
    if (query.unread !== undefined) conditions.push(eb('e.unread', '=', query.unread));
    if (query.from) {
      const words = nameWords(query.from);
      conditions.push(
        eb.exists(
          eb
            .selectFrom('messages as m')
            .innerJoin('users as s', 's.id', 'm.sender_id')
            .select(sql`1`.as('one'))
            .whereRef('m.id', '=', 'e.message_id')
            .where((inner) => inner.and(words.map((w) => inner('s.search_text', 'like', `%${escapeLike(w)}%`)))),
        ),
      );
    }
    if (query.to) {
      const words = nameWords(query.to);
      conditions.push(
        eb.exists(
          eb
            .selectFrom('mailbox_entries as r')
            .innerJoin('users as u', 'u.id', 'r.user_id')
            .select(sql`1`.as('one'))
            .whereRef('r.message_id', '=', 'e.message_id')
            .where('r.role', 'in', ['to', 'cc'])
            .where((inner) => inner.and(words.map((w) => inner('u.search_text', 'like', `%${escapeLike(w)}%`)))),
        ),
      );
    }
    return eb.and(conditions);
  };

  // A word search can start from the blind index alone, the owner, folder and other filters
  // then checked on the rows it finds. Left to itself the planner also reads the owner's whole
  // folder from a mailbox index and intersects the two (it cannot know that hashes keyed per
  // mailbox already select one person's copies): about 10 ms more per 100,000 messages in
  // the folder, whatever the word. `OFFSET 0` keeps the conditions out of the subquery, so
  // that reading costs what the search finds, not what the mailbox holds.
  const matching = () =>
    ctx.db.selectFrom(sql<EntryRow>`(SELECT * FROM mailbox_entries WHERE ${hasWords('words')} OFFSET 0)`.as('e')).where((eb) => filtered(eb, false));
  const folder = (words = true) => ctx.db.selectFrom('mailbox_entries as e').where((eb) => filtered(eb, words));
  const searching = Boolean(hashes?.length);
  const order = ORDERS[query.sort];
  const cursor = query.cursor ? decodeCursor(query.sort, query.cursor) : null;
  /** Rows of `from` in the page's order, after the cursor. */
  const inOrder = (from: ReturnType<typeof matching>, limit: number) => {
    let rows = from.selectAll('e').limit(limit);
    for (const k of order) rows = rows.orderBy(k.column, k.desc ? 'desc' : 'asc');
    if (cursor) rows = rows.where((eb) => afterCursor(eb, order, cursor));
    return rows;
  };
  const pageSize = query.limit + 1;

  let rows: EntryRow[];
  let total = -1;
  let totalAtLeast = false;
  if (!searching) {
    const count = () =>
      folder()
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
        .then((r) => Number(r.n));
    [rows, total] = await Promise.all([inOrder(folder(), pageSize).execute(), cursor ? Promise.resolve(-1) : count()]);
  } else {
    // The matches are counted through the blind index up to one past the cap: an exact count
    // must visit every matching row (a GIN index cannot count on its own), 50,000 heap rows
    // for a word in half of a 100,000-message mailbox. The count also picks how to read the page.
    const found = Number(
      (
        await ctx.db
          .selectFrom(matching().select(sql`1`.as('one')).limit(SEARCH_COUNT_CAP + 1).as('capped'))
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    if (!cursor) {
      total = Math.min(found, SEARCH_COUNT_CAP);
      totalAtLeast = found > SEARCH_COUNT_CAP;
    }
    const throughIndex = () => inOrder(matching(), pageSize).execute();
    if (found === 0) rows = [];
    else if (found <= SEARCH_COUNT_CAP) {
      // Few matches: all of them, just read by the count (so in memory), sorted.
      rows = await throughIndex();
    } else {
      // Many: read the folder in the page's order until a page of them turns up, which takes
      // about 50 ÷ (their share of the folder) rows, so at most ~5,000 in a 100,000-message
      // folder. A bounded scan rather than the planner's guess, which misjudges the share of
      // several words together. Should the scan end short (matches bunched elsewhere, or the
      // last page), the page is read through the index after all.
      const scanned = inOrder(folder(false), ORDERED_SCAN_ROWS);
      let page = ctx.db.selectFrom(scanned.as('e')).selectAll('e').where(hasWords('e.words')).limit(pageSize);
      for (const k of order) page = page.orderBy(k.column, k.desc ? 'desc' : 'asc');
      rows = await page.execute();
      if (rows.length < pageSize) rows = await throughIndex();
    }
  }
  const more = rows.length > query.limit;
  const entries = rows.slice(0, query.limit);
  return {
    items: await summarise(ctx, ctx.db, entries),
    nextCursor: more ? encodeCursor(query.sort, entries[entries.length - 1]!) : null,
    total,
    totalAtLeast,
  };
}

const nameWords = (text: string) => fold(text).split(/\s+/).filter(Boolean).slice(0, 6);

export type Summary = Awaited<ReturnType<typeof summarise>>[number];

/** Rows of the message list: decrypted subjects and snippets, people, counts — in a fixed number of queries. */
export async function summarise(ctx: AppContext, db: Db, entries: EntryRow[]) {
  if (entries.length === 0) return [];
  const ids = entries.map((e) => e.message_id);
  const [messages, attachmentCounts, recipientRows] = await Promise.all([
    db.selectFrom('messages').selectAll().where('id', 'in', ids).execute(),
    db.selectFrom('message_attachments').select(['message_id', (eb) => eb.fn.countAll<number>().as('n')]).where('message_id', 'in', ids).groupBy('message_id').execute(),
    db.selectFrom('mailbox_entries').select(['message_id', 'user_id']).where('message_id', 'in', ids).where('role', '!=', 'sender').execute(),
  ]);
  const byId = new Map(messages.map((m) => [m.id, m]));
  const recipientsOf = new Map<string, string[]>();
  for (const row of recipientRows) recipientsOf.set(row.message_id, [...(recipientsOf.get(row.message_id) ?? []), row.user_id]);
  const draftRecipients = (id: string) =>
    byId
      .get(id)!
      .addressing.flatMap((a) => (a.kind === 'user' ? [a.id] : []));
  // Data keys and people do not depend on each other: one round trip for both.
  const [contents, people] = await Promise.all([
    openContents(ctx, db, messages),
    peopleById(db, [
      ...messages.map((m) => m.sender_id),
      ...entries.flatMap((e) => (e.folder === 'drafts' ? draftRecipients(e.message_id) : (recipientsOf.get(e.message_id) ?? []).slice(0, 5))),
    ]),
  ]);
  const counts = new Map(attachmentCounts.map((r) => [r.message_id, Number(r.n)]));
  return entries.flatMap((entry) => {
    const message = byId.get(entry.message_id);
    const content = contents.get(entry.message_id);
    if (!message || !content) return [];
    const recipientIds = entry.folder === 'drafts' ? draftRecipients(message.id) : (recipientsOf.get(message.id) ?? []);
    return [
      {
        entry,
        message,
        content,
        sender: people.get(message.sender_id)!,
        recipients: recipientIds.slice(0, 5).flatMap((id) => (people.has(id) ? [people.get(id)!] : [])),
        recipientCount: entry.folder === 'drafts' ? message.addressing.length : recipientIds.length,
        attachments: counts.get(message.id) ?? 0,
        snippet: snippetOf(content.body),
      },
    ];
  });
}

// ---------------------------------------------------------------- one message

/**
 * Opens a message for its sender or a recipient. The first open by a recipient is their
 * read receipt (the sender is told at once); every open is audited in the same transaction.
 */
export async function openMessage(ctx: AppContext, actor: Actor, id: string, info: RequestInfo) {
  return ctx.db.transaction().execute(async (trx) => {
    // The update comes first: it locks this copy, so a withdrawal cannot slip in between.
    const now = new Date();
    const firstOpen = await trx
      .updateTable('mailbox_entries')
      .set({ opened_at: now })
      .where('user_id', '=', actor.id)
      .where('message_id', '=', id)
      .where('role', '!=', 'sender')
      .where('opened_at', 'is', null)
      .returning('message_id')
      .executeTakeFirst();
    const entry = await findEntry(trx, actor.id, id);
    const message = entry ? await findMessage(trx, id) : undefined;
    if (!entry || !message || message.status === 'draft') throw notFound();
    if (entry.unread) await trx.updateTable('mailbox_entries').set({ unread: false }).where('user_id', '=', actor.id).where('message_id', '=', id).execute();
    await ctx.audit.append(trx, asUser(actor, info), { action: 'message.opened', targetType: 'message', targetId: id, country: actor.country, details: {} });
    if (firstOpen) await ctx.realtime.publish(trx, [message.sender_id], { type: 'mail', reason: 'receipt', messageId: id });
    if (entry.unread) await ctx.realtime.publish(trx, [actor.id], { type: 'mail', reason: 'changed', messageId: id });
    return detail(ctx, trx, actor, { ...entry, unread: false, opened_at: entry.opened_at ?? (firstOpen ? now : null) }, message);
  });
}

export type Detail = Awaited<ReturnType<typeof detail>>;

async function detail(ctx: AppContext, db: Db, actor: Actor, entry: EntryRow, message: NonNullable<Awaited<ReturnType<typeof findMessage>>>) {
  const [summary] = await summarise(ctx, db, [entry]);
  const copies = await db.selectFrom('mailbox_entries').selectAll().where('message_id', '=', message.id).where('role', '!=', 'sender').execute();
  const threadEntries = await db
    .selectFrom('mailbox_entries as e')
    .innerJoin('messages as m', 'm.id', 'e.message_id')
    .select(['m.id', 'm.sender_id', 'm.content', 'm.status', 'm.sent_at', 'm.updated_at'])
    .where('e.user_id', '=', actor.id)
    .where('e.thread_id', '=', message.thread_id)
    .where('e.folder', '!=', 'drafts')
    .where('m.id', '!=', message.id)
    .orderBy('m.sent_at', 'asc')
    .limit(100)
    .execute();
  const threadContents = await openContents(ctx, db, threadEntries);
  const consent =
    message.status === 'pending_consent' || message.status === 'refused'
      ? await db.selectFrom('forward_consents').select(['status', 'provider_id']).where('forward_id', '=', message.id).orderBy('created_at', 'desc').executeTakeFirst()
      : undefined;
  const people = await peopleById(db, [...copies.map((c) => c.user_id), ...threadEntries.map((t) => t.sender_id), message.provider_id, ...(consent ? [consent.provider_id] : [])]);
  const isSender = message.sender_id === actor.id;
  return {
    summary: summary!,
    request: await requestShownWithMessage(db, actor, message.id),
    attachments: await listAttachments(ctx, db, message.id),
    to: copies.filter((c) => c.role === 'to').flatMap((c) => (people.has(c.user_id) ? [people.get(c.user_id)!] : [])),
    cc: copies.filter((c) => c.role === 'cc').flatMap((c) => (people.has(c.user_id) ? [people.get(c.user_id)!] : [])),
    provider: people.get(message.provider_id)!,
    receipts: isSender
      ? copies.map((c) => ({
          person: people.get(c.user_id)!,
          role: c.role as 'to' | 'cc',
          openedAt: c.opened_at,
          ackRequired: c.ack_required,
          acknowledgedAt: c.acknowledged_at,
          remindersSent: c.reminders_sent,
        }))
      : null,
    canWithdraw: isSender && (message.status === 'sent' || message.status === 'pending_consent') && copies.every((c) => !c.opened_at),
    thread: threadEntries.map((t) => ({
      id: t.id,
      sender: people.get(t.sender_id)!,
      date: t.sent_at ?? t.updated_at,
      subject: threadContents.get(t.id)?.subject ?? '',
      status: t.status,
    })),
    consent: consent ? { status: consent.status, provider: people.get(consent.provider_id)! } : null,
  };
}

/** Urgent and immediate messages wait for each recipient's explicit acknowledgement. */
export async function acknowledgeMessage(ctx: AppContext, actor: Actor, id: string, info: RequestInfo) {
  await ctx.db.transaction().execute(async (trx) => {
    const entry = await findEntry(trx, actor.id, id);
    if (!entry || entry.role === 'sender') throw notFound();
    if (!entry.ack_required || entry.acknowledged_at) return;
    const now = new Date();
    await trx.updateTable('mailbox_entries').set({ acknowledged_at: now, opened_at: entry.opened_at ?? now, unread: false }).where('user_id', '=', actor.id).where('message_id', '=', id).execute();
    const message = await findMessage(trx, id);
    await ctx.audit.append(trx, asUser(actor, info), { action: 'message.acknowledged', targetType: 'message', targetId: id, country: actor.country, details: {} });
    await ctx.realtime.publish(trx, [message!.sender_id], { type: 'mail', reason: 'receipt', messageId: id });
    await ctx.realtime.publish(trx, [actor.id], { type: 'mail', reason: 'changed', messageId: id });
  });
  return openMessage(ctx, actor, id, info);
}

// ---------------------------------------------------------------- folders, labels, deletion

export async function bulkUpdate(ctx: AppContext, actor: Actor, input: { ids: string[]; action: string; labelId?: string | undefined }, info: RequestInfo) {
  return ctx.db.transaction().execute(async (trx) => {
    if ((input.action === 'label' || input.action === 'unlabel') && !input.labelId) throw badRequest('validation_failed', 'Choose a label.', { labelId: 'required' });
    if (input.labelId) {
      const label = await trx.selectFrom('mail_labels').select('id').where('id', '=', input.labelId).where('user_id', '=', actor.id).executeTakeFirst();
      if (!label) throw notFound();
    }
    const mine = trx.updateTable('mailbox_entries').where('user_id', '=', actor.id).where('message_id', 'in', input.ids);
    const now = new Date();
    let changed: { message_id: string }[] = [];
    switch (input.action) {
      case 'archive':
        changed = await mine.set({ folder: 'archive' }).where('folder', 'in', ['inbox', 'sent']).returning('message_id').execute();
        break;
      case 'inbox':
        changed = await mine
          .set((eb) => ({ folder: eb.case().when('role', '=', 'sender').then(sql<'sent'>`'sent'`).else(sql<'inbox'>`'inbox'`).end() }))
          .where('folder', '=', 'archive')
          .returning('message_id')
          .execute();
        break;
      case 'trash':
        changed = await mine.set((eb) => ({ folder_before_trash: eb.ref('folder'), folder: 'trash', trashed_at: now })).where('folder', '!=', 'trash').returning('message_id').execute();
        if (changed.length) {
          await ctx.audit.appendMany(
            trx,
            asUser(actor, info),
            changed.map((c) => ({ action: 'message.deleted' as const, targetType: 'message' as const, targetId: c.message_id, country: actor.country, details: {} })),
          );
        }
        break;
      case 'restore':
        changed = await mine
          .set({ folder: sql<'inbox'>`coalesce(folder_before_trash, 'inbox')`, folder_before_trash: null, trashed_at: null })
          .where('folder', '=', 'trash')
          .returning('message_id')
          .execute();
        break;
      case 'delete_forever': {
        const inTrash = await trx.selectFrom('mailbox_entries').select('message_id').where('user_id', '=', actor.id).where('message_id', 'in', input.ids).where('folder', '=', 'trash').execute();
        for (const row of inTrash) await purgeEntry(ctx, trx, actor.id, row.message_id, asUser(actor, info), 'user', actor.country);
        changed = inTrash;
        break;
      }
      case 'read':
      case 'unread':
        changed = await mine.set({ unread: input.action === 'unread' }).where('unread', '=', input.action !== 'unread').returning('message_id').execute();
        break;
      case 'label':
        changed = await mine
          .set({ labels: sql<string[]>`array_append(labels, ${input.labelId}::uuid)` })
          .where(sql<SqlBool>`NOT (labels @> ARRAY[${input.labelId}]::uuid[])`)
          .returning('message_id')
          .execute();
        break;
      case 'unlabel':
        changed = await mine.set({ labels: sql<string[]>`array_remove(labels, ${input.labelId}::uuid)` }).returning('message_id').execute();
        break;
      default:
        throw badRequest('validation_failed', 'Unknown action.', { action: 'invalid' });
    }
    if (changed.length) await ctx.realtime.publish(trx, [actor.id], { type: 'mail', reason: 'changed' });
    return changed.length;
  });
}

/**
 * Removes one person's copy for good. When no copy is left anywhere, the message itself goes:
 * its data keys are destroyed, so the ciphertext (and any backup of it) can no longer be read.
 */
export async function purgeEntry(
  ctx: AppContext,
  trx: Db,
  userId: string,
  messageId: string,
  audit: Parameters<AppContext['audit']['append']>[1],
  reason: 'user' | 'retention',
  country: string | null,
) {
  const deleted = await trx.deleteFrom('mailbox_entries').where('user_id', '=', userId).where('message_id', '=', messageId).returning('message_id').executeTakeFirst();
  if (!deleted) return;
  await ctx.audit.append(trx, audit, { action: 'message.purged', targetType: 'message', targetId: messageId, country, details: { reason } });
  const left = await trx.selectFrom('mailbox_entries').select('user_id').where('message_id', '=', messageId).limit(1).executeTakeFirst();
  // A forward awaiting consent, or a message other forwards were made from, keeps its record.
  const referenced = await trx.selectFrom('forward_consents').select('id').where('original_id', '=', messageId).where('status', '=', 'pending').limit(1).executeTakeFirst();
  if (!left && !referenced) {
    const message = await findMessage(trx, messageId);
    if (message) await destroyMessage(ctx, trx, message);
  }
}

export async function mailCounts(ctx: AppContext, actor: Actor) {
  const [unread, drafts, ack, consents] = await Promise.all([
    ctx.db.selectFrom('mailbox_entries').select((eb) => eb.fn.countAll<number>().as('n')).where('user_id', '=', actor.id).where('folder', '=', 'inbox').where('unread', '=', true).executeTakeFirstOrThrow(),
    ctx.db.selectFrom('mailbox_entries').select((eb) => eb.fn.countAll<number>().as('n')).where('user_id', '=', actor.id).where('folder', '=', 'drafts').executeTakeFirstOrThrow(),
    ctx.db
      .selectFrom('mailbox_entries')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('user_id', '=', actor.id)
      .where('ack_required', '=', true)
      .where('acknowledged_at', 'is', null)
      .where('folder', '!=', 'trash')
      .executeTakeFirstOrThrow(),
    ctx.db.selectFrom('forward_consents').select((eb) => eb.fn.countAll<number>().as('n')).where('provider_id', '=', actor.id).where('status', '=', 'pending').executeTakeFirstOrThrow(),
  ]);
  return { inboxUnread: Number(unread.n), drafts: Number(drafts.n), ackPending: Number(ack.n), consentsPending: Number(consents.n) };
}

export async function listLabels(ctx: AppContext, actor: Actor) {
  return ctx.db.selectFrom('mail_labels').select(['id', 'name', 'color']).where('user_id', '=', actor.id).orderBy('name').execute();
}

export async function createLabel(ctx: AppContext, actor: Actor, input: { name: string; color: string }) {
  const existing = await ctx.db.selectFrom('mail_labels').select('id').where('user_id', '=', actor.id).where('name', '=', input.name).executeTakeFirst();
  if (existing) throw conflict('conflict', 'You already have a label with this name.');
  const id = crypto.randomUUID();
  await ctx.db.insertInto('mail_labels').values({ id, user_id: actor.id, name: input.name, color: input.color }).execute();
  return { id, name: input.name, color: input.color };
}

export async function deleteLabel(ctx: AppContext, actor: Actor, id: string) {
  await ctx.db.transaction().execute(async (trx) => {
    const deleted = await trx.deleteFrom('mail_labels').where('id', '=', id).where('user_id', '=', actor.id).returning('id').executeTakeFirst();
    if (!deleted) throw notFound();
    await trx
      .updateTable('mailbox_entries')
      .set({ labels: sql<string[]>`array_remove(labels, ${id}::uuid)` })
      .where('user_id', '=', actor.id)
      .where(sql<SqlBool>`labels @> ARRAY[${id}]::uuid[]`)
      .execute();
  });
}

export async function mailSettings(ctx: AppContext, actor: Actor) {
  const row = await ctx.db.selectFrom('users').select('notify_by_email').where('id', '=', actor.id).executeTakeFirstOrThrow();
  return {
    attachmentMaxBytes: ctx.config.attachmentMaxBytes,
    messageMaxBytes: ctx.config.messageMaxBytes,
    notifyByEmail: row.notify_by_email,
    emailAvailable: Boolean(ctx.config.smtpUrl),
  };
}

export async function updateMailSettings(ctx: AppContext, actor: Actor, input: { notifyByEmail: boolean }) {
  await ctx.db.updateTable('users').set({ notify_by_email: input.notifyByEmail }).where('id', '=', actor.id).execute();
  return mailSettings(ctx, actor);
}
