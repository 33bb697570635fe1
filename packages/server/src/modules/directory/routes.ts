import { z } from 'zod';
import { ZContactCard, ZDirectoryEntry, ZDirectoryQuery, listOf } from '@focal/shared';
import type { App } from '../../http.js';
import type { AppContext } from '../../context.js';
import { actorOf } from '../../plugins/auth.js';
import { presentContactCard, presentDirectoryEntry } from '../identity/presenter.js';
import { searchDirectory, toVCard, viewContactCard } from './service.js';

const tags = ['directory'];

export function registerDirectoryRoutes(app: App, ctx: AppContext): void {
  app.get(
    '/api/directory',
    { config: { tokenScope: 'directory:read' }, schema: { tags, querystring: ZDirectoryQuery, response: { 200: listOf(ZDirectoryEntry) } } },
    async (request) => ({
      items: (await searchDirectory(ctx, actorOf(request), request.query)).map(({ row, agency }) => presentDirectoryEntry(row, agency)),
    }),
  );

  app.get(
    '/api/directory/:id',
    { config: { tokenScope: 'directory:read' }, schema: { tags, params: z.object({ id: z.uuid() }), response: { 200: ZContactCard } } },
    async (request) => {
      const { user, agency } = await viewContactCard(ctx, actorOf(request), request.params.id, request.info);
      return presentContactCard(user, agency);
    },
  );

  app.get('/api/directory/:id/vcard', { config: { tokenScope: 'directory:read' }, schema: { tags, params: z.object({ id: z.uuid() }) } }, async (request, reply) => {
    const { user, agency } = await viewContactCard(ctx, actorOf(request), request.params.id, request.info, 'directory.vcard_downloaded');
    const asciiName = user.name_latin.replace(/[^A-Za-z0-9 _-]/g, '').trim().replace(/\s+/g, '-') || 'contact';
    return reply
      .header('content-type', 'text/vcard; charset=utf-8')
      .header('content-disposition', `attachment; filename="${asciiName}.vcf"; filename*=UTF-8''${encodeURIComponent(user.name)}.vcf`)
      .send(
        toVCard({
          name: user.name,
          nameLatin: user.name_latin,
          email: user.email,
          phones: user.phones,
          country: user.country,
          agencyName: agency?.name ?? null,
          languages: user.languages,
        }),
      );
  });
}
