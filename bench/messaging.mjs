#!/usr/bin/env node
// Secure messaging (issue 3), against the built server in a child process:
//  1. send throughput over HTTP: `POST /api/mail/send` with a 1 KB body to 1 and to 10
//     recipients, and draft + 1 MB upload + send, from several signed-in senders, compared with
//     the authenticated no-op `/api/ping` in the same run at the same concurrency; then ping
//     and 1-recipient sends again over several server processes on one PostgreSQL;
//  2. mailbox latency over a large inbox (filled in bulk in process with exactly the rows
//     `deliver` writes): first page, a deep page, sort by sender, blind-index word searches,
//     the next page of the frequent ones, one request at a time.
//
//   node bench/messaging.mjs [--seconds 10] [--concurrency 16] [--senders 16] [--messages 100000]
//     [--pglite-messages 100000] [--samples 200] [--processes 2] [--db pg,pglite]
//     [--pg postgres://postgres@127.0.0.1:5432/postgres]
import crypto from 'node:crypto';
import http from 'node:http';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { sql } from 'kysely';
import { fmt, loadDemo, loadTasks, percentile, request, signIn, startServer, table } from './lib.mjs';

const { loadConfig } = await import('../packages/server/dist/config.js');
const { bootstrap } = await import('../packages/server/dist/bootstrap.js');
const { wrapDataKey } = await import('../packages/server/dist/crypto/envelope.js');
const { aesGcmEncrypt } = await import('../packages/server/dist/crypto/primitives.js');
const { fold } = await import('../packages/server/dist/modules/identity/repository.js');
const { wordHash, wordsOf } = await import('../packages/server/dist/modules/messaging/words.js');
const { PRIORITY_RANK } = await import('../packages/server/dist/modules/messaging/service.js');

// ---------------------------------------------------------------- text

/** Deterministic PRNG (mulberry32). */
function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SYLLABLES = 'ka lo mi ren ta so vel dor an is un pra ke zu mo ri sel tan fo gra li ne ost pe qui ba che de el fa gu hin jo lum nar op res sti tor ul vin wa xe yor zal bre cla dri'.split(' ');

/**
 * Invented words: a vocabulary of `vocabulary` words drawn with a Zipf distribution (s = 1, as
 * in natural text: a few words in every message, most in few), and `names` proper names (people,
 * companies) drawn uniformly, two per message, so some words occur in only a handful of messages.
 */
