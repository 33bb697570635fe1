import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiFromPage, launchBrowser, pageProblems, screenshot } from './harness.js';
import { loadDemo, signInDemo, type DemoWorld, type SignedIn } from './demo.js';
import { spawnServer, type ServerProcess } from './server-process.js';

/**
 * Funds tracing through the browser. France's focal point has a case with Switzerland in it and
 * two bank statements: her company account's camt.053 (opening 1,000.00 EUR; 500.00 from the
 * Treasury — the embezzled transfer —, 700.00 to a Swiss account, 200.00 of salary, 900.00 to
 * Luxembourg) and the Swiss account's CSV (the same 700.00 received, 300.00 to a casino): the
 * spec's worked example. She marks the Treasury transfer as the seed, compares the four rules,
 * opens the LIFO Sankey and the path of the Swiss holding, drafts an identify-and-freeze
 * request to Switzerland from it and lands on the draft; the analysis is saved on the way and
 * checks out unchanged; she exports the CSV, opens the printable report, and looks at it all
 * in Arabic.
 *
 * The statements are imported through the case's Statements tab, where the transfer seen in
 * both is confirmed as one.
 */

const A = 'FR7630006000011234567890189';
const B = 'CH9300762011623852957';
const C = 'LU280019400644750000';
const TREASURY = 'FR1420041010050500013M02606';

const dataDir = mkdtempSync(join(tmpdir(), 'focal-e2e-tracing-'));
const filesDir = mkdtempSync(join(tmpdir(), 'focal-e2e-tracing-files-'));
let server: ServerProcess;
let browser: Browser;
let world: DemoWorld;
let france: SignedIn;
let caseId = '';
let analysisId = '';

function entry(amount: string, direction: 'CRDT' | 'DBIT', date: string, party: { name: string; iban?: string }, reference: string) {
  const side = direction === 'CRDT' ? 'Dbtr' : 'Cdtr';
  const account = party.iban ? `<${side}Acct><Id><IBAN>${party.iban}</IBAN></Id></${side}Acct>` : '';
  return `<Ntry><Amt Ccy="EUR">${amount}</Amt><CdtDbtInd>${direction}</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts><BookgDt><Dt>${date}</Dt></BookgDt>
    <NtryDtls><TxDtls><Refs><EndToEndId>${reference}</EndToEndId></Refs><Amt Ccy="EUR">${amount}</Amt><CdtDbtInd>${direction}</CdtDbtInd>
    <RltdPties><${side}><Pty><Nm>${party.name}</Nm></Pty></${side}>${account}</RltdPties></TxDtls></NtryDtls></Ntry>`;
}

const CAMT053 = `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"><BkToCstmrStmt>
  <GrpHdr><MsgId>BNPA-20240105-1</MsgId><CreDtTm>2024-01-05T06:00:00+01:00</CreDtTm></GrpHdr>
  <Stmt><Id>STMT-2024-01-A</Id>
    <Acct><Id><IBAN>${A}</IBAN></Id><Ccy>EUR</Ccy><Ownr><Nm>Société Écran SARL</Nm></Ownr></Acct>
    <Bal><Tp><CdOrPrtry><Cd>OPBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">1000.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2024-01-01</Dt></Dt></Bal>
    <Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">100.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2024-01-04</Dt></Dt></Bal>
    ${entry('500.00', 'CRDT', '2024-01-01', { name: 'Trésor public', iban: TREASURY }, 'TRESOR-T1')}
    ${entry('700.00', 'DBIT', '2024-01-02', { name: 'Alpen Holding AG', iban: B }, 'E2E-T2')}
    ${entry('200.00', 'CRDT', '2024-01-03', { name: 'Employer SA' }, 'SALARY-T3')}
    ${entry('900.00', 'DBIT', '2024-01-04', { name: 'Lux Invest SA', iban: C }, 'LUX-T4')}
  </Stmt>
</BkToCstmrStmt></Document>`;

const CSV = ['Date,Amount,Counterparty,Counterparty account,Reference', `2024-01-02,700.00,Société Écran SARL,${A},E2E-T2`, '2024-01-05,-300.00,Grand Casino,,CASINO-T5'].join('\n');
const url = (path: string) => new URL(path, server.url).href;

