import crypto from 'node:crypto';
import type { Selectable } from 'kysely';
import type { Database } from '../db/schema.js';

export const GENESIS_HASH = '0'.repeat(64);

/** JSON with keys sorted at every level: the same value always encodes to the same bytes. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export interface ChainedFields {
  at: Date;
  actorId: string | null;
  actorCountry: string | null;
  country: string | null;
  ip: string | null;
  userAgent: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  details: Record<string, unknown>;
}

/**
 * hash = SHA-256(prevHash ‖ canonical(event)). The sequence number is deliberately outside
 * the hash: moving an event elsewhere keeps its own hash valid and breaks only the links,
 * which is how the verifier tells a reordering from an edit.
 */
export function eventHash(prevHash: string, event: ChainedFields): string {
  const body = canonicalJson({
    at: event.at.toISOString(),
    actorId: event.actorId,
    actorCountry: event.actorCountry,
    country: event.country,
    ip: event.ip,
    userAgent: event.userAgent,
    action: event.action,
    targetType: event.targetType,
    targetId: event.targetId,
    details: event.details,
  });
  return crypto.createHash('sha256').update(prevHash, 'utf8').update('\n').update(body, 'utf8').digest('hex');
}

/** What a checkpoint signs: the chain's head at a sequence number. */
export const checkpointMessage = (seq: number, hash: string) => Buffer.from(`focal-audit-checkpoint:${seq}:${hash}`, 'utf8');

/** The hashed fields of a stored event row. */
export type StoredEventRow = Pick<
  Selectable<Database['audit_events']>,
  'at' | 'actor_id' | 'actor_country' | 'country' | 'ip' | 'user_agent' | 'action' | 'target_type' | 'target_id' | 'details'
>;

export function rowHash(prevHash: string, row: StoredEventRow): string {
  return eventHash(prevHash, {
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
}
