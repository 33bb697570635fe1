import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { GENESIS_HASH, checkpointMessage, eventHash } from './chain.js';

export type TamperKind = 'edited' | 'removed' | 'reordered' | 'bad_signature' | 'rewritten';

export interface VerifyReport {
  ok: boolean;
  events: number;
  checkpoints: number;
  /** The first problem found, naming the event (sequence number). */
  problem?: { seq: number; kind: TamperKind; message: string };
}

const BATCH = 5000;

/**
 * Walks the whole chain in order, recomputing every hash and link, then checks every signed
 * checkpoint against the recomputed chain and its public key. Memory stays bounded: events are
 * read in batches and only the previous hash is kept.
 */
export async function verifyAuditChain(db: Kysely<Database>, onProgress?: (events: number) => void): Promise<VerifyReport> {
  const checkpoints = await db
    .selectFrom('audit_checkpoints')
    .innerJoin('keys', 'keys.id', 'audit_checkpoints.key_id')
    .select(['audit_checkpoints.seq', 'audit_checkpoints.hash', 'audit_checkpoints.signature', 'keys.public_key', 'keys.id as key_id'])
    .orderBy('audit_checkpoints.seq')
    .execute();
  for (const cp of checkpoints) {
    const publicKey = crypto.createPublicKey({ key: Buffer.from(cp.public_key ?? '', 'base64'), format: 'der', type: 'spki' });
    if (!crypto.verify(null, checkpointMessage(cp.seq, cp.hash), publicKey, Buffer.from(cp.signature, 'base64'))) {
      return fail(0, 0, checkpoints.length, cp.seq, 'bad_signature', `The checkpoint at event ${cp.seq} has an invalid signature (key ${cp.key_id}).`);
    }
  }
  const checkpointAt = new Map(checkpoints.map((cp) => [cp.seq, cp.hash]));
  const head = await db.selectFrom('audit_head').selectAll().executeTakeFirstOrThrow();

  let expectedSeq = 1;
  let previousHash = GENESIS_HASH;
  let count = 0;
  for (let after = 0; ; ) {
    const rows = await db.selectFrom('audit_events').selectAll().where('seq', '>', after).orderBy('seq').limit(BATCH).execute();
    if (rows.length === 0) break;
    for (const row of rows) {
      if (row.seq !== expectedSeq) {
        return fail(count, count, checkpoints.length, expectedSeq, 'removed', `Event ${expectedSeq} is missing (the next stored event is ${row.seq}).`);
      }
      const recomputed = eventHash(row.prev_hash, {
        at: row.at,
        actorId: row.actor_id,
        actorCountry: row.actor_country,
        country: row.country,
        ip: row.ip,
        userAgent: row.user_agent,
        action: row.action,
        targetType: row.target_type,
        targetId: row.target_id,
        details: row.details,
      });
      if (recomputed !== row.hash) {
        return fail(count, count, checkpoints.length, row.seq, 'edited', `Event ${row.seq} (${row.action}) was edited: its content no longer matches its hash.`);
      }
      if (row.prev_hash !== previousHash) {
        // Only on the failure path: find which stored event this one was chained after.
        const linked = await db.selectFrom('audit_events').select('seq').where('hash', '=', row.prev_hash).executeTakeFirst();
        const linkedTo = row.prev_hash === GENESIS_HASH ? 0 : linked?.seq;
        if (linkedTo !== undefined && linkedTo !== row.seq - 1) {
          return fail(count, count, checkpoints.length, row.seq, 'reordered', `Event ${row.seq} (${row.action}) is out of order: it was written after event ${linkedTo}.`);
        }
        return fail(count, count, checkpoints.length, row.seq, 'removed', `The chain breaks before event ${row.seq} (${row.action}): an event before it was removed or replaced.`);
      }
      const signed = checkpointAt.get(row.seq);
      if (signed !== undefined && signed !== row.hash) {
        return fail(count, count, checkpoints.length, row.seq, 'rewritten', `The chain up to event ${row.seq} was rewritten: it no longer matches the signed checkpoint.`);
      }
      previousHash = row.hash;
      expectedSeq += 1;
      count += 1;
    }
    after = rows[rows.length - 1]!.seq;
    onProgress?.(count);
  }
  const lastSeq = expectedSeq - 1;
  const lastCheckpoint = checkpoints.at(-1);
  if (head.seq > lastSeq || (lastCheckpoint && lastCheckpoint.seq > lastSeq)) {
    const missingFrom = lastSeq + 1;
    return fail(count, count, checkpoints.length, missingFrom, 'removed', `Events from ${missingFrom} onwards are missing (the log recorded ${Math.max(head.seq, lastCheckpoint?.seq ?? 0)}).`);
  }
  return { ok: true, events: count, checkpoints: checkpoints.length };
}

function fail(events: number, _checked: number, checkpoints: number, seq: number, kind: TamperKind, message: string): VerifyReport {
  return { ok: false, events, checkpoints, problem: { seq, kind, message } };
}
