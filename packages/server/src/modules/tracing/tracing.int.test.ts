import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseLedger, toSpecJson, traceFunds } from '@focal/core';
import { createTestContext, type TestContext } from '../../test/context.js';
import { buildUser, type BuiltUser } from '../../test/factories.js';
import { TestClient, createTestApp } from '../../test/client.js';
import type { App } from '../../http.js';

/**
 * The spec's worked example (specs/funds-tracing.md) as a case's bank statements: A is a French
 * company's account (camt.053, opening 1,000.00), B a Swiss account (CSV, no opening balance),
 * C a Luxembourg account and the treasury, the employer and the casino are outside parties. The
 * transfer A → B is in both statements; once confirmed as one transfer, every rule must give
 * the spec's figures to the cent.
 */

const A = 'FR7630006000011234567890189';
const B = 'CH9300762011623852957';
const C = 'LU280019400644750000';
const TREASURY = 'FR1420041010050500013M02606';

let ctx: TestContext;
let app: App;
let france: BuiltUser;
let swiss: BuiltUser;
let nigeria: BuiltUser;
let caseId: string;

const as = (user: BuiltUser) => new TestClient(app).actAs(ctx, user);

function entry(amount: string, direction: 'CRDT' | 'DBIT', date: string, party: { name: string; iban?: string }, reference: string) {
  const side = direction === 'CRDT' ? 'Dbtr' : 'Cdtr';
  return `
      <Ntry>
        <Amt Ccy="EUR">${amount}</Amt><CdtDbtInd>${direction}</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts>
        <BookgDt><Dt>${date}</Dt></BookgDt><ValDt><Dt>${date}</Dt></ValDt>
        <NtryDtls><TxDtls>
          <Refs><EndToEndId>${reference}</EndToEndId></Refs>
          <Amt Ccy="EUR">${amount}</Amt><CdtDbtInd>${direction}</CdtDbtInd>
          <RltdPties><${side}><Pty><Nm>${party.name}</Nm></Pty></${side}>${party.iban ? `<${side}Acct><Id><IBAN>${party.iban}</IBAN></Id></${side}Acct>` : ''}</RltdPties>
        </TxDtls></NtryDtls>
      </Ntry>`;
}

/** Account A's statement for 1–4 January 2024. */
const camt053 = `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08">
  <BkToCstmrStmt>
    <GrpHdr><MsgId>BNPA-20240105-1</MsgId><CreDtTm>2024-01-05T06:00:00+01:00</CreDtTm></GrpHdr>
    <Stmt>
      <Id>STMT-2024-01-A</Id>
      <Acct><Id><IBAN>${A}</IBAN></Id><Ccy>EUR</Ccy><Ownr><Nm>Société Écran SARL</Nm></Ownr></Acct>
      <Bal><Tp><CdOrPrtry><Cd>OPBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">1000.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2024-01-01</Dt></Dt></Bal>
      <Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">100.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2024-01-04</Dt></Dt></Bal>
      ${entry('500.00', 'CRDT', '2024-01-01', { name: 'Trésor public', iban: TREASURY }, 'TRESOR-T1')}
      ${entry('700.00', 'DBIT', '2024-01-02', { name: 'Alpen Holding AG', iban: B }, 'E2E-T2')}
      ${entry('200.00', 'CRDT', '2024-01-03', { name: 'Employer SA' }, 'SALARY-T3')}
      ${entry('900.00', 'DBIT', '2024-01-04', { name: 'Lux Invest SA', iban: C }, 'LUX-T4')}
    </Stmt>
  </BkToCstmrStmt>
</Document>`;

/** Account B's statement: the receiving side of A's 700.00 and a casino. */
const csv = ['Date,Amount,Counterparty,Counterparty account,Reference', `2024-01-02,700.00,Société Écran SARL,${A},E2E-T2`, '2024-01-05,-300.00,Grand Casino,,CASINO-T5'].join('\n');
const csvOptions = {
  format: {
    delimiter: ',',
    decimalSeparator: '.',
    dateFormat: 'YYYY-MM-DD',
    hasHeader: true,
    mapping: { date: 'Date', amount: 'Amount', counterpartyName: 'Counterparty', counterpartyAccount: 'Counterparty account', reference: 'Reference' },
  },
  account: { iban: B, currency: 'EUR', holder: 'Alpen Holding AG' },
};

