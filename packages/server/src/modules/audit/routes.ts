import { ZAuditEvent, ZAuditQuery, listOf } from '@focal/shared';
import type { App } from '../../http.js';
import type { AppContext } from '../../context.js';
import { actorOf } from '../../plugins/auth.js';
import { presentAuditEvent, searchAudit, toCsv } from './service.js';

const tags = ['audit'];

export function registerAuditRoutes(app: App, ctx: AppContext): void {
  app.get('/api/audit', { config: { tokenScope: 'audit:read' }, schema: { tags, querystring: ZAuditQuery, response: { 200: listOf(ZAuditEvent) } } }, async (request) => ({
    items: (await searchAudit(ctx, actorOf(request), request.query, request.info)).map(presentAuditEvent),
  }));

  app.get('/api/audit/export.csv', { config: { tokenScope: 'audit:read' }, schema: { tags, querystring: ZAuditQuery } }, async (request, reply) => {
    const rows = await searchAudit(ctx, actorOf(request), request.query, request.info, true);
    const stamp = new Date().toISOString().slice(0, 10);
    return reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="focal-audit-${stamp}.csv"`).send(toCsv(rows));
  });
}