function makeLanguage(seed, vocabulary = 5000, names = 20_000) {
  const random = rng(seed);
  const seen = new Set();
  const invent = (min, max) => {
    for (;;) {
      const n = min + Math.floor(random() * (max - min + 1));
      let word = '';
      for (let i = 0; i < n; i++) word += SYLLABLES[Math.floor(random() * SYLLABLES.length)];
      if (!seen.has(word)) return seen.add(word), word;
    }
  };
  const words = Array.from({ length: vocabulary }, (_, i) => invent(i < 200 ? 1 : 2, i < 200 ? 2 : 4));
  const people = Array.from({ length: names }, () => {
    const name = invent(3, 4);
    return name[0].toUpperCase() + name.slice(1);
  });
  const cdf = new Float64Array(vocabulary);
  let sum = 0;
  for (let r = 0; r < vocabulary; r++) cdf[r] = sum += 1 / (r + 1);
  const zipf = () => {
    const x = random() * sum;
    let lo = 0;
    let hi = vocabulary - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cdf[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return words[lo];
  };
  const sentence = (min, max) => {
    const n = min + Math.floor(random() * (max - min + 1));
    const out = Array.from({ length: n }, zipf);
    out[0] = out[0][0].toUpperCase() + out[0].slice(1);
    return out;
  };
  return {
    random,
    /** The names as the word index sees them (lower case). */
    names: new Set(people.map((name) => name.toLowerCase())),
    subject: () => sentence(3, 7).join(' '),
    /** About `bytes` of Markdown-free prose, with two names somewhere in it. */
    body: (bytes = 1024) => {
      const sentences = [];
      let length = 0;
      while (length < bytes - 60) {
        const s = sentence(6, 18).join(' ') + '.';
        sentences.push(s);
        length += s.length + 1;
      }
      for (let k = 0; k < 2; k++) {
        const at = Math.floor(random() * sentences.length);
        sentences[at] = sentences[at].replace(/\.$/, ` ${people[Math.floor(random() * people.length)]}.`);
      }
      return sentences.join(' ');
    },
  };
}

// ---------------------------------------------------------------- send throughput

/** CPU seconds (user + system) a process has used so far, from /proc (Linux); NaN elsewhere. */
function cpuSeconds(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}

/**
 * CPU used by the server processes and, on PostgreSQL, by the backends connected to the
 * benchmark's database (the servers' pools), so a rate can be put down to where its time went.
 */
async function cpuMeter(servers, databaseUrl) {
  const client = databaseUrl ? new pg.Client({ connectionString: databaseUrl }) : null;
  await client?.connect();
  const backends = async () =>
    client ? (await client.query('SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()')).rows.map((r) => r.pid) : [];
  const snapshot = async () => {
    const pids = await backends();
    return { server: servers.reduce((sum, server) => sum + cpuSeconds(server.pid), 0), database: pids.reduce((sum, pid) => sum + (cpuSeconds(pid) || 0), 0), generator: process.cpuUsage() };
  };
  return {
    /** Runs `fn` and adds to its result the CPU milliseconds per completed task. */
    async around(fn) {
      const before = await snapshot();
      const result = await fn();
      const after = await snapshot();
      const generator = process.cpuUsage(before.generator);
      const per = (seconds) => (seconds * 1000) / Math.max(1, result.requests);
      return {
        ...result,
        cpu: {
          server: per(after.server - before.server),
          database: client ? per(after.database - before.database) : NaN,
          generator: per((generator.user + generator.system) / 1e6),
        },
      };
    },
    close: () => client?.end(),
  };
}

async function userIds(port, session, logins) {
  const agent = new http.Agent({ keepAlive: true });
  const ids = new Map();
  for (const login of logins) {
    const res = await request(agent, port, { path: `/api/mail/recipients?q=${encodeURIComponent(login.name)}`, headers: { cookie: session.cookie } });
    const found = JSON.parse(res.text).items.find((o) => o.kind === 'user' && o.nameLatin === login.name && o.country === login.country);
    if (!found) throw new Error(`no user id for ${login.email}`);
    ids.set(login.email, found.id);
  }
  agent.destroy();
  return ids;
}

/** Signs the senders in (sessions live in the database: they work on every server process) and lists who may receive. */
async function signInSenders(server, world, owner, senderCount) {
  const candidates = world.logins.filter((l) => l.email !== owner.email && !l.roles.includes('observer'));
  const senders = [];
  for (const login of candidates.slice(0, senderCount)) senders.push({ login, ...(await signIn(server.base, login.email, world.password, login.totpSecret)) });
  const ids = await userIds(server.port, senders[0], world.logins);
  // Anyone but the owner of the big mailbox (filled next) may receive.
  return { senders, recipientPool: world.logins.filter((l) => l.email !== owner.email).map((l) => ids.get(l.email)) };
}

/**
 * Runs the send phases against `servers` (one lane after another on each, as a load balancer
 * would spread connections), each phase measured with the CPU it cost.
 */
async function measureSends(servers, { senders, recipientPool }, { seconds, concurrency, databaseUrl, phases = ['ping', 'send1', 'send10', 'attachment'] }) {
  const language = makeLanguage(7);
  const bodies = Array.from({ length: 512 }, () => ({ subject: language.subject(), body: language.body(1024) }));
  const attachment = crypto.randomBytes(1024 * 1024);
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency * 2 });
  const portOf = (lane) => servers[lane % servers.length].port;
  let counter = 0;
  const pick = (sender, n) => {
    const pool = recipientPool.filter((id) => id !== sender.userId);
    const out = new Set();
    while (out.size < n) out.add(pool[Math.floor(Math.random() * pool.length)]);
    return [...out].map((id) => ({ kind: 'user', id }));
  };
  const headersOf = (sender, json) => ({ cookie: sender.cookie, 'x-csrf-token': sender.csrf, ...(json ? { 'content-type': 'application/json' } : {}) });
  const post = (lane, sender, path, payload) => request(agent, portOf(lane), { method: 'POST', path, headers: headersOf(sender, true), body: Buffer.from(JSON.stringify(payload)) });
  let firstError = null;
  const failed = (what, res) => {
    firstError ??= `${what}: ${res.status} ${res.text.slice(0, 300)}`;
    return false;
  };

  const sendTask = (recipients) => async (lane) => {
    const sender = senders[lane % senders.length];
    const content = bodies[counter++ % bodies.length];
    const res = await post(lane, sender, '/api/mail/send', { to: pick(sender, recipients), ...content });
    return res.status === 200 || failed('send', res);
  };
  const attachmentTask = async (lane) => {
    const sender = senders[lane % senders.length];
    const content = bodies[counter++ % bodies.length];
    const draft = await post(lane, sender, '/api/mail/drafts', { to: pick(sender, 1), ...content });
    if (draft.status !== 200) return failed('draft', draft);
    const { id } = JSON.parse(draft.text);
    const upload = await request(agent, portOf(lane), {
      method: 'POST',
      path: `/api/mail/drafts/${id}/attachments?name=evidence.bin`,
      headers: { ...headersOf(sender, false), 'content-type': 'application/octet-stream' },
      body: attachment,
    });
    if (upload.status !== 200) return failed('upload', upload);
    const sent = await request(agent, portOf(lane), { method: 'POST', path: `/api/mail/drafts/${id}/send`, headers: headersOf(sender, false) });
    return sent.status === 200 || failed('draft send', sent);
  };
  const pingTask = async (lane) => {
    const res = await request(agent, portOf(lane), { path: '/api/ping', headers: { cookie: senders[lane % senders.length].cookie } });
    return res.status === 200 || failed('ping', res);
  };

  const tasks = { ping: pingTask, send1: sendTask(1), send10: sendTask(10), attachment: attachmentTask };
  const results = {};
  const meter = await cpuMeter(servers, databaseUrl);
  await loadTasks({ seconds: 1, concurrency, task: pingTask }); // warm-up
  await loadTasks({ seconds: 1, concurrency, task: sendTask(1) });
  for (const phase of phases) results[phase] = await meter.around(() => loadTasks({ seconds, concurrency, task: tasks[phase] }));
  await meter.close();
  agent.destroy();
  if (firstError) console.log(`first error: ${firstError}`);
  return results;
}

