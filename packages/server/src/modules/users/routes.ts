import { z } from 'zod';
import { ZAdminActionResult, ZAdminUser, ZAgency, ZAgencyCreate, ZCountryCode, ZInvitationCreate, ZInvitationCreated, ZUserStatus, listOf } from '@focal/shared';
import type { App } from '../../http.js';
import type { AppContext } from '../../context.js';
import { actorOf } from '../../plugins/auth.js';
import { findAgencies } from '../identity/repository.js';
import { presentAdminUser, presentAgency } from '../identity/presenter.js';
import { administerUser, createAgency, inviteUser, listUsersForAdmin } from './service.js';
import './policy.js';

const tags = ['administration'];

export function registerUserAdminRoutes(app: App, ctx: AppContext): void {
  app.get(
    '/api/admin/users',
    { schema: { tags, querystring: z.object({ country: ZCountryCode.optional(), status: ZUserStatus.optional(), q: z.string().max(200).optional() }), response: { 200: listOf(ZAdminUser) } } },
    async (request) => {
      const rows = await listUsersForAdmin(ctx, actorOf(request), request.query, request.info);
      const agencies = await findAgencies(ctx.db, [...new Set(rows.map((r) => r.agency_id).filter((id): id is string => Boolean(id)))]);
      return { items: rows.map((row) => presentAdminUser(row, row.agency_id ? (agencies.get(row.agency_id) ?? null) : null)) };
    },
  );

  app.post('/api/admin/invitations', { schema: { tags, body: ZInvitationCreate, response: { 200: ZInvitationCreated } } }, async (request) => {
    const { id, url, expiresAt } = await inviteUser(ctx, actorOf(request), request.body, request.info);
    return { id, url, expiresAt };
  });

  app.post(
    '/api/admin/users/:id/:action',
    {
      schema: {
        tags,
        params: z.object({ id: z.uuid(), action: z.enum(['suspend', 'reactivate', 'unlock', 'reset-mfa', 'deactivate']) }),
        response: { 200: ZAdminActionResult },
      },
    },
    async (request) => {
      const { user, invitationUrl } = await administerUser(ctx, actorOf(request), request.params.id, request.params.action, request.info);
      const agencies = await findAgencies(ctx.db, user.agency_id ? [user.agency_id] : []);
      return { ...presentAdminUser(user, user.agency_id ? (agencies.get(user.agency_id) ?? null) : null), ...(invitationUrl ? { invitationUrl } : {}) };
    },
  );

  app.post('/api/admin/agencies', { schema: { tags, body: ZAgencyCreate, response: { 200: ZAgency } } }, async (request) =>
    presentAgency(await createAgency(ctx, actorOf(request), request.body, request.info)),
  );
}
