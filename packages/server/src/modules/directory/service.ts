import anyAscii from 'any-ascii';
import { sql } from 'kysely';
import { regionOf, COUNTRY_CODES, type TDirectoryQuery } from '@focal/shared';
import type { AppContext } from '../../context.js';
import { authorize, authorizeAction, type Actor } from '../../policies/index.js';
import { findAgency, findAgencies, findUserById, fold, userColumns } from '../identity/repository.js';
import { asUser, type RequestInfo } from '../identity/service.js';
import { escapeLike } from '../users/service.js';
import './policy.js';

/**
 * Finds active users by any word of their name in any script: each query word must appear in
 * the folded name, its Latin form or its transliteration, so "Дмитрий", "dmitrii" and
 * "Dmitry" all reach a colleague stored as "Дмитрий Волков / Dmitry Volkov".
 */
export async function searchDirectory(ctx: AppContext, actor: Actor, query: TDirectoryQuery) {
  authorizeAction(actor, 'search', 'directory');
  let q = ctx.db
    .selectFrom('users')
    .leftJoin('agencies', 'agencies.id', 'users.agency_id')
    .select(userColumns)
    .where('users.status', '=', 'active')
    .orderBy('users.country')
    .orderBy('users.name_latin')
    .limit(200);
  if (query.country) q = q.where('users.country', '=', query.country);
  if (query.region) q = q.where('users.country', 'in', COUNTRY_CODES.filter((code) => regionOf(code) === query.region));
  if (query.agencyType) q = q.where('agencies.type', '=', query.agencyType);
  if (query.language) q = q.where(sql<boolean>`${query.language} = ANY(users.languages)`);
  if (query.role) q = q.where(sql<boolean>`${query.role} = ANY(users.roles)`);
  for (const word of queryWords(query.q ?? '')) {
    const variants = [...new Set([fold(word), fold(anyAscii(word))])].filter(Boolean);
    q = q.where((eb) => eb.or(variants.map((v) => eb('users.search_text', 'like', `%${escapeLike(v)}%`))));
  }
  const rows = await q.execute();
  const agencies = await findAgencies(ctx.db, [...new Set(rows.map((r) => r.agency_id).filter((id): id is string => Boolean(id)))]);
  return rows.map((row) => ({ row, agency: row.agency_id ? (agencies.get(row.agency_id) ?? null) : null }));
}

const queryWords = (text: string) => text.split(/[\s,]+/).map((w) => w.trim()).filter((w) => w.length > 0).slice(0, 8);

/** A contact card: reading it is audited, in the same transaction as the read. */
export async function viewContactCard(ctx: AppContext, actor: Actor, userId: string, info: RequestInfo, action: 'directory.profile_viewed' | 'directory.vcard_downloaded' = 'directory.profile_viewed') {
  return ctx.db.transaction().execute(async (trx) => {
    const user = await findUserById(trx, userId);
    authorize(actor, 'view', 'directory_entry', user);
    await ctx.audit.append(trx, asUser(actor, info), { action, targetType: 'user', targetId: user.id, country: user.country, details: {} });
    return { user, agency: await findAgency(trx, user.agency_id) };
  });
}

const vcardEscape = (value: string) => value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/([,;])/g, '\\$1');

/** vCard 4.0 (RFC 6350) for a contact card. */
export function toVCard(card: { name: string; nameLatin: string; email: string; phones: { label: string; number: string }[]; country: string; agencyName: string | null; languages: string[] }): string {
  const lines = [
    'BEGIN:VCARD',
    'VERSION:4.0',
    `FN:${vcardEscape(card.name)}`,
    ...(card.nameLatin !== card.name ? [`X-LATIN-NAME:${vcardEscape(card.nameLatin)}`] : []),
    `EMAIL;TYPE=work:${vcardEscape(card.email)}`,
    ...card.phones.map((p) => `TEL;TYPE=work;VALUE=text:${vcardEscape(p.number)}`),
    ...(card.agencyName ? [`ORG:${vcardEscape(card.agencyName)}`] : []),
    `ADR;TYPE=work:;;;;;;${card.country}`,
    ...card.languages.map((lang) => `LANG:${lang}`),
    'END:VCARD',
  ];
  return lines.join('\r\n') + '\r\n';
}