/** Imports a statement file through the Statements tab's dialog; `csv` fills the CSV steps. */
async function importStatement(page: Page, name: string, content: string, csv?: (page: Page) => Promise<void>) {
  const path = join(filesDir, name);
  writeFileSync(path, content, 'utf8');
  await page.getByTestId('statements-import').click();
  await page.getByTestId('statement-import-dialog').waitFor();
  await page.getByTestId('statement-file-input').setInputFiles(path);
  await page.getByTestId('statement-file-name').getByText(name).waitFor();
  if (csv) await csv(page);
  await page.getByTestId('statement-import-submit').click();
  await page.getByTestId('statement-import-dialog').waitFor({ state: 'detached' });
}

const holding = (page: Page, account: string) => page.locator(`[data-testid="tracing-holding"][data-account="${account}"]`);
const compareCell = (page: Page, account: string, rule: string) => page.locator(`[data-testid="tracing-compare-row"][data-account="${account}"] [data-rule="${rule}"]`);
/** The amount as the page shows it, with the narrow and ordinary non-breaking spaces of French formats made plain. */
const plain = async (text: Promise<string | null>) => ((await text) ?? '').replace(/[\u00a0\u202f]/g, ' ');

beforeAll(async () => {
  world = loadDemo(dataDir);
  server = await spawnServer(dataDir, { NODE_ENV: 'production' });
  browser = await launchBrowser();
  france = await signInDemo(browser, server.url, world, 'fr-fp', 'fr-FR');
  const { page } = france;
  const created = await apiFromPage(page, 'POST', '/api/cases', { title: 'Détournement du Trésor — société écran', countries: [{ country: 'CH', role: 'asset_location' }] });
  expect(created.status).toBe(200);
  caseId = (created.json as { case: { id: string } }).case.id;
  await page.goto(url(`/cases/${caseId}/statements`));
  await page.getByTestId('statements-tab').waitFor();
  await importStatement(page, 'bnp-janvier.xml', CAMT053);
  await importStatement(page, 'alpen-januar.csv', CSV, async (dialog) => {
    expect(await dialog.getByTestId('statement-format-csv').isChecked()).toBe(true);
    await dialog.getByTestId('statement-next').click();
    await dialog.getByTestId('statement-preview').waitFor();
    await dialog.getByTestId('statement-next').click();
    // The English headers are recognised; the account is the Swiss one, in euros.
    expect(await dialog.getByTestId('statement-column-counterpartyAccount').inputValue()).toBe('Counterparty account');
    expect(await dialog.getByTestId('statement-column-reference').inputValue()).toBe('Reference');
    await dialog.getByTestId('statement-account-id').fill(B);
    await dialog.getByTestId('statement-holder').fill('Alpen Holding AG');
    await dialog.getByTestId('statement-save-mapping').uncheck();
  });
  await page.locator(`[data-testid="statement-card"][data-account="${B}"]`).waitFor();
  // The 700.00 transfer is in both statements: France confirms it is one.
  const pair = page.locator('[data-testid="transfer-pair"][data-status="suggested"]');
  await pair.first().waitFor();
  expect(await pair.count()).toBe(1);
  await pair.getByTestId('transfer-pair-confirm').click();
  await page.locator('[data-testid="transfer-pair"][data-status="confirmed"]').waitFor();
});

afterAll(async () => {
  await browser?.close().catch(() => undefined);
  if (server && server.child.exitCode === null && server.child.signalCode === null) {
    server.child.kill('SIGTERM');
    await once(server.child, 'exit');
  }
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(filesDir, { recursive: true, force: true });
});

