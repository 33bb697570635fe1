import { sql } from 'kysely';
import type { TRecipient } from '@focal/shared';
import type { Db } from '../../context.js';
import { AppError } from '../../errors.js';
import { fold } from '../identity/repository.js';
import { escapeLike } from '../users/service.js';

export interface ResolvedRecipient {
  id: string;
  role: 'to' | 'cc';
}

/**
 * Turns what the sender addressed (people, countries) into the people who receive a copy:
 * a country means its active focal points. A person named in To and Cc gets one copy, as To;
 * the sender never gets a second copy of their own message. Unknown, inactive or suspended
 * people are refused by name, so nothing is sent to half of the list.
 */
export async function resolveRecipients(trx: Db, senderId: string, to: TRecipient[], cc: TRecipient[]): Promise<ResolvedRecipient[]> {
  const all = [...to.map((r) => ({ ...r, field: 'to' as const })), ...cc.map((r) => ({ ...r, field: 'cc' as const }))];
  const userIds = [...new Set(all.flatMap((r) => (r.kind === 'user' ? [r.id] : [])))];
  const countries = [...new Set(all.flatMap((r) => (r.kind === 'country' ? [r.code] : [])))];
  const caseIds = [...new Set(all.flatMap((r) => (r.kind === 'case' ? [r.id] : [])))];
  if (all.length === 0) throw new AppError(400, 'no_recipients', 'Add at least one recipient.', { fields: { to: 'required' } });

  const rows = await trx
    .selectFrom('users')
    .select(['id', 'country', 'roles', 'status'])
    .where((eb) =>
      eb.or([
        ...(userIds.length ? [eb('id', 'in', userIds)] : []),
        ...(countries.length ? [eb.and([eb('country', 'in', countries), sql<boolean>`'focal_point' = ANY(roles)`, eb('status', '=', 'active')])] : []),
      ]),
    )
    .execute();
  // A case's members, for a sender who is one of them (to anyone else the case does not exist).
  const members = caseIds.length
    ? await trx
        .selectFrom('case_members as m')
        .innerJoin('users as u', 'u.id', 'm.user_id')
        .select(['m.case_id', 'u.id', 'u.status'])
        .where('m.case_id', 'in', caseIds)
        .where((eb) => eb.exists(eb.selectFrom('case_members as me').select('me.user_id').whereRef('me.case_id', '=', 'm.case_id').where('me.user_id', '=', senderId)))
        .execute()
    : [];
  const byId = new Map(rows.map((row) => [row.id, row]));
  const invalid = userIds.filter((id) => byId.get(id)?.status !== 'active');
  const emptyCountries = countries.filter((code) => !rows.some((row) => row.country === code && row.status === 'active' && row.roles.includes('focal_point') && row.id !== senderId));
  const unknownCases = caseIds.filter((id) => !members.some((m) => m.case_id === id));
  if (invalid.length > 0 || emptyCountries.length > 0 || unknownCases.length > 0) {
    throw new AppError(400, 'recipient_invalid', 'Some recipients cannot receive messages: they are unknown, suspended or no longer active, a country has no active focal point, or a case is not yours.', {
      fields: Object.fromEntries([
        ...invalid.map((id) => [`user:${id}`, 'inactive']),
        ...emptyCountries.map((code) => [`country:${code}`, 'no_focal_point']),
        ...unknownCases.map((id) => [`case:${id}`, 'not_a_member']),
      ]),
    });
  }

  const result = new Map<string, 'to' | 'cc'>();
  for (const entry of all) {
    const ids =
      entry.kind === 'user'
        ? [entry.id]
        : entry.kind === 'country'
          ? rows.filter((row) => row.country === entry.code && row.status === 'active' && row.roles.includes('focal_point')).map((row) => row.id)
          : members.filter((m) => m.case_id === entry.id && m.status === 'active').map((m) => m.id);
    for (const id of ids) {
      if (id === senderId) continue;
      if (result.get(id) !== 'to') result.set(id, entry.field);
    }
  }
  if (result.size === 0) throw new AppError(400, 'no_recipients', 'Add at least one recipient other than yourself.', { fields: { to: 'required' } });
  return [...result].map(([id, role]) => ({ id, role }));
}

/** People and countries matching what the composer typed, for the recipient picker. */
export async function recipientOptions(db: Db, senderId: string, text: string, countryNames: (code: string) => string[]) {
  const words = fold(text).split(/\s+/).filter(Boolean).slice(0, 6);
  if (words.length === 0) return [];
  let people = db
    .selectFrom('users')
    .leftJoin('agencies', 'agencies.id', 'users.agency_id')
    .select(['users.id', 'users.name', 'users.name_latin', 'users.country', 'agencies.name as agency'])
    .where('users.status', '=', 'active')
    .orderBy('users.name_latin')
    .limit(20);
  for (const word of words) people = people.where('users.search_text', 'like', `%${escapeLike(word)}%`);
  const joined = words.join(' ');
  const countryCodes = (await db.selectFrom('users').select('country').distinct().where('status', '=', 'active').where(sql<boolean>`'focal_point' = ANY(roles)`).execute())
    .map((row) => row.country)
    .filter((code) => code.toLowerCase() === joined || countryNames(code).some((name) => fold(name).includes(joined)));
  const counts = countryCodes.length
    ? await db
        .selectFrom('users')
        .select(['country', (eb) => eb.fn.countAll<number>().as('n')])
        .where('country', 'in', countryCodes)
        .where('status', '=', 'active')
        .where(sql<boolean>`'focal_point' = ANY(roles)`)
        .groupBy('country')
        .execute()
    : [];
  const cases = await db
    .selectFrom('cases')
    .innerJoin('case_members as me', (join) => join.onRef('me.case_id', '=', 'cases.id').on('me.user_id', '=', senderId))
    .select(['cases.id', 'cases.reference', 'cases.title', (eb) => eb.selectFrom('case_members as m').select((inner) => inner.fn.countAll<number>().as('n')).whereRef('m.case_id', '=', 'cases.id').as('members')])
    .where((eb) => eb.or([eb(sql`lower(cases.reference)`, 'like', `%${escapeLike(joined)}%`), eb(sql`lower(cases.title)`, 'like', `%${escapeLike(joined)}%`)]))
    .limit(10)
    .execute();
  return [
    ...cases.map((row) => ({ kind: 'case' as const, id: row.id, reference: row.reference, title: row.title, members: Number(row.members) })),
    ...counts.map((row) => ({ kind: 'country' as const, code: row.country, focalPoints: Number(row.n) })),
    ...(await people.execute()).map((row) => ({ kind: 'user' as const, id: row.id, name: row.name, nameLatin: row.name_latin, country: row.country, agency: row.agency })),
  ];
}
