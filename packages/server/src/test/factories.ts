import crypto from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import type { TRole } from '@focal/shared';
import type { AppContext } from '../context.js';
import { hashPassword } from '../modules/identity/passwords.js';
import { searchTextFor } from '../modules/identity/repository.js';
import { replaceRecoveryCodes } from '../modules/identity/service.js';

export const TEST_PASSWORD = 'correct horse battery staple 42';
let passwordHash: Promise<string> | undefined;

export interface BuiltUser {
  id: string;
  email: string;
  country: string;
  roles: TRole[];
  totpSecret: string;
  recoveryCodes: string[];
  /** The current TOTP code, or the one for a given time. */
  code: (at?: number) => string;
  /**
   * A code the server has not seen yet: the server refuses replays, so repeated sign-ins in
   * one 30-second period use the neighbouring periods it also accepts (two per period).
   */
  nextCode: () => string;
}

let counter = 0;

/** An active user with a password and a confirmed authenticator, straight into the database. */
export async function buildUser(
  ctx: AppContext,
  options: { country?: string; roles?: TRole[]; name?: string; nameLatin?: string; email?: string; status?: string; agencyId?: string | null; languages?: string[] } = {},
): Promise<BuiltUser> {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const id = crypto.randomUUID();
  counter += 1;
  const email = options.email ?? `user${counter}-${id.slice(0, 6)}@example.test`;
  const name = options.name ?? `Test User ${counter}`;
  const nameLatin = options.nameLatin ?? name;
  const country = options.country ?? 'FR';
  const roles = options.roles ?? ['focal_point'];
  const now = new Date();
  await ctx.db
    .insertInto('users')
    .values({
      id,
      email,
      name,
      name_latin: nameLatin,
      search_text: searchTextFor(name, nameLatin, email),
      country,
      agency_id: options.agencyId ?? null,
      roles,
      languages: options.languages ?? ['en'],
      status: options.status ?? 'active',
      password_hash: await passwordHash,
      invited_by: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  const totpSecret = new Secret({ size: 20 }).base32;
  const deviceId = crypto.randomUUID();
  const sealed = await ctx.envelope.seal(ctx.db, totpSecret, `mfa_totp:${deviceId}:secret`);
  await ctx.db.insertInto('mfa_totp').values({ id: deviceId, user_id: id, label: 'Test app', secret: JSON.stringify(sealed), confirmed: true, created_at: now }).execute();
  const recoveryCodes = await replaceRecoveryCodes(ctx.db, id);
  let lastStep = 0;
  const nextCode = () => {
    const now = Math.floor(Date.now() / 30_000);
    const step = [now, now + 1].find((s) => s > lastStep);
    if (step === undefined) throw new Error('More than two sign-ins of one test user within 30 seconds.');
    lastStep = step;
    return totpCode(totpSecret, step * 30_000 + 1000);
  };
  return { id, email, country, roles, totpSecret, recoveryCodes, code: (at) => totpCode(totpSecret, at), nextCode };
}

export function totpCode(secret: string, at = Date.now()): string {
  return new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' }).generate({ timestamp: at });
}

export async function buildAgency(ctx: AppContext, country: string, type = 'police', name = `Agency ${++counter}`) {
  const id = crypto.randomUUID();
  await ctx.db.insertInto('agencies').values({ id, country, name, type }).execute();
  return id;
}
