import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/context.js';
import { buildUser, type BuiltUser } from '../../test/factories.js';
import { TestClient, createTestApp } from '../../test/client.js';
import type { App } from '../../http.js';
import { claimJob, processStatementJobs, runJob, WRITE_BATCH } from './jobs.js';

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
const upload = (client: TestClient, format: string, name: string, data: Buffer, options?: unknown, extra = '', into = caseId) =>
  client.upload(`/api/cases/${into}/statements?format=${format}&name=${encodeURIComponent(name)}${options ? `&options=${encodeURIComponent(JSON.stringify(options))}` : ''}${extra}`, data);

/** A CSV export with a running balance: `rows` transactions in date order, adding up. */
function generatedCsv(rows: number, options: { breakAt?: number } = {}) {
  const lines = ['Date,Amount,Balance,Counterparty,Counterparty account,Reference'];
  let balance = 100_000_00;
  for (let i = 0; i < rows; i++) {
    const amount = (i % 3 === 0 ? 1 : -1) * (((i * 7919) % 50_000) + 100);
    balance += amount;
    const stated = options.breakAt === i ? balance + 100 : balance;
    const money = (cents: number) => `${cents < 0 ? '-' : ''}${Math.floor(Math.abs(cents) / 100)}.${String(Math.abs(cents) % 100).padStart(2, '0')}`;
    lines.push(`2024-${String((Math.floor(i / 28) % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')},${money(amount)},${money(stated)},Supplier ${i % 25},FR76300060000112345678${String(i % 25).padStart(5, '0')},INV-${i}`);
  }
  return Buffer.from(lines.join('\n') + '\n');
}
const GENERATED_OPTIONS = {
  format: { delimiter: ',', decimalSeparator: '.', dateFormat: 'YYYY-MM-DD', hasHeader: true, mapping: { date: 'Date', amount: 'Amount', balance: 'Balance', counterpartyName: 'Counterparty', counterpartyAccount: 'Counterparty account', reference: 'Reference' } },
  account: { iban: 'CH9300762011623852957', currency: 'EUR', holder: 'Meridian Holdings SA' },
};
const newCase = async (client: TestClient, title: string) => (await client.post('/api/cases', { title })).body.case.id as string;
const count = async (table: 'entities' | 'entity_changes' | 'statement_imports' | 'statement_transactions' | 'case_documents', where: string) =>
  Number((await ctx.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).where('case_id', '=', where).executeTakeFirstOrThrow()).n);
const audited = async (action: string) => ctx.db.selectFrom('audit_events').select(['action', 'details', 'actor_id']).where('action', '=', action).execute();

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