/** Uploads a statement; a background import (HTTP 202) is waited for. */
async function upload(client: TestClient, format: string, name: string, data: string, options?: unknown) {
  const response = await client.upload(`/api/cases/${caseId}/statements?format=${format}&name=${encodeURIComponent(name)}${options ? `&options=${encodeURIComponent(JSON.stringify(options))}` : ''}`, Buffer.from(data));
  expect([200, 202], response.text).toContain(response.status);
  for (let jobId = response.body.jobId; jobId; ) {
    const job = (await client.get(`/api/cases/${caseId}/statement-jobs/${jobId}`)).body;
    if (job.status === 'done') break;
    expect(job.status).not.toBe('failed');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

type Tx = { id: number; reference: string | null; direction: string; amount: { amount: string }; pair: string | null; account: string };
const transactions = async (client: TestClient, query = '') => (await client.get(`/api/cases/${caseId}/tracing/transactions?limit=100${query}`)).body as { items: Tx[]; total: number; currencies: string[] };
const byReference = (items: Tx[], reference: string, account = A) => items.find((t) => t.reference === reference && t.account === account)!;

type Figures = Record<string, string>;
const holdingsOf = (result: { holdings: { account: string; tainted: { amount: string } }[] }): Figures => Object.fromEntries(result.holdings.map((h) => [h.account, h.tainted.amount]));

let seed: number;

beforeAll(async () => {
  ctx = await createTestContext();
  app = await createTestApp(ctx);
  france = await buildUser(ctx, { country: 'FR', name: 'Amélie Durand' });
  swiss = await buildUser(ctx, { country: 'CH', name: 'Lea Meier' });
  nigeria = await buildUser(ctx, { country: 'NG', name: 'Babatunde Adeyemi' });
  const fr = await as(france);
  caseId = (await fr.post('/api/cases', { title: 'Public works embezzlement', countries: [{ country: 'CH', role: 'asset_location' }] })).body.case.id;
  expect((await fr.post(`/api/cases/${caseId}/members`, { userId: swiss.id })).status).toBe(200);
  await upload(fr, 'camt053', 'bnp-january.xml', camt053);
  await upload(fr, 'csv', 'alpen-january.csv', csv, csvOptions);
  seed = byReference((await transactions(fr)).items, 'TRESOR-T1').id;
});
afterAll(async () => {
  await app?.close();
  await ctx?.cleanup();
});

describe('the case’s transactions for picking seeds', () => {
  it('lists every row of both statements, searchable and paged, with the suggested pair marked', async () => {
    const fr = await as(france);
    const all = await transactions(fr);
    expect(all.total).toBe(6);
    expect(all.currencies).toEqual(['EUR']);
    const t2 = all.items.filter((t) => t.reference === 'E2E-T2');
    expect(t2.map((t) => [t.account, t.direction, t.amount.amount, t.pair]).sort()).toEqual([
      [B, 'in', '700.00', 'suggested'],
      [A, 'out', '700.00', 'suggested'],
    ]);
    expect((await transactions(fr, '&q=casino')).items.map((t) => t.reference)).toEqual(['CASINO-T5']);
    expect((await transactions(fr, '&q=700')).total).toBe(2);
    expect((await transactions(fr, '&q=2024-01-04')).items.map((t) => t.reference)).toEqual(['LUX-T4']);
    const page = (await fr.get(`/api/cases/${caseId}/tracing/transactions?limit=4&offset=4`)).body;
    expect([page.total, page.items.length]).toEqual([6, 2]);
  });

  it('answers a non-member as if the case did not exist', async () => {
    const ng = await as(nigeria);
    expect((await ng.get(`/api/cases/${caseId}/tracing/transactions`)).status).toBe(404);
    expect((await ng.post(`/api/cases/${caseId}/tracing/run`, { seeds: [seed], rules: ['fifo'] })).status).toBe(404);
    expect((await ng.get(`/api/cases/${caseId}/tracing/analyses`)).status).toBe(404);
    expect((await ng.post(`/api/cases/${caseId}/tracing/path`, { seeds: [seed], rule: 'fifo', account: A })).status).toBe(404);
  });
});

describe('the ledger and the four rules', () => {
  let savedBefore: string;

  it('counts a transfer seen in both statements twice while the pair is only suggested, and says so', async () => {
    const fr = await as(france);
    const run = await fr.post(`/api/cases/${caseId}/tracing/run`, { seeds: [seed], rules: ['fifo'] });
    expect(run.status, run.text).toBe(200);
    expect(run.body.ledger).toMatchObject({ currency: 'EUR', accounts: 2, transactions: 6 });
    expect(run.body.ledger.warnings).toEqual(
      expect.arrayContaining([
        { code: 'unconfirmed_pairs', count: 1, items: ['2024-01-02 700.00 EUR'] },
        { code: 'opening_unknown', count: 1, items: [B] },
      ]),
    );
    // The second 700.00 (A's row again, from B's statement) takes 300.00 clean and 400.00 of the taint to B.
    expect(holdingsOf(run.body.results[0])).toEqual({ [B]: '400.00', [C]: '100.00' });
    const saved = await fr.post(`/api/cases/${caseId}/tracing/analyses`, { title: 'Before the pair was confirmed', seeds: [seed], rules: ['fifo'] });
    expect(saved.status, saved.text).toBe(200);
    savedBefore = saved.body.id;
  });

  it('counts a confirmed pair once: the four rules give the spec’s worked example to the cent', async () => {
    const fr = await as(france);
    const pairs = (await fr.get(`/api/cases/${caseId}/statements`)).body.pairs;
    expect(pairs).toHaveLength(1);
    expect((await fr.post(`/api/cases/${caseId}/transfer-pairs/${pairs[0].id}`, { decision: 'confirm' })).status).toBe(200);
    expect((await transactions(fr)).items.filter((t) => t.reference === 'E2E-T2').map((t) => t.pair)).toEqual(['confirmed', 'confirmed']);

    const run = await fr.post(`/api/cases/${caseId}/tracing/run`, { seeds: [seed], rules: ['clean-first', 'fifo', 'pro-rata', 'lifo'] });
    expect(run.status, run.text).toBe(200);
    expect(run.body.ledger.transactions).toBe(5);
    expect(run.body.ledger.warnings.map((w: { code: string }) => w.code)).not.toContain('unconfirmed_pairs');
    expect(run.body.rules).toEqual(['fifo', 'lifo', 'pro-rata', 'clean-first']);
    const results = Object.fromEntries(run.body.results.map((r: { rule: string }) => [r.rule, r]));
    expect(holdingsOf(results.fifo)).toEqual({ [C]: '500.00' });
    expect(holdingsOf(results.lifo)).toEqual({ [B]: '200.00', 'Grand Casino': '300.00' });
    expect(holdingsOf(results['pro-rata'])).toEqual({ [A]: '26.67', [B]: '133.33', [C]: '240.00', 'Grand Casino': '100.00' });
    expect(holdingsOf(results['clean-first'])).toEqual({ [A]: '100.00', [C]: '400.00' });
    for (const result of run.body.results) {
      expect(result.totalTainted.amount).toBe('500.00');
      expect(result.held.amountMinor + result.dissipatedTotal.amountMinor).toBe(result.totalTainted.amountMinor);
    }
    // Largest holding first.
    expect(results['pro-rata'].holdings[0].account).toBe(C);

    // The Sankey's flows and the path of C's holding back to the seed.
    expect(results.fifo.edges.map((e: { from: string; to: string; tainted: { amount: string } }) => [e.from, e.to, e.tainted.amount])).toEqual([
      [TREASURY, A, '500.00'],
      [A, C, '500.00'],
    ]);
    const path = await fr.post(`/api/cases/${caseId}/tracing/path`, { seeds: [seed], rule: 'fifo', account: C });
    expect(path.status, path.text).toBe(200);
    expect(path.body.ledgerVersion).toBe(run.body.ledger.version);
    expect(path.body.path.steps.map((s: { from: string; to: string; tainted: { amount: string }; seed: boolean }) => [s.from, s.to, s.tainted.amount, s.seed])).toEqual([
      [TREASURY, A, '500.00', true],
      [A, C, '500.00', false],
    ]);
    expect(path.body.parties.map((p: { id: string; holder: string }) => [p.id, p.holder])).toEqual([
      [TREASURY, 'Trésor public'],
      [A, 'Société Écran SARL'],
      [C, 'Lux Invest SA'],
    ]);
    // Under LIFO the Swiss holding came through A as well.
    const swissPath = (await fr.post(`/api/cases/${caseId}/tracing/path`, { seeds: [seed], rule: 'lifo', account: B })).body.path;
    expect(swissPath.steps.map((s: { transaction: string; tainted: { amount: string } }) => s.tainted.amount)).toEqual(['500.00', '500.00']);
    expect((await fr.post(`/api/cases/${caseId}/tracing/path`, { seeds: [seed], rule: 'lifo', account: 'nobody' })).body.error.fields).toEqual({ account: 'not_a_holding' });

    // Holder and jurisdiction come from the accounts' entities.
    const parties = Object.fromEntries(run.body.parties.map((p: { id: string }) => [p.id, p]));
    expect(parties[A]).toMatchObject({ internal: true, holder: 'Société Écran SARL', jurisdiction: 'FR' });
    expect(parties[B]).toMatchObject({ internal: true, holder: 'Alpen Holding AG', jurisdiction: 'CH' });
    expect(parties[C]).toMatchObject({ internal: false, holder: 'Lux Invest SA', jurisdiction: 'LU' });
    expect(parties[B].entityId).toMatch(/^[0-9a-f-]{36}$/);
    expect(parties['Grand Casino']).toMatchObject({ internal: false, jurisdiction: null, entityId: null });
  });

  it('exports the ledger in the spec’s format: `focal trace` gives the same figures', async () => {
    const fr = await as(france);
    const exported = await fr.post(`/api/cases/${caseId}/tracing/ledger`, { seeds: [seed] });
    expect(exported.status, exported.text).toBe(200);
    expect(exported.body.accounts).toEqual([
      { id: A, holder: 'Société Écran SARL', jurisdiction: 'FR', opening_balance: '1000.00' },
      { id: B, holder: 'Alpen Holding AG', jurisdiction: 'CH', opening_balance: '0.00' },
    ]);
    expect(toSpecJson(traceFunds(parseLedger(exported.body), 'lifo')).holdings).toEqual([
      { account: B, tainted: '200.00', internal: true },
      { account: 'Grand Casino', tainted: '300.00', internal: false },
    ]);
  });

  it('traces in the currency’s own minor units: Kuwaiti dinars to the fils', async () => {
    const fr = await as(france);
    const kuwait = 'KW81CBKU0000000000001234560101';
    const rows = ['Date,Amount,Counterparty,Reference', '2024-03-01,1000.500,Ministry of Finance,KWD-SEED', '2024-03-02,-400.125,Gulf Property Co,KWD-RENT'].join('\n');
    await upload(fr, 'csv', 'kwd.csv', rows, { format: { ...csvOptions.format, mapping: { date: 'Date', amount: 'Amount', counterpartyName: 'Counterparty', reference: 'Reference' } }, account: { iban: kuwait, currency: 'KWD', holder: 'Gulf Shell Co' } });
    const all = await transactions(fr);
    expect(all.currencies).toEqual(['EUR', 'KWD']);
    const kwdSeed = byReference(all.items, 'KWD-SEED', kuwait).id;
    const run = (await fr.post(`/api/cases/${caseId}/tracing/run`, { seeds: [kwdSeed], rules: ['fifo'] })).body;
    expect(run.ledger).toMatchObject({ currency: 'KWD', transactions: 2 });
    expect(run.ledger.warnings).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'other_currencies', items: [expect.stringMatching(/^EUR \(\d+\)$/)] })]));
    expect(holdingsOf(run.results[0])).toEqual({ [kuwait]: '600.375', 'Gulf Property Co': '400.125' });
    expect(run.results[0].totalTainted).toEqual({ amount: '1000.500', amountMinor: 1_000_500, currency: 'KWD' });
    const mixed = await fr.post(`/api/cases/${caseId}/tracing/run`, { seeds: [seed, kwdSeed], rules: ['fifo'] });
    expect(mixed.body.error.fields).toEqual({ seeds: 'mixed_currencies' });
  });

  it('refuses seeds that are not rows of the case, or in two currencies', async () => {
    const fr = await as(france);
    const unknown = await fr.post(`/api/cases/${caseId}/tracing/run`, { seeds: [seed, 999_999_999], rules: ['fifo'] });
    expect([unknown.status, unknown.body.error.code, unknown.body.error.fields]).toEqual([400, 'validation_failed', { seeds: 'unknown' }]);
    expect((await fr.post(`/api/cases/${caseId}/tracing/run`, { seeds: [seed], rules: ['fifo', 'newest'] })).status).toBe(400);
    expect((await fr.post(`/api/cases/${caseId}/tracing/run`, { seeds: [], rules: ['fifo'] })).status).toBe(400);
  });

  it('re-runs saved analyses: a changed ledger is reported, an unchanged one reproduces its figures', async () => {
    const fr = await as(france);
    const before = await fr.post(`/api/cases/${caseId}/tracing/analyses/${savedBefore}/rerun`);
    expect(before.status, before.text).toBe(200);
    expect(before.body).toMatchObject({ ledgerChanged: true, figuresChanged: true, missingSeeds: [] });
    expect(holdingsOf(before.body.analysis.run.results[0])).toEqual({ [B]: '400.00', [C]: '100.00' });
    expect(holdingsOf(before.body.current.results[0])).toEqual({ [C]: '500.00' });

    const saved = await fr.post(`/api/cases/${caseId}/tracing/analyses`, { title: 'All four rules', seeds: [seed], rules: ['fifo', 'lifo', 'pro-rata', 'clean-first'] });
    expect(saved.status, saved.text).toBe(200);
    expect(saved.body).toMatchObject({ title: 'All four rules', currency: 'EUR', seeds: [seed], totalTainted: { amount: '500.00' } });
    expect(saved.body.ledgerVersion).toMatch(/^[0-9a-f]{64}$/);
    const again = await fr.post(`/api/cases/${caseId}/tracing/analyses/${saved.body.id}/rerun`);
    expect(again.body).toMatchObject({ ledgerChanged: false, figuresChanged: false });
    expect(again.body.current.ledger.version).toBe(saved.body.ledgerVersion);

    const list = (await fr.get(`/api/cases/${caseId}/tracing/analyses`)).body.items;
    expect(list.map((a: { title: string }) => a.title)).toEqual(['All four rules', 'Before the pair was confirmed']);
    const opened = await fr.get(`/api/cases/${caseId}/tracing/analyses/${saved.body.id}`);
    expect(opened.body.run.results).toHaveLength(4);
    expect((await (await as(nigeria)).get(`/api/cases/${caseId}/tracing/analyses/${saved.body.id}`)).status).toBe(404);

    // Another statement of account B changes the ledger: the saved analysis says so.
    await upload(fr, 'csv', 'alpen-february.csv', ['Date,Amount,Counterparty,Counterparty account,Reference', '2024-02-01,-50.00,Hotel du Lac,,HOTEL-1'].join('\n'), csvOptions);
    const changed = (await fr.post(`/api/cases/${caseId}/tracing/analyses/${saved.body.id}/rerun`)).body;
    expect(changed.ledgerChanged).toBe(true);
    expect(changed.current.ledger.version).not.toBe(saved.body.ledgerVersion);

    const audited = await ctx.db.selectFrom('audit_events').select('action').where('target_id', '=', saved.body.id).orderBy('id').execute();
    expect(audited.map((e) => e.action)).toEqual(['tracing.analysis_saved', 'tracing.analysis_rerun', 'tracing.analysis_viewed', 'tracing.analysis_rerun']);
  });
});

