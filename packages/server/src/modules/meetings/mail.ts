import { sql } from 'kysely';
import type { TRsvpState } from '@focal/shared';
import type { AppContext, Db } from '../../context.js';
import { failureReason, GIVEN_UP_AT, MAX_ATTEMPTS, type Mailer } from '../../notify/outbox.js';
import { addressOf, renderCalendar } from './ical.js';

/**
 * Email invitations with their calendar file (iMIP): REQUEST for an invitation or an update,
 * CANCEL when the meeting or someone's place in it is off. Rows of `meeting_mail_outbox` are
 * written in the transaction of the change; this sends them, as `notify/outbox.ts` sends notices
 * (lease instead of a held transaction, backoff, a relay outage delaying rather than using up
 * attempts).
 *
 * What the email and its calendar file carry is deliberately little, because mail crosses
 * servers Focal does not control: the time, a neutral title ("Focal meeting"), the address of
 * the meeting in Focal, and the recipient as the only attendee. Never the title, description,
 * place, link, case or other participants: those are in Focal, and in the calendar file a
 * participant downloads there or the personal feed they subscribe to.
 */

const BATCH_ROWS = 100;
const LEASE_MS = 15 * 60_000;
const BACKOFF_MS = [60_000, 5 * 60_000, 30 * 60_000, 2 * 3600_000, 6 * 3600_000];

type Language = 'en' | 'fr' | 'es' | 'ar';
type Kind = 'invited' | 'updated' | 'cancelled';

const STRINGS: Record<Language, { dir: 'ltr' | 'rtl'; summary: string; subject: Record<Kind, string>; line: Record<Kind, string>; when: string; open: string; footer: string }> = {
  en: {
    dir: 'ltr',
    summary: 'Focal meeting',
    subject: { invited: 'Focal: invitation to a meeting', updated: 'Focal: a meeting was changed', cancelled: 'Focal: a meeting was cancelled' },
    line: { invited: 'You are invited to a meeting in Focal.', updated: 'A meeting you are invited to in Focal was changed.', cancelled: 'A meeting in Focal was cancelled, or you are no longer invited to it.' },
    when: 'When:',
    open: 'Sign in to see it and answer:',
    footer: 'This email is sent automatically. For security, it never says what the meeting is about: the details are in Focal.',
  },
  fr: {
    dir: 'ltr',
    summary: 'Réunion Focal',
    subject: { invited: 'Focal : invitation à une réunion', updated: 'Focal : une réunion a été modifiée', cancelled: 'Focal : une réunion a été annulée' },
    line: { invited: 'Vous êtes invité(e) à une réunion dans Focal.', updated: 'Une réunion à laquelle vous êtes invité(e) dans Focal a été modifiée.', cancelled: 'Une réunion dans Focal a été annulée, ou vous n’y êtes plus invité(e).' },
    when: 'Quand :',
    open: 'Connectez-vous pour la consulter et répondre :',
    footer: 'Ce courriel est envoyé automatiquement. Par sécurité, il ne dit jamais l’objet de la réunion : les détails sont dans Focal.',
  },
  es: {
    dir: 'ltr',
    summary: 'Reunión de Focal',
    subject: { invited: 'Focal: invitación a una reunión', updated: 'Focal: se modificó una reunión', cancelled: 'Focal: se canceló una reunión' },
    line: { invited: 'Está invitado/a a una reunión en Focal.', updated: 'Se modificó una reunión de Focal a la que está invitado/a.', cancelled: 'Se canceló una reunión en Focal, o ya no está invitado/a a ella.' },
    when: 'Cuándo:',
    open: 'Inicie sesión para verla y responder:',
    footer: 'Este correo se envía automáticamente. Por seguridad, nunca dice de qué trata la reunión: los detalles están en Focal.',
  },
  ar: {
    dir: 'rtl',
    summary: 'اجتماع على Focal',
    subject: { invited: 'Focal: دعوة إلى اجتماع', updated: 'Focal: تم تعديل اجتماع', cancelled: 'Focal: تم إلغاء اجتماع' },
    line: { invited: 'أنت مدعو إلى اجتماع على Focal.', updated: 'تم تعديل اجتماع أنت مدعو إليه على Focal.', cancelled: 'تم إلغاء اجتماع على Focal، أو لم تعد مدعوًا إليه.' },
    when: 'الموعد:',
    open: 'سجّل الدخول للاطلاع عليه والرد:',
    footer: 'يُرسَل هذا البريد تلقائيًا. ولدواعي الأمان، لا يذكر أبدًا موضوع الاجتماع: التفاصيل موجودة على Focal.',
  },
};

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** "Monday 23 March 2026, 09:00–10:00 CET (Europe/Paris)", in the reader's language and zone. */
export function formatWhen(start: Date, end: Date, language: string, timeZone: string): string {
  let zone = timeZone;
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat(language, { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: zone, timeZoneName: 'short' });
  } catch {
    zone = 'UTC';
    format = new Intl.DateTimeFormat(language, { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: zone, timeZoneName: 'short' });
  }
  return `${format.formatRange(start, end)} (${zone})`;
}

