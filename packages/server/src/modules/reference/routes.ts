import { z } from 'zod';
import { ZAgency, ZCountry, ZCountryCode, ZUiLanguage, listOf, type TAgencyType } from '@focal/shared';
import type { App } from '../../http.js';
import type { AppContext } from '../../context.js';
import { listCountries } from './service.js';

const tags = ['reference'];

export function registerReferenceRoutes(app: App, ctx: AppContext): void {
  // Public: the setup page needs it before anyone exists, and it holds nothing private.
  app.get(
    '/api/reference/countries',
    { config: { public: true }, schema: { tags, querystring: z.object({ lang: ZUiLanguage.default('en') }), response: { 200: listOf(ZCountry) } } },
    async (request) => ({ items: listCountries(request.query.lang) }),
  );

  app.get(
    '/api/reference/agencies',
    { schema: { tags, querystring: z.object({ country: ZCountryCode.optional() }), response: { 200: listOf(ZAgency) } } },
    async (request) => {
      let q = ctx.db.selectFrom('agencies').select(['id', 'country', 'name', 'type']).orderBy('country').orderBy('name');
      if (request.query.country) q = q.where('country', '=', request.query.country);
      return { items: (await q.execute()).map((a) => ({ ...a, type: a.type as TAgencyType })) };
    },
  );
}
