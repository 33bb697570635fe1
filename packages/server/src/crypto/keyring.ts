import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Database, TSealedKey } from '../db/schema.js';
import { aesGcmDecrypt, aesGcmEncrypt } from './primitives.js';

type Db = Kysely<Database>;
type Purpose = 'kek' | 'signing' | 'hmac';

/**
 * Reads the master key from FOCAL_MASTER_KEY or from `<dataDir>/master.key`, creating that
 * file (mode 0600) on first start. Losing it loses every encrypted object: back it up apart
 * from the database.
 */
export function loadMasterKey(configured: Buffer | undefined, dataDir: string): Buffer {
  if (configured) return configured;
  const file = path.join(dataDir, 'master.key');
  if (fs.existsSync(file)) {
    const key = Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64');
    if (key.length !== 32) throw new Error(`${file} does not hold a 32-byte base64 key.`);
    return key;
  }
  fs.mkdirSync(dataDir, { recursive: true });
  const key = crypto.randomBytes(32);
  // 'wx' fails if another process created it meanwhile; then we read theirs.
  try {
    fs.writeFileSync(file, key.toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
    return key;
  } catch {
    return loadMasterKey(undefined, dataDir);
  }
}

const wrapAad = (id: string, purpose: Purpose) => `focal:key:${purpose}:${id}`;

/**
 * The key ring: key-encryption keys (KEKs) that wrap per-object data keys, the Ed25519 key
 * that signs audit checkpoints, and the HMAC key for blind indexes. Each is stored wrapped by
 * the master key; unwrapped keys are cached in memory only.
 */
export class KeyRing {
  private readonly unwrapped = new Map<string, Buffer>();
  private active = new Map<Purpose, { id: string; fetchedAt: number }>();

  constructor(
    private readonly db: Db,
    private readonly masterKey: Buffer,
  ) {}

  /** Creates the first key of each purpose if missing. Safe to call from several processes. */
  async ensureKeys(): Promise<void> {
    for (const purpose of ['kek', 'signing', 'hmac'] as const) {
      const existing = await this.db.selectFrom('keys').select('id').where('purpose', '=', purpose).where('active', '=', true).executeTakeFirst();
      if (!existing) await this.createKey(this.db, purpose, `${purpose}-1`, true);
    }
  }

  /** Adds a key and, when `activate`, makes it the one used for new work. */
  async createKey(db: Db, purpose: Purpose, id: string, activate: boolean): Promise<string> {
    const { material, publicKey } = generateMaterial(purpose);
    const sealed = aesGcmEncrypt(this.masterKey, material, wrapAad(id, purpose));
    const wrapped: TSealedKey = { iv: sealed.iv.toString('base64'), tag: sealed.tag.toString('base64'), ct: sealed.ct.toString('base64') };
    await db.transaction().execute(async (trx) => {
      if (activate) await trx.updateTable('keys').set({ active: false }).where('purpose', '=', purpose).execute();
      await trx
        .insertInto('keys')
        .values({ id, purpose, wrapped: JSON.stringify(wrapped), public_key: publicKey, active: activate })
        .onConflict((oc) => oc.column('id').doNothing())
        .execute();
    });
    this.active.delete(purpose);
    return id;
  }

  /** The id of the key used for new work. Re-read every few seconds so a rotation done by another process is picked up. */
  async activeKeyId(purpose: Purpose, db: Db = this.db): Promise<string> {
    const cached = this.active.get(purpose);
    if (cached && Date.now() - cached.fetchedAt < 5_000) return cached.id;
    const row = await db.selectFrom('keys').select('id').where('purpose', '=', purpose).where('active', '=', true).executeTakeFirst();
    if (!row) throw new Error(`No active ${purpose} key: run migrations and start the server once.`);
    this.active.set(purpose, { id: row.id, fetchedAt: Date.now() });
    return row.id;
  }

  /** The raw key material for a key id (unwrapped with the master key, then cached). */
  async keyMaterial(id: string, db: Db = this.db): Promise<Buffer> {
    const cached = this.unwrapped.get(id);
    if (cached) return cached;
    const row = await db.selectFrom('keys').select(['purpose', 'wrapped']).where('id', '=', id).executeTakeFirst();
    if (!row) throw new Error(`Unknown key ${id}.`);
    const w = row.wrapped;
    const material = aesGcmDecrypt(
      this.masterKey,
      { iv: Buffer.from(w.iv, 'base64'), tag: Buffer.from(w.tag, 'base64'), ct: Buffer.from(w.ct, 'base64') },
      wrapAad(id, row.purpose),
    );
    this.unwrapped.set(id, material);
    return material;
  }

  /** Every lookup takes the caller's transaction: on the embedded database (one connection) a
   * query outside it would wait for the transaction to end, forever. */
  async signingKey(db: Db = this.db): Promise<{ id: string; privateKey: crypto.KeyObject }> {
    const id = await this.activeKeyId('signing', db);
    const der = await this.keyMaterial(id, db);
    return { id, privateKey: crypto.createPrivateKey({ key: der, format: 'der', type: 'pkcs8' }) };
  }

  /** Keyed hash (HMAC-SHA-256) with the deployment's HMAC key, for blind indexes. */
  async hmac(value: string, db: Db = this.db): Promise<string> {
    const key = await this.keyMaterial(await this.activeKeyId('hmac', db), db);
    return crypto.createHmac('sha256', key).update(value, 'utf8').digest('base64url');
  }
}

function generateMaterial(purpose: Purpose): { material: Buffer; publicKey: string | null } {
  if (purpose === 'signing') {
    const { privateKey, publicKey } = crypto.generateKeyPairSync('ed25519');
    return {
      material: privateKey.export({ format: 'der', type: 'pkcs8' }),
      publicKey: publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
    };
  }
  return { material: crypto.randomBytes(32), publicKey: null };
}
