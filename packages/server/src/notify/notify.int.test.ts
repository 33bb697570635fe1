import crypto from 'node:crypto';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SMTPServer } from 'smtp-server';
import { createTestContext, type TestContext } from '../test/context.js';
import { buildUser, type BuiltUser } from '../test/factories.js';
import { composeNotice, createMailer, deliverPendingNotices, GIVEN_UP_AT, queueNotices, startNotifier, type Mailer, type NoticeKind } from './outbox.js';

interface Received {
  to: string[];
  raw: string;
}

/** A real SMTP relay on a free port, requiring the login from FOCAL_SMTP_URL. */
async function startRelay(username: string, password: string) {
  const received: Received[] = [];
  const logins: { username: string; password: string }[] = [];
  const rejecting = new Set<string>();
  const server = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS'],
    authMethods: ['PLAIN', 'LOGIN'],
    allowInsecureAuth: true,
    logger: false,
    closeTimeout: 1000,
    onAuth(auth, _session, callback) {
      logins.push({ username: auth.username ?? '', password: auth.password ?? '' });
      if (auth.username === username && auth.password === password) callback(null, { user: username });
      else callback(Object.assign(new Error('Invalid login'), { responseCode: 535 }));
    },
    onRcptTo(address, _session, callback) {
      if (rejecting.has(address.address)) callback(Object.assign(new Error('Mailbox unavailable'), { responseCode: 550 }));
      else callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push({ to: session.envelope.rcptTo.map((a) => a.address), raw: Buffer.concat(chunks).toString('latin1') });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as net.AddressInfo).port;
  return {
    port,
    received,
    logins,
    rejecting,
    to: (email: string) => received.filter((mail) => mail.to.includes(email)).map((mail) => parseMail(mail.raw)),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

// Just enough MIME to read what nodemailer writes: headers, encoded words, and the
// quoted-printable, base64 or 7-bit parts of a multipart/alternative body.
const bytesToUtf8 = (raw: string) => Buffer.from(raw, 'latin1').toString('utf8');
function decodeQuotedPrintable(text: string, underscoreIsSpace = false) {
  const joined = text.replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < joined.length; i++) {
    const hex = joined.slice(i + 1, i + 3);
    if (joined[i] === '=' && /^[0-9A-F]{2}$/i.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else if (underscoreIsSpace && joined[i] === '_') bytes.push(0x20);
    else bytes.push(joined.charCodeAt(i));
  }
  return Buffer.from(bytes).toString('utf8');
}
const decodeWords = (value: string) =>
  value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?[^?]+\?([QqBb])\?([^?]*)\?=/g, (_m, enc: string, data: string) =>
      enc.toUpperCase() === 'B' ? Buffer.from(data, 'base64').toString('utf8') : decodeQuotedPrintable(data, true),
    );
function splitHead(raw: string) {
  const at = raw.indexOf('\r\n\r\n');
  const headers = new Map<string, string>();
  for (const line of raw.slice(0, at).replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const colon = line.indexOf(':');
    headers.set(line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim());
  }
  return { headers, body: raw.slice(at + 4) };
}
function decodeBody(headers: Map<string, string>, body: string) {
  const encoding = (headers.get('content-transfer-encoding') ?? '7bit').toLowerCase();
  const text = encoding === 'quoted-printable' ? decodeQuotedPrintable(body) : encoding === 'base64' ? Buffer.from(body, 'base64').toString('utf8') : bytesToUtf8(body);
  return text.replace(/\r\n/g, '\n');
}
function parseMail(raw: string) {
  const { headers, body } = splitHead(raw);
  const boundary = /boundary="?([^";]+)"?/.exec(headers.get('content-type') ?? '')?.[1];
  const parts = boundary ? body.split(`--${boundary}`).slice(1, -1).map((part) => splitHead(part.replace(/^\r\n/, ''))) : [{ headers, body }];
  const part = (type: string) => {
    const found = parts.find((p) => (p.headers.get('content-type') ?? 'text/plain').startsWith(type));
    return found ? decodeBody(found.headers, found.body.replace(/\r\n$/, '')) : undefined;
  };
  return { raw, headers, subject: decodeWords(headers.get('subject') ?? ''), text: part('text/plain'), html: part('text/html') };
}

const PASSWORD = `pw-${crypto.randomBytes(8).toString('hex')}`;
let relay: Awaited<ReturnType<typeof startRelay>>;
let ctx: TestContext;
let mailer: Mailer;

