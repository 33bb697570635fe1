import anyAscii from 'any-ascii';
import { sql, type Selectable } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Db } from '../../context.js';

/**
 * The text the directory searches: the name as written, its Latin form, its machine
 * transliteration and the email's local part, all folded, so a colleague is found from any script.
 */
export function searchTextFor(name: string, nameLatin: string, email: string): string {
  return fold(`${name} ${nameLatin} ${anyAscii(name)} ${email.split('@')[0] ?? ''}`);
}

/** Lower case without diacritics, so "José" finds "Jose" and "ÉLODIE" finds "élodie". */
export function fold(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

export const userColumns = [
  'users.id',
  'users.email',
  'users.name',
  'users.name_latin',
  'users.country',
  'users.agency_id',
  'users.roles',
  'users.languages',
  'users.time_zone',
  'users.ui_language',
  'users.phones',
  'users.available_247',
  'users.status',
  'users.failed_logins',
  'users.locked_until',
  'users.last_login_at',
  'users.created_at',
] as const;

export async function findUserById(db: Db, id: string) {
  return db.selectFrom('users').select(userColumns).where('id', '=', id).executeTakeFirst();
}
export type UserRow = NonNullable<Awaited<ReturnType<typeof findUserById>>>;

export async function findUserForLogin(db: Db, email: string) {
  return db
    .selectFrom('users')
    .select([...userColumns, 'users.password_hash'])
    .where('email', '=', email)
    .executeTakeFirst();
}

export async function countUsers(db: Db): Promise<number> {
  const row = await db.selectFrom('users').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
  return row.n;
}

export async function findAgency(db: Db, id: string | null) {
  if (!id) return null;
  return (await db.selectFrom('agencies').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
}

export async function findAgencies(db: Db, ids: string[]) {
  if (ids.length === 0) return new Map<string, { id: string; country: string; name: string; type: string }>();
  const rows = await db.selectFrom('agencies').select(['id', 'country', 'name', 'type']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r]));
}

export async function findInvitationByTokenHash(db: Db, tokenHash: string, forUpdate = false) {
  let query = db.selectFrom('invitations').selectAll().where('token_hash', '=', tokenHash);
  if (forUpdate) query = query.forUpdate();
  return query.executeTakeFirst();
}
export type InvitationRow = NonNullable<Awaited<ReturnType<typeof findInvitationByTokenHash>>>;

export async function confirmedTotpDevices(db: Db, userId: string) {
  return db.selectFrom('mfa_totp').selectAll().where('user_id', '=', userId).where('confirmed', '=', true).orderBy('created_at').execute();
}

export type SessionRow = Selectable<Database['sessions']>;

/** A session with its user in one round trip: this runs on every authenticated request. */
export async function findSessionWithUser(db: Db, id: string) {
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([
      'sessions.id as session_id',
      'sessions.user_id as session_user_id',
      'sessions.stage as session_stage',
      'sessions.pending_challenge as session_pending_challenge',
      'sessions.created_at as session_created_at',
      'sessions.last_seen_at as session_last_seen_at',
      'sessions.expires_at as session_expires_at',
      'sessions.ip as session_ip',
      'sessions.user_agent as session_user_agent',
      'sessions.revoked_at as session_revoked_at',
      ...userColumns,
    ])
    .where('sessions.id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  const session: SessionRow = {
    id: row.session_id,
    user_id: row.session_user_id,
    stage: row.session_stage,
    pending_challenge: row.session_pending_challenge,
    created_at: row.session_created_at,
    last_seen_at: row.session_last_seen_at,
    expires_at: row.session_expires_at,
    ip: row.session_ip,
    user_agent: row.session_user_agent,
    revoked_at: row.session_revoked_at,
  };
  const { session_id: _a, session_user_id: _b, session_stage: _c, session_pending_challenge: _d, session_created_at: _e, session_last_seen_at: _f, session_expires_at: _g, session_ip: _h, session_user_agent: _i, session_revoked_at: _j, ...user } = row;
  return { session, user: user as UserRow };
}
