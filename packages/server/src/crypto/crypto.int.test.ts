import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../test/context.js';
import { loadMasterKey } from './keyring.js';
import { rotateKeyEncryptionKey } from './envelope.js';
import { BlobTooLargeError } from './blob-store.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => {
  await ctx?.cleanup();
});

describe('master key', () => {
  it('is created once with mode 0600 and read back', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'focal-key-'));
    const first = loadMasterKey(undefined, dir);
    const file = path.join(dir, 'master.key');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(loadMasterKey(undefined, dir).equals(first)).toBe(true);
    expect(first).toHaveLength(32);
    fs.rmSync(dir, { recursive: true });
  });
});

describe('envelope encryption', () => {
  it('round-trips, uses a fresh data key per object, and stores no plaintext', async () => {
    const a = await ctx.envelope.seal(ctx.db, 'Transfer of 4.2 M EUR to Limassol', 'messages:1:body');
    const b = await ctx.envelope.seal(ctx.db, 'Transfer of 4.2 M EUR to Limassol', 'messages:2:body');
    expect(a.k).not.toBe(b.k);
    expect(a.ct).not.toBe(b.ct);
    expect(await ctx.envelope.openText(ctx.db, a, 'messages:1:body')).toBe('Transfer of 4.2 M EUR to Limassol');
    const dump = JSON.stringify(await ctx.db.selectFrom('data_keys').selectAll().execute()) + JSON.stringify(await ctx.db.selectFrom('keys').selectAll().execute());
    expect(dump).not.toContain('Limassol');
  });

  it('binds a ciphertext to its record: moved elsewhere it does not open', async () => {
    const sealed = await ctx.envelope.seal(ctx.db, 'secret', 'messages:1:body');
    await expect(ctx.envelope.open(ctx.db, sealed, 'messages:2:body')).rejects.toThrow();
    const flipped = { ...sealed, ct: Buffer.from(Buffer.from(sealed.ct, 'base64').map((byte, i) => (i === 0 ? byte ^ 1 : byte))).toString('base64') };
    await expect(ctx.envelope.open(ctx.db, flipped, 'messages:1:body')).rejects.toThrow();
  });

  it('rotates the key-encryption key, re-wrapping data keys, and old data still opens', async () => {
    const before = await ctx.envelope.seal(ctx.db, 'sealed before rotation', 'doc:1');
    const oldKek = (await ctx.db.selectFrom('data_keys').select('kek_id').where('id', '=', before.k).executeTakeFirstOrThrow()).kek_id;
    const { kekId, rewrapped } = await rotateKeyEncryptionKey(ctx.db, ctx.keyRing);
    expect(kekId).not.toBe(oldKek);
    expect(rewrapped).toBeGreaterThanOrEqual(1);
    const kekIds = new Set((await ctx.db.selectFrom('data_keys').select('kek_id').execute()).map((r) => r.kek_id));
    expect([...kekIds]).toEqual([kekId]);
    expect(await ctx.envelope.openText(ctx.db, before, 'doc:1')).toBe('sealed before rotation');
    const after = await ctx.envelope.seal(ctx.db, 'sealed after rotation', 'doc:2');
    expect((await ctx.db.selectFrom('data_keys').select('kek_id').where('id', '=', after.k).executeTakeFirstOrThrow()).kek_id).toBe(kekId);
  });
});

describe('blob store', () => {
  it('stores files encrypted with their SHA-256 and reads them back', async () => {
    const content = Buffer.from('%PDF-1.7 freezing order for account CH93 0076 2011 6238 5295 7\n'.repeat(5000));
    const stored = await ctx.blobs.put(ctx.db, Readable.from([content]));
    expect(stored.size).toBe(content.length);
    const onDisk = fs.readFileSync(path.join(ctx.config.dataDir, 'blobs', stored.id.slice(0, 2), stored.id));
    expect(onDisk.includes(Buffer.from('freezing order'))).toBe(false);
    expect((await ctx.blobs.read(ctx.db, stored.id)).equals(content)).toBe(true);
    const { createHash } = await import('node:crypto');
    expect(stored.sha256).toBe(createHash('sha256').update(content).digest('hex'));
  });

  it('refuses a file over the limit and leaves nothing behind', async () => {
    const before = fs.existsSync(path.join(ctx.config.dataDir, 'blobs')) ? fs.readdirSync(path.join(ctx.config.dataDir, 'blobs'), { recursive: true }).length : 0;
    await expect(ctx.blobs.put(ctx.db, Readable.from([Buffer.alloc(2048)]), 1024)).rejects.toBeInstanceOf(BlobTooLargeError);
    const after = fs.readdirSync(path.join(ctx.config.dataDir, 'blobs'), { recursive: true }).filter((f) => String(f).endsWith('.partial'));
    expect(after).toEqual([]);
    expect(before).toBeGreaterThanOrEqual(0);
  });

  it('detects a tampered file', async () => {
    const stored = await ctx.blobs.put(ctx.db, Readable.from([Buffer.from('evidence')]));
    const file = path.join(ctx.config.dataDir, 'blobs', stored.id.slice(0, 2), stored.id);
    const raw = fs.readFileSync(file);
    raw[14] = raw[14]! ^ 0xff;
    fs.writeFileSync(file, raw);
    await expect(ctx.blobs.read(ctx.db, stored.id)).rejects.toThrow();
  });
});