beforeAll(async () => {
  relay = await startRelay('focal', PASSWORD);
  ctx = await createTestContext({ FOCAL_SMTP_URL: `smtp://focal:${PASSWORD}@127.0.0.1:${relay.port}`, FOCAL_SMTP_FROM: 'Focal <no-reply@focal.test>' });
  mailer = createMailer(ctx.config)!;
});
afterAll(async () => {
  mailer?.close();
  await relay?.close();
  await ctx?.cleanup();
});

async function userWith(options: { language?: string; notify?: boolean; status?: string; name?: string } = {}): Promise<BuiltUser> {
  const user = await buildUser(ctx, { status: options.status, name: options.name });
  await ctx.db
    .updateTable('users')
    .set({ ui_language: options.language ?? 'en', notify_by_email: options.notify ?? true })
    .where('id', '=', user.id)
    .execute();
  return user;
}

const queue = (userIds: string[], kind: NoticeKind = 'message_waiting', on: TestContext = ctx) =>
  on.db.transaction().execute((trx) => queueNotices(on, trx, userIds, kind));
const rowsOf = (userId: string) => ctx.db.selectFrom('notification_outbox').selectAll().where('user_id', '=', userId).orderBy('id').execute();
const template = (language: string, ...kinds: NoticeKind[]) => composeNotice('http://focal.test', language, new Set(kinds));

describe('queueing notices', () => {
  it('queues one notice per active recipient who wants email, inside the caller transaction', async () => {
    const [wants, optedOut, suspended, invited] = await Promise.all([
      userWith(),
      userWith({ notify: false }),
      userWith({ status: 'suspended' }),
      userWith({ status: 'invited' }),
    ]);
    await queue([wants.id, wants.id, optedOut.id, suspended.id, invited.id]);
    expect(await rowsOf(wants.id)).toEqual([expect.objectContaining({ kind: 'message_waiting', attempts: 0, sent_at: null, last_error: null })]);
    for (const user of [optedOut, suspended, invited]) expect(await rowsOf(user.id)).toEqual([]);

    // A notice exists exactly when the change that caused it commits.
    const rolledBack = await userWith();
    await expect(
      ctx.db.transaction().execute(async (trx) => {
        await queueNotices(ctx, trx, [rolledBack.id], 'message_waiting');
        throw new Error('the business change failed');
      }),
    ).rejects.toThrow('the business change failed');
    expect(await rowsOf(rolledBack.id)).toEqual([]);

    // Without a relay, nothing is queued at all.
    const noRelay = { ...ctx, config: { ...ctx.config, smtpUrl: undefined } };
    const someone = await userWith();
    await queue([someone.id], 'message_waiting', noRelay as TestContext);
    expect(await rowsOf(someone.id)).toEqual([]);
    expect(createMailer(noRelay.config)).toBeNull();

    await deliverPendingNotices(ctx, mailer);
    expect(relay.to(wants.email)).toHaveLength(1);
  });
});