// ---------------------------------------------------------------- filling a mailbox

/**
 * Fills `owner`'s inbox with `count` received messages, written in batches exactly as
 * `deliver` writes them: the sealed content under a fresh data key wrapped by the active KEK,
 * the sender's `sent` copy and the owner's `inbox` copy, each with the message's words hashed
 * under that person's blind-index key. Not written: the audit events, realtime notifications
 * and email notices of each send (they play no part in reading a mailbox).
 * Returns the document frequency of each word in the owner's inbox.
 */
export async function fillMailbox(env, ownerEmail, count) {
  const ctx = await bootstrap(loadConfig({ ...env, FOCAL_LOG_LEVEL: 'warn' }));
  try {
    const users = await ctx.db.selectFrom('users').select(['id', 'email', 'name_latin', 'country', 'roles']).execute();
    const owner = users.find((u) => u.email === ownerEmail);
    const senders = users.filter((u) => u.id !== owner.id && !u.roles.includes('observer'));
    const kekId = await ctx.keyRing.activeKeyId('kek');
    const kek = await ctx.keyRing.keyMaterial(kekId);
    const hmacKey = await ctx.keyRing.keyMaterial(await ctx.keyRing.activeKeyId('hmac'));
    // person → word → hash: the values wordHashes computes, each computed once.
    const cache = new Map(users.map((u) => [u.id, new Map()]));
    const hashes = (userId, words) => {
      const mine = cache.get(userId);
      return words.map((word) => {
        let h = mine.get(word);
        if (h === undefined) mine.set(word, (h = wordHash(hmacKey, userId, word)));
        return h;
      });
    };
    const language = makeLanguage(42);
    const random = language.random;
    const frequency = new Map();
    const span = 2 * 365 * 86_400_000; // two years of mail, oldest first
    const start = Date.now() - span;
    const batchSize = 500;

    const build = (from, to) => {
      const dataKeys = [];
      const messages = [];
      const entries = [];
      for (let i = from; i < to; i++) {
        const id = crypto.randomUUID();
        const sender = senders[Math.floor(random() * senders.length)];
        const roll = random();
        const handlingCode = roll < 0.5 ? 'H0' : roll < 0.8 ? 'H1' : roll < 0.95 ? 'H2' : 'H3';
        const priority = roll < 0.95 ? 'routine' : roll < 0.99 ? 'urgent' : 'immediate';
        const content = { subject: language.subject(), body: language.body(1024), conditions: handlingCode === 'H3' ? 'Not to be used in court without prior written consent.' : '' };
        const words = wordsOf(`${content.subject}\n${content.body}`);
        for (const w of words) frequency.set(w, (frequency.get(w) ?? 0) + 1);
        const dataKeyId = crypto.randomUUID();
        const key = crypto.randomBytes(32);
        dataKeys.push({ id: dataKeyId, kek_id: kekId, wrapped: wrapDataKey(kek, dataKeyId, key) });
        const parts = aesGcmEncrypt(key, Buffer.from(JSON.stringify(content), 'utf8'), `messages:${id}:content`);
        const sealed = { k: dataKeyId, iv: parts.iv.toString('base64'), tag: parts.tag.toString('base64'), ct: parts.ct.toString('base64') };
        const at = new Date(start + Math.floor(((i + random()) / count) * span));
        messages.push({
          id,
          thread_id: id,
          sender_id: sender.id,
          provider_id: sender.id,
          status: 'sent',
          content: JSON.stringify(sealed),
          handling_code: handlingCode,
          evaluation_source: 'X',
          evaluation_info: 4,
          priority,
          reply_by: null,
          addressing: JSON.stringify([{ field: 'to', kind: 'user', id: owner.id }]),
          in_reply_to: null,
          forward_of: null,
          sender_country: sender.country,
          created_at: at,
          updated_at: at,
          sent_at: at,
        });
        const common = { message_id: id, thread_id: id, sort_at: at, sender_sort: fold(sender.name_latin), priority_rank: PRIORITY_RANK[priority], handling_code: handlingCode };
        const ackRequired = priority !== 'routine';
        const recent = i >= count - 200; // the newest are still unread
        entries.push({ ...common, user_id: sender.id, role: 'sender', folder: 'sent', unread: false, opened_at: null, ack_required: false, acknowledged_at: null, words: hashes(sender.id, words) });
        entries.push({
          ...common,
          user_id: owner.id,
          role: 'to',
          folder: 'inbox',
          unread: recent,
          opened_at: recent ? null : new Date(at.getTime() + 3_600_000),
          ack_required: ackRequired,
          acknowledged_at: ackRequired && !recent ? new Date(at.getTime() + 3_600_000) : null,
          words: hashes(owner.id, words),
        });
      }
      return { dataKeys, messages, entries };
    };
    const insert = (batch) =>
      ctx.db.transaction().execute(async (trx) => {
        await trx.insertInto('data_keys').values(batch.dataKeys).execute();
        await trx.insertInto('messages').values(batch.messages).execute();
        await trx.insertInto('mailbox_entries').values(batch.entries).execute();
      });

    const started = performance.now();
    let pending = Promise.resolve();
    for (let from = 0; from < count; from += batchSize) {
      const batch = build(from, Math.min(count, from + batchSize)); // built while the previous batch is written
      await pending;
      pending = insert(batch);
      if (process.stdout.isTTY && (from / batchSize) % 40 === 39) process.stdout.write(`  ${fmt(from + batchSize)} messages written\r`);
    }
    await pending;
    if (process.stdout.isTTY) process.stdout.write('\n');
    const fillSeconds = (performance.now() - started) / 1000;
    // Autovacuum would do this shortly after such a bulk load on PostgreSQL (PGlite has no
    // autovacuum): run it now so that the measurements do not race it.
    const vacuumStarted = performance.now();
    for (const t of ['data_keys', 'messages', 'mailbox_entries']) await sql`VACUUM ANALYZE ${sql.table(t)}`.execute(ctx.db);
    const vacuumSeconds = (performance.now() - vacuumStarted) / 1000;
    return { frequency, names: language.names, fillSeconds, vacuumSeconds };
  } finally {
    await ctx.database.close();
  }
}

