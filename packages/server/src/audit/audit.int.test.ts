import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestContext, type TestContext } from '../test/context.js';
import { buildUser } from '../test/factories.js';
import { TestClient, createTestApp } from '../test/client.js';
import type { App } from '../http.js';
import { SYSTEM_CONTEXT, type AuditEvent } from './events.js';
import { verifyAuditChain } from './verify.js';

let ctx: TestContext;
let app: App;

beforeAll(async () => {
  ctx = await createTestContext();
  app = await createTestApp(ctx);
});
afterAll(async () => {
  await app?.close();
  await ctx?.cleanup();
});

const event = (i: number, country = 'FR'): AuditEvent => ({ action: 'user.updated', targetType: 'user', targetId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, country, details: { fields: [`f${i}`] } });

async function appendEvents(count: number, country = 'FR') {
  for (let i = 0; i < count; i += 200) {
    const batch = Array.from({ length: Math.min(200, count - i) }, (_, j) => event(i + j, country));
    await ctx.db.transaction().execute((trx) => ctx.audit.appendMany(trx, SYSTEM_CONTEXT, batch));
  }
  await ctx.audit.seal(ctx.db);
}

describe('the hash chain', () => {
  it('stays one contiguous chain under concurrent appends and concurrent sealers', async () => {
    const appends = Promise.all(Array.from({ length: 40 }, (_, i) => ctx.db.transaction().execute((trx) => ctx.audit.append(trx, SYSTEM_CONTEXT, event(i)))));
    // Several sealers at once, as several server processes would run them.
    const sealers = Promise.all(Array.from({ length: 4 }, () => ctx.audit.seal(ctx.db)));
    await Promise.all([appends, sealers]);
    const before = await verifyAuditChain(ctx.db);
    expect(before.ok).toBe(true);
    await ctx.audit.seal(ctx.db);
    const report = await verifyAuditChain(ctx.db);
    expect(report).toMatchObject({ ok: true, unsealed: 0 });
    expect(report.events).toBe(40);
  });

  it('records the event in the caller’s transaction, unsealed until the sealer chains it', async () => {
    const [id] = await ctx.db.transaction().execute((trx) => ctx.audit.appendMany(trx, SYSTEM_CONTEXT, [event(500)]));
    const row = await ctx.db.selectFrom('audit_events').selectAll().where('id', '=', id!).executeTakeFirstOrThrow();
    expect(row.seq).toBeNull();
    expect((await verifyAuditChain(ctx.db)).unsealed).toBe(1);
    expect(await ctx.audit.seal(ctx.db)).toBe(1);
    const sealed = await ctx.db.selectFrom('audit_events').selectAll().where('id', '=', id!).executeTakeFirstOrThrow();
    expect(sealed.seq).toBeGreaterThan(0);
    expect(sealed.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('rolls an event back with the change it records', async () => {
    const before = (await verifyAuditChain(ctx.db)).events;
    await expect(
      ctx.db.transaction().execute(async (trx) => {
        await ctx.audit.append(trx, SYSTEM_CONTEXT, event(999));
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    const after = await verifyAuditChain(ctx.db);
    expect(after).toMatchObject({ ok: true, events: before });
  });

  it('signs a checkpoint every 1,000 events', async () => {
    await appendEvents(1100);
    const checkpoints = await ctx.db.selectFrom('audit_checkpoints').selectAll().execute();
    expect(checkpoints.length).toBeGreaterThanOrEqual(1);
    const report = await verifyAuditChain(ctx.db);
    expect(report.ok).toBe(true);
    expect(report.checkpoints).toBe(checkpoints.length);
  });

  it('signs a checkpoint when ten minutes have passed', async () => {
    await appendEvents(3);
    const before = await ctx.db.selectFrom('audit_head').selectAll().executeTakeFirstOrThrow();
    expect(before.checkpoint_seq).toBeLessThan(before.seq);
    await ctx.db.updateTable('audit_head').set({ checkpoint_at: new Date(Date.now() - 11 * 60_000) }).execute();
    await ctx.audit.seal(ctx.db);
    const head = await ctx.db.selectFrom('audit_head').selectAll().executeTakeFirstOrThrow();
    expect(head.checkpoint_seq).toBe(head.seq);
  });
});

describe('tampering is caught and named', () => {
  // Each case works on a copy of the table state, restored afterwards.
  beforeEach(async () => {
    await sql`CREATE TEMP TABLE IF NOT EXISTS audit_backup AS SELECT * FROM audit_events WITH NO DATA`.execute(ctx.db);
  });

  async function withTampering(tamper: () => Promise<void>) {
    const events = await ctx.db.selectFrom('audit_events').selectAll().orderBy('seq').execute();
    const checkpoints = await ctx.db.selectFrom('audit_checkpoints').selectAll().execute();
    const head = await ctx.db.selectFrom('audit_head').selectAll().executeTakeFirstOrThrow();
    await tamper();
    const report = await verifyAuditChain(ctx.db);
    await ctx.db.deleteFrom('audit_events').execute();
    await ctx.db.deleteFrom('audit_checkpoints').execute();
    for (let i = 0; i < events.length; i += 500) {
      await ctx.db.insertInto('audit_events').values(events.slice(i, i + 500).map((e) => ({ ...e, details: JSON.stringify(e.details) })) as never).execute();
    }
    if (checkpoints.length) await ctx.db.insertInto('audit_checkpoints').values(checkpoints).execute();
    await ctx.db.updateTable('audit_head').set(head).execute();
    expect((await verifyAuditChain(ctx.db)).ok).toBe(true);
    return report;
  }

  it('an edited event', async () => {
    const report = await withTampering(async () => {
      await sql`UPDATE audit_events SET details = '{"fields":["salary"]}' WHERE seq = 5`.execute(ctx.db);
    });
    expect(report).toMatchObject({ ok: false, problem: { seq: 5, kind: 'edited' } });
  });

  it('a removed event', async () => {
    const report = await withTampering(async () => {
      await sql`DELETE FROM audit_events WHERE seq = 7`.execute(ctx.db);
    });
    expect(report).toMatchObject({ ok: false, problem: { seq: 7, kind: 'removed' } });
  });

  it('removed events at the end', async () => {
    const report = await withTampering(async () => {
      await sql`DELETE FROM audit_events WHERE seq > (SELECT max(seq) - 2 FROM audit_events)`.execute(ctx.db);
    });
    expect(report.ok).toBe(false);
    expect(report.problem?.kind).toBe('removed');
  });

  it('reordered events', async () => {
    const report = await withTampering(async () => {
      await sql`UPDATE audit_events SET seq = -3 WHERE seq = 3`.execute(ctx.db);
      await sql`UPDATE audit_events SET seq = 3 WHERE seq = 4`.execute(ctx.db);
      await sql`UPDATE audit_events SET seq = 4 WHERE seq = -3`.execute(ctx.db);
    });
    expect(report).toMatchObject({ ok: false, problem: { seq: 3, kind: 'reordered' } });
  });

  it('a bad checkpoint signature', async () => {
    const report = await withTampering(async () => {
      const cp = await ctx.db.selectFrom('audit_checkpoints').selectAll().orderBy('seq').executeTakeFirstOrThrow();
      const sig = Buffer.from(cp.signature, 'base64');
      sig[0] = sig[0]! ^ 0xff;
      await ctx.db.updateTable('audit_checkpoints').set({ signature: sig.toString('base64') }).where('seq', '=', cp.seq).execute();
    });
    expect(report).toMatchObject({ ok: false, problem: { kind: 'bad_signature' } });
  });

  it('a chain rewritten from the start, hashes recomputed', async () => {
    const { rowHash, GENESIS_HASH } = await import('./chain.js');
    const report = await withTampering(async () => {
      await sql`UPDATE audit_events SET details = '{"fields":["rewritten"]}' WHERE seq = 2`.execute(ctx.db);
      const rows = await ctx.db.selectFrom('audit_events').selectAll().where('seq', 'is not', null).orderBy('seq').execute();
      let prev = GENESIS_HASH;
      for (const row of rows) {
        const hash = rowHash(prev, row);
        await ctx.db.updateTable('audit_events').set({ prev_hash: prev, hash }).where('id', '=', row.id).execute();
        prev = hash;
      }
    });
    expect(report).toMatchObject({ ok: false, problem: { kind: 'rewritten' } });
  });
});

describe('audit search', () => {
  it('shows the secretariat everything and a national admin only their country, and exports CSV', async () => {
    await appendEvents(3, 'NG');
    await ctx.db.transaction().execute((trx) =>
      ctx.audit.append(trx, SYSTEM_CONTEXT, { action: 'agency.created', targetType: 'agency', targetId: '=SUM(A1)', country: 'KE', details: { name: 'Unit', type: 'police' } }),
    );
    await ctx.audit.seal(ctx.db);
    const secretariat = await new TestClient(app).actAs(ctx, await buildUser(ctx, { country: 'CH', roles: ['secretariat'] }));
    const adminNG = await new TestClient(app).actAs(ctx, await buildUser(ctx, { country: 'NG', roles: ['national_admin'] }));
    const all = await secretariat.get('/api/audit?limit=500');
    expect(all.body.items.some((e: { country: string }) => e.country === 'FR')).toBe(true);
    const ng = await adminNG.get('/api/audit?limit=500');
    expect(ng.body.items.length).toBeGreaterThan(0);
    expect(ng.body.items.every((e: { country: string; actorCountry: string }) => e.country === 'NG' || e.actorCountry === 'NG')).toBe(true);
    const asked = await adminNG.get('/api/audit?country=FR');
    expect(asked.body.items.every((e: { country: string; actorCountry: string }) => e.country === 'NG' || e.actorCountry === 'NG')).toBe(true);

    const filtered = await secretariat.get('/api/audit?action=agency.&country=KE');
    expect(filtered.body.items).toHaveLength(1);
    const page = await secretariat.get(`/api/audit?limit=5&before=${all.body.items[10].seq}`);
    expect(page.body.items.map((e: { seq: number }) => e.seq)).toEqual(all.body.items.slice(11, 16).map((e: { seq: number }) => e.seq));

    const csv = await secretariat.get('/api/audit/export.csv?country=KE');
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['content-disposition']).toContain('attachment');
    expect(csv.text.startsWith('\uFEFFseq,time,actor_id')).toBe(true);
    // A cell that a spreadsheet would run as a formula is defused.
    expect(csv.text).toContain(`,'=SUM(A1),`);
    const audited = await ctx.db.selectFrom('audit_events').select('action').where('action', 'in', ['audit.searched', 'audit.exported']).execute();
    expect(audited.map((a) => a.action)).toEqual(expect.arrayContaining(['audit.searched', 'audit.exported']));

    const focal = await new TestClient(app).actAs(ctx, await buildUser(ctx, { country: 'NG' }));
    expect((await focal.get('/api/audit')).status).toBe(404);
  });

  it('rejects bad filters with a clear code', async () => {
    const secretariat = await new TestClient(app).actAs(ctx, await buildUser(ctx, { country: 'CH', roles: ['secretariat'] }));
    const bad = await secretariat.get('/api/audit?from=yesterday');
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('validation_failed');
  });
});