describe('funds tracing in a case', () => {
  it('France marks the embezzled transfer as the seed and compares the four rules', async () => {
    const { page } = france;
    await page.goto(url(`/cases/${caseId}/tracing`));
    await page.getByTestId('tracing-tab').waitFor();
    await expect.poll(() => page.getByTestId('tracing-transaction').count()).toBe(6);
    expect(await page.getByTestId('tracing-run').isDisabled()).toBe(true);

    // Searching narrows the list; the seed is ticked there.
    await page.getByTestId('tracing-seed-search').fill('trésor');
    await expect.poll(() => page.getByTestId('tracing-transaction').count()).toBe(1);
    await page.locator('[data-testid="tracing-transaction"][data-reference="TRESOR-T1"]').getByTestId('tracing-seed-checkbox').check();
    await expect.poll(() => page.getByTestId('tracing-seed-chip').count()).toBe(1);
    await page.getByTestId('tracing-seed-search').fill('');
    await expect.poll(() => page.getByTestId('tracing-transaction').count()).toBe(6);
    // Both sides of the confirmed transfer say it counts once.
    expect(await page.getByTestId('tracing-pair-badge').count()).toBe(2);

    expect(await page.locator('[data-testid="tracing-mode"] input[value="compare"]').isChecked()).toBe(true);
    await page.getByTestId('tracing-run').click();
    await page.getByTestId('tracing-result').waitFor();
    await page.getByTestId('tracing-compare').waitFor();

    // The spec's worked example, to the cent, in French formats.
    expect(await plain(page.getByTestId('tracing-total').textContent())).toContain('500,00');
    expect(await plain(compareCell(page, C, 'fifo').textContent())).toContain('500,00 EUR');
    expect(await plain(compareCell(page, B, 'lifo').textContent())).toContain('200,00 EUR');
    expect(await plain(compareCell(page, 'Grand Casino', 'lifo').textContent())).toContain('300,00 EUR');
    expect(await plain(compareCell(page, A, 'pro-rata').textContent())).toContain('26,67 EUR');
    expect(await plain(compareCell(page, B, 'pro-rata').textContent())).toContain('133,33 EUR');
    expect(await plain(compareCell(page, C, 'clean-first').textContent())).toContain('400,00 EUR');
    expect(await compareCell(page, B, 'fifo').textContent()).toBe('—');
    await screenshot(page, 'tracing-compare');
  });

  it('she opens the LIFO Sankey and the path of the Swiss holding back to the seed', async () => {
    const { page } = france;
    await page.getByTestId('tracing-compare-rule-lifo').click();
    await expect.poll(() => page.getByTestId('tracing-holdings').getAttribute('data-rule')).toBe('lifo');
    const sankey = page.getByTestId('tracing-sankey');
    await page.locator('[data-testid="tracing-sankey"][data-ready="true"]').waitFor();
    // Drawn from the Treasury to the Swiss company and the casino, with what it keeps.
    await expect.poll(async () => (await sankey.locator('svg text').allTextContents()).join(' | ')).toContain('Alpen Holding AG');
    const labels = (await sankey.locator('svg text').allTextContents()).join(' | ');
    expect(labels).toContain('Trésor public');
    expect(labels).toContain('Grand Casino');
    expect(await sankey.getAttribute('data-orient')).toBe('horizontal');
    await screenshot(page, 'tracing-sankey-lifo');

    const swiss = holding(page, B);
    expect(await swiss.getAttribute('data-jurisdiction')).toBe('CH');
    expect(await plain(swiss.getByTestId('tracing-holding-amount').textContent())).toContain('200,00 EUR');
    await swiss.getByTestId('tracing-holding-path').click();
    const path = page.getByTestId('tracing-path');
    await path.waitFor();
    const steps = path.getByTestId('tracing-path-step');
    await expect.poll(() => steps.count()).toBe(2);
    expect(await steps.first().getAttribute('data-seed')).toBe('true');
    expect(await steps.first().textContent()).toContain('Trésor public');
    expect(await steps.last().textContent()).toContain('Alpen Holding AG');
    await page.keyboard.press('Escape');
    await path.waitFor({ state: 'detached' });
  });

  it('from the Swiss holding she drafts an identify-and-freeze request to Switzerland and lands on the draft', async () => {
    const { page } = france;
    // An outside party known only by its name is nowhere: no request can go for it.
    expect(await holding(page, 'Grand Casino').getByTestId('tracing-holding-freeze').isDisabled()).toBe(true);
    await holding(page, B).getByTestId('tracing-holding-freeze').click();
    await page.waitForURL(/\/requests\/[0-9a-f-]{36}$/);
    const view = page.getByTestId('request-view');
    await view.waitFor();
    expect(await view.getAttribute('data-state')).toBe('draft');
    expect(await page.getByTestId('request-title-view').textContent()).toBe(`Identification et gel du compte ${B}`);
    const property = (await page.getByTestId('request-content-propertySought').textContent()) ?? '';
    expect(property).toContain('200.00 EUR');
    expect(property).toContain('Alpen Holding AG');
    expect(property).toContain('CH');
    expect(await page.getByTestId('request-content-personsInvolved').textContent()).toBe('Alpen Holding AG');
    expect(await page.getByTestId('request-facts').textContent()).toContain('55');
    const attached = await page.getByTestId('request-entity-link').allTextContents();
    expect(attached).toEqual(expect.arrayContaining([B, 'Alpen Holding AG']));
    expect(await page.getByTestId('request-actions').textContent()).toBeTruthy();
    await screenshot(page, 'tracing-freeze-draft');

    // The figure quoted is reproducible: the analysis was saved on the way, and its id is in the draft.
    const object = (await page.getByTestId('request-content-objectAndReason').textContent()) ?? '';
    analysisId = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/.exec(object)?.[0] ?? '';
    expect(analysisId).not.toBe('');
  });

  it('the saved analysis reopens, checks out unchanged, exports as CSV and prints as a report', async () => {
    const { page } = france;
    await page.goto(url(`/cases/${caseId}/tracing?analysis=${analysisId}`));
    await page.getByTestId('tracing-result').waitFor();
    expect(await page.getByTestId('tracing-result').getAttribute('data-saved')).toBe(analysisId);
    const row = page.locator(`[data-testid="tracing-analysis"][data-id="${analysisId}"]`);
    await row.getByTestId('tracing-analysis-rerun').click();
    const rerun = page.getByTestId('tracing-rerun-result');
    await rerun.waitFor();
    expect(await rerun.getAttribute('data-changed')).toBe('false');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('tracing-export-csv').click()]);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(download.suggestedFilename()).toMatch(/^AR-\d{4}-FR-\d{4}-tracing-compare-[0-9a-f]{12}\.csv$/);
    const lines = csv.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('Compte,Titulaire,Juridiction,Nature,FIFO,LIFO,Prorata,Licite d’abord (LIBR),Monnaie');
    expect(lines).toContain(`${B},Alpen Holding AG,CH,Compte dont les relevés sont dans l’affaire,0,200.00,133.33,0,EUR`);
    expect(lines.at(-1)).toBe('Total tracé,,,,500.00,500.00,500.00,500.00,EUR');

    await page.getByTestId('tracing-open-report').click();
    const report = page.getByTestId('tracing-report');
    await report.waitFor();
    expect(await page.getByTestId('tracing-report-rule').count()).toBe(4);
    const meanings = await page.getByTestId('tracing-report-meaning').allTextContents();
    expect(meanings[0]).toContain('Clayton');
    expect(meanings[3]).toContain('Roscoe v Winder');
    expect(await page.getByTestId('tracing-report-version').textContent()).toMatch(/^[0-9a-f]{64}$/);
    // On paper only the report is printed: no navigation, case header, tabs or buttons.
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByTestId('case-tab-tracing').isVisible()).toBe(false);
    expect(await page.getByTestId('tracing-report-print').isVisible()).toBe(false);
    expect(await report.isVisible()).toBe(true);
    await screenshot(page, 'tracing-report-print');
    await page.emulateMedia({ media: 'screen' });
    await page.getByTestId('tracing-report-back').click();
    await page.getByTestId('tracing-result').waitFor();
  });

  it('in Arabic the tab reads right to left and the Sankey runs top to bottom', async () => {
    const { page } = france;
    await page.getByTestId('language-switcher').click();
    await page.getByTestId('language-ar').click();
    await expect.poll(() => page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    await page.getByTestId('tracing-compare-rule-pro-rata').click();
    const sankey = page.getByTestId('tracing-sankey');
    await expect.poll(() => sankey.getAttribute('data-orient')).toBe('vertical');
    await page.locator('[data-testid="tracing-sankey"][data-ready="true"]').waitFor();
    expect(await page.getByTestId('tracing-rule-meaning').textContent()).toContain('نسب');
    await expect.poll(async () => (await sankey.locator('svg text').allTextContents()).join(' | ')).toContain('محتفظ');
    await screenshot(page, 'tracing-arabic');
    expect(pageProblems).toEqual([]);
  });
});
