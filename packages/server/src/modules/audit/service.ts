import type { TAuditQuery } from '@focal/shared';
import type { AppContext } from '../../context.js';
import { authorizeAction, isSecretariat, type Actor } from '../../policies/index.js';
import { asUser, type RequestInfo } from '../identity/service.js';
import './policy.js';

/**
 * Audit search, newest first, by event number (insertion order; sealed or not yet). A national admin's query is scoped in SQL to events that
 * concern their country or were done by its users. Searching is itself audited.
 */
export async function searchAudit(ctx: AppContext, actor: Actor, query: TAuditQuery, info: RequestInfo, exporting = false) {
  authorizeAction(actor, 'search', 'audit');
  return ctx.db.transaction().execute(async (trx) => {
    let q = trx
      .selectFrom('audit_events')
      .leftJoin('users', 'users.id', 'audit_events.actor_id')
      .select([
        'audit_events.id',
        'audit_events.at',
        'audit_events.actor_id',
        'audit_events.actor_country',
        'audit_events.country',
        'audit_events.ip',
        'audit_events.user_agent',
        'audit_events.action',
        'audit_events.target_type',
        'audit_events.target_id',
        'audit_events.details',
        'users.name_latin as actor_name',
      ])
      .orderBy('audit_events.id', 'desc')
      .limit(exporting ? 100_000 : query.limit);
    if (!isSecretariat(actor)) {
      q = q.where((eb) => eb.or([eb('audit_events.country', '=', actor.country), eb('audit_events.actor_country', '=', actor.country)]));
    }
    if (query.actor) q = q.where('audit_events.actor_id', '=', query.actor);
    if (query.country) q = q.where((eb) => eb.or([eb('audit_events.country', '=', query.country!), eb('audit_events.actor_country', '=', query.country!)]));
    if (query.action) q = q.where('audit_events.action', 'like', `${query.action.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    if (query.target) q = q.where('audit_events.target_id', '=', query.target);
    if (query.from) q = q.where('audit_events.at', '>=', new Date(query.from));
    if (query.to) q = q.where('audit_events.at', '<=', new Date(query.to));
    if (query.before) q = q.where('audit_events.id', '<', query.before);
    const rows = await q.execute();
    const filters = JSON.stringify({ ...query, limit: undefined, before: undefined });
    await ctx.audit.append(
      trx,
      asUser(actor, info),
      exporting
        ? { action: 'audit.exported', targetType: null, targetId: null, country: actor.country, details: { filters, rows: rows.length } }
        : { action: 'audit.searched', targetType: null, targetId: null, country: actor.country, details: { filters } },
    );
    return rows;
  });
}

export type AuditRow = Awaited<ReturnType<typeof searchAudit>>[number];

export function presentAuditEvent(row: AuditRow) {
  return {
    seq: row.id,
    at: row.at.toISOString(),
    actorId: row.actor_id,
    actorName: row.actor_name,
    actorCountry: row.actor_country,
    ip: row.ip,
    userAgent: row.user_agent,
    action: row.action,
    targetType: row.target_type,
    targetId: row.target_id,
    country: row.country,
    details: row.details,
  };
}

const csvCell = (value: unknown) => {
  let text = value === null || value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value);
  // A cell starting with = + - @ would run as a formula in a spreadsheet.
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

export function toCsv(rows: AuditRow[]): string {
  const header = ['seq', 'time', 'actor_id', 'actor_name', 'actor_country', 'ip', 'user_agent', 'action', 'target_type', 'target_id', 'country', 'details'];
  const lines = rows.map((r) =>
    [r.id, r.at.toISOString(), r.actor_id, r.actor_name, r.actor_country, r.ip, r.user_agent, r.action, r.target_type, r.target_id, r.country, r.details].map(csvCell).join(','),
  );
  return '\uFEFF' + [header.join(','), ...lines].join('\r\n') + '\r\n';
}
