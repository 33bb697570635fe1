import crypto from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { GENESIS_HASH, checkpointMessage, rowHash } from './chain.js';

export type TamperKind = 'edited' | 'removed' | 'reordered' | 'bad_signature' | 'rewritten';

export interface VerifyReport {
  ok: boolean;
  /** Sealed events checked. */
  events: number;
  checkpoints: number;
  /** Events recorded but not yet chained by the sealer (normally none, or a few from the last second). */
  unsealed: number;
  /** The first problem found: its chain position, and the event's id where one is stored there. */
  problem?: { seq: number; id?: number; kind: TamperKind; message: string };
}

const BATCH = 5000;

/**
 * Walks the whole chain in order, recomputing every hash and link, then checks every signed
 * checkpoint against the recomputed chain and its public key. Memory stays bounded: events are
 * read in batches and only the previous hash is kept.
 */
export async function verifyAuditChain(db: Kysely<Database>, onProgress?: (events: number) => void): Promise<VerifyReport> {
  const unsealedRow = await db.selectFrom('audit_events').select(sql<number>`count(*)::int`.as('n')).where('seq', 'is', null).executeTakeFirstOrThrow();
  const unsealed = unsealedRow.n;
  const checkpoints = await db
    .selectFrom('audit_checkpoints')
    .innerJoin('keys', 'keys.id', 'audit_checkpoints.key_id')
    .select(['audit_checkpoints.seq', 'audit_checkpoints.hash', 'audit_checkpoints.signature', 'keys.public_key', 'keys.id as key_id'])
    .orderBy('audit_checkpoints.seq')
    .execute();
  for (const cp of checkpoints) {
    const publicKey = crypto.createPublicKey({ key: Buffer.from(cp.public_key ?? '', 'base64'), format: 'der', type: 'spki' });
    if (!crypto.verify(null, checkpointMessage(cp.seq, cp.hash), publicKey, Buffer.from(cp.signature, 'base64'))) {
      return fail(0, unsealed, checkpoints.length, cp.seq, 'bad_signature', `The checkpoint at chain position ${cp.seq} has an invalid signature (key ${cp.key_id}).`);
    }
  }
  const checkpointAt = new Map(checkpoints.map((cp) => [cp.seq, cp.hash]));
  const head = await db.selectFrom('audit_head').selectAll().executeTakeFirstOrThrow();

  let expectedSeq = 1;
  let previousHash = GENESIS_HASH;
  let count = 0;
  for (let after = 0; ; ) {
    const batch = await db.selectFrom('audit_events').selectAll().where('seq', '>', after).orderBy('seq').limit(BATCH).execute();
    if (batch.length === 0) break;
    for (const sealed of batch) {
      // Rows from this query are sealed: position and hashes are set.
      const row = { ...sealed, seq: sealed.seq!, prev_hash: sealed.prev_hash!, hash: sealed.hash! };
      if (row.seq !== expectedSeq) {
        return fail(count, unsealed, checkpoints.length, expectedSeq, 'removed', `The event at chain position ${expectedSeq} is missing (the next stored position is ${row.seq}).`);
      }
      const recomputed = rowHash(row.prev_hash, row);
      if (recomputed !== row.hash) {
        return fail(count, unsealed, checkpoints.length, row.seq, 'edited', `Event ${row.id} at chain position ${row.seq} (${row.action}) was edited: its content no longer matches its hash.`, row.id);
      }
      if (row.prev_hash !== previousHash) {
        // Only on the failure path: find which stored event this one was chained after.
        const linked = await db.selectFrom('audit_events').select('seq').where('hash', '=', row.prev_hash).executeTakeFirst();
        const linkedTo = row.prev_hash === GENESIS_HASH ? 0 : linked?.seq;
        if (linkedTo !== undefined && linkedTo !== row.seq - 1) {
          return fail(count, unsealed, checkpoints.length, row.seq, 'reordered', `Event ${row.id} at chain position ${row.seq} (${row.action}) is out of order: it was chained after position ${linkedTo}.`, row.id);
        }
        return fail(count, unsealed, checkpoints.length, row.seq, 'removed', `The chain breaks before position ${row.seq} (event ${row.id}, ${row.action}): an event before it was removed or replaced.`, row.id);
      }
      const signed = checkpointAt.get(row.seq);
      if (signed !== undefined && signed !== row.hash) {
        return fail(count, unsealed, checkpoints.length, row.seq, 'rewritten', `The chain up to position ${row.seq} (event ${row.id}) was rewritten: it no longer matches the signed checkpoint.`, row.id);
      }
      previousHash = row.hash;
      expectedSeq += 1;
      count += 1;
    }
    after = batch[batch.length - 1]!.seq!;
    onProgress?.(count);
  }
  const lastSeq = expectedSeq - 1;
  const lastCheckpoint = checkpoints.at(-1);
  if (head.seq > lastSeq || (lastCheckpoint && lastCheckpoint.seq > lastSeq)) {
    const missingFrom = lastSeq + 1;
    return fail(count, unsealed, checkpoints.length, missingFrom, 'removed', `The events from chain position ${missingFrom} onwards are missing (the chain had reached ${Math.max(head.seq, lastCheckpoint?.seq ?? 0)}).`);
  }
  return { ok: true, events: count, checkpoints: checkpoints.length, unsealed };
}

function fail(events: number, unsealed: number, checkpoints: number, seq: number, kind: TamperKind, message: string, id?: number): VerifyReport {
  return { ok: false, events, checkpoints, unsealed, problem: { seq, ...(id !== undefined ? { id } : {}), kind, message } };
}
