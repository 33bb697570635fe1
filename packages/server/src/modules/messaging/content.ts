import type { TSealed } from '../../db/schema.js';
import type { AppContext, Db } from '../../context.js';

/** What is encrypted of a message: one sealed object under one fresh data key. */
export interface MessageContent {
  subject: string;
  body: string;
  /** The written conditions of an H3 message. */
  conditions: string;
}

const contentAad = (messageId: string) => `messages:${messageId}:content`;
export const attachmentNameAad = (attachmentId: string) => `message_attachments:${attachmentId}:name`;

export async function sealContent(ctx: AppContext, trx: Db, messageId: string, content: MessageContent): Promise<TSealed> {
  return ctx.envelope.seal(trx, JSON.stringify(content), contentAad(messageId));
}

/** `sealContent` with the data key not yet stored (see `Envelope.prepareSeal`). */
export async function prepareContent(ctx: AppContext, db: Db, messageId: string, content: MessageContent) {
  return ctx.envelope.prepareSeal(db, JSON.stringify(content), contentAad(messageId));
}

/** Opens the content of several messages with one query for their data keys. */
export async function openContents(ctx: AppContext, db: Db, rows: readonly { id: string; content: TSealed }[]): Promise<Map<string, MessageContent>> {
  const keys = await ctx.envelope.dataKeys(
    db,
    rows.map((row) => row.content.k),
  );
  const out = new Map<string, MessageContent>();
  for (const row of rows) {
    const key = keys.get(row.content.k);
    if (!key) continue;
    out.set(row.id, JSON.parse(ctx.envelope.openWith(key, row.content, contentAad(row.id)).toString('utf8')) as MessageContent);
  }
  return out;
}

export async function openNames(ctx: AppContext, db: Db, rows: readonly { id: string; name: TSealed }[]): Promise<Map<string, string>> {
  const keys = await ctx.envelope.dataKeys(
    db,
    rows.map((row) => row.name.k),
  );
  const out = new Map<string, string>();
  for (const row of rows) {
    const key = keys.get(row.name.k);
    if (key) out.set(row.id, ctx.envelope.openWith(key, row.name, attachmentNameAad(row.id)).toString('utf8'));
  }
  return out;
}

/** The start of a Markdown body as plain text, for the message list. */
export function snippetOf(body: string, length = 160): string {
  const plain = body
    .replace(/```[\s\S]*?```/g, ' ')
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/^\s{0,3}(#{1,6}|>|[-*+]|\d+\.)\s+/gm, '')
    .replace(/[*_`~]+/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return plain.length > length ? `${plain.slice(0, length - 1)}…` : plain;
}

/**
 * A file name safe to store and to send back: no path, no control or reserved characters, no
 * leading dots, at most 200 characters (keeping the extension).
 */
export function sanitiseFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  let clean = base
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Cf}<>:"|?*]/gu, '')
    .replace(/\s+/g, ' ')
    .replace(/^[.\s]+/, '')
    .trim();
  if (clean.length > 200) {
    const dot = clean.lastIndexOf('.');
    const ext = dot > 0 && clean.length - dot <= 16 ? clean.slice(dot) : '';
    clean = clean.slice(0, 200 - ext.length) + ext;
  }
  return clean || 'attachment';
}

const SIGNATURES: { type: string; test: (b: Buffer) => boolean }[] = [
  { type: 'application/pdf', test: (b) => b.subarray(0, 5).toString('latin1') === '%PDF-' },
  { type: 'image/png', test: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  { type: 'image/jpeg', test: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { type: 'image/gif', test: (b) => /^GIF8[79]a/.test(b.subarray(0, 6).toString('latin1')) },
  { type: 'image/webp', test: (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP' },
  { type: 'image/tiff', test: (b) => ['II*\0', 'MM\0*'].includes(b.subarray(0, 4).toString('latin1')) },
  { type: 'application/x-ole-storage', test: (b) => b.subarray(0, 8).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) },
  { type: 'application/gzip', test: (b) => b[0] === 0x1f && b[1] === 0x8b },
  { type: 'application/x-7z-compressed', test: (b) => b.subarray(0, 6).equals(Buffer.from([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c])) },
  { type: 'application/zip', test: (b) => b.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04])) || b.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x05, 0x06])) },
];

const OFFICE_ZIP: Record<string, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  odt: 'application/vnd.oasis.opendocument.text',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
};
const TEXT_TYPES: Record<string, string> = { csv: 'text/csv', txt: 'text/plain', md: 'text/markdown', json: 'application/json', xml: 'application/xml', sta: 'text/plain', mt940: 'text/plain' };

/**
 * The content type from the file's first bytes, never from what the uploader claimed. The
 * extension only refines a type the bytes already show (a zip that is a .docx, text that is
 * CSV). Anything unrecognised is application/octet-stream.
 */
export function sniffContentType(head: Buffer, fileName: string): string {
  const ext = /\.([a-z0-9]{1,8})$/i.exec(fileName)?.[1]?.toLowerCase() ?? '';
  const found = SIGNATURES.find((signature) => signature.test(head))?.type;
  if (found === 'application/zip') return OFFICE_ZIP[ext] ?? found;
  if (found) return found;
  if (head.length > 0 && looksLikeText(head)) return TEXT_TYPES[ext] ?? 'text/plain';
  return 'application/octet-stream';
}

function looksLikeText(head: Buffer): boolean {
  if (head.includes(0)) return false;
  // A multi-byte character may be cut at the end of the sample: ignore the last 3 bytes.
  const sample = head.subarray(0, Math.max(0, head.length - 3));
  return !new TextDecoder('utf-8', { fatal: false }).decode(sample).includes('\uFFFD');
}