describe('delivering notices', () => {
  it('sends the notice in the recipient language, with the link to the mailbox and nothing about the message', async () => {
    const sender = await userWith({ name: 'Zanzibar Secretsender' });
    const amelie = await userWith({ language: 'fr' });
    const mona = await userWith({ language: 'ar' });
    const ana = await userWith({ language: 'es' });
    // What a messaging service knows when it queues (a sender, a subject, recipients): the
    // outbox takes only the recipients and the kind, so the rest cannot reach the email.
    const subject = 'Operation Nightjar: wire transfers from Zanzibar';
    await queue([amelie.id, mona.id, ana.id]);

    expect(await deliverPendingNotices(ctx, mailer)).toEqual({ sent: 3, failed: 0 });

    const [fr] = relay.to(amelie.email);
    expect(relay.to(amelie.email)).toHaveLength(1);
    expect(fr!.subject).toBe('Focal : un message sécurisé vous attend');
    expect(fr!.text).toBe(
      'Un message sécurisé vous attend dans Focal.\n\nConnectez-vous pour le lire :\nhttp://focal.test/mail\n\n' +
        'Cet avis est envoyé automatiquement. Par sécurité, il ne contient jamais le message lui-même.\n',
    );
    expect(fr!.headers.get('from')).toBe('Focal <no-reply@focal.test>');
    expect(fr!.headers.get('to')).toBe(amelie.email);
    expect(fr!.headers.get('auto-submitted')).toBe('auto-generated');

    const [ar] = relay.to(mona.email);
    expect(ar!.subject).toBe('Focal: رسالة آمنة في انتظارك');
    expect(ar!.text).toBe(template('ar', 'message_waiting').text);
    expect(ar!.html).toContain('<html lang="ar" dir="rtl">');
    expect(ar!.html).toContain('<a href="http://focal.test/mail">');
    expect(relay.to(ana.email)[0]!.text).toBe(template('es', 'message_waiting').text);

    for (const mail of [fr!, ar!]) {
      for (const secret of ['Zanzibar', 'Secretsender', subject, sender.email, PASSWORD]) expect(mail.raw).not.toContain(secret);
      expect(mail.text).toBe(template(mail === fr ? 'fr' : 'ar', 'message_waiting').text);
    }
    // The relay saw the operator's login from FOCAL_SMTP_URL.
    expect(relay.logins.at(-1)).toEqual({ username: 'focal', password: PASSWORD });
    for (const user of [amelie, mona, ana]) expect((await rowsOf(user.id)).every((row) => row.sent_at && row.last_error === null)).toBe(true);
    // Nothing is due any more.
    expect(await deliverPendingNotices(ctx, mailer)).toEqual({ sent: 0, failed: 0 });
  });

  it('coalesces all pending notices of a user into one email', async () => {
    const user = await userWith();
    await queue([user.id]);
    await queue([user.id]);
    await queue([user.id], 'ack_reminder');

    expect(await deliverPendingNotices(ctx, mailer)).toEqual({ sent: 1, failed: 0 });
    const mails = relay.to(user.email);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe('Focal: a message awaits your acknowledgement');
    expect(mails[0]!.text).toBe(template('en', 'ack_reminder', 'message_waiting').text);
    expect(mails[0]!.text).toBe(
      'A message in Focal is waiting for your acknowledgement.\nA secure message is waiting for you in Focal.\n\n' +
        'Sign in to read it:\nhttp://focal.test/mail\n\nThis notice is sent automatically. For security, it never contains the message itself.\n',
    );
    const rows = await rowsOf(user.id);
    expect(rows).toHaveLength(3);
    expect(rows.every((row) => row.sent_at !== null)).toBe(true);
  });

  it('retries a refused recipient with backoff and a secret-free reason, and delivers once the relay accepts', async () => {
    const user = await userWith();
    relay.rejecting.add(user.email);
    await queue([user.id]);
    const now = new Date();

    expect(await deliverPendingNotices(ctx, mailer, now)).toEqual({ sent: 0, failed: 1 });
    let [row] = await rowsOf(user.id);
    expect(row).toMatchObject({ attempts: 1, sent_at: null, next_attempt_at: new Date(now.getTime() + 60_000) });
    expect(row!.last_error).toBe('EENVELOPE RCPT TO 550');
    expect(row!.last_error).not.toContain(PASSWORD);

    // Not due before its backoff ends.
    expect(await deliverPendingNotices(ctx, mailer, new Date(now.getTime() + 30_000))).toEqual({ sent: 0, failed: 0 });
    // The second failure waits 5 minutes.
    const second = new Date(now.getTime() + 60_000);
    expect(await deliverPendingNotices(ctx, mailer, second)).toEqual({ sent: 0, failed: 1 });
    [row] = await rowsOf(user.id);
    expect(row).toMatchObject({ attempts: 2, next_attempt_at: new Date(second.getTime() + 5 * 60_000) });

    relay.rejecting.delete(user.email);
    expect(await deliverPendingNotices(ctx, mailer, new Date(second.getTime() + 5 * 60_000))).toEqual({ sent: 1, failed: 0 });
    expect(relay.to(user.email)).toHaveLength(1);
    [row] = await rowsOf(user.id);
    expect(row).toMatchObject({ attempts: 2, last_error: null });
    expect(row!.sent_at).not.toBeNull();
  });

  it('a relay that cannot be reached delays every notice without using up the attempts of those not tried', async () => {
    const [first, second] = [await userWith(), await userWith()];
    await queue([first.id]);
    await queue([second.id]);
    const down = createMailer({ smtpUrl: `smtp://focal:${PASSWORD}@127.0.0.1:${await closedPort()}`, smtpFrom: ctx.config.smtpFrom })!;
    const now = new Date();
    try {
      expect(await deliverPendingNotices(ctx, down, now)).toEqual({ sent: 0, failed: 1 });
    } finally {
      down.close();
    }
    const [tried] = await rowsOf(first.id);
    const [untried] = await rowsOf(second.id);
    const retryAt = new Date(now.getTime() + 60_000);
    expect(tried).toMatchObject({ attempts: 1, sent_at: null, next_attempt_at: retryAt });
    expect(untried).toMatchObject({ attempts: 0, sent_at: null, next_attempt_at: retryAt });
    expect(tried!.last_error).toMatch(/^E[A-Z]+( [A-Z ]+)?$/);
    expect(untried!.last_error).toBe(`not tried: ${tried!.last_error}`);
    for (const reason of [tried!.last_error, untried!.last_error]) {
      expect(reason).not.toContain(PASSWORD);
      expect(reason).not.toContain('127.0.0.1');
    }

    // The relay is back: a later run delivers both.
    expect(await deliverPendingNotices(ctx, mailer, retryAt)).toEqual({ sent: 2, failed: 0 });
    expect(relay.to(first.email)).toHaveLength(1);
    expect(relay.to(second.email)).toHaveLength(1);
  });

  it('gives up after 8 attempts and keeps the row with its reason', async () => {
    const user = await userWith();
    relay.rejecting.add(user.email);
    await queue([user.id]);
    await ctx.db.updateTable('notification_outbox').set({ attempts: 7 }).where('user_id', '=', user.id).execute();
    expect(await deliverPendingNotices(ctx, mailer)).toEqual({ sent: 0, failed: 1 });
    const [row] = await rowsOf(user.id);
    expect(row).toMatchObject({ attempts: 8, sent_at: null, next_attempt_at: GIVEN_UP_AT, last_error: 'gave up: EENVELOPE RCPT TO 550' });
    relay.rejecting.delete(user.email);
    expect(await deliverPendingNotices(ctx, mailer, new Date(Date.now() + 365 * 24 * 3600_000))).toEqual({ sent: 0, failed: 0 });
    expect(relay.to(user.email)).toEqual([]);
  });

  it('drops the notices of a user suspended or opted out after they were queued', async () => {
    const [suspended, optedOut] = [await userWith(), await userWith()];
    await queue([suspended.id, optedOut.id]);
    await ctx.db.updateTable('users').set({ status: 'suspended' }).where('id', '=', suspended.id).execute();
    await ctx.db.updateTable('users').set({ notify_by_email: false }).where('id', '=', optedOut.id).execute();
    expect(await deliverPendingNotices(ctx, mailer)).toEqual({ sent: 0, failed: 0 });
    for (const user of [suspended, optedOut]) {
      expect(relay.to(user.email)).toEqual([]);
      expect(await rowsOf(user.id)).toEqual([expect.objectContaining({ sent_at: null, next_attempt_at: GIVEN_UP_AT, last_error: 'recipient no longer notified' })]);
    }
  });
});

