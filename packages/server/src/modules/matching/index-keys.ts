import crypto from 'node:crypto';
import { blockingKeys, type IdentifierKind, type MatchEntity } from '@focal/core';
import { MATCHABLE_SCHEMATA } from '@focal/shared';
import type { AppContext, Db } from '../../context.js';

const MATCHABLE = new Set<string>(MATCHABLE_SCHEMATA);
export const isMatchable = (schema: string) => MATCHABLE.has(schema);

export const MATCH_NAME_PROPS = ['name', 'alias', 'previousName', 'weakAlias'];
export const MATCH_IDENTIFIER_PROPS: Record<string, IdentifierKind> = {
  iban: 'iban',
  registrationNumber: 'registration',
  ogrnCode: 'registration',
  innCode: 'tax',
  taxNumber: 'tax',
  vatCode: 'tax',
  passportNumber: 'passport',
  publicKey: 'crypto',
  leiCode: 'lei',
  swiftBic: 'bic',
  bikCode: 'bic',
  accountNumber: 'account',
  imoNumber: 'registration',
  isin: 'registration',
};
export const MATCH_COUNTRY_PROPS = ['nationality', 'citizenship', 'country', 'jurisdiction'];

/** An FtM entity's values reduced to what the matcher compares (see @focal/core). */
export function toMatchEntity(schema: string, properties: Record<string, string[]>): MatchEntity {
  const names = MATCH_NAME_PROPS.flatMap((p) => properties[p] ?? []);
  // A person recorded by parts only still has a name to compare.
  if (names.length === 0 && schema === 'Person') {
    const whole = [properties.firstName?.[0], properties.middleName?.[0], properties.lastName?.[0]].filter(Boolean).join(' ');
    if (whole) names.push(whole);
  }
  const identifiers = Object.entries(MATCH_IDENTIFIER_PROPS).flatMap(([prop, kind]) => (properties[prop] ?? []).map((value) => ({ kind, value })));
  const countries = [...new Set(MATCH_COUNTRY_PROPS.flatMap((p) => properties[p] ?? []).map((c) => c.toUpperCase()))];
  const birthDate = schema === 'Person' ? properties.birthDate?.[0] : undefined;
  return { schema, names, identifiers, countries, ...(birthDate ? { birthDate: birthDate.slice(0, 10) } : {}) };
}

/** The kind of a blocking key: its prefix ("n", "p", "d", …), or "id:<kind>" for an identifier. */
export function keyKind(key: string): string {
  if (key.startsWith('h:')) return key.slice(2, key.lastIndexOf(':'));
  return key.startsWith('id:') ? key.split(':', 2).join(':') : key.slice(0, key.indexOf(':'));
}

/**
 * A blind key: the HMAC of the plain key under the deployment's HMAC key. The kind of key
 * (name token, phonetic code, birth date, identifier kind) stays readable, so a comparison on
 * blind keys can still weigh an identifier above a shared surname, and see a conflict.
 */
export const blindKey = (hmacKey: Buffer, key: string) => `h:${keyKind(key)}:${crypto.createHmac('sha256', hmacKey).update(key).digest('base64url').slice(0, 27)}`;

export async function hmacKeyOf(ctx: AppContext, db: Db) {
  return ctx.keyRing.keyMaterial(await ctx.keyRing.activeKeyId('hmac', db), db);
}

/**
 * Recomputes the blocking keys of entities from their current values and queues them for
 * cross-referencing, in the caller's transaction — so the index never disagrees with the data.
 */
export async function reindexEntities(ctx: AppContext, trx: Db, entityIds: string[]): Promise<void> {
  if (entityIds.length === 0) return;
  const hmacKey = await hmacKeyOf(ctx, trx);
  for (let i = 0; i < entityIds.length; i += 1000) {
    const slice = entityIds.slice(i, i + 1000);
    const entities = await trx.selectFrom('entities').select(['id', 'case_id', 'schema', 'blind']).where('id', 'in', slice).execute();
    const matchable = entities.filter((e) => isMatchable(e.schema));
    await trx.deleteFrom('match_keys').where('entity_id', 'in', slice).execute();
    if (matchable.length === 0) continue;
    const values = await trx.selectFrom('entity_values').select(['entity_id', 'prop', 'value']).where('entity_id', 'in', matchable.map((e) => e.id)).execute();
    const props = new Map<string, Record<string, string[]>>();
    for (const v of values) {
      const p = props.get(v.entity_id) ?? {};
      (p[v.prop] ??= []).push(v.value);
      props.set(v.entity_id, p);
    }
    const rows = matchable.flatMap((e) => {
      const keys = blockingKeys(toMatchEntity(e.schema, props.get(e.id) ?? {}));
      return keys.map((key) => ({ entity_id: e.id, key: e.blind ? blindKey(hmacKey, key) : key }));
    });
    for (let j = 0; j < rows.length; j += 10_000) {
      await trx.insertInto('match_keys').values(rows.slice(j, j + 10_000)).onConflict((oc) => oc.doNothing()).execute();
    }
    await trx
      .insertInto('match_jobs')
      .values(matchable.map((e) => ({ entity_id: e.id, case_id: e.case_id, queued_at: new Date() })))
      .onConflict((oc) => oc.column('entity_id').doUpdateSet({ queued_at: new Date(), claimed_at: null, attempts: 0 }))
      .execute();
  }
}