describe('freeze requests from a holding', () => {
  let analysisId: string;

  beforeAll(async () => {
    analysisId = (await (await as(france)).post(`/api/cases/${caseId}/tracing/analyses`, { title: 'For the Swiss request', seeds: [seed], rules: ['fifo', 'lifo', 'pro-rata', 'clean-first'] })).body.id;
  });

  it('drafts an identify-and-freeze request to Switzerland with the account, its holder and the traced amount', async () => {
    const fr = await as(france);
    const drafted = await fr.post(`/api/cases/${caseId}/tracing/analyses/${analysisId}/freeze-request`, { rule: 'lifo', account: B, language: 'fr' });
    expect(drafted.status, drafted.text).toBe(200);
    const request = (await fr.get(`/api/requests/${drafted.body.requestId}`)).body;
    expect(request).toMatchObject({ type: 'identify_trace_freeze', legalBasis: 'UNCAC art. 55(2)', toCountry: 'CH', fromCountry: 'FR', state: 'draft', caseId });
    expect(request.title).toBe(`Identification et gel du compte ${B}`);
    // Under LIFO, B's February payment of 50.00 (imported above) took the newest lots: tainted ones.
    expect(request.content.propertySought).toContain('150.00 EUR');
    expect(request.content.propertySought).toContain('Alpen Holding AG');
    expect(request.content.personsInvolved).toBe('Alpen Holding AG');
    expect(request.content.objectAndReason).toContain(analysisId);
    expect(request.entities.map((e: { schema: string; caption: string }) => [e.schema, e.caption]).sort()).toEqual([
      ['BankAccount', B],
      ['LegalEntity', 'Alpen Holding AG'],
    ]);
    const audited = await ctx.db.selectFrom('audit_events').select(['action', 'details']).where('target_id', '=', analysisId).where('action', '=', 'tracing.freeze_drafted').execute();
    expect(audited[0]?.details).toMatchObject({ requestId: drafted.body.requestId, rule: 'lifo', account: B });
  });

  it('refuses a holding in a country outside the case, in one’s own country, or that is no holding', async () => {
    const fr = await as(france);
    const post = (body: unknown) => fr.post(`/api/cases/${caseId}/tracing/analyses/${analysisId}/freeze-request`, body);
    expect((await post({ rule: 'fifo', account: C })).body.error.fields).toEqual({ toCountry: 'not_participant' });
    expect((await post({ rule: 'pro-rata', account: A })).body.error.fields).toEqual({ account: 'own_country' });
    expect((await post({ rule: 'fifo', account: B })).body.error.fields).toEqual({ account: 'not_a_holding' });
    expect((await post({ rule: 'lifo', account: 'Grand Casino' })).body.error.fields).toEqual({ account: 'no_jurisdiction' });
    expect((await (await as(nigeria)).post(`/api/cases/${caseId}/tracing/analyses/${analysisId}/freeze-request`, { rule: 'lifo', account: B })).status).toBe(404);
  });
});

