import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/context.js';
import { buildAgency, buildUser, type BuiltUser } from '../../test/factories.js';
import { TestClient, createTestApp } from '../../test/client.js';
import type { App } from '../../http.js';

let ctx: TestContext;
let app: App;
let viewer: BuiltUser;
let dmytro: BuiltUser;
let mona: BuiltUser;
let wang: BuiltUser;

beforeAll(async () => {
  ctx = await createTestContext();
  app = await createTestApp(ctx);
  const fiu = await buildAgency(ctx, 'UA', 'fiu', 'State Financial Monitoring Service');
  const police = await buildAgency(ctx, 'EG', 'police', 'Public Funds Investigation Department');
  viewer = await buildUser(ctx, { country: 'FR', name: 'Amélie Durand', nameLatin: 'Amelie Durand' });
  dmytro = await buildUser(ctx, { country: 'UA', name: 'Дмитро Бондаренко', nameLatin: 'Dmytro Bondarenko', agencyId: fiu, languages: ['uk', 'en'] });
  mona = await buildUser(ctx, { country: 'EG', name: 'منى عبد الرحمن', nameLatin: 'Mona Abdelrahman', agencyId: police, languages: ['ar', 'fr'] });
  wang = await buildUser(ctx, { country: 'CN', name: '王丽华', nameLatin: 'Wang Lihua', languages: ['zh'] });
  await buildUser(ctx, { country: 'UA', name: 'Дмитро Призупинений', nameLatin: 'Dmytro Suspended', status: 'suspended' });
});
afterAll(async () => {
  await app?.close();
  await ctx?.cleanup();
});

const names = (body: { items: { nameLatin: string }[] }) => body.items.map((i) => i.nameLatin).sort();

describe('directory search', () => {
  it('finds a colleague from any script', async () => {
    const client = await new TestClient(app).actAs(ctx, viewer);
    expect(names((await client.get(`/api/directory?q=${encodeURIComponent('Дмитро')}`)).body)).toEqual(['Dmytro Bondarenko']);
    expect(names((await client.get('/api/directory?q=bondarenko')).body)).toEqual(['Dmytro Bondarenko']);
    expect(names((await client.get(`/api/directory?q=${encodeURIComponent('منى')}`)).body)).toEqual(['Mona Abdelrahman']);
    expect(names((await client.get(`/api/directory?q=${encodeURIComponent('王丽华')}`)).body)).toEqual(['Wang Lihua']);
    expect(names((await client.get('/api/directory?q=amelie')).body)).toEqual(['Amelie Durand']);
    // Typing the Latin form in Cyrillic letters reaches it through transliteration too.
    expect(names((await client.get(`/api/directory?q=${encodeURIComponent('Бондаренко')}`)).body)).toEqual(['Dmytro Bondarenko']);
  });

  it('filters by country, region, agency type and language, and hides inactive users', async () => {
    const client = await new TestClient(app).actAs(ctx, viewer);
    expect(names((await client.get('/api/directory?country=UA')).body)).toEqual(['Dmytro Bondarenko']);
    expect(names((await client.get('/api/directory?region=mena')).body)).toEqual(['Mona Abdelrahman']);
    expect(names((await client.get('/api/directory?agencyType=fiu')).body)).toEqual(['Dmytro Bondarenko']);
    expect(names((await client.get('/api/directory?language=fr')).body)).toEqual(['Mona Abdelrahman']);
    expect(names((await client.get('/api/directory?region=asia_south_pacific')).body)).toEqual(['Wang Lihua']);
    expect((await client.get('/api/directory?country=France')).status).toBe(400);
  });

  it('audits every contact card opened, and serves a vCard', async () => {
    const client = await new TestClient(app).actAs(ctx, viewer);
    const card = await client.get(`/api/directory/${mona.id}`);
    expect(card.status).toBe(200);
    expect(card.body).toMatchObject({ name: 'منى عبد الرحمن', email: mona.email, agency: { type: 'police' } });
    const views = await ctx.db.selectFrom('audit_events').selectAll().where('action', '=', 'directory.profile_viewed').where('target_id', '=', mona.id).execute();
    expect(views).toHaveLength(1);
    expect(views[0]).toMatchObject({ actor_id: viewer.id, country: 'EG' });

    const vcard = await client.get(`/api/directory/${dmytro.id}/vcard`);
    expect(vcard.headers['content-type']).toContain('text/vcard');
    expect(vcard.headers['content-disposition']).toContain('attachment; filename="Dmytro-Bondarenko.vcf"');
    expect(vcard.text).toContain('FN:Дмитро Бондаренко');
    expect(vcard.text).toContain('BEGIN:VCARD\r\nVERSION:4.0');
  });

  it('answers a suspended or unknown user the same 404', async () => {
    const client = await new TestClient(app).actAs(ctx, viewer);
    const suspended = await ctx.db.selectFrom('users').select('id').where('status', '=', 'suspended').executeTakeFirstOrThrow();
    const a = await client.get(`/api/directory/${suspended.id}`);
    const b = await client.get('/api/directory/00000000-0000-4000-8000-000000000000');
    expect(a.status).toBe(404);
    expect(a.body).toEqual(b.body);
  });

  it('is closed to observers, who see only what they are invited to', async () => {
    const observer = await buildUser(ctx, { country: 'AT', roles: ['observer'] });
    const client = await new TestClient(app).actAs(ctx, observer);
    expect((await client.get('/api/directory')).status).toBe(404);
    expect((await client.get(`/api/directory/${wang.id}`)).status).toBe(404);
  });
});
