import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../context.js';
import type { DatabaseHandle } from '../db/database.js';

export const EVENTS_CHANNEL = 'focal_events';

/**
 * What a browser is told in real time. Events carry ids and counts only, never content:
 * the browser fetches what it may see through the normal, authorised routes.
 */
export type RealtimeEvent =
  | { type: 'session_revoked'; sessionId: string }
  | { type: 'profile_changed' }
  /** Something in the person's mailbox changed; `received` is a new message for them. */
  | { type: 'mail'; reason: 'received' | 'changed' | 'receipt' | 'consent' | 'reminder'; messageId?: string }
  /** A case or request the person takes part in changed. */
  | { type: 'case'; reason: 'join_requested' | 'membership' | 'changed' | 'request'; caseId?: string; requestId?: string }
  /** A meeting the person takes part in changed, or a notice about it arrived. */
  | { type: 'meeting'; reason: 'invited' | 'changed' | 'removed' | 'notice'; meetingId: string }
  /** A workshop the person organises, trains at or is nominated to changed, or a notice about it arrived. */
  | { type: 'training'; reason: 'changed' | 'notice'; workshopId: string };

interface Envelope {
  /** Recipients (user ids). */
  u: string[];
  e: RealtimeEvent;
}

type Subscriber = (event: RealtimeEvent) => void;

/**
 * Delivers events to the users' open browser tabs, across every server process sharing the
 * database: `publish` issues a NOTIFY inside the caller's transaction (PostgreSQL delivers it
 * only if and when the transaction commits), and every process LISTENs and hands the event
 * to its own subscribers.
 */
export class RealtimeBus {
  private readonly subscribers = new Map<string, Set<Subscriber>>();
  private stopListening: (() => Promise<void>) | undefined;

  async start(database: DatabaseHandle): Promise<void> {
    this.stopListening = await database.listen(EVENTS_CHANNEL, (payload) => this.dispatch(payload));
  }

  async stop(): Promise<void> {
    await this.stopListening?.();
    this.stopListening = undefined;
  }

  /** Queues the event in the transaction; it is sent when (and only if) the transaction commits. */
  async publish(trx: Db, userIds: string[], event: RealtimeEvent): Promise<void> {
    const notify = this.notification(userIds, event);
    if (notify) await sql`SELECT ${notify}`.execute(trx);
  }

  /**
   * The `pg_notify(…)` call of `publish`, not yet run (null for nobody), for a caller that
   * selects it in the statement that makes the change: the same delivery at commit, one round trip fewer.
   */
  notification(userIds: string[], event: RealtimeEvent): RawBuilder<unknown> | null {
    if (userIds.length === 0) return null;
    const payload: Envelope = { u: [...new Set(userIds)], e: event };
    return sql`pg_notify(${EVENTS_CHANNEL}, ${JSON.stringify(payload)})`;
  }

  /** Registers a tab of a user; returns the function that unregisters it. */
  subscribe(userId: string, subscriber: Subscriber): () => void {
    let set = this.subscribers.get(userId);
    if (!set) this.subscribers.set(userId, (set = new Set()));
    set.add(subscriber);
    return () => {
      set.delete(subscriber);
      if (set.size === 0) this.subscribers.delete(userId);
    };
  }

  get connections(): number {
    let count = 0;
    for (const set of this.subscribers.values()) count += set.size;
    return count;
  }

  private dispatch(payload: string) {
    let envelope: Envelope;
    try {
      envelope = JSON.parse(payload) as Envelope;
    } catch {
      return;
    }
    for (const userId of envelope.u) {
      for (const subscriber of this.subscribers.get(userId) ?? []) subscriber(envelope.e);
    }
  }
}
