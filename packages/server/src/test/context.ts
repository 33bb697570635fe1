import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { sql } from 'kysely';
import { loadConfig, type Config } from '../config.js';
import { bootstrap } from '../bootstrap.js';
import type { AppContext } from '../context.js';

/** 'postgres' when this run targets PostgreSQL (the server-pg Vitest project), else 'pglite'. */
export const TEST_DB_KIND = process.env.FOCAL_TEST_DB === 'postgres' ? 'postgres' : 'pglite';

export interface TestContext extends AppContext {
  cleanup: () => Promise<void>;
}

/**
 * A fresh, isolated platform for one test file: an in-memory PGlite database, or on
 * PostgreSQL a schema of its own, plus a temporary data directory and master key.
 */
export async function createTestContext(overrides: Partial<Record<string, string>> = {}, shareWith?: TestContext): Promise<TestContext> {
  if (shareWith) return attachToSameDatabase(shareWith);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'focal-test-'));
  const env: Record<string, string | undefined> = {
    FOCAL_DATA_DIR: dataDir,
    FOCAL_MASTER_KEY: crypto.randomBytes(32).toString('base64'),
    FOCAL_PUBLIC_URL: 'http://focal.test',
    FOCAL_LOG_LEVEL: 'silent',
    ...overrides,
  };
  let schema: string | undefined;
  if (TEST_DB_KIND === 'postgres') {
    const url = process.env.TEST_DATABASE_URL;
    if (!url) throw new Error('FOCAL_TEST_DB=postgres needs TEST_DATABASE_URL.');
    env.DATABASE_URL = url;
    schema = `t_${crypto.randomBytes(6).toString('hex')}`;
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    // Test files start in parallel: serialise creating the shared extension.
    await client.query('SELECT pg_advisory_lock(4242)');
    await client.query('CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public');
    await client.query('SELECT pg_advisory_unlock(4242)');
    await client.query(`CREATE SCHEMA ${schema}`);
    await client.end();
  }
  const config: Config = loadConfig(env as NodeJS.ProcessEnv);
  const ctx = await bootstrap(config, { ...(schema ? { schema } : { pgliteDir: 'memory://' }) });
  return {
    ...ctx,
    cleanup: async () => {
      await ctx.database.close();
      if (schema) {
        const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
        await client.connect();
        await client.query(`DROP SCHEMA ${schema} CASCADE`);
        await client.end();
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * A second "server process" on the same PostgreSQL schema: its own pool, keys loaded from the
 * same database and master key, its own LISTEN connection. PostgreSQL only (PGlite is one process).
 */
async function attachToSameDatabase(first: TestContext): Promise<TestContext> {
  if (first.database.kind !== 'postgres') throw new Error('Sharing a database needs PostgreSQL.');
  const schema = (await first.db.selectFrom('audit_head').select(sql<string>`current_schema()`.as('schema')).executeTakeFirstOrThrow()).schema;
  const ctx = await bootstrap(first.config, { schema });
  return { ...ctx, cleanup: () => ctx.database.close() };
}
