import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemo, signInDemo, type DemoWorld, type SignedIn } from './demo.js';
import { apiFromPage, launchBrowser, pageProblems, repoRoot, screenshot } from './harness.js';
import { spawnServer, type ServerProcess } from './server-process.js';

/**
 * Bank statements into a case through the browser. France's focal point imports a camt.053 file
 * (two statements of a German account, recognised as camt.053 from the file) and a French bank's
 * CSV export (semicolons, decimal commas, day-first dates, a byte order mark and one column the
 * sniffer cannot name): she confirms the detected layout, maps the missing column, names the
 * account and saves the layout for the bank. She sees the three statements with their balance
 * checks and the 1,500.00 EUR transfer seen from both ends, and confirms it as one transfer.
 * A larger export of the same bank is then proposed the saved layout at once, and imports in the
 * background with a progress bar.
 */

const dataDir = mkdtempSync(join(tmpdir(), 'focal-e2e-statements-'));
const filesDir = mkdtempSync(join(tmpdir(), 'focal-e2e-statement-files-'));
let server: ServerProcess;
let browser: Browser;
let world: DemoWorld;
let france: SignedIn;
let caseId = '';

const GERMAN_IBAN = 'DE89370400440532013000';
const FRENCH_IBAN = 'FR7630006000011234567890189';
const MAPPING_NAME = 'Banque Écran — relevé de compte';
const HEADER = 'Date opération;Libellé;Montant;Solde;Tiers;Compte émetteur;Référence';

/** The French side of the transfer: 1,500.00 EUR arriving from the German account on 1 March. */
const FRENCH_CSV =
  '\uFEFF' +
  [
    HEADER,
    '01/03/2024;Virement reçu Muster Trading;1500,00;1700,00;Muster Trading GmbH;DE89 3704 0044 0532 0130 00;E2E-TRF-0042',
    '02/03/2024;Retrait espèces guichet;-200,00;1500,00;;;',
    '15/03/2024;Loyer bureau mars;-350,00;1150,00;SCI Rivoli;FR14 2004 1010 0505 0001 3M02 606;LOYER-2024-03',
  ].join('\r\n') +
  '\r\n';

/** The same bank's export for another account, above the size imported while the upload waits (1 MiB). */
function largeCsv(rows: number): string {
  const lines = [HEADER];
  let balance = 1_000_000_00;
  for (let i = 0; i < rows; i++) {
    const cents = ((i * 7919) % 90_000) + 1_000;
    const amount = i % 3 === 0 ? cents : -cents;
    balance += amount;
    const day = String((i % 28) + 1).padStart(2, '0');
    const euros = (value: number) => `${value < 0 ? '-' : ''}${Math.floor(Math.abs(value) / 100)},${String(Math.abs(value) % 100).padStart(2, '0')}`;
    lines.push(
      `${day}/04/2024;Paiement fournisseur ${i} — facture ${100000 + i}, prestations de conseil et frais de dossier du mois;${euros(amount)};${euros(balance)};Fournisseur ${i % 40} SARL;FR76 1000 ${String(i % 40).padStart(4, '0')} 0000 0000 0000 ${String(i % 40).padStart(3, '0')};REF-${i}`,
    );
  }
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}

const fixture = (name: string) => join(repoRoot, 'packages/core/src/statements/fixtures', name);
const url = (path: string) => new URL(path, server.url).href;
const card = (page: Page, account: string) => page.locator(`[data-testid="statement-card"][data-account="${account}"]`);

async function choose(page: Page, input: Locator, option: RegExp | string) {
  await input.click();
  await page.getByRole('option', { name: option }).first().click();
}

/** Opens the import dialog and gives it a file. */
async function startImport(page: Page, file: string) {
  await page.getByTestId('statements-import').click();
  await page.getByTestId('statement-import-dialog').waitFor();
  await page.getByTestId('statement-file-input').setInputFiles(file);
  await page.getByTestId('statement-file-name').getByText(/\.(xml|csv)/).waitFor();
}

