import nodemailer, { type Transporter } from 'nodemailer';
import { sql, type RawBuilder } from 'kysely';
import type { Config } from '../config.js';
import type { AppContext, Db } from '../context.js';

/**
 * Email notices ("a secure message is waiting") through the operator's SMTP relay.
 *
 * A notice is a row in `notification_outbox`, written by `queueNotices` in the transaction of
 * the change that causes it: it exists exactly when that change does, and a crash or a slow
 * relay cannot lose it. `deliverPendingNotices` sends them in the background. Delivery is
 * at least once: a crash after sending but before recording it sends that email again.
 *
 * The email says only that something is waiting, with a link to the mailbox. It never carries a
 * sender, subject, content, country or count: mail crosses servers Focal does not control.
 */

export type NoticeKind = 'message_waiting' | 'ack_reminder' | 'action_due' | 'training_update';
const NOTICE_KINDS: readonly NoticeKind[] = ['message_waiting', 'ack_reminder', 'action_due', 'training_update'];
export type Mailer = Transporter;

/** Rows claimed per run. Kept small because the emails of a batch are sent one after another. */
const BATCH_ROWS = 200;
/**
 * A claimed batch is hidden from other runs (here and in other server processes) for this
 * long instead of being held under a transaction lock: PGlite has one connection, so a
 * transaction open during SMTP conversations would stall every request. If the process dies
 * mid-batch, the unsent rows come back when the lease ends.
 */
const LEASE_MS = 15 * 60_000;
const BACKOFF_MS = [60_000, 5 * 60_000, 30 * 60_000, 2 * 3600_000, 6 * 3600_000];
export const MAX_ATTEMPTS = 8;
/**
 * Where a notice goes when Focal gives up on it (after MAX_ATTEMPTS failures, or when its
 * recipient was suspended or turned email notices off before it went out). The row is kept,
 * unsent, with its last error, as a record; a date rather than 'infinity' so that the column
 * still reads as a Date through the driver.
 */
export const GIVEN_UP_AT = new Date('9999-12-31T00:00:00Z');

/**
 * Queues one notice per recipient who gets email notices (active, `notify_by_email`).
 * Call it inside the business transaction, with that transaction: on PGlite a query on
 * `ctx.db` would wait for the transaction forever. Nothing is queued without a relay.
 */
export async function queueNotices(ctx: AppContext, trx: Db, userIds: string[], kind: NoticeKind): Promise<void> {
  const insert = noticesQuery(ctx, userIds, kind);
  if (insert) await insert.execute(trx);
}

/**
 * The insert of `queueNotices`, not yet run (null when there is nothing to queue), for a
 * caller that writes it in the same statement as the change that causes it.
 */
export function noticesQuery(ctx: AppContext, userIds: string[], kind: NoticeKind): RawBuilder<unknown> | null {
  if (!ctx.config.smtpUrl || userIds.length === 0) return null;
  return sql`
    INSERT INTO notification_outbox (user_id, kind)
    SELECT id, ${kind}::text FROM users
    WHERE id = ANY(${[...new Set(userIds)]}::uuid[]) AND status = 'active' AND notify_by_email`;
}

/** The relay's transport, or null when none is configured. Close it when done (it pools a connection). */
export function createMailer(config: Pick<Config, 'smtpUrl' | 'smtpFrom'>): Mailer | null {
  if (!config.smtpUrl) return null;
  // Options in the URL's query string (e.g. ?requireTLS=true) take precedence over these.
  return nodemailer.createTransport(
    {
      url: config.smtpUrl,
      pool: true,
      maxConnections: 1,
      // Bounded, so that an unresponsive relay holds a run for seconds, not minutes.
      connectionTimeout: 15_000,
      greetingTimeout: 15_000,
      socketTimeout: 60_000,
      logger: false,
    },
    { from: config.smtpFrom },
  );
}

type Language = 'en' | 'fr' | 'es' | 'ar';

