import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PGlite } from '@electric-sql/pglite';
import { regionOf } from '@focal/shared';
import { runCli } from './cli.js';

let dataDir: string;
const saved = { ...process.env };

async function focal(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

beforeAll(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'focal-cli-'));
  process.env.FOCAL_DATA_DIR = dataDir;
  delete process.env.DATABASE_URL;
  delete process.env.FOCAL_MASTER_KEY;
  process.env.FOCAL_PUBLIC_URL = 'http://focal.test';
});
afterAll(() => {
  process.env = saved;
  fs.rmSync(dataDir, { recursive: true, force: true });
});

// Each command opens the embedded database from disk (several seconds on a busy machine).
describe('the focal command', { timeout: 240_000 }, () => {
  it('explains itself, and refuses unknown commands and flags with exit code 2', async () => {
    expect((await focal('--help')).code).toBe(0);
    expect((await focal()).code).toBe(2);
    const unknown = await focal('frobnicate');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Unknown command "frobnicate"');
    for (const command of ['serve', 'migrate', 'setup-token', 'user', 'audit', 'keys', 'demo', 'trace', 'match-pairs', 'eval-matching']) {
      const help = await focal(command, '--help');
      expect(help.code, command).toBe(0);
      expect(help.stdout, command).toMatch(/Usage/);
    }
    const flag = await focal('migrate', '--colour');
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain("Unknown option '--colour'");
    expect(flag.stderr).not.toMatch(/\bat .*\.js:\d+/);
    expect((await focal('user', 'invite', '--email', 'x@example.test', '--name', 'X', '--country', 'France', '--role', 'focal_point')).code).toBe(2);
    expect((await focal('user', 'invite', '--email', 'not-an-email', '--name', 'X', '--country', 'FR', '--role', 'focal_point')).code).toBe(2);
    expect((await focal('user', 'invite', '--email', 'x@example.test', '--name', 'X', '--country', 'FR', '--role', 'emperor')).code).toBe(2);
    expect((await focal('audit', 'check')).code).toBe(2);
  });

  it('stops with a clear message on invalid configuration', async () => {
    process.env.PORT = 'eighty';
    const result = await focal('migrate');
    delete process.env.PORT;
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('PORT');
  });

  it('migrates, prints a setup link on an empty deployment, then loads the demo world', async () => {
    expect((await focal('migrate')).code).toBe(0);
    const setup = await focal('setup-token');
    expect(setup.code).toBe(0);
    expect(setup.stdout).toMatch(/http:\/\/focal\.test\/activate\/[\w-]{40,}/);

    const demo = await focal('demo', '--json');
    expect(demo.code, demo.stderr).toBe(0);
    const world = JSON.parse(demo.stdout) as { password: string; logins: { email: string; country: string; roles: string[]; totpSecret: string }[] };
    const countries = new Set(world.logins.map((l) => l.country));
    expect(countries.size).toBeGreaterThanOrEqual(12);
    expect(new Set([...countries].map((c) => regionOf(c)))).toEqual(new Set(['africa', 'americas', 'asia_south_pacific', 'europe', 'mena']));
    expect(world.logins.some((l) => l.roles.includes('secretariat'))).toBe(true);
    expect(world.logins.every((l) => /^[A-Z2-7]{32}$/.test(l.totpSecret))).toBe(true);

    expect((await focal('demo')).code).toBe(1);
    const again = await focal('setup-token');
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already set up');

    const list = await focal('user', 'list', '--country', 'ua', '--json');
    const users = list.stdout.trim().split('\n').map((line) => JSON.parse(line) as { name: string });
    expect(users.some((u) => /[\u0400-\u04FF]/.test(u.name))).toBe(true);
  });

  it('invites and suspends users', async () => {
    const invite = await focal('user', 'invite', '--email', 'new.fp@example.test', '--name', 'Κώστας Νέος', '--name-latin', 'Kostas Neos', '--country', 'GR', '--role', 'focal_point');
    expect(invite.code, invite.stderr).toBe(0);
    expect(invite.stdout).toContain('/activate/');
    const suspend = await focal('user', 'suspend', 'fr-fp@demo.focal.example');
    expect(suspend.code, suspend.stderr).toBe(0);
    expect((await focal('user', 'suspend', 'nobody@example.test')).code).toBe(1);
    const list = await focal('user', 'list', '--status', 'suspended');
    expect(list.stdout).toContain('fr-fp@demo.focal.example');
  });

  it('imports and exports a case as FollowTheMoney JSON lines', async () => {
    const { bootstrap } = await import('./bootstrap.js');
    const { loadConfig } = await import('./config.js');
    const { createCase } = await import('./modules/cases/service.js');
    const ctx = await bootstrap(loadConfig());
    let reference = '';
    try {
      const admin = await ctx.db.selectFrom('users').select(['id', 'country', 'roles']).where('email', '=', 'fr-admin@demo.focal.example').executeTakeFirstOrThrow();
      const input = { title: 'Case for the CLI', summary: '', offences: [], handlingCode: 'H0' as const, conditions: '', evaluationSource: 'X' as const, evaluationInfo: 4, countries: [{ country: 'CH', role: 'asset_location' as const }] };
      const id = await createCase(ctx, { id: admin.id, country: admin.country, roles: admin.roles as ('national_admin' | 'focal_point')[] }, input, { ip: null, userAgent: 'test' });
      reference = (await ctx.db.selectFrom('cases').select('reference').where('id', '=', id).executeTakeFirstOrThrow()).reference;
    } finally {
      await ctx.audit.seal(ctx.db);
      await ctx.database.close();
    }
    const person = JSON.stringify({ id: 'p1', schema: 'Person', properties: { name: ['Олег Соколов', 'Oleg Sokolov'] } });
    const account = JSON.stringify({ id: 'a1', schema: 'BankAccount', properties: { iban: ['CH9300762011623852957'] } });
    const bad = path.join(dataDir, 'bad.ftm.json');
    fs.writeFileSync(bad, `${person}\n{"id": "x", "schema": "Person", "properties": {"name": ["X"], "birthDate": ["1990-02-30"]}}\n${account}\n`);
    const refused = await focal('import', 'ftm', bad, '--case', reference);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('line 2');
    expect(refused.stderr).toContain('Nothing imported');
    const skipped = await focal('import', 'ftm', bad, '--case', reference, '--skip-bad', '--reach', 'CH');
    expect(skipped.code).toBe(1);
    expect(skipped.stdout).toContain('Imported 2 entities');
    const exported = await focal('export', 'ftm', '--case', reference);
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.stdout.trim().split('\n').sort()).toEqual([account, person].sort());
    expect((await focal('export', 'ftm', '--case', 'AR-1999-ZZ-0001')).stderr).toContain('No case');
    expect((await focal('import', 'ftm', bad)).code).toBe(2);
    expect((await focal('import', 'csv', bad, '--case', reference)).code).toBe(2);
    expect((await focal('import', 'ftm', '/nonexistent.json', '--case', reference)).code).toBe(1);
  });

  it('sets and lists the exchange rates for case totals', async () => {
    const set = await focal('rates', 'set', 'EUR=1.08', 'chf=1.13');
    expect(set.code, set.stderr).toBe(0);
    expect(set.stdout).toContain('Base currency: USD');
    expect(set.stdout).toMatch(/CHF {2}1\.13/);
    expect((await focal('rates', 'set', 'EUR=abc')).code).toBe(2);
    expect((await focal('rates', 'set', 'EUR=0')).code).toBe(2);
    expect((await focal('rates')).code).toBe(2);
    expect((await focal('rates', 'list')).stdout).toMatch(/EUR {2}1\.08/);
  });

  it('rotates keys and verifies the audit, naming a tampered event', async () => {
    const rotate = await focal('keys', 'rotate');
    expect(rotate.code, rotate.stderr).toBe(0);
    expect(rotate.stdout).toMatch(/re-wrapped/);
    const ok = await focal('audit', 'verify');
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/intact/);

    const db = await PGlite.create(path.join(dataDir, 'pgdata'));
    await db.query(`UPDATE audit_events SET details = '{"users": 1}' WHERE action = 'demo.loaded'`);
    const { rows } = await db.query<{ id: number; seq: number }>(`SELECT id, seq FROM audit_events WHERE action = 'demo.loaded'`);
    await db.close();
    const bad = await focal('audit', 'verify');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain(`First bad event: ${rows[0]!.id} at chain position ${rows[0]!.seq} (edited)`);
  });
});
