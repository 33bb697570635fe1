import type { Kysely } from 'kysely';
import type { Config } from './config.js';
import type { Database } from './db/schema.js';
import type { DatabaseHandle } from './db/database.js';
import type { KeyRing } from './crypto/keyring.js';
import type { Envelope } from './crypto/envelope.js';
import type { BlobStore } from './crypto/blob-store.js';
import type { AuditLog } from './audit/log.js';
import type { RealtimeBus } from './realtime/bus.js';

export type Db = Kysely<Database>;

/** What services need, built once per process (or per test) and passed down explicitly. */
export interface AppContext {
  config: Config;
  database: DatabaseHandle;
  db: Db;
  keyRing: KeyRing;
  envelope: Envelope;
  blobs: BlobStore;
  audit: AuditLog;
  /** Realtime events to browsers; listening starts with the HTTP app. */
  realtime: RealtimeBus;
}
