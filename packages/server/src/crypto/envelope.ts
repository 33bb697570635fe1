import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database, TSealed } from '../db/schema.js';
import type { KeyRing } from './keyring.js';
import { aesGcmDecrypt, aesGcmEncrypt } from './primitives.js';

type Db = Kysely<Database>;

const dekAad = (dataKeyId: string) => `focal:dek:${dataKeyId}`;

/**
 * Envelope encryption: every object gets a fresh AES-256-GCM data key, stored wrapped by the
 * current key-encryption key in `data_keys`. The associated data binds the ciphertext to the
 * record and field it belongs to, so a ciphertext copied onto another record fails to open.
 */
export class Envelope {
  constructor(private readonly keyRing: KeyRing) {}

  /** Creates a data key in the caller's transaction; returns its id and raw key. */
  async createDataKey(db: Db): Promise<{ id: string; key: Buffer }> {
    const { id, key, store } = await this.newDataKey(db);
    await store.execute();
    return { id, key };
  }

  /** A fresh data key wrapped by the current KEK, and the insert that stores it, not yet run. */
  private async newDataKey(db: Db) {
    const kekId = await this.keyRing.activeKeyId('kek', db);
    const kek = await this.keyRing.keyMaterial(kekId, db);
    const id = crypto.randomUUID();
    const key = crypto.randomBytes(32);
    const store = db.insertInto('data_keys').values({ id, kek_id: kekId, wrapped: wrapDataKey(kek, id, key) });
    return { id, key, store };
  }

  async dataKey(db: Db, id: string): Promise<Buffer> {
    const row = await db.selectFrom('data_keys').select(['kek_id', 'wrapped']).where('id', '=', id).executeTakeFirst();
    if (!row) throw new Error(`Unknown data key ${id}.`);
    return unwrapDataKey(await this.keyRing.keyMaterial(row.kek_id, db), id, row.wrapped);
  }

  /** Encrypts a small value (a secret, a message body) with a fresh data key. */
  async seal(db: Db, plaintext: Buffer | string, aad: string): Promise<TSealed> {
    const { sealed, storeKey } = await this.prepareSeal(db, plaintext, aad);
    await storeKey.execute();
    return sealed;
  }

  /**
   * `seal` without storing the data key yet: the caller runs `storeKey` in the same
   * transaction as the record that holds `sealed` — or in the same statement, one round trip
   * fewer (a sent message: see messaging's `deliver`).
   */
  async prepareSeal(db: Db, plaintext: Buffer | string, aad: string) {
    const { id, key, store } = await this.newDataKey(db);
    const parts = aesGcmEncrypt(key, Buffer.isBuffer(plaintext) ? plaintext : Buffer.from(plaintext, 'utf8'), aad);
    const sealed: TSealed = { k: id, iv: parts.iv.toString('base64'), tag: parts.tag.toString('base64'), ct: parts.ct.toString('base64') };
    return { sealed, storeKey: store };
  }

  /** Unwraps several data keys in one query (for a page of messages). */
  async dataKeys(db: Db, ids: readonly string[]): Promise<Map<string, Buffer>> {
    const keys = new Map<string, Buffer>();
    if (ids.length === 0) return keys;
    const rows = await db.selectFrom('data_keys').select(['id', 'kek_id', 'wrapped']).where('id', 'in', [...new Set(ids)]).execute();
    for (const row of rows) keys.set(row.id, unwrapDataKey(await this.keyRing.keyMaterial(row.kek_id, db), row.id, row.wrapped));
    return keys;
  }

  /** Opens with an already unwrapped data key (see `dataKeys`). */
  openWith(key: Buffer, sealed: TSealed, aad: string): Buffer {
    return aesGcmDecrypt(key, { iv: Buffer.from(sealed.iv, 'base64'), tag: Buffer.from(sealed.tag, 'base64'), ct: Buffer.from(sealed.ct, 'base64') }, aad);
  }

  /** Forgets data keys: what they sealed can no longer be opened (crypto-shredding). */
  async destroyDataKeys(db: Db, ids: readonly string[]): Promise<void> {
    if (ids.length > 0) await db.deleteFrom('data_keys').where('id', 'in', [...new Set(ids)]).execute();
  }

  async open(db: Db, sealed: TSealed, aad: string): Promise<Buffer> {
    const key = await this.dataKey(db, sealed.k);
    return aesGcmDecrypt(key, { iv: Buffer.from(sealed.iv, 'base64'), tag: Buffer.from(sealed.tag, 'base64'), ct: Buffer.from(sealed.ct, 'base64') }, aad);
  }

  async openText(db: Db, sealed: TSealed, aad: string): Promise<string> {
    return (await this.open(db, sealed, aad)).toString('utf8');
  }
}

export function unwrapDataKey(kek: Buffer, dataKeyId: string, wrapped: string): Buffer {
  const raw = Buffer.from(wrapped, 'base64');
  return aesGcmDecrypt(kek, { iv: raw.subarray(0, 12), tag: raw.subarray(12, 28), ct: raw.subarray(28) }, dekAad(dataKeyId));
}

export function wrapDataKey(kek: Buffer, dataKeyId: string, key: Buffer): string {
  const wrapped = aesGcmEncrypt(kek, key, dekAad(dataKeyId));
  return Buffer.concat([wrapped.iv, wrapped.tag, wrapped.ct]).toString('base64');
}

/**
 * Adds a new key-encryption key, makes it current, then re-wraps every data key in batches.
 * Ciphertexts are untouched, and old KEKs stay readable, so servers keep working throughout.
 */
export async function rotateKeyEncryptionKey(db: Db, keyRing: KeyRing, onProgress?: (done: number) => void): Promise<{ kekId: string; rewrapped: number }> {
  const kekId = await keyRing.createKey(db, 'kek', `kek-${Date.now().toString(36)}-${crypto.randomBytes(3).toString('hex')}`, true);
  const newKek = await keyRing.keyMaterial(kekId, db);
  let rewrapped = 0;
  // Two passes: a server that cached the previous KEK as current for a few seconds may have
  // wrapped a data key with it after the first pass began.
  for (let pass = 0; pass < 2; pass++) {
    for (;;) {
      const done = await db.transaction().execute(async (trx) => {
        const rows = await trx
          .selectFrom('data_keys')
          .select(['id', 'kek_id', 'wrapped'])
          .where('kek_id', '!=', kekId)
          .limit(500)
          .forUpdate()
          .skipLocked()
          .execute();
        for (const row of rows) {
          const key = unwrapDataKey(await keyRing.keyMaterial(row.kek_id, trx), row.id, row.wrapped);
          await trx.updateTable('data_keys').set({ kek_id: kekId, wrapped: wrapDataKey(newKek, row.id, key) }).where('id', '=', row.id).execute();
        }
        return rows.length;
      });
      rewrapped += done;
      onProgress?.(rewrapped);
      if (done === 0) break;
    }
    if (pass === 0) await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { kekId, rewrapped };
}
