import crypto from 'node:crypto';

/** AES-256-GCM with associated data. The IV is random per encryption. */
export function aesGcmEncrypt(key: Buffer, plaintext: Buffer, aad: string) {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const ct = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { iv, tag: cipher.getAuthTag(), ct };
}

export function aesGcmDecrypt(key: Buffer, parts: { iv: Buffer; tag: Buffer; ct: Buffer }, aad: string): Buffer {
  const decipher = crypto.createDecipheriv('aes-256-gcm', key, parts.iv);
  decipher.setAAD(Buffer.from(aad, 'utf8'));
  decipher.setAuthTag(parts.tag);
  return Buffer.concat([decipher.update(parts.ct), decipher.final()]);
}

/** A random secret for links and cookies: 256 bits, URL-safe. */
export const randomToken = () => crypto.randomBytes(32).toString('base64url');

/** Tokens are stored only as their SHA-256, so a database dump cannot be replayed. */
export const hashToken = (token: string) => crypto.createHash('sha256').update(token, 'utf8').digest('hex');

export const sha256Hex = (data: Buffer | string) => crypto.createHash('sha256').update(data).digest('hex');

export function timingSafeEqualStrings(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && crypto.timingSafeEqual(left, right);
}
