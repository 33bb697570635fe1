import crypto from 'node:crypto';
import { Secret } from 'otpauth';
import type { AppContext } from '../context.js';
import { SYSTEM_CONTEXT } from '../audit/events.js';
import { hashPassword } from '../modules/identity/passwords.js';
import { searchTextFor } from '../modules/identity/repository.js';
import { replaceRecoveryCodes } from '../modules/identity/service.js';
import { DEMO_WORLD } from './world.js';
import { seedTrainingCatalogue } from '../modules/training/demo.js';

export interface DemoLogin {
  email: string;
  name: string;
  country: string;
  roles: string[];
  totpSecret: string;
}

export class DemoRefusedError extends Error {
  override name = 'DemoRefusedError';
}

/**
 * Loads the invented demo network in one transaction and marks the deployment as a demo (the
 * UI then shows a DEMO banner). Refused on a deployment that holds real users. Every demo
 * account shares one freshly generated password; each has its own TOTP secret.
 */
export async function loadDemoWorld(ctx: AppContext, emailDomain = 'demo.focal.example'): Promise<{ password: string; logins: DemoLogin[] }> {
  const password = `demo-${crypto.randomBytes(9).toString('base64url')}`;
  const passwordHash = await hashPassword(password);
  return ctx.db.transaction().execute(async (trx) => {
    await trx.selectFrom('audit_head').select('id').forUpdate().execute();
    const demo = await trx.selectFrom('instance_settings').select('value').where('key', '=', 'demo').executeTakeFirst();
    const users = await trx.selectFrom('users').select('id').limit(1).execute();
    if (users.length > 0 && demo?.value !== true) throw new DemoRefusedError('This deployment already has real users: the demo world is only loaded into an empty deployment.');
    if (demo?.value === true) throw new DemoRefusedError('The demo world is already loaded.');
    const logins: DemoLogin[] = [];
    const now = new Date();
    for (const country of DEMO_WORLD) {
      const agencyIds = country.agencies.map(() => crypto.randomUUID());
      await trx
        .insertInto('agencies')
        .values(country.agencies.map((a, i) => ({ id: agencyIds[i]!, country: country.code, name: a.name, type: a.type })))
        .execute();
      for (const person of country.people) {
        const id = crypto.randomUUID();
        const email = `${person.key}@${emailDomain}`;
        await trx
          .insertInto('users')
          .values({
            id,
            email,
            name: person.name,
            name_latin: person.nameLatin,
            search_text: searchTextFor(person.name, person.nameLatin, email),
            country: country.code,
            agency_id: agencyIds[person.agency] ?? null,
            roles: person.roles,
            languages: person.languages,
            time_zone: person.timeZone,
            ui_language: ['fr', 'es', 'ar'].find((l) => person.languages[0] === l) ?? 'en',
            phones: JSON.stringify([{ label: 'Office', number: person.phone }]),
            available_247: person.available247 ?? false,
            status: 'active',
            password_hash: passwordHash,
            invited_by: null,
            created_at: now,
            updated_at: now,
          })
          .execute();
        const secret = new Secret({ size: 20 }).base32;
        const deviceId = crypto.randomUUID();
        const sealed = await ctx.envelope.seal(trx, secret, `mfa_totp:${deviceId}:secret`);
        await trx.insertInto('mfa_totp').values({ id: deviceId, user_id: id, label: 'Demo authenticator', secret: JSON.stringify(sealed), confirmed: true, created_at: now }).execute();
        await replaceRecoveryCodes(trx, id);
        logins.push({ email, name: person.nameLatin, country: country.code, roles: person.roles, totpSecret: secret });
      }
    }
    await seedTrainingCatalogue(ctx, trx);
    await trx
      .insertInto('instance_settings')
      .values({ key: 'demo', value: JSON.stringify(true) })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(true) }))
      .execute();
    // Setup links are moot once accounts exist.
    await trx.updateTable('invitations').set({ expires_at: now }).where('kind', '=', 'setup').where('used_at', 'is', null).execute();
    await ctx.audit.append(trx, SYSTEM_CONTEXT, { action: 'demo.loaded', targetType: null, targetId: null, country: null, details: { users: logins.length } });
    return { password, logins };
  });
}