/** Every word a notice can contain. Nothing in it may come from a message. */
const STRINGS: Record<Language, { dir: 'ltr' | 'rtl'; subject: Record<NoticeKind, string>; line: Record<NoticeKind, string>; open: string; footer: string; footerMeetings: string; footerTraining: string }> = {
  en: {
    dir: 'ltr',
    subject: { message_waiting: 'Focal: a secure message is waiting', ack_reminder: 'Focal: a message awaits your acknowledgement', action_due: 'Focal: an action item is due soon', training_update: 'Focal: news about your training' },
    line: { message_waiting: 'A secure message is waiting for you in Focal.', ack_reminder: 'A message in Focal is waiting for your acknowledgement.', action_due: 'An action item from a meeting in Focal is due soon.', training_update: 'There is news about a training workshop you were nominated to (a seat, a certificate or a change).' },
    open: 'Sign in to read it:',
    footer: 'This notice is sent automatically. For security, it never contains the message itself.',
    footerMeetings: 'This notice is sent automatically. For security, it never says what the action item is.',
    footerTraining: 'This notice is sent automatically. For security, it never names the workshop.',
  },
  fr: {
    dir: 'ltr',
    subject: { message_waiting: 'Focal : un message sécurisé vous attend', ack_reminder: 'Focal : un message attend votre accusé de réception', action_due: 'Focal : une action arrive à échéance', training_update: 'Focal : du nouveau sur votre formation' },
    line: { message_waiting: 'Un message sécurisé vous attend dans Focal.', ack_reminder: 'Un message dans Focal attend votre accusé de réception.', action_due: 'Une action décidée en réunion dans Focal arrive bientôt à échéance.', training_update: 'Il y a du nouveau sur un atelier de formation auquel vous avez été proposé (une place, un certificat ou un changement).' },
    open: 'Connectez-vous pour le lire :',
    footer: 'Cet avis est envoyé automatiquement. Par sécurité, il ne contient jamais le message lui-même.',
    footerMeetings: 'Cet avis est envoyé automatiquement. Par sécurité, il ne dit jamais de quelle action il s’agit.',
    footerTraining: 'Cet avis est envoyé automatiquement. Par sécurité, il ne nomme jamais l’atelier.',
  },
  es: {
    dir: 'ltr',
    subject: { message_waiting: 'Focal: le espera un mensaje seguro', ack_reminder: 'Focal: un mensaje espera su acuse de recibo', action_due: 'Focal: una tarea vence pronto', training_update: 'Focal: novedades sobre su formación' },
    line: { message_waiting: 'Le espera un mensaje seguro en Focal.', ack_reminder: 'Un mensaje en Focal espera su acuse de recibo.', action_due: 'Una tarea acordada en una reunión en Focal vence pronto.', training_update: 'Hay novedades sobre un taller de formación para el que fue propuesto (una plaza, un certificado o un cambio).' },
    open: 'Inicie sesión para leerlo:',
    footer: 'Este aviso se envía automáticamente. Por seguridad, nunca contiene el mensaje en sí.',
    footerMeetings: 'Este aviso se envía automáticamente. Por seguridad, nunca dice de qué tarea se trata.',
    footerTraining: 'Este aviso se envía automáticamente. Por seguridad, nunca nombra el taller.',
  },
  ar: {
    dir: 'rtl',
    subject: { message_waiting: 'Focal: رسالة آمنة في انتظارك', ack_reminder: 'Focal: رسالة في انتظار إقرارك بالاستلام', action_due: 'Focal: موعد إنجاز مهمة يقترب', training_update: 'Focal: مستجدات بشأن تدريبك' },
    line: { message_waiting: 'توجد رسالة آمنة في انتظارك على Focal.', ack_reminder: 'توجد رسالة على Focal في انتظار إقرارك بالاستلام.', action_due: 'يقترب موعد إنجاز مهمة تقررت في اجتماع على Focal.', training_update: 'توجد مستجدات بشأن ورشة عمل تدريبية رُشّحت لها (مقعد أو شهادة أو تغيير).' },
    open: 'سجّل الدخول لقراءتها:',
    footer: 'يُرسَل هذا الإشعار تلقائيًا. ولدواعي الأمان، لا يتضمن أبدًا نص الرسالة.',
    footerMeetings: 'يُرسَل هذا الإشعار تلقائيًا. ولدواعي الأمان، لا يذكر أبدًا ماهية المهمة.',
    footerTraining: 'يُرسَل هذا الإشعار تلقائيًا. ولدواعي الأمان، لا يذكر أبدًا اسم ورشة العمل.',
  },
};

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The one email for all of a user's pending notices, in their interface language. */
export function composeNotice(publicUrl: string, uiLanguage: string, kinds: ReadonlySet<NoticeKind>) {
  const language: Language = uiLanguage in STRINGS ? (uiLanguage as Language) : 'en';
  const s = STRINGS[language];
  // A pending acknowledgement asks for an action, so it leads when both are waiting.
  const ordered = (['ack_reminder', 'message_waiting', 'action_due', 'training_update'] as const).filter((kind) => kinds.has(kind));
  // A notice about meetings (or training) alone leads to that page; anything about mail, to the mailbox.
  const meetingsOnly = ordered.length > 0 && ordered.every((kind) => kind === 'action_due');
  const trainingOnly = ordered.length > 0 && ordered.every((kind) => kind === 'training_update');
  const link = `${publicUrl}${meetingsOnly ? '/meetings' : trainingOnly ? '/training/mine' : '/mail'}`;
  const footer = meetingsOnly ? s.footerMeetings : trainingOnly ? s.footerTraining : s.footer;
  const lines = ordered.map((kind) => s.line[kind]);
  const text = [...lines, '', s.open, link, '', footer, ''].join('\n');
  const html =
    `<!doctype html><html lang="${language}" dir="${s.dir}"><head><meta charset="utf-8"></head><body>` +
    lines.map((line) => `<p>${escapeHtml(line)}</p>`).join('') +
    `<p>${escapeHtml(s.open)}<br><a href="${escapeHtml(link)}">${escapeHtml(link)}</a></p>` +
    `<p>${escapeHtml(footer)}</p></body></html>`;
  return { subject: s.subject[ordered[0] ?? 'message_waiting'], text, html };
}