export interface InvitationMail {
  subject: string;
  text: string;
  html: string;
  ics: string;
}

/** The email for one recipient, in their language, with the time on their clock. */
export function composeInvitation(
  options: { publicUrl: string; from: string; language: string; timeZone: string; method: 'REQUEST' | 'CANCEL'; kind: Kind },
  meeting: { id: string; ical_uid: string; sequence: number; starts_at: Date; ends_at: Date; created_at: Date; updated_at: Date },
  recipient: { name: string; email: string; rsvp: TRsvpState },
): InvitationMail {
  const language: Language = options.language in STRINGS ? (options.language as Language) : 'en';
  const s = STRINGS[language];
  const link = `${options.publicUrl}/meetings/${meeting.id}`;
  const when = formatWhen(meeting.starts_at, meeting.ends_at, language, options.timeZone);
  const line = s.line[options.kind];
  const text = [line, '', `${s.when} ${when}`, '', s.open, link, '', s.footer, ''].join('\n');
  const html =
    `<!doctype html><html lang="${language}" dir="${s.dir}"><head><meta charset="utf-8"></head><body>` +
    `<p>${escapeHtml(line)}</p><p>${escapeHtml(s.when)} ${escapeHtml(when)}</p>` +
    `<p>${escapeHtml(s.open)}<br><a href="${escapeHtml(link)}">${escapeHtml(link)}</a></p>` +
    `<p>${escapeHtml(s.footer)}</p></body></html>`;
  const ics = renderCalendar(options.method, [
    {
      uid: meeting.ical_uid,
      sequence: meeting.sequence,
      start: meeting.starts_at,
      end: meeting.ends_at,
      stamp: meeting.updated_at,
      created: meeting.created_at,
      summary: s.summary,
      description: `${line}\n${link}`,
      location: null,
      url: link,
      cancelled: options.method === 'CANCEL',
      // Answers are given in Focal: the organiser address is the relay's own, and no reply is asked.
      organizer: { name: 'Focal', email: addressOf(options.from) },
      attendees: [{ name: recipient.name, email: recipient.email, rsvp: recipient.rsvp, chair: false, replyWanted: false }],
    },
  ]);
  return { subject: s.subject[options.kind], text, html, ics };
}

interface Claimed {
  id: number;
  method: 'REQUEST' | 'CANCEL';
  sequence: number;
  attempts: number;
  kind: Kind;
  meeting: { id: string; ical_uid: string; sequence: number; starts_at: Date; ends_at: Date; created_at: Date; updated_at: Date };
  user: { name: string; email: string; ui_language: string; time_zone: string; deliverable: boolean; rsvp: TRsvpState };
}

/** Sends the due invitations; returns how many were sent and failed. */
export async function deliverMeetingInvitations(ctx: AppContext, mailer: Mailer, now = new Date()): Promise<{ sent: number; failed: number }> {
  const dueBefore = new Date(now.getTime() + 1);
  const due = await ctx.db.selectFrom('meeting_mail_outbox').select('id').where('sent_at', 'is', null).where('next_attempt_at', '<', dueBefore).limit(1).executeTakeFirst();
  if (!due) return { sent: 0, failed: 0 };
  const claimed = await ctx.db.transaction().execute((trx) => claim(trx, now, dueBefore));
  let sent = 0;
  let failed = 0;
  for (let i = 0; i < claimed.length; i++) {
    const row = claimed[i]!;
    if (!row.user.deliverable) {
      await ctx.db.updateTable('meeting_mail_outbox').set({ next_attempt_at: GIVEN_UP_AT, last_error: 'recipient no longer notified' }).where('id', '=', row.id).execute();
      continue;
    }
    const sequence = row.method === 'CANCEL' ? Math.max(row.sequence, row.meeting.sequence) : row.meeting.sequence;
    const mail = composeInvitation(
      { publicUrl: ctx.config.publicUrl, from: ctx.config.smtpFrom, language: row.user.ui_language, timeZone: row.user.time_zone, method: row.method, kind: row.kind },
      { ...row.meeting, sequence },
      { name: row.user.name, email: row.user.email, rsvp: row.user.rsvp },
    );
    try {
      await mailer.sendMail({
        to: row.user.email,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        icalEvent: { method: row.method, filename: row.method === 'CANCEL' ? 'cancel.ics' : 'invite.ics', content: mail.ics },
        headers: { 'Auto-Submitted': 'auto-generated' },
      });
    } catch (error) {
      failed += 1;
      const reason = failureReason(error);
      const attempts = row.attempts + 1;
      const retryAt = attempts >= MAX_ATTEMPTS ? GIVEN_UP_AT : new Date(now.getTime() + BACKOFF_MS[Math.min(attempts, BACKOFF_MS.length) - 1]!);
      await ctx.db
        .updateTable('meeting_mail_outbox')
        .set({ attempts, next_attempt_at: retryAt, last_error: attempts >= MAX_ATTEMPTS ? `gave up: ${reason}` : reason })
        .where('id', '=', row.id)
        .execute();
      if ((error as { command?: unknown } | null)?.command !== 'RCPT TO') {
        // The relay itself failed: the rest wait for the same retry without an attempt counted.
        const untried = claimed.slice(i + 1).map((c) => c.id);
        if (untried.length) {
          await ctx.db
            .updateTable('meeting_mail_outbox')
            .set({ next_attempt_at: attempts >= MAX_ATTEMPTS ? new Date(now.getTime() + BACKOFF_MS[0]!) : retryAt, last_error: `not tried: ${reason}` })
            .where('id', 'in', untried)
            .execute();
        }
        break;
      }
      continue;
    }
    sent += 1;
    await ctx.db.updateTable('meeting_mail_outbox').set({ sent_at: now, last_error: null }).where('id', '=', row.id).execute();
  }
  return { sent, failed };
}

