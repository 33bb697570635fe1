import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/context.js';
import { buildUser, type BuiltUser } from '../../test/factories.js';
import { TestClient, createTestApp } from '../../test/client.js';
import type { App } from '../../http.js';

const fixtures = fileURLToPath(new URL('../../../../core/src/statements/fixtures/', import.meta.url));
const fixture = (name: string) => fs.readFileSync(path.join(fixtures, name));

let ctx: TestContext;
let app: App;
let france: BuiltUser;
let nigeria: BuiltUser;
let caseId: string;

beforeAll(async () => {
  ctx = await createTestContext();
  app = await createTestApp(ctx);
  france = await buildUser(ctx, { country: 'FR', name: 'Amélie Durand' });
  nigeria = await buildUser(ctx, { country: 'NG', name: 'Babatunde Adeyemi' });
  caseId = (await (await as(france)).post('/api/cases', { title: 'Public works kickbacks' })).body.case.id;
});
afterAll(async () => {
  await app?.close();
  await ctx?.cleanup();
});

const as = (user: BuiltUser) => new TestClient(app).actAs(ctx, user);
const upload = (client: TestClient, format: string, name: string, data: Buffer, options?: unknown) =>
  client.upload(`/api/cases/${caseId}/statements?format=${format}&name=${encodeURIComponent(name)}${options ? `&options=${encodeURIComponent(JSON.stringify(options))}` : ''}`, data);