/**
 * A failure reason safe to store and log: the nodemailer error code and the SMTP reply code,
 * never a message (which can quote the relay's reply, addresses or connection details).
 */
export function failureReason(error: unknown): string {
  const e = (error ?? {}) as { code?: unknown; responseCode?: unknown; command?: unknown; name?: unknown };
  const parts = [
    typeof e.code === 'string' && /^[A-Z0-9_]{1,32}$/.test(e.code) ? e.code : typeof e.name === 'string' && /^\w{1,40}$/.test(e.name) ? e.name : 'Error',
  ];
  if (typeof e.command === 'string' && /^[A-Z ]{1,12}$/.test(e.command)) parts.push(e.command);
  if (typeof e.responseCode === 'number' && Number.isInteger(e.responseCode)) parts.push(String(e.responseCode));
  return parts.join(' ');
}

/** A refusal of this recipient, as opposed to a relay that is down, refuses us, or rejects every message. */
const isRecipientFailure = (error: unknown) => (error as { command?: unknown } | null)?.command === 'RCPT TO';

interface Claimed {
  userId: string;
  email: string;
  uiLanguage: string;
  ids: string[];
  kinds: Set<NoticeKind>;
  attempts: number;
}

/**
 * Sends what is due: one email per user however many notices they have pending. Returns the
 * number of emails sent and failed.
 *
 * A failed email is retried after 1 min, 5 min, 30 min, 2 h, then every 6 h, and given up
 * (see GIVEN_UP_AT) after MAX_ATTEMPTS. When the relay itself fails (unreachable, refuses our
 * login or sender, rejects the message), the run stops there: the users not tried yet wait for
 * the same retry time without an attempt counted, so an outage of the relay delays notices
 * rather than using up their attempts.
 */
export async function deliverPendingNotices(ctx: AppContext, mailer: Mailer, now = new Date()): Promise<{ sent: number; failed: number }> {
  // JavaScript dates stop at the millisecond and PostgreSQL's go on to the microsecond: without
  // this, a notice queued earlier in the current millisecond would look not yet due.
  const dueBefore = new Date(now.getTime() + 1);
  // The common case, nothing due, costs one read on the partial index and opens no transaction.
  const due = await ctx.db
    .selectFrom('notification_outbox')
    .select('id')
    .where('sent_at', 'is', null)
    .where('next_attempt_at', '<', dueBefore)
    .limit(1)
    .executeTakeFirst();
  if (!due) return { sent: 0, failed: 0 };

  const groups = await ctx.db.transaction().execute((trx) => claim(trx, now, dueBefore));
  let sent = 0;
  let failed = 0;
  for (let i = 0; i < groups.length; i++) {
    const group = groups[i]!;
    const message = composeNotice(ctx.config.publicUrl, group.uiLanguage, group.kinds);
    try {
      await mailer.sendMail({ to: group.email, ...message, headers: { 'Auto-Submitted': 'auto-generated' } });
    } catch (error) {
      failed += 1;
      const reason = failureReason(error);
      const attempts = group.attempts + 1;
      const retryAt = attempts >= MAX_ATTEMPTS ? GIVEN_UP_AT : new Date(now.getTime() + BACKOFF_MS[Math.min(attempts, BACKOFF_MS.length) - 1]!);
      await ctx.db
        .updateTable('notification_outbox')
        .set({ attempts, next_attempt_at: retryAt, last_error: attempts >= MAX_ATTEMPTS ? `gave up: ${reason}` : reason })
        .where('id', 'in', group.ids)
        .where('sent_at', 'is', null)
        .execute();
      if (!isRecipientFailure(error)) {
        const untried = groups.slice(i + 1).flatMap((g) => g.ids);
        if (untried.length > 0) {
          await ctx.db
            .updateTable('notification_outbox')
            .set({ next_attempt_at: attempts >= MAX_ATTEMPTS ? new Date(now.getTime() + BACKOFF_MS[0]!) : retryAt, last_error: `not tried: ${reason}` })
            .where('id', 'in', untried)
            .where('sent_at', 'is', null)
            .execute();
        }
        break;
      }
      continue;
    }
    sent += 1;
    await ctx.db.updateTable('notification_outbox').set({ sent_at: now, last_error: null }).where('id', 'in', group.ids).execute();
  }
  return { sent, failed };
}