describe('bad input of each format', () => {
  it('refuses a CSV in the wrong encoding and an MT940 cut short, saying where, and keeps nothing', async () => {
    const fr = await as(france);
    const into = await newCase(fr, 'Bad statement files');
    const latin1 = fixture('latin1-windows-1252.csv');
    const sniffed = (await fr.upload(`/api/cases/${into}/statements/sniff`, latin1)).body;
    const options = { format: { delimiter: sniffed.delimiter, decimalSeparator: sniffed.decimalSeparator, dateFormat: sniffed.dateFormat, hasHeader: sniffed.hasHeader, mapping: sniffed.suggestedMapping, encoding: 'utf-8' }, account: { iban: 'FR7630006000011234567890189', currency: 'EUR' } };
    const wrong = await upload(fr, 'csv', 'latin1.csv', latin1, options, '', into);
    expect([wrong.status, wrong.body.error.code]).toEqual([400, 'statement_invalid']);
    expect(wrong.body.error.message).toMatch(/not valid UTF-8.*windows-1252/);
    expect(wrong.body.error.fields.file).toMatch(/^line \d+$/);
    // Read as what it is, the same file imports.
    const right = await upload(fr, 'csv', 'latin1.csv', latin1, { ...options, format: { ...options.format, encoding: 'windows-1252' } }, '', into);
    expect(right.status, right.text).toBe(200);

    const mt940 = fixture('mt940-german.sta');
    const cut = await upload(fr, 'mt940', 'cut.sta', mt940.subarray(0, mt940.length - 30), undefined, '', into);
    expect([cut.status, cut.body.error.code]).toEqual([400, 'statement_invalid']);
    expect(cut.body.error.message).toMatch(/truncated/);
    const latinMt940 = Buffer.from(mt940.toString('utf8').replace(':86:', ':86:Caf\u00e9 '), 'latin1');
    expect((await upload(fr, 'mt940', 'latin.sta', latinMt940, undefined, '', into)).body.error.code).toBe('statement_invalid');
    expect((await upload(fr, 'mt940', 'latin.sta', latinMt940, undefined, '&encoding=windows-1252', into)).status).toBe(200);
    // Only the two files that were read are kept as evidence.
    expect(await count('case_documents', into)).toBe(2);
    expect(await count('statement_imports', into)).toBe(2);
  });

  it('imports an unbalanced MT940 and a CSV whose running balance breaks, showing each mismatch; a CSV cut inside a quote keeps its good rows and says it looks truncated', async () => {
    const fr = await as(france);
    const into = await newCase(fr, 'Mismatches shown');
    const mt940 = await upload(fr, 'mt940', 'unbalanced.sta', fixture('mt940-unbalanced.sta'), undefined, '', into);
    expect(mt940.status, mt940.text).toBe(200);
    expect(mt940.body.imports[0]).toMatchObject({ format: 'mt940', balance: 'unbalanced', difference: { amountMinor: 10000 } });

    const broken = await upload(fr, 'csv', 'broken.csv', generatedCsv(40, { breakAt: 25 }), GENERATED_OPTIONS, '', into);
    expect(broken.status, broken.text).toBe(200);
    const statement = broken.body.imports.find((i: { format: string }) => i.format === 'csv');
    expect(statement).toMatchObject({ balance: 'unbalanced', transactions: 40 });
    expect(statement.warnings.join(' ')).toMatch(/running balance does not follow from the amounts at line 27 .* and at 1 more row/);

    const whole = generatedCsv(10).toString('utf8').replace('INV-9', '"INV-9');
    const cut = await upload(fr, 'csv', 'cut.csv', Buffer.from(whole.slice(0, -3)), GENERATED_OPTIONS, '', into);
    expect(cut.status, cut.text).toBe(200);
    const truncated = cut.body.imports[0];
    expect(truncated).toMatchObject({ transactions: 9, rowErrorCount: 1 });
    expect(truncated.rowErrors[0].message).toMatch(/line 11.*truncated/);
  });

  it('refuses a CSV with no readable row, naming the first problem', async () => {
    const fr = await as(france);
    const bad = Buffer.from('Date,Amount,Balance,Counterparty,Counterparty account,Reference\n31.02.2024,12.00,12.00,x,y,z\n');
    const response = await upload(fr, 'csv', 'bad-dates.csv', bad, GENERATED_OPTIONS);
    expect([response.status, response.body.error.code]).toEqual([400, 'statement_invalid']);
    expect(response.body.error.message).toMatch(/No row could be read: line 2, column "Date"/);
  });
});

describe('reading statements', () => {
  it('lists statements and pages their transactions in file order, auditing each read; outsiders get a 404', async () => {
    const fr = await as(france);
    const into = await newCase(fr, 'Paging');
    await upload(fr, 'csv', 'paged.csv', generatedCsv(120), GENERATED_OPTIONS, '', into);
    const list = await fr.get(`/api/cases/${into}/statements`);
    expect(list.status).toBe(200);
    const statement = list.body.imports[0];
    expect(statement).toMatchObject({ account: 'CH9300762011623852957', transactions: 120, balance: 'balanced', periodFrom: '2024-01-01', rowErrorCount: 0 });
    const page = await fr.get(`/api/cases/${into}/statements/${statement.id}/transactions?offset=50&limit=50`);
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ total: 120, offset: 50, limit: 50 });
    expect(page.body.items.map((t: { line: number }) => t.line)).toEqual(Array.from({ length: 50 }, (_, i) => 52 + i));
    expect(page.body.items[0]).toMatchObject({ reference: 'INV-50', counterpartyName: 'Supplier 0', amount: { currency: 'EUR' } });
    expect(page.body.items[0].paymentEntityId).toEqual(expect.any(String));
    expect((await fr.get(`/api/cases/${into}/statements/${statement.id}/transactions?offset=100&limit=50`)).body.items).toHaveLength(20);
    expect((await audited('statement.transactions_viewed')).some((e) => (e.details as { importId: string }).importId === statement.id)).toBe(true);
    expect((await audited('statement.listed')).length).toBeGreaterThan(0);

    const ng = await as(nigeria);
    expect((await ng.get(`/api/cases/${into}/statements`)).status).toBe(404);
    expect((await ng.get(`/api/cases/${into}/statements/${statement.id}/transactions`)).status).toBe(404);
    // Another case's statement is not reached through this one.
    expect((await fr.get(`/api/cases/${caseId}/statements/${statement.id}/transactions`)).status).toBe(404);
  });
});

