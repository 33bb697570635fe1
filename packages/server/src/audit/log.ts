import crypto from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { KeyRing } from '../crypto/keyring.js';
import { checkpointMessage, rowHash } from './chain.js';
import type { AuditContext, AuditEvent } from './events.js';

type Db = Kysely<Database>;

export const CHECKPOINT_EVERY_EVENTS = 1000;
export const CHECKPOINT_EVERY_MS = 10 * 60_000;
/** Events sealed per transaction: large enough for throughput, small enough to keep locks short. */
const SEAL_BATCH = 2000;

/**
 * The audit log in two steps.
 *
 * `append` inserts the event in the caller's transaction, so it exists exactly when the
 * change it records does, and takes no lock: concurrent requests do not queue behind each
 * other's commits.
 *
 * `seal` chains committed events in the order it finds them (by insertion id): it locks the
 * single head row — so one sealer extends the chain at a time across all server processes —
 * gives each event its chain position and hashes, and signs a checkpoint every 1,000 events
 * or 10 minutes. Servers run it a few times a second; an event is unsealed (and so not yet
 * tamper-evident) for well under a second.
 */
export class AuditLog {
  constructor(private readonly keyRing: KeyRing) {}

  async append(trx: Db, ctx: AuditContext, event: AuditEvent): Promise<number> {
    return (await this.appendMany(trx, ctx, [event]))[0]!;
  }

  async appendMany(trx: Db, ctx: AuditContext, events: AuditEvent[]): Promise<number[]> {
    const rows = await this.appendQuery(trx, ctx, events).returning('id').execute();
    return rows.map((row) => row.id);
  }

  /**
   * The insert of `appendMany`, not yet run, for a caller that writes the change and its events
   * in one statement (data-modifying CTEs: still the same transaction, one round trip fewer).
   */
  appendQuery(trx: Db, ctx: AuditContext, events: AuditEvent[]) {
    const at = new Date();
    return trx.insertInto('audit_events').values(
      events.map((event) => ({
        seq: null,
        at,
        actor_id: ctx.actorId,
        actor_country: ctx.actorCountry,
        country: event.country,
        ip: ctx.ip,
        user_agent: ctx.userAgent ? ctx.userAgent.slice(0, 300) : null,
        action: event.action,
        target_type: event.targetType,
        target_id: event.targetId,
        details: JSON.stringify(event.details),
        prev_hash: null,
        hash: null,
      })),
    );
  }

  /** Seals every event committed so far; returns how many it chained. */
  async seal(db: Db): Promise<number> {
    // The common case, nothing to do, costs one indexed read and takes no lock.
    const [pending, head] = await Promise.all([
      db.selectFrom('audit_events').select('id').where('seq', 'is', null).limit(1).executeTakeFirst(),
      db.selectFrom('audit_head').select(['seq', 'checkpoint_seq', 'checkpoint_at']).where('id', '=', 1).executeTakeFirstOrThrow(),
    ]);
    const checkpointDue = head.seq > head.checkpoint_seq && Date.now() - head.checkpoint_at.getTime() >= CHECKPOINT_EVERY_MS;
    if (!pending && !checkpointDue) return 0;
    let total = 0;
    for (;;) {
      const sealed = await db.transaction().execute((trx) => this.sealBatch(trx));
      total += sealed;
      if (sealed < SEAL_BATCH) return total;
    }
  }

  private async sealBatch(trx: Db): Promise<number> {
    const head = await trx.selectFrom('audit_head').selectAll().where('id', '=', 1).forUpdate().executeTakeFirstOrThrow();
    const pending = await trx.selectFrom('audit_events').selectAll().where('seq', 'is', null).orderBy('id').limit(SEAL_BATCH).execute();
    let { seq, hash } = head;
    let checkpointSeq = head.checkpoint_seq;
    let checkpointAt = head.checkpoint_at.getTime();
    const updates: { id: number; seq: number; prev: string; hash: string }[] = [];
    for (const row of pending) {
      const prev = hash;
      hash = rowHash(prev, row);
      seq += 1;
      updates.push({ id: row.id, seq, prev, hash });
      if (seq - checkpointSeq >= CHECKPOINT_EVERY_EVENTS) {
        await this.writeUpdates(trx, updates.splice(0));
        await this.signCheckpoint(trx, seq, hash);
        checkpointSeq = seq;
        checkpointAt = Date.now();
      }
    }
    await this.writeUpdates(trx, updates);
    if (seq > checkpointSeq && Date.now() - checkpointAt >= CHECKPOINT_EVERY_MS) {
      await this.signCheckpoint(trx, seq, hash);
      checkpointSeq = seq;
      checkpointAt = Date.now();
    }
    await trx
      .updateTable('audit_head')
      .set({ seq, hash, checkpoint_seq: checkpointSeq, checkpoint_at: new Date(checkpointAt) })
      .where('id', '=', 1)
      .execute();
    return pending.length;
  }

  private async writeUpdates(trx: Db, updates: { id: number; seq: number; prev: string; hash: string }[]) {
    if (updates.length === 0) return;
    const values = sql.join(updates.map((u) => sql`(${u.id}::bigint, ${u.seq}::bigint, ${u.prev}, ${u.hash})`));
    await sql`
      UPDATE audit_events AS e SET seq = v.seq, prev_hash = v.prev, hash = v.hash
      FROM (VALUES ${values}) AS v(id, seq, prev, hash)
      WHERE e.id = v.id`.execute(trx);
  }

  private async signCheckpoint(trx: Db, seq: number, hash: string) {
    const { id, privateKey } = await this.keyRing.signingKey(trx);
    const signature = crypto.sign(null, checkpointMessage(seq, hash), privateKey).toString('base64');
    await trx.insertInto('audit_checkpoints').values({ seq, hash, key_id: id, signature, at: new Date() }).execute();
  }
}

/**
 * Runs the sealer on a timer (and once more when stopped). Failures are reported, not thrown:
 * the next tick retries, and nothing is lost because unsealed events stay in the table.
 */
export function startSealer(audit: AuditLog, db: Db, onError: (error: unknown) => void, everyMs = 250) {
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const tick = () => {
    running = running.then(() => audit.seal(db)).catch(onError);
  };
  const timer = setInterval(tick, everyMs);
  timer.unref();
  return {
    /** Seals what is left and stops. */
    stop: async () => {
      if (stopped) return;
      stopped = true;
      clearInterval(timer);
      tick();
      await running;
    },
  };
}