/** Takes the due notices (and the same users' earlier failed ones, which the email covers too) under a lease. */
async function claim(trx: Db, now: Date, dueBefore: Date): Promise<Claimed[]> {
  const first = await trx
    .selectFrom('notification_outbox')
    .select('user_id')
    .where('sent_at', 'is', null)
    .where('next_attempt_at', '<', dueBefore)
    .orderBy('next_attempt_at')
    .orderBy('id')
    .limit(BATCH_ROWS)
    .forUpdate()
    .skipLocked()
    .execute();
  const userIds = [...new Set(first.map((row) => row.user_id))];
  if (userIds.length === 0) return [];
  // All of these users' due notices, past the batch limit too, so that one email covers them
  // all; and their notices waiting out a backoff, which this email makes moot.
  const rows = await trx
    .selectFrom('notification_outbox as o')
    .innerJoin('users as u', 'u.id', 'o.user_id')
    .select(['o.id', 'o.user_id', 'o.kind', 'o.attempts', 'u.email', 'u.ui_language', 'u.status', 'u.notify_by_email'])
    .where('o.user_id', 'in', userIds)
    .where('o.sent_at', 'is', null)
    .where((eb) => eb.or([eb('o.next_attempt_at', '<', dueBefore), eb.and([eb('o.attempts', '>', 0), eb('o.next_attempt_at', '<', GIVEN_UP_AT)])]))
    .orderBy('o.id')
    .forUpdate('o')
    .skipLocked()
    .execute();

  const groups = new Map<string, Claimed>();
  const dropped: string[] = [];
  for (const row of rows) {
    // The recipient was suspended or opted out after the notice was queued.
    if (row.status !== 'active' || !row.notify_by_email) {
      dropped.push(row.id);
      continue;
    }
    let group = groups.get(row.user_id);
    if (!group) {
      group = { userId: row.user_id, email: row.email, uiLanguage: row.ui_language, ids: [], kinds: new Set(), attempts: 0 };
      groups.set(row.user_id, group);
    }
    group.ids.push(row.id);
    group.kinds.add(NOTICE_KINDS.includes(row.kind as NoticeKind) ? (row.kind as NoticeKind) : 'message_waiting');
    group.attempts = Math.max(group.attempts, row.attempts);
  }
  if (dropped.length > 0) {
    await trx.updateTable('notification_outbox').set({ next_attempt_at: GIVEN_UP_AT, last_error: 'recipient no longer notified' }).where('id', 'in', dropped).execute();
  }
  const claimed = [...groups.values()].flatMap((g) => g.ids);
  if (claimed.length > 0) {
    await trx
      .updateTable('notification_outbox')
      .set({ next_attempt_at: new Date(now.getTime() + LEASE_MS) })
      .where('id', 'in', claimed)
      .execute();
  }
  return [...groups.values()];
}

export interface NotifierLogger {
  warn: (details: object, message: string) => void;
}

/**
 * Delivers notices every `intervalMs` while a relay is configured (otherwise does nothing).
 * Runs never overlap, and failures are logged by their code only (the relay URL holds
 * credentials), never thrown: the rows stay pending and the next tick retries.
 */
export function startNotifier(ctx: AppContext, options: { intervalMs?: number; logger?: NotifierLogger } = {}): { stop: () => Promise<void> } {
  const mailer = createMailer(ctx.config);
  if (!mailer) return { stop: async () => {} };
  const logger = options.logger ?? { warn: (details, message) => console.warn(message, details) };
  let running: Promise<void> | undefined;
  let stopped = false;
  const tick = () => {
    if (running || stopped) return;
    running = deliverPendingNotices(ctx, mailer)
      .then(({ failed }) => {
        if (failed > 0) logger.warn({ failed }, 'some email notices could not be sent; they will be retried');
      })
      .catch((error: unknown) => logger.warn({ reason: failureReason(error) }, 'email notice delivery failed; retrying'))
      .finally(() => {
        running = undefined;
      });
  };
  const timer = setInterval(tick, options.intervalMs ?? 2000);
  timer.unref();
  return {
    // Unlike the sealer, no last run: pending notices are safe in the table for the next start.
    stop: async () => {
      if (stopped) return;
      stopped = true;
      clearInterval(timer);
      await running;
      mailer.close();
    },
  };
}