describe('the provider’s conditions', () => {
  it('leaves out rows another country may not see, and keeps analyses built on them from that country', async () => {
    const fr = await as(france);
    const ch = await as(swiss);
    const salary = byReference((await transactions(fr)).items, 'SALARY-T3');
    const visibleToSwiss = await transactions(ch);
    expect(visibleToSwiss.items.map((t) => t.id)).toContain(salary.id);

    // France narrows the salary payment to herself (imports reach every participant; a provider may restrict later).
    const payment = await ctx.db.selectFrom('statement_transactions').select('payment_entity').where('id', '=', salary.id).executeTakeFirstOrThrow();
    await ctx.db.updateTable('entities').set({ reach: ['FR'] }).where('id', '=', payment.payment_entity!).execute();

    const narrowed = await transactions(ch);
    expect(narrowed.total).toBe(visibleToSwiss.total - 1);
    expect(narrowed.items.map((t) => t.id)).not.toContain(salary.id);
    expect((await ch.post(`/api/cases/${caseId}/tracing/run`, { seeds: [salary.id], rules: ['fifo'] })).body.error.fields).toEqual({ seeds: 'unknown' });

    // Without the 200.00 of salary, A is overdrawn by 100.00 at T4 under the Swiss ledger.
    const frRun = (await fr.post(`/api/cases/${caseId}/tracing/run`, { seeds: [seed], rules: ['clean-first'] })).body;
    const chRun = (await ch.post(`/api/cases/${caseId}/tracing/run`, { seeds: [seed], rules: ['clean-first'] })).body;
    expect(chRun.ledger.version).not.toBe(frRun.ledger.version);
    expect(chRun.ledger.transactions).toBe(frRun.ledger.transactions - 1);
    expect(holdingsOf(chRun.results[0])).toEqual({ [C]: '500.00' });

    // An analysis France saves now read the restricted row: Switzerland neither lists nor opens it.
    const restricted = (await fr.post(`/api/cases/${caseId}/tracing/analyses`, { title: 'With the salary', seeds: [seed], rules: ['clean-first'] })).body;
    const swissList = (await ch.get(`/api/cases/${caseId}/tracing/analyses`)).body.items.map((a: { title: string }) => a.title);
    expect(swissList).not.toContain('With the salary');
    expect(swissList).toContain('All four rules');
    expect((await ch.get(`/api/cases/${caseId}/tracing/analyses/${restricted.id}`)).status).toBe(404);
    expect((await ch.post(`/api/cases/${caseId}/tracing/analyses/${restricted.id}/rerun`)).status).toBe(404);
  });
});
