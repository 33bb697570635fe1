import type { TRole } from '@focal/shared';
import { notFound } from '../errors.js';

/** The authenticated caller, as policies see it. */
export interface Actor {
  id: string;
  country: string;
  roles: readonly TRole[];
  /** Set when the caller is an API token: it may do no more than these scopes allow. */
  tokenScopes?: readonly string[];
}

/** The operator at the command line: not a user row, audited with no actor id. */
export const SYSTEM_ACTOR_ID = 'system';
/** The user id to record for an actor (null for the system). */
export const actorUserId = (actor: { id: string }) => (actor.id === SYSTEM_ACTOR_ID ? null : actor.id);

export const hasRole = (actor: Actor, role: TRole) => actor.roles.includes(role);
export const isSecretariat = (actor: Actor) => hasRole(actor, 'secretariat');
export const isNationalAdminOf = (actor: Actor, country: string) => hasRole(actor, 'national_admin') && actor.country === country;

type Rule<R> = (actor: Actor, record: R) => boolean;
const rules = new Map<string, Rule<never>[]>();

/**
 * Declares who may do `action` on a kind of record, in the module's policy.ts. Several rules
 * for one action are alternatives; an action with no rule is denied to everyone.
 */
export function allow<R>(subject: string, action: string, rule: Rule<R>): void {
  const key = `${subject}:${action}`;
  const list = rules.get(key) ?? [];
  list.push(rule as Rule<never>);
  rules.set(key, list);
}

export function can<R>(actor: Actor, action: string, subject: string, record: R): boolean {
  const list = rules.get(`${subject}:${action}`);
  if (!list) return false;
  return list.some((rule) => (rule as Rule<R>)(actor, record));
}

/** Throws the same 404 a missing record gives, so a refusal reveals nothing. */
export function authorize<R>(actor: Actor, action: string, subject: string, record: R | undefined | null): asserts record is R {
  if (record === undefined || record === null || !can(actor, action, subject, record)) throw notFound();
}

/** For actions on no particular record (open a module, search): 404 when not allowed. */
export function authorizeAction(actor: Actor, action: string, subject: string): void {
  if (!can(actor, action, subject, NO_RECORD)) throw notFound();
}
export const NO_RECORD = Object.freeze({});

/** The actions the caller may take on a record, for the UI to show only what the server allows. */
export function abilities<R>(actor: Actor, subject: string, record: R, actions: readonly string[]): Record<string, boolean> {
  return Object.fromEntries(actions.map((action) => [action, can(actor, action, subject, record)]));
}
