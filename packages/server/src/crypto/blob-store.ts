import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { pipeline as pipelineStreams, Transform, type Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { Envelope } from './envelope.js';

type Db = Kysely<Database>;

/**
 * Encrypted files on disk: `<dataDir>/blobs/<id>` holds IV (12 bytes) ‖ AES-256-GCM ciphertext
 * ‖ tag (16 bytes), under a fresh data key per blob. Writes go to a temporary file renamed into
 * place only when complete, so a crash mid-upload leaves no half blob behind.
 */
export class BlobStore {
  private readonly root: string;

  constructor(
    dataDir: string,
    private readonly envelope: Envelope,
  ) {
    this.root = path.join(dataDir, 'blobs');
  }

  private file(id: string) {
    return path.join(this.root, id.slice(0, 2), id);
  }

  /** Streams `source` into an encrypted blob and records it in the caller's transaction. */
  async put(db: Db, source: Readable, maxBytes = Number.POSITIVE_INFINITY): Promise<{ id: string; size: number; sha256: string }> {
    const id = crypto.randomUUID();
    const { id: dataKeyId, key } = await this.envelope.createDataKey(db);
    const iv = crypto.randomBytes(12);
    const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(Buffer.from(`focal:blob:${id}`));
    const digest = crypto.createHash('sha256');
    let size = 0;
    const measure = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        size += chunk.length;
        if (size > maxBytes) return callback(new BlobTooLargeError(maxBytes));
        digest.update(chunk);
        callback(null, chunk);
      },
    });
    const target = this.file(id);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    const temp = `${target}.partial`;
    const out = fs.createWriteStream(temp, { mode: 0o600 });
    out.write(iv);
    try {
      await pipeline(source, measure, cipher, out);
      fs.appendFileSync(temp, cipher.getAuthTag());
    } catch (error) {
      out.destroy();
      fs.rmSync(temp, { force: true });
      throw error;
    }
    const sha256 = digest.digest('hex');
    fs.renameSync(temp, target);
    await db.insertInto('blobs').values({ id, data_key_id: dataKeyId, size, sha256 }).execute();
    return { id, size, sha256 };
  }

  /** Decrypts a blob fully into memory, verifying its tag. */
  async read(db: Db, id: string): Promise<Buffer> {
    const row = await db.selectFrom('blobs').select(['data_key_id']).where('id', '=', id).executeTakeFirstOrThrow();
    const key = await this.envelope.dataKey(db, row.data_key_id);
    const raw = fs.readFileSync(this.file(id));
    const decipher = crypto.createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
    decipher.setAAD(Buffer.from(`focal:blob:${id}`));
    decipher.setAuthTag(raw.subarray(raw.length - 16));
    return Buffer.concat([decipher.update(raw.subarray(12, raw.length - 16)), decipher.final()]);
  }

  /**
   * Decrypts a blob as a stream, for files too large to hold (a bank statement of a million
   * rows). The tag is checked when the stream ends: a reader must treat what it read as
   * unverified until then (the stream fails instead of ending if the file was altered).
   */
  async stream(db: Db, id: string): Promise<Readable> {
    const row = await db.selectFrom('blobs').select(['data_key_id']).where('id', '=', id).executeTakeFirstOrThrow();
    const key = await this.envelope.dataKey(db, row.data_key_id);
    const file = this.file(id);
    const size = fs.statSync(file).size;
    if (size < 28) throw new Error(`blob ${id} is truncated`);
    const handle = await fs.promises.open(file, 'r');
    const iv = Buffer.alloc(12);
    const tag = Buffer.alloc(16);
    try {
      await handle.read(iv, 0, 12, 0);
      await handle.read(tag, 0, 16, size - 16);
    } finally {
      await handle.close();
    }
    const decipher = crypto.createDecipheriv('aes-256-gcm', key, iv);
    decipher.setAAD(Buffer.from(`focal:blob:${id}`));
    decipher.setAuthTag(tag);
    if (size === 28) {
      decipher.end();
      return decipher;
    }
    return pipelineStreams(fs.createReadStream(file, { start: 12, end: size - 17, highWaterMark: 1 << 16 }), decipher, () => {});
  }

  /** Deletes blobs and their data keys in the caller's transaction, then their files. */
  async remove(db: Db, ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    const rows = await db.deleteFrom('blobs').where('id', 'in', [...ids]).returning(['id', 'data_key_id']).execute();
    if (rows.length === 0) return;
    await db.deleteFrom('data_keys').where('id', 'in', rows.map((row) => row.data_key_id)).execute();
    // Without its data key a file is unreadable already; removing it frees the space.
    for (const row of rows) fs.rmSync(this.file(row.id), { force: true });
  }

  /** Removes files left by uploads a crash interrupted (never recorded, so never visible). */
  sweepPartials(olderThanMs = 3600_000): number {
    let removed = 0;
    if (!fs.existsSync(this.root)) return 0;
    for (const dir of fs.readdirSync(this.root)) {
      const full = path.join(this.root, dir);
      if (!fs.statSync(full).isDirectory()) continue;
      for (const name of fs.readdirSync(full)) {
        if (!name.endsWith('.partial')) continue;
        const file = path.join(full, name);
        if (Date.now() - fs.statSync(file).mtimeMs > olderThanMs) {
          fs.rmSync(file, { force: true });
          removed++;
        }
      }
    }
    return removed;
  }
}

export class BlobTooLargeError extends Error {
  override name = 'BlobTooLargeError';
  constructor(readonly limit: number) {
    super(`The file is larger than the limit of ${limit} bytes.`);
  }
}