/** Query words from the inbox's real document frequencies: a rare name, a common word, two mid-frequency words. */
export function chooseWords(frequency, names, count) {
  const entries = [...frequency];
  const closest = (target, filter = () => true) => entries.filter(filter).sort((a, b) => Math.abs(a[1] - target) - Math.abs(b[1] - target))[0][0];
  const rare = closest(5, ([w]) => names.has(w));
  const common = closest(count * 0.1);
  const veryCommon = closest(count * 0.5);
  const first = closest(count * 0.15);
  const second = closest(count * 0.15, ([w]) => w !== first);
  return { rare, common, veryCommon, pair: [first, second] };
}

async function measureMailbox(server, session, words, { samples }) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const get = async (path) => {
    const res = await request(agent, server.port, { path, headers: { cookie: session.cookie } });
    if (res.status !== 200) throw new Error(`${path}: ${res.status} ${res.text.slice(0, 300)}`);
    return JSON.parse(res.text);
  };
  const base = '/api/mail/messages?folder=inbox&limit=50';
  // The cursor of page 21 (or of the last page, in a small mailbox).
  let cursor = null;
  let depth = 1;
  for (; depth <= 20; depth++) {
    const next = (await get(cursor ? `${base}&cursor=${cursor}` : base)).nextCursor;
    if (!next) break;
    cursor = next;
  }
  const queries = [
    { name: 'inbox, first page', path: base },
    ...(cursor ? [{ name: `inbox, page ${depth} (cursor)`, path: `${base}&cursor=${cursor}` }] : []),
    { name: 'sorted by sender, first page', path: `${base}&sort=sender_asc` },
    { name: `search, rare word "${words.rare.toLowerCase()}"`, path: `${base}&q=${encodeURIComponent(words.rare)}` },
    { name: `search, common word "${words.common}"`, path: `${base}&q=${encodeURIComponent(words.common)}` },
    { name: `search, two words "${words.pair.join(' ')}"`, path: `${base}&q=${encodeURIComponent(words.pair.join(' '))}` },
    { name: `search, very common word "${words.veryCommon}"`, path: `${base}&q=${encodeURIComponent(words.veryCommon)}` },
  ];
  // The authenticated no-op, one request at a time, as the reference for this run.
  queries.unshift({ name: 'GET /api/ping (reference)', path: '/api/ping' });
  const firsts = [];
  for (const query of queries) firsts.push(await get(query.path));
  // The next page of the two most frequent searches, through their cursors (keyset paging).
  for (const [i, query] of [...queries.entries()].filter(([, q]) => q.name.startsWith('search, common') || q.name.startsWith('search, very common'))) {
    if (!firsts[i].nextCursor) continue;
    queries.push({ name: `${query.name.replace(/ ".*"$/, '')}, page 2 (cursor)`, path: `${query.path}&cursor=${firsts[i].nextCursor}` });
    firsts.push(await get(queries.at(-1).path));
  }
  // Round robin (one of each per round), so that a burst of load on this shared machine
  // falls on every kind of request alike rather than on whichever was being measured.
  const latencies = queries.map(() => []);
  for (let round = -20; round < samples; round++) {
    for (const [i, query] of queries.entries()) {
      const started = performance.now();
      await get(query.path);
      if (round >= 0) latencies[i].push(performance.now() - started);
    }
  }
  agent.destroy();
  return queries.map((query, i) => {
    const sorted = latencies[i].sort((a, b) => a - b);
    return { name: query.name, total: firsts[i].total ?? -1, atLeast: Boolean(firsts[i].totalAtLeast), p50: percentile(sorted, 50), p95: percentile(sorted, 95), max: sorted[sorted.length - 1] };
  });
}