/**
 * Takes the due rows under a lease. Only the latest row per meeting and person is sent: it
 * carries the meeting as it stands, so earlier ones still waiting are marked superseded.
 */
async function claim(trx: Db, now: Date, dueBefore: Date): Promise<Claimed[]> {
  const rows = await trx
    .selectFrom('meeting_mail_outbox')
    .select(['id', 'meeting_id', 'user_id', 'method', 'sequence', 'attempts'])
    .where('sent_at', 'is', null)
    .where('next_attempt_at', '<', dueBefore)
    .orderBy('id')
    .limit(BATCH_ROWS)
    .forUpdate()
    .skipLocked()
    .execute();
  if (rows.length === 0) return [];
  const latest = new Map<string, (typeof rows)[number]>();
  for (const row of rows) latest.set(`${row.meeting_id}:${row.user_id}`, row);
  const chosen = [...latest.values()];
  // Older waiting rows for the same meeting and person (due or backing off) are covered by this one.
  await sql`
    UPDATE meeting_mail_outbox o SET sent_at = ${now}, last_error = 'superseded'
    FROM (SELECT unnest(${chosen.map((r) => r.meeting_id)}::uuid[]) AS meeting_id, unnest(${chosen.map((r) => r.user_id)}::uuid[]) AS user_id, unnest(${chosen.map((r) => r.id)}::bigint[]) AS id) c
    WHERE o.meeting_id = c.meeting_id AND o.user_id = c.user_id AND o.id < c.id AND o.sent_at IS NULL`.execute(trx);
  await trx
    .updateTable('meeting_mail_outbox')
    .set({ next_attempt_at: new Date(now.getTime() + LEASE_MS) })
    .where(
      'id',
      'in',
      chosen.map((r) => r.id),
    )
    .execute();
  const meetings = await trx
    .selectFrom('meetings')
    .select(['id', 'ical_uid', 'sequence', 'starts_at', 'ends_at', 'created_at', 'updated_at'])
    .where('id', 'in', [...new Set(chosen.map((r) => r.meeting_id))])
    .execute();
  const users = await trx
    .selectFrom('users')
    .select(['id', 'name', 'email', 'ui_language', 'time_zone', 'status', 'notify_by_email'])
    .where('id', 'in', [...new Set(chosen.map((r) => r.user_id))])
    .execute();
  const answers = await trx
    .selectFrom('meeting_participants')
    .select(['meeting_id', 'user_id', 'rsvp'])
    .where('meeting_id', 'in', [...new Set(chosen.map((r) => r.meeting_id))])
    .execute();
  // Someone who already had an invitation from this meeting receives an update.
  const earlier = await trx
    .selectFrom('meeting_mail_outbox')
    .select(['meeting_id', 'user_id'])
    .where('meeting_id', 'in', [...new Set(chosen.map((r) => r.meeting_id))])
    .where('sent_at', 'is not', null)
    .where((eb) => eb.or([eb('last_error', 'is', null), eb('last_error', '!=', 'superseded')]))
    .execute();
  const sentBefore = new Set(earlier.map((e) => `${e.meeting_id}:${e.user_id}`));
  return chosen.map((row) => {
    const meeting = meetings.find((m) => m.id === row.meeting_id)!;
    const user = users.find((u) => u.id === row.user_id)!;
    const rsvp = (answers.find((a) => a.meeting_id === row.meeting_id && a.user_id === row.user_id)?.rsvp ?? 'pending') as TRsvpState;
    const kind: Kind = row.method === 'CANCEL' ? 'cancelled' : sentBefore.has(`${row.meeting_id}:${row.user_id}`) ? 'updated' : 'invited';
    return {
      id: row.id,
      method: row.method,
      sequence: row.sequence,
      attempts: row.attempts,
      kind,
      meeting,
      user: { name: user.name, email: user.email, ui_language: user.ui_language, time_zone: user.time_zone, deliverable: user.status === 'active' && user.notify_by_email, rsvp },
    };
  });
}