beforeAll(async () => {
  world = loadDemo(dataDir);
  server = await spawnServer(dataDir, { NODE_ENV: 'production' });
  browser = await launchBrowser();
  // Her profile says French: the page speaks French whatever the browser's language.
  france = await signInDemo(browser, server.url, world, 'fr-fp', 'fr-FR');
  const created = await apiFromPage(france.page, 'POST', '/api/cases', { title: 'Public works kickbacks — the Écran transfers' });
  expect(created.status).toBe(200);
  caseId = (created.json as { case: { id: string } }).case.id;
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

describe('bank statements in a case', () => {
  it('imports a camt.053 file, recognised from its content, and shows both statements balanced', async () => {
    const { page } = france;
    await page.goto(url(`/cases/${caseId}/statements`));
    await page.getByTestId('statements-tab').getByTestId('empty-state').waitFor();
    await startImport(page, fixture('camt053-two-statements.xml'));
    expect(await page.getByTestId('statement-format-camt053').isChecked()).toBe(true);
    await page.getByTestId('statement-import-submit').click();
    await page.getByTestId('statement-import-dialog').waitFor({ state: 'detached' });
    await expect.poll(() => card(page, GERMAN_IBAN).count()).toBe(2);
    for (const each of await card(page, GERMAN_IBAN).all()) {
      expect(await each.getAttribute('data-format')).toBe('camt053');
      expect(await each.getAttribute('data-balance')).toBe('balanced');
      expect(await each.getByTestId('statement-balance-badge').textContent()).toBe('Solde vérifié');
    }
  });

  it('imports a CSV export after confirming its detected layout and mapping a column, and saves the layout for the bank', async () => {
    const { page } = france;
    const path = join(filesDir, 'releve-ecran-mars-2024.csv');
    writeFileSync(path, FRENCH_CSV, 'utf8');
    await startImport(page, path);
    expect(await page.getByTestId('statement-format-csv').isChecked()).toBe(true);
    await page.getByTestId('statement-next').click();

    // The layout as detected, shown for confirmation over a preview of the rows.
    await page.getByTestId('statement-preview').waitFor();
    expect(await page.getByTestId('statement-delimiter').inputValue()).toBe('Point-virgule ( ; )');
    expect(await page.getByTestId('statement-decimal').inputValue()).toBe('Virgule (1.234,56)');
    expect(await page.getByTestId('statement-date-format').inputValue()).toBe('DD/MM/YYYY (correspond au fichier)');
    expect(await page.getByTestId('statement-encoding').inputValue()).toBe('UTF-8');
    await page.getByText("Fixé par l'indicateur d'ordre des octets (BOM) en tête du fichier.").waitFor();
    expect(await page.getByTestId('statement-has-header').isChecked()).toBe(true);
    expect(await page.getByTestId('statement-preview').locator('tbody tr').count()).toBe(3);
    await screenshot(page, 'statements-csv-layout');
    await page.getByTestId('statement-next').click();

    // Columns: the sniffer named the date, amount, balance and counterparty; not "Compte émetteur".
    expect(await page.getByTestId('statement-column-date').inputValue()).toBe('Date opération');
    expect(await page.getByTestId('statement-column-amount').inputValue()).toBe('Montant');
    expect(await page.getByTestId('statement-column-balance').inputValue()).toBe('Solde');
    expect(await page.getByTestId('statement-column-counterpartyAccount').inputValue()).toBe('');
    await choose(page, page.getByTestId('statement-column-counterpartyAccount'), 'Compte émetteur');
    // The account is required: the form says so before anything is sent.
    await page.getByTestId('statement-import-submit').click();
    await page.getByText("Indiquez l'IBAN ou le numéro du compte.").waitFor();
    await page.getByTestId('statement-account-id').fill('FR76 3000 6000 0112 3456 7890 189');
    await page.getByTestId('statement-holder').fill('Société Écran SARL');
    expect(await page.getByTestId('statement-save-mapping').isChecked()).toBe(true);
    await page.getByTestId('statement-mapping-name').fill(MAPPING_NAME);
    await page.getByTestId('statement-mapping-bic').fill('agrifrpp');
    await screenshot(page, 'statements-csv-columns');
    await page.getByTestId('statement-import-submit').click();
    await page.getByTestId('statement-import-dialog').waitFor({ state: 'detached' });

    const french = card(page, FRENCH_IBAN);
    await french.waitFor();
    expect(await french.getAttribute('data-format')).toBe('csv');
    // Opening and closing come from the balance column; the three rows add up.
    expect(await french.getAttribute('data-balance')).toBe('balanced');
    expect(await french.getByTestId('statement-rows').textContent()).toBe('Opérations : 3');
    await french.getByTestId('statement-open-transactions').click();
    const rows = page.getByTestId('statement-transactions').getByTestId('statement-transaction');
    await expect.poll(() => rows.count()).toBe(3);
    expect(await rows.first().textContent()).toContain('Muster Trading GmbH');
    await page.keyboard.press('Escape');

    const saved = await apiFromPage(page, 'GET', '/api/statement-mappings');
    expect((saved.json as { items: { name: string; bankBic: string }[] }).items).toEqual([expect.objectContaining({ name: MAPPING_NAME, bankBic: 'AGRIFRPP' })]);
  });

  it('suggests the transfer seen in both statements, and the user confirms it as one', async () => {
    const { page } = france;
    const pair = page.locator('[data-testid="transfer-pair"][data-status="suggested"]');
    await expect.poll(() => pair.count()).toBe(1);
    const text = (await pair.textContent()) ?? '';
    expect(text.replace(/\s/g, ' ')).toContain('1 500,00');
    expect(text).toContain('les deux portent la référence E2E-TRF-0042');
    expect(text).toContain(GERMAN_IBAN);
    expect(text).toContain(FRENCH_IBAN);
    await screenshot(page, 'statements-list');
    await pair.getByTestId('transfer-pair-confirm').click();
    const confirmed = page.locator('[data-testid="transfer-pair"][data-status="confirmed"]');
    await confirmed.waitFor();
    expect(await confirmed.getByTestId('transfer-pair-status').textContent()).toBe('Un seul virement');
    expect(await pair.count()).toBe(0);
  });

  it('proposes the saved layout for the next file of the bank, and imports a large one in the background with a progress bar', async () => {
    const { page } = france;
    const path = join(filesDir, 'releve-ecran-avril-2024.csv');
    const rows = 6000;
    writeFileSync(path, largeCsv(rows), 'utf8');
    expect(readFileSync(path).length).toBeGreaterThan(1024 * 1024);
    await startImport(page, path);
    await page.getByTestId('statement-next').click();
    const applied = page.getByTestId('statement-mapping-applied');
    await applied.waitFor();
    expect(await applied.textContent()).toContain(MAPPING_NAME);
    await page.getByTestId('statement-next').click();
    // The column the sniffer could not name comes from the saved layout.
    expect(await page.getByTestId('statement-column-counterpartyAccount').inputValue()).toBe('Compte émetteur');
    await page.getByTestId('statement-account-id').fill('FR76 3000 6000 0199 9999 9999 999');
    await page.getByTestId('statement-holder').fill('Société Écran SARL');
    await page.getByTestId('statement-import-submit').click();
    await page.getByTestId('statement-import-dialog').waitFor({ state: 'detached' });
    await page.getByText("releve-ecran-avril-2024.csv est envoyé : l'import se poursuit sur le serveur.").waitFor();
    // The import is followed on the page, and may be left: its progress is the server's.
    await page.getByTestId('statement-job-progress').waitFor();
    const large = page.locator('[data-testid="statement-card"][data-account="FR7630006000019999999999999"]');
    await large.waitFor({ timeout: 180_000 });
    expect((await large.getByTestId('statement-rows').textContent())?.replace(/\s/g, ' ')).toBe('Opérations : 6 000');
    expect(await large.getAttribute('data-balance')).toBe('balanced');
    expect(await page.getByTestId('statement-job').count()).toBe(0);
    expect(pageProblems).toEqual([]);
  });
});