describe('bank statements', () => {
  it('imports a camt.053 file: accounts, parties and payments as entities, the file kept as evidence, balances checked', async () => {
    const fr = await as(france);
    const file = fixture('camt053-two-statements.xml');
    const response = await upload(fr, 'camt053', 'commerzbank-march.xml', file);
    expect(response.status, response.text).toBe(200);
    expect(response.body.imports).toHaveLength(2);
    for (const imported of response.body.imports) expect(imported).toMatchObject({ format: 'camt053', account: 'DE89370400440532013000', currency: 'EUR', balance: 'balanced' });
    const transactions = response.body.imports.reduce((n: number, i: { transactions: number }) => n + i.transactions, 0);
    const entities = (await fr.get(`/api/cases/${caseId}/entities`)).body.items as { schema: string; properties: Record<string, { value: string }[]> }[];
    expect(entities.filter((e) => e.schema === 'Payment')).toHaveLength(transactions);
    // One account for both statements of the same IBAN.
    expect(entities.filter((e) => e.schema === 'BankAccount' && e.properties.iban?.[0]?.value === 'DE89370400440532013000')).toHaveLength(1);
    const documents = (await fr.get(`/api/cases/${caseId}/documents`)).body.items;
    expect(documents[0].versions[0].sha256).toBe(crypto.createHash('sha256').update(file).digest('hex'));
    expect(response.body.imports[0].documentId).toBe(documents[0].id);
  });

  it('imports an unbalanced statement and shows the mismatch', async () => {
    const response = await upload(await as(france), 'camt053', 'unbalanced.xml', fixture('camt053-unbalanced.xml'));
    expect(response.status, response.text).toBe(200);
    const unbalanced = response.body.imports.find((i: { balance: string }) => i.balance === 'unbalanced');
    expect(unbalanced.difference.amountMinor).not.toBe(0);
  });

  it('imports MT940 and a German CSV with its confirmed layout', async () => {
    const fr = await as(france);
    const mt940 = await upload(fr, 'mt940', 'statement.sta', fixture('mt940-german.sta'));
    expect(mt940.status, mt940.text).toBe(200);
    expect(mt940.body.imports.some((i: { format: string }) => i.format === 'mt940')).toBe(true);
    const csv = fixture('de-sparkasse-soll-haben.csv');
    const sniffed = await fr.upload(`/api/cases/${caseId}/statements/sniff`, csv);
    expect(sniffed.status, sniffed.text).toBe(200);
    expect(sniffed.body).toMatchObject({ delimiter: ';', decimalSeparator: ',', hasBom: true });
    const options = { format: { delimiter: ';', decimalSeparator: ',', dateFormat: sniffed.body.dateFormat, hasHeader: true, skipRows: sniffed.body.skipRows, mapping: sniffed.body.suggestedMapping }, account: { iban: 'DE89370400440532013000', currency: 'EUR', holder: 'Muster Trading GmbH' } };
    const imported = await upload(fr, 'csv', 'sparkasse.csv', csv, options);
    expect(imported.status, imported.text).toBe(200);
    expect(imported.body.imports[0]).toMatchObject({ format: 'csv', balance: expect.stringMatching(/balanced|unchecked/) });
    expect((await upload(fr, 'csv', 'sparkasse.csv', csv, { format: { delimiter: ';' }, account: { currency: 'EUR' } })).body.error).toMatchObject({ code: 'validation_failed', fields: { options: 'invalid' } });
    expect((await upload(fr, 'csv', 'sparkasse.csv', csv)).body.error.fields).toEqual({ options: 'required' });
  });

  it('refuses XML with a DOCTYPE, a truncated file or a file that is no statement, and keeps nothing of it', async () => {
    const fr = await as(france);
    const before = (await fr.get(`/api/cases/${caseId}/documents`)).body.items.length;
    const bad = [
      ['camt053', fixture('camt053-xxe.xml')],
      ['camt053', fixture('camt053-two-statements.xml').subarray(0, 3000)],
      ['mt940', Buffer.from('this is not a statement')],
    ] as const;
    for (const [format, data] of bad) {
      const response = await upload(fr, format, 'bad.txt', Buffer.from(data));
      expect([response.status, response.body.error?.code], format).toEqual([400, 'statement_invalid']);
    }
    expect((await fr.get(`/api/cases/${caseId}/documents`)).body.items).toHaveLength(before);
    expect((await upload(await as(nigeria), 'camt053', 'x.xml', fixture('camt053-two-statements.xml'))).status).toBe(404);
  });

  it('recognises the same transfer in both accounts’ statements and lets the user confirm or split it', async () => {
    const fr = await as(france);
    // The receiving side of the 1,500.00 EUR transfer from DE89… seen in the camt.053 file.
    const receiving = [
      'Date,Amount,Counterparty,Counterparty account,Reference',
      '2024-03-02,1500.00,Muster Trading GmbH,DE89370400440532013000,E2E-TRF-0042',
      '2024-03-03,-200.00,Cash withdrawal,,',
    ].join('\n');
    const options = {
      format: { delimiter: ',', decimalSeparator: '.', dateFormat: 'YYYY-MM-DD', hasHeader: true, mapping: { date: 'Date', amount: 'Amount', counterpartyName: 'Counterparty', counterpartyAccount: 'Counterparty account', reference: 'Reference' } },
      account: { iban: 'FR7630006000011234567890189', currency: 'EUR', holder: 'Société Écran SARL' },
    };
    const response = await upload(fr, 'csv', 'ecran.csv', Buffer.from(receiving), options);
    expect(response.status, response.text).toBe(200);
    const pair = response.body.pairs.find((p: { amount: { amountMinor: number } }) => p.amount.amountMinor === 150000);
    expect(pair).toMatchObject({ status: 'suggested' });
    expect(pair.confidence).toBeGreaterThan(0.5);
    const decided = await fr.post(`/api/cases/${caseId}/transfer-pairs/${pair.id}`, { decision: 'confirm' });
    expect(decided.body.pairs.find((p: { id: string }) => p.id === pair.id).status).toBe('confirmed');
    expect((await fr.post(`/api/cases/${caseId}/transfer-pairs/${pair.id}`, { decision: 'split' })).body.error.code).toBe('already_decided');
    const timeline = (await fr.get(`/api/cases/${caseId}/timeline`)).body.items.map((e: { kind: string }) => e.kind);
    expect(timeline).toEqual(expect.arrayContaining(['statement_imported', 'transfer_pair_decided']));
  });
});