// ---------------------------------------------------------------- one database

const load = () => loadavg()[0].toFixed(1);

async function measure(label, env, { messages, processes, ...options }) {
  const loads = [load()];
  const world = loadDemo(env);
  const owner = world.logins.find((l) => l.email.startsWith('fr-fp@')) ?? world.logins.find((l) => l.roles.includes('focal_point'));
  console.log(`${label}: send throughput (${options.seconds} s per phase, ${options.concurrency} connections), load average ${loads[0]}…`);
  const servers = [await startServer(env)];
  let sends;
  try {
    const crew = await signInSenders(servers[0], world, owner, options.senders);
    sends = await measureSends(servers, crew, { ...options, databaseUrl: env.DATABASE_URL });
    // Several server processes on one PostgreSQL (a documented deployment: README, "Running
    // on PostgreSQL"), the connections spread over them as a load balancer would.
    if (env.DATABASE_URL && processes > 1) {
      while (servers.length < processes) servers.push(await startServer(env));
      const spread = await measureSends(servers, crew, { ...options, databaseUrl: env.DATABASE_URL, phases: ['ping', 'send1'] });
      sends.processes = { count: processes, ...spread };
    }
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
  }
  loads.push(load());
  console.log(`${label}: filling ${fmt(messages)} messages into one inbox…`);
  const fill = await fillMailbox(env, owner.email, messages);
  loads.push(load());
  console.log(`${label}: filled in ${fmt(fill.fillSeconds, 1)} s (${fmt(messages / fill.fillSeconds)} messages/s), VACUUM ANALYZE ${fmt(fill.vacuumSeconds, 1)} s; measuring the mailbox, load average ${loads[2]}…`);
  const words = chooseWords(fill.frequency, fill.names, messages);
  const server = await startServer(env);
  try {
    const session = await signIn(server.base, owner.email, world.password, owner.totpSecret);
    const mailbox = await measureMailbox(server, session, words, options);
    loads.push(load());
    return { label, messages, sends, fill, mailbox, loads };
  } finally {
    await server.stop();
  }
}