describe('saved CSV layouts', () => {
  it("are a country's: its officers save, see and are proposed them for files with the same columns; others cannot", async () => {
    const fr = await as(france);
    const colleague = await buildUser(ctx, { country: 'FR', name: 'Luc Petit' });
    const observer = await buildUser(ctx, { country: 'FR', roles: ['observer'] });
    const csv = fixture('de-sparkasse-soll-haben.csv');
    const first = (await fr.upload(`/api/cases/${caseId}/statements/sniff`, csv)).body;
    expect(first.mappings).toEqual([]);
    const format = { delimiter: first.delimiter, decimalSeparator: first.decimalSeparator, dateFormat: first.dateFormat, hasHeader: true, skipRows: first.skipRows, mapping: first.suggestedMapping };
    const saved = await fr.post('/api/statement-mappings', { name: 'Sparkasse Köln — Umsätze', bankBic: 'coloDE33', layoutKey: first.layoutKey, format });
    expect(saved.status, saved.text).toBe(200);
    expect(saved.body).toMatchObject({ name: 'Sparkasse Köln — Umsätze', bankBic: 'COLODE33', layoutKey: first.layoutKey });
    // The same name (any case) updates it rather than adding another.
    const again = await fr.post('/api/statement-mappings', { name: 'sparkasse köln — umsätze', layoutKey: first.layoutKey, format: { ...format, decimalSeparator: ',' } });
    expect(again.body.id).toBe(saved.body.id);
    expect((await audited('statement.mapping_saved')).map((e) => (e.details as { created: boolean }).created)).toEqual([true, false]);

    // A colleague of the same country is proposed it for the same bank's next file.
    const luc = await as(colleague);
    expect((await luc.get('/api/statement-mappings')).body.items.map((m: { id: string }) => m.id)).toEqual([saved.body.id]);
    const proposed = await fr.upload(`/api/cases/${caseId}/statements/sniff`, csv);
    expect(proposed.body.mappings.map((m: { id: string }) => m.id)).toEqual([saved.body.id]);
    // Read another way (the user chose the delimiter), the columns differ: no proposal.
    const forced = await fr.upload(`/api/cases/${caseId}/statements/sniff?delimiter=%2C&hasHeader=false`, csv);
    expect(forced.status, forced.text).toBe(200);
    expect(forced.body).toMatchObject({ delimiter: ',', hasHeader: false, mappings: [] });
    expect(forced.body.layoutKey).not.toBe(first.layoutKey);

    // Another country's officer, and an observer, see none and cannot delete it.
    const ng = await as(nigeria);
    expect((await ng.get('/api/statement-mappings')).body.items).toEqual([]);
    expect((await ng.delete(`/api/statement-mappings/${saved.body.id}`)).status).toBe(404);
    const watcher = await as(observer);
    expect((await watcher.get('/api/statement-mappings')).status).toBe(404);
    expect((await watcher.post('/api/statement-mappings', { name: 'Mine', layoutKey: first.layoutKey, format })).status).toBe(404);
    expect((await fr.post('/api/statement-mappings', { name: 'No amount', layoutKey: 'x', format: { ...format, mapping: { date: 'Buchungstag' } } })).status).toBe(400);

    // Used for an import, it comes first; deleted by its country, it is gone.
    const options = { format: again.body.format, account: { iban: 'DE89370400440532013000', currency: 'EUR' } };
    expect((await upload(fr, 'csv', 'sparkasse.csv', csv, options, `&mappingId=${saved.body.id}`)).status).toBe(200);
    expect((await fr.get('/api/statement-mappings')).body.items[0].lastUsedAt).not.toBeNull();
    expect((await luc.delete(`/api/statement-mappings/${saved.body.id}`)).status).toBe(204);
    expect((await fr.get('/api/statement-mappings')).body.items).toEqual([]);
  });
});