describe('the notifier', () => {
  it('delivers in the background until stopped, and does nothing without a relay', async () => {
    const warnings: string[] = [];
    const notifier = startNotifier(ctx, { intervalMs: 20, logger: { warn: (_details, message) => warnings.push(message) } });
    const user = await userWith({ language: 'es' });
    await queue([user.id]);
    const deadline = Date.now() + 10_000;
    while (relay.to(user.email).length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    await notifier.stop();
    expect(relay.to(user.email)).toHaveLength(1);
    expect(relay.to(user.email)[0]!.subject).toBe('Focal: le espera un mensaje seguro');
    expect(warnings).toEqual([]);

    // Stopped: a new notice stays queued.
    await queue([user.id]);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await rowsOf(user.id)).filter((row) => row.sent_at === null)).toHaveLength(1);
    await deliverPendingNotices(ctx, mailer);

    const idle = startNotifier({ ...ctx, config: { ...ctx.config, smtpUrl: undefined } }, { intervalMs: 20 });
    await idle.stop();
  });

  it('logs a failure by its code only and keeps running', async () => {
    const warnings: { details: object; message: string }[] = [];
    const user = await userWith();
    relay.rejecting.add(user.email);
    await queue([user.id]);
    const notifier = startNotifier(ctx, { intervalMs: 20, logger: { warn: (details, message) => warnings.push({ details, message }) } });
    const deadline = Date.now() + 10_000;
    while (warnings.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    await notifier.stop();
    relay.rejecting.delete(user.email);
    expect(warnings[0]).toEqual({ details: { failed: 1 }, message: expect.stringContaining('retried') });
    expect(JSON.stringify(warnings)).not.toContain(PASSWORD);
    expect(await rowsOf(user.id)).toEqual([expect.objectContaining({ attempts: 1, sent_at: null })]);
  });
});
