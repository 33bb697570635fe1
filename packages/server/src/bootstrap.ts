import type { Config } from './config.js';
import type { AppContext } from './context.js';
import { openDatabase } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import { KeyRing, loadMasterKey } from './crypto/keyring.js';
import { Envelope } from './crypto/envelope.js';
import { BlobStore } from './crypto/blob-store.js';
import { AuditLog } from './audit/log.js';
import { RealtimeBus } from './realtime/bus.js';
import path from 'node:path';

export interface BootstrapOptions {
  /** Use this PostgreSQL schema (tests). */
  schema?: string;
  /** Override the embedded database location ('memory://' in tests). */
  pgliteDir?: string;
}

/** Opens the database, migrates it and loads the key ring: everything a server or CLI command stands on. */
export async function bootstrap(config: Config, options: BootstrapOptions = {}): Promise<AppContext> {
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    pgliteDir: options.pgliteDir ?? path.join(config.dataDir, 'pgdata'),
    poolSize: config.databasePoolSize,
    ...(options.schema ? { schema: options.schema } : {}),
  });
  try {
    await migrateToLatest(database.db, options.schema);
    const keyRing = new KeyRing(database.db, loadMasterKey(config.masterKey, config.dataDir));
    await keyRing.ensureKeys();
    const envelope = new Envelope(keyRing);
    return {
      config,
      database,
      db: database.db,
      keyRing,
      envelope,
      blobs: new BlobStore(config.dataDir, envelope),
      audit: new AuditLog(keyRing),
      realtime: new RealtimeBus(),
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}