describe('large files: the background import', () => {
  it('is checked whole first, written in batches, resumed after an interruption without writing twice, and published at once', async () => {
    const fr = await as(france);
    const into = await newCase(fr, 'A year of transfers');
    const rows = WRITE_BATCH * 2 + 500;
    const sent = await upload(fr, 'csv', 'year.csv', generatedCsv(rows), GENERATED_OPTIONS, '&background=true', into);
    expect(sent.status, sent.text).toBe(202);
    expect(sent.body.jobs).toEqual([expect.objectContaining({ id: sent.body.jobId, status: 'queued', title: 'year.csv', rowsDone: 0 })]);
    expect(sent.body.imports).toEqual([]);

    // The first run writes one batch and stops (as a server shutting down would).
    const job = await claimJob(ctx);
    expect(job?.id).toBe(sent.body.jobId);
    expect(await runJob(ctx, job!, () => true)).toEqual({ status: 'interrupted' });
    const progress = (await fr.get(`/api/cases/${into}/statement-jobs/${sent.body.jobId}`)).body;
    expect(progress).toMatchObject({ status: 'running', phase: 'writing', rowsTotal: rows, rowsDone: WRITE_BATCH, bytesDone: progress.size });
    // Nothing is published while it runs: the statement and its transactions appear at the end.
    expect(await count('statement_imports', into)).toBe(0);
    expect(await count('statement_transactions', into)).toBe(0);
    expect((await ctx.db.selectFrom('entities').select('id').where('case_id', '=', into).where('schema', '=', 'Payment').execute()).length).toBe(WRITE_BATCH);
    // Outsiders do not see the job.
    expect((await (await as(nigeria)).get(`/api/cases/${into}/statement-jobs/${sent.body.jobId}`)).status).toBe(404);

    // Taken up again, it carries on from its checkpoint.
    expect(await processStatementJobs(ctx)).toBe(1);
    const done = (await fr.get(`/api/cases/${into}/statement-jobs/${sent.body.jobId}`)).body;
    expect(done).toMatchObject({ status: 'done', rowsDone: rows, rowsTotal: rows });
    const list = (await fr.get(`/api/cases/${into}/statements`)).body;
    expect(list.jobs).toEqual([]);
    expect(list.imports).toEqual([expect.objectContaining({ transactions: rows, balance: 'balanced', account: 'CH9300762011623852957' })]);
    expect(done.importIds).toEqual([list.imports[0].id]);
    const payments = await ctx.db.selectFrom('entities').select('id').where('case_id', '=', into).where('schema', '=', 'Payment').execute();
    expect(payments).toHaveLength(rows);
    const linked = await ctx.db.selectFrom('statement_transactions').select('payment_entity').where('case_id', '=', into).orderBy('id').execute();
    expect(new Set(linked.map((l) => l.payment_entity))).toEqual(new Set(payments.map((p) => p.id)));
    // 25 counterparties, each one account and one party, plus the statement's own: none twice.
    expect((await ctx.db.selectFrom('entities').select('id').where('case_id', '=', into).where('schema', '=', 'BankAccount').execute()).length).toBe(26);
    expect((await ctx.db.selectFrom('entities').select('id').where('case_id', '=', into).where('schema', '=', 'LegalEntity').execute()).length).toBe(26);
    expect(await ctx.db.selectFrom('statement_job_rows').select('seq').where('job_id', '=', sent.body.jobId).execute()).toEqual([]);
    const events = await audited('statement.imported');
    expect(events.some((e) => (e.details as { jobId?: string }).jobId === sent.body.jobId && e.actor_id === france.id)).toBe(true);
  });

  it('fails cleanly when its author may no longer add to the case: what it wrote is removed, and the failure is told', async () => {
    const fr = await as(france);
    const colleague = await buildUser(ctx, { country: 'FR', name: 'Claire Moreau' });
    const into = await newCase(fr, 'An import abandoned');
    expect((await fr.post(`/api/cases/${into}/members`, { userId: colleague.id })).status).toBe(200);
    const claire = await as(colleague);
    const before = await count('entity_changes', into);
    const sent = await upload(claire, 'csv', 'abandoned.csv', generatedCsv(WRITE_BATCH + 10), GENERATED_OPTIONS, '&background=true', into);
    expect(sent.status, sent.text).toBe(202);
    const job = await claimJob(ctx);
    expect(await runJob(ctx, job!, () => true)).toEqual({ status: 'interrupted' });
    expect(await count('entities', into)).toBeGreaterThan(WRITE_BATCH);

    // She leaves the case before the import resumes.
    expect((await fr.delete(`/api/cases/${into}/members/${colleague.id}`)).status).toBe(204);
    await processStatementJobs(ctx);
    expect(await count('entities', into)).toBe(0);
    expect(await count('entity_changes', into)).toBe(before);
    expect(await count('case_documents', into)).toBe(0);
    expect(await count('statement_imports', into)).toBe(0);
    const failed = await ctx.db.selectFrom('statement_jobs').selectAll().where('id', '=', sent.body.jobId).executeTakeFirstOrThrow();
    expect(failed).toMatchObject({ status: 'failed', document_id: null, error: 'The person who started the import is no longer a member of the case.' });
    expect(await ctx.db.selectFrom('blobs').select('id').where('id', '=', failed.blob_id).execute()).toEqual([]);
    expect(await ctx.db.selectFrom('statement_job_parties').select('key').where('job_id', '=', failed.id).execute()).toEqual([]);
    expect((await audited('statement.import_failed')).some((e) => (e.details as { jobId: string }).jobId === failed.id)).toBe(true);
  });

  it('shows a file that fails its check to its country until dismissed', async () => {
    const fr = await as(france);
    const into = await newCase(fr, 'A failed import is told');
    const sent = await upload(fr, 'camt053', 'doctype.xml', fixture('camt053-xxe.xml'), undefined, '&background=true', into);
    expect(sent.status).toBe(202);
    await processStatementJobs(ctx);
    const list = (await fr.get(`/api/cases/${into}/statements`)).body;
    expect(list.jobs).toEqual([expect.objectContaining({ id: sent.body.jobId, status: 'failed', title: 'doctype.xml', error: expect.stringMatching(/DOCTYPE/) })]);
    expect(await count('case_documents', into)).toBe(0);
    expect((await fr.delete(`/api/cases/${into}/statement-jobs/${sent.body.jobId}`)).body.jobs).toEqual([]);
  });
});

describe('the evidence store read as a stream', () => {
  it('decrypts a blob in chunks equal to what was stored, and fails on a file altered on disk', async () => {
    const data = crypto.randomBytes(300_000);
    const blob = await ctx.blobs.put(ctx.db, Readable.from([data]));
    const chunks: Buffer[] = [];
    for await (const chunk of await ctx.blobs.stream(ctx.db, blob.id)) chunks.push(chunk as Buffer);
    expect(chunks.length).toBeGreaterThan(1);
    expect(Buffer.concat(chunks).equals(data)).toBe(true);
    const file = path.join(ctx.config.dataDir, 'blobs', blob.id.slice(0, 2), blob.id);
    const raw = fs.readFileSync(file);
    raw[1000] = raw[1000]! ^ 1;
    fs.writeFileSync(file, raw);
    await expect(async () => {
      for await (const chunk of await ctx.blobs.stream(ctx.db, blob.id)) void chunk;
    }).rejects.toThrow();
  });
});
