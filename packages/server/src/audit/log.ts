import crypto from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { KeyRing } from '../crypto/keyring.js';
import { checkpointMessage, eventHash } from './chain.js';
import type { AuditContext, AuditEvent } from './events.js';

type Db = Kysely<Database>;

export const CHECKPOINT_EVERY_EVENTS = 1000;
export const CHECKPOINT_EVERY_MS = 10 * 60_000;

/**
 * Appends audit events to the hash chain inside the caller's transaction, so an event exists
 * exactly when the change it records does. Locking the single head row serialises appends
 * across concurrent requests and across server processes sharing one database.
 */
export class AuditLog {
  constructor(private readonly keyRing: KeyRing) {}

  async append(trx: Db, ctx: AuditContext, event: AuditEvent): Promise<number> {
    return (await this.appendMany(trx, ctx, [event]))[0]!;
  }

  async appendMany(trx: Db, ctx: AuditContext, events: AuditEvent[]): Promise<number[]> {
    const head = await trx.selectFrom('audit_head').selectAll().where('id', '=', 1).forUpdate().executeTakeFirstOrThrow();
    let { seq, hash } = head;
    const rows = events.map((event) => {
      const at = new Date();
      const fields = {
        at,
        actorId: ctx.actorId,
        actorCountry: ctx.actorCountry,
        country: event.country,
        ip: ctx.ip,
        userAgent: ctx.userAgent ? ctx.userAgent.slice(0, 300) : null,
        action: event.action,
        targetType: event.targetType,
        targetId: event.targetId,
        details: event.details as Record<string, unknown>,
      };
      const prevHash = hash;
      hash = eventHash(prevHash, fields);
      seq += 1;
      return {
        seq,
        at,
        actor_id: fields.actorId,
        actor_country: fields.actorCountry,
        country: fields.country,
        ip: fields.ip,
        user_agent: fields.userAgent,
        action: fields.action,
        target_type: fields.targetType,
        target_id: fields.targetId,
        details: JSON.stringify(fields.details),
        prev_hash: prevHash,
        hash,
      };
    });
    await trx.insertInto('audit_events').values(rows).execute();
    const due = seq - head.checkpoint_seq >= CHECKPOINT_EVERY_EVENTS || Date.now() - head.checkpoint_at.getTime() >= CHECKPOINT_EVERY_MS;
    if (due) await this.signCheckpoint(trx, seq, hash);
    else await trx.updateTable('audit_head').set({ seq, hash }).where('id', '=', 1).execute();
    return rows.map((r) => r.seq);
  }

  /** Signs the current head if events were added since the last checkpoint (for the timer). */
  async checkpointIfDue(db: Db): Promise<boolean> {
    return db.transaction().execute(async (trx) => {
      const head = await trx.selectFrom('audit_head').selectAll().where('id', '=', 1).forUpdate().executeTakeFirstOrThrow();
      if (head.seq === head.checkpoint_seq) return false;
      if (Date.now() - head.checkpoint_at.getTime() < CHECKPOINT_EVERY_MS && head.seq - head.checkpoint_seq < CHECKPOINT_EVERY_EVENTS) return false;
      await this.signCheckpoint(trx, head.seq, head.hash);
      return true;
    });
  }

  /** Signs the head now, whatever the schedule (used by `audit verify --checkpoint` and tests). */
  async checkpointNow(db: Db): Promise<void> {
    await db.transaction().execute(async (trx) => {
      const head = await trx.selectFrom('audit_head').selectAll().where('id', '=', 1).forUpdate().executeTakeFirstOrThrow();
      if (head.seq > head.checkpoint_seq) await this.signCheckpoint(trx, head.seq, head.hash);
    });
  }

  private async signCheckpoint(trx: Db, seq: number, hash: string) {
    const { id, privateKey } = await this.keyRing.signingKey(trx);
    const signature = crypto.sign(null, checkpointMessage(seq, hash), privateKey).toString('base64');
    await trx.insertInto('audit_checkpoints').values({ seq, hash, key_id: id, signature, at: new Date() }).execute();
    await trx.updateTable('audit_head').set({ seq, hash, checkpoint_seq: seq, checkpoint_at: sql`now()` }).where('id', '=', 1).execute();
  }
}