export async function run({
  seconds = 10,
  concurrency = 16,
  senders = 16,
  messages = 100_000,
  pgliteMessages = 100_000,
  samples = 200,
  processes = 2,
  databases = ['pg', 'pglite'],
  pgUrl = 'postgres://postgres@127.0.0.1:5432/postgres',
} = {}) {
  const options = { seconds, concurrency, senders, samples, processes };
  const results = [];
  if (databases.includes('pg')) {
    const admin = new pg.Client({ connectionString: pgUrl });
    let available = true;
    try {
      await admin.connect();
      await admin.query('DROP DATABASE IF EXISTS focal_bench_messaging WITH (FORCE)');
      await admin.query('CREATE DATABASE focal_bench_messaging');
    } catch (error) {
      available = false;
      console.log(`PostgreSQL not reachable at ${pgUrl} (${error.message}); skipped.`);
    }
    if (available) {
      const url = new URL(pgUrl);
      url.pathname = '/focal_bench_messaging';
      const dataDir = mkdtempSync(join(tmpdir(), 'focal-bench-messaging-pg-'));
      try {
        results.push(await measure('PostgreSQL', { FOCAL_DATA_DIR: dataDir, DATABASE_URL: url.toString() }, { ...options, messages }));
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
        await admin.query('DROP DATABASE IF EXISTS focal_bench_messaging WITH (FORCE)');
      }
    }
    await admin.end().catch(() => {});
  }
  if (databases.includes('pglite')) {
    const dataDir = mkdtempSync(join(tmpdir(), 'focal-bench-messaging-'));
    try {
      results.push(await measure('PGlite (embedded)', { FOCAL_DATA_DIR: dataDir, DATABASE_URL: '' }, { ...options, messages: pgliteMessages }));
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }

  console.log(`\nMessaging: sends over HTTP (${seconds} s each, ${concurrency} connections, ${senders} senders, 1 KB bodies); ratio = messages/s ÷ /api/ping req/s`);
  for (const r of results) console.log(`${r.label}: 1-minute load average ${r.loads[0]} before the sends, ${r.loads[1]} after; ${r.loads[2]} before the mailbox reads, ${r.loads[3]} after`);
  console.log('');
  const ms = (n) => (Number.isNaN(n) ? '' : fmt(n, 2));
  table([
    ['database', 'request', 'per s', 'p50 ms', 'p95 ms', '× ping', 'CPU ms each: server', 'database', 'load generator', 'errors'],
    ...results.flatMap((r) =>
      [
        ['GET /api/ping', r.sends.ping, r.sends.ping],
        ['send, 1 recipient', r.sends.send1, r.sends.ping],
        ['send, 10 recipients', r.sends.send10, r.sends.ping],
        ['draft + 1 MB file + send', r.sends.attachment, r.sends.ping],
        ...(r.sends.processes
          ? [
              [`GET /api/ping, ${r.sends.processes.count} server processes`, r.sends.processes.ping, r.sends.processes.ping],
              [`send, 1 recipient, ${r.sends.processes.count} server processes`, r.sends.processes.send1, r.sends.processes.ping],
            ]
          : []),
      ].map(([name, s, ping]) => [r.label, name, fmt(s.rps), fmt(s.p50, 1), fmt(s.p95, 1), fmt(s.rps / ping.rps, 2), ms(s.cpu.server), ms(s.cpu.database), ms(s.cpu.generator), s.errors]),
    ),
  ]);
  console.log('(CPU: the server processes, and on PostgreSQL the backends of their pools; PGlite runs inside the server process. Ratios against /api/ping on as many processes.)');
  console.log(`\nMessaging: one inbox of N received messages, 50 per page; ${samples} rounds of one request of each kind, one at a time, after 20 rounds of warm-up\n`);
  table([
    ['database', 'messages', 'request', 'matches', 'p50 ms', 'p95 ms', 'max ms'],
    ...results.flatMap((r) => r.mailbox.map((q) => [r.label, fmt(r.messages), q.name, q.total < 0 ? '' : `${fmt(q.total)}${q.atLeast ? '+' : ''}`, fmt(q.p50, 1), fmt(q.p95, 1), fmt(q.max, 1)])),
  ]);
  return results;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      seconds: { type: 'string' },
      concurrency: { type: 'string' },
      senders: { type: 'string' },
      messages: { type: 'string' },
      'pglite-messages': { type: 'string' },
      samples: { type: 'string' },
      processes: { type: 'string' },
      db: { type: 'string' },
      pg: { type: 'string' },
    },
  });
  const number = (name, key = name) => (values[name] ? { [key]: Number(values[name]) } : {});
  await run({
    ...number('seconds'),
    ...number('concurrency'),
    ...number('senders'),
    ...number('messages'),
    ...number('pglite-messages', 'pgliteMessages'),
    ...number('samples'),
    ...number('processes'),
    ...(values.db ? { databases: values.db.split(',') } : {}),
    ...(values.pg ? { pgUrl: values.pg } : {}),
  });
}
