import fs from 'node:fs';
import path from 'node:path';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { fuzzystrmatch } from '@electric-sql/pglite/contrib/fuzzystrmatch';
import type { Database } from './schema.js';

// Return timestamps as Date and bigints (counts, sequence numbers) as numbers; sequence
// numbers stay far below 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));
// A calendar date (a reply-by date, a deadline) stays the string 'YYYY-MM-DD': as a Date it
// would be midnight in the server's time zone, a different day for half the world.
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value);

export interface DatabaseHandle {
  db: Kysely<Database>;
  /** 'pglite' for the embedded database, 'postgres' for a server. */
  kind: 'pglite' | 'postgres';
  /** Raw pool, for work that Kysely does not model. */
  pool: pg.Pool;
  /**
   * Receives NOTIFY payloads on a channel: on PostgreSQL through a dedicated connection (so
   * every process sharing the database hears every commit's notifications), on PGlite from the
   * engine itself. Resolves to a function that stops listening.
   */
  listen: (channel: string, onPayload: (payload: string) => void) => Promise<() => Promise<void>>;
  close: () => Promise<void>;
}

export interface DatabaseOptions {
  /** postgres:// URL; when absent the embedded PGlite database is used. */
  databaseUrl?: string | undefined;
  /** Directory of the embedded database, or 'memory://' for tests. */
  pgliteDir?: string;
  poolSize?: number;
  /** Schema to use on PostgreSQL (tests isolate each file in its own schema). */
  schema?: string;
}

/**
 * Opens the database with one dialect for both engines: Kysely's PostgresDialect over a pg
 * Pool, which for PGlite talks to the WASM engine through PGlite's pg-compatible connection,
 * so result types are the same everywhere.
 */
export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: options.poolSize ?? 10,
      ...(options.schema ? { options: `-c search_path=${options.schema},public` } : {}),
    });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    const listeners = new Set<pg.Client>();
    const listen = async (channel: string, onPayload: (payload: string) => void) => {
      const client = new pg.Client({ connectionString: options.databaseUrl });
      await client.connect();
      client.on('notification', (message) => {
        if (message.channel === channel && message.payload !== undefined) onPayload(message.payload);
      });
      // A dropped listening connection would silently stop realtime delivery: make it loud.
      client.on('error', () => listeners.delete(client));
      await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
      listeners.add(client);
      return async () => {
        listeners.delete(client);
        await client.end().catch(() => {});
      };
    };
    return {
      db,
      kind: 'postgres',
      pool,
      listen,
      close: async () => {
        await Promise.all([...listeners].map((client) => client.end().catch(() => {})));
        await db.destroy();
      },
    };
  }
  const dir = options.pgliteDir ?? 'memory://';
  if (!dir.startsWith('memory://')) fs.mkdirSync(path.dirname(path.resolve(dir)), { recursive: true });
  const pglite = await PGlite.create(dir, { extensions: { pg_trgm, fuzzystrmatch } });
  const pool = new pg.Pool({ ...createPgConfig(pglite), max: 1 });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    kind: 'pglite',
    pool,
    listen: async (channel, onPayload) => {
      const stop = await pglite.listen(channel, onPayload);
      return async () => {
        if (!pglite.closed) await stop();
      };
    },
    close: async () => {
      await db.destroy();
      // The pg adapter ends its connection asynchronously: let its last protocol exchange
      // (after a failed query it still owes a Sync) finish before the engine shuts down.
      await new Promise((resolve) => setTimeout(resolve, 20));
      await pglite.close();
    },
  };
}
