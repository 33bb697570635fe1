import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiFromPage, freshTotp, launchBrowser, newUser, pageProblems, screenshot } from './harness.js';
import { runFocal, spawnServer, type ServerProcess } from './server-process.js';

/**
 * A cross-border asset-recovery case through the web UI of a built server loaded with the demo
 * network. France's focal point opens a case, records a person (Cyrillic and Latin names), a
 * company, a Swiss bank account and who owns it, brings in Switzerland (country and focal point)
 * and sends an urgent identify-trace-freeze request with the account attached. The Swiss focal
 * point finds it waiting on her, acknowledges and answers; France sees the answer arrive, the
 * clock stopped, the case timeline and the link chart. A third country's officer gets the
 * not-found page. The French side is in French (her profile's language), hence the test ids.
 * Assets and evidence: France records the account as identified; the Swiss focal point attaches
 * the freezing order (a PDF) to the request and records the freeze, linked to it; France sees the
 * account frozen, the order with its SHA-256, downloads it and finds both in the chain of custody;
 * a scan over the document limit is refused in the browser before anything is sent.
 * Messages: with her answer, the Swiss focal point writes to France from the request page; France
 * finds the message listed with the request (and in its history) and reads it from there.
 *
 * The steps share the state below and run in order; a later step (e.g. the asset lifecycle or
 * evidence documents) can be appended before the last check, reusing `caseId`, `requestId`,
 * `entityIds` and the signed-in `people`.
 */

interface DemoLogin {
  email: string;
  name: string;
  country: string;
  totpSecret: string;
}

interface Person {
  login: DemoLogin;
  context: BrowserContext;
  page: Page;
}

const dataDir = mkdtempSync(join(tmpdir(), 'focal-e2e-cases-'));
const filesDir = mkdtempSync(join(tmpdir(), 'focal-e2e-ftm-'));
let server: ServerProcess;
let browser: Browser;
let password = '';
const logins = new Map<string, DemoLogin>();
const people: Record<string, Person> = {};

const CASE_TITLE = 'Meridian Holdings — détournement de fonds publics';
const NAME_CYRILLIC = 'Иван Петров';
const NAME_LATIN = 'Ivan Petrov';
const COMPANY = 'Meridian Holdings SA';
const IBAN_TYPED = 'CH93 0076 2011 6238 5295 7';
const IBAN = 'CH9300762011623852957';
const REQUEST_TITLE = 'Gel du compte CH93 de M. Petrov';
const ANSWER = 'Freezing order no. 2025/117 issued by the Geneva prosecutor; the account is frozen. Balance: CHF 1,240,000.';
const AUTHORITY = 'Ministère public de la Confédération';
const ORDER_REFERENCE = 'SV.25.0117-GEL';
const ORDER_TITLE = 'Ordonnance de gel SV.25.0117';
const ORDER_FILE = 'ordonnance-de-gel.pdf';
const NOTE_BODY = 'Le titulaire a tenté un virement de 400 000 CHF vers Dubaï la veille du gel ; il a été bloqué. Détails par téléphone si besoin.';
/** CHF is worth 1.13 USD (the operator's rate); the base currency is USD. */
const CHF_RATE = '1.13';

/** Shared by the steps (and by any step appended later). */
let caseId = '';
let caseReference = '';
let requestId = '';
let requestReference = '';
const entityIds: Record<'person' | 'company' | 'account' | 'ownership', string> = { person: '', company: '', account: '', ownership: '' };
/** The freezing order uploaded by Switzerland, and the SHA-256 of the file written to disk. */
let orderPath = '';
let orderSha256 = '';
let orderId = '';
/** Switzerland's message to France about the request. */
let noteId = '';
let noteSubject = '';

const url = (path: string) => new URL(path, server.url).href;

function person(key: string): Person {
  const p = people[key];
  if (!p) throw new Error(`${key} is not signed in`);
  return p;
}

async function signIn(key: string, locale: string): Promise<Person> {
  const login = logins.get(`${key}@demo.focal.example`);
  if (!login) throw new Error(`no demo login ${key}`);
  const { context, page } = await newUser(browser, locale);
  await page.goto(url('/login'));
  await page.getByTestId('login-email').fill(login.email);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('login-totp').fill(await freshTotp(login.totpSecret));
  await page.getByTestId('login-mfa-submit').click();
  await page.getByTestId('home-greeting').waitFor();
  people[key] = { login, context, page };
  return people[key]!;
}

/** Opens a Mantine select (or multi-select), optionally types to filter, and picks the option. */
async function choose(page: Page, input: Locator, option: RegExp | string, typed?: string) {
  await input.click();
  if (typed !== undefined) await input.fill(typed);
  await page.getByRole('option', { name: option }).first().click();
}

async function openTab(page: Page, tab: 'overview' | 'entities' | 'assets' | 'evidence' | 'chart' | 'requests' | 'timeline') {
  await page.getByTestId(`case-tab-${tab}`).click();
  await expect.poll(() => page.getByTestId(`case-tab-${tab}`).getAttribute('aria-selected')).toBe('true');
}

/** Starts the "add an entity" dialog for a schema (its French label). */
async function startEntity(page: Page, schemaLabel: string) {
  await page.getByTestId('entity-add').click();
  await page.getByTestId('entity-form').waitFor();
  await choose(page, page.getByTestId('entity-schema'), new RegExp(`^${schemaLabel}$`));
}

async function saveEntity(page: Page): Promise<void> {
  await page.getByTestId('entity-create').click();
  await page.getByTestId('entity-form').waitFor({ state: 'detached' });
}

/** Full-page screenshots from the top, so the fixed header sits where it belongs. */
async function shot(page: Page, name: string) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, name);
}

const entityRow = (page: Page, schema: string) => page.locator(`[data-testid="entity-row"][data-schema="${schema}"]`);
const assetRow = (page: Page, entityId: string) => page.locator(`[data-testid="asset-row"][data-id="${entityId}"]`);
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

/** A small but well-formed one-page PDF, as a prosecutor's office would send. */
function writeOrderPdf(path: string): Buffer {
  const text = 'BT /F1 16 Tf 72 770 Td (Ordonnance de gel SV.25.0117 - compte CH93 0076 2011 6238 5295 7) Tj ET';
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${text.length} >>\nstream\n${text}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  const data = Buffer.from(body, 'latin1');
  writeFileSync(path, data);
  return data;
}

/** Fills and sends the "record a step" form of the open asset drawer. */
async function recordStep(page: Page, step: { stage: RegExp; amount: string; currency?: RegExp; jurisdiction?: RegExp; authority?: string; reference?: string; document?: RegExp }) {
  await page.getByTestId('asset-record-step').click();
  const form = page.getByTestId('asset-step-form');
  await form.waitFor();
  await choose(page, page.getByTestId('asset-step-stage'), step.stage);
  await page.getByTestId('asset-step-amount').fill(step.amount);
  if (step.currency) await choose(page, page.getByTestId('asset-step-currency'), step.currency, 'CHF');
  if (step.jurisdiction) await choose(page, page.getByTestId('asset-step-jurisdiction'), step.jurisdiction, 'Suisse');
  if (step.authority) await page.getByTestId('asset-step-authority').fill(step.authority);
  if (step.reference) await page.getByTestId('asset-step-reference').fill(step.reference);
  if (step.document) await choose(page, page.getByTestId('asset-step-document'), step.document);
  return form;
}

beforeAll(async () => {
  const demo = runFocal(dataDir, ['demo', '--json']);
  expect(demo.status, demo.stderr).toBe(0);
  const world = JSON.parse(demo.stdout) as { password: string; logins: DemoLogin[] };
  // The operator's rate, for totals converted to the base currency (USD).
  const rates = runFocal(dataDir, ['rates', 'set', `CHF=${CHF_RATE}`]);
  expect(rates.status, rates.stderr).toBe(0);
  password = world.password;
  for (const login of world.logins) logins.set(login.email, login);
  // A small document limit, so the browser's refusal of a bigger file can be seen with a small one.
  server = await spawnServer(dataDir, { NODE_ENV: 'production', FOCAL_DOCUMENT_MAX_MB: '1' });
  browser = await launchBrowser();
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

describe('cases: entities, link chart and a request for assistance between France and Switzerland', () => {
  it('France’s focal point opens a case', async () => {
    const { page } = await signIn('fr-fp', 'fr-FR');
    await page.getByTestId('nav-cases').click();
    await page.getByTestId('cases-title').waitFor();
    await page.getByTestId('empty-state').waitFor();
    await page.getByTestId('case-new').click();
    await page.getByTestId('case-form').waitFor();

    // Too short a title is caught before anything is sent.
    await page.getByTestId('case-title-input').fill('M');
    await page.getByTestId('case-create').click();
    await page.getByText('Écrivez un titre d’au moins 3 caractères.').waitFor();

    await page.getByTestId('case-title-input').fill(CASE_TITLE);
    await page.getByTestId('case-summary-input').fill('Fonds publics détournés en 2019–2021 et placés en Suisse via une société écran.');
    await choose(page, page.getByTestId('case-offences'), /^Soustraction de biens par un agent public/);
    await choose(page, page.getByTestId('case-offences'), /^Blanchiment du produit du crime/);
    await page.keyboard.press('Escape');
    await page.getByTestId('case-create').click();

    await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
    caseId = page.url().split('/').pop()!;
    await page.getByTestId('case-overview').waitFor();
    caseReference = (await page.getByTestId('case-reference').textContent()) ?? '';
    expect(caseReference).toMatch(/^AR-\d{4}-FR-\d{4}$/);
    expect(await page.getByTestId('case-title').textContent()).toBe(CASE_TITLE);
    expect(await page.getByTestId('case-status').getAttribute('data-status')).toBe('open');
    expect(await page.getByTestId('case-offences-view').textContent()).toContain('Blanchiment du produit du crime');
    expect(await page.locator('[data-testid="case-country"][data-country="FR"]').getAttribute('data-role')).toBe('lead');
  });

  it('she records a person with a Cyrillic and a Latin name, and a company', async () => {
    const { page } = person('fr-fp');
    await openTab(page, 'entities');
    await page.getByTestId('entities-tab').getByTestId('empty-state').waitFor();

    await startEntity(page, 'Personne');
    // The name is required: the form says so next to the field.
    await page.getByTestId('entity-create').click();
    await page.getByTestId('entity-form-invalid').waitFor();
    await page.getByTestId('entity-value-name-0').fill(NAME_CYRILLIC);
    await page.getByTestId('entity-add-value-name').click();
    await page.getByTestId('entity-value-name-1').fill(NAME_LATIN);
    await choose(page, page.getByTestId('entity-value-nationality-0'), /^Russie$/, 'Russie');
    await page.getByTestId('entity-value-birthDate-0').fill('1968-04');
    await saveEntity(page);
    await entityRow(page, 'Person').waitFor();
    entityIds.person = (await entityRow(page, 'Person').getAttribute('data-id')) ?? '';

    await startEntity(page, 'Société');
    await page.getByTestId('entity-value-name-0').fill(COMPANY);
    await choose(page, page.getByTestId('entity-value-jurisdiction-0'), /^Suisse$/, 'Suisse');
    await page.getByTestId('entity-value-registrationNumber-0').fill('CHE-109.322.551');
    await saveEntity(page);
    await entityRow(page, 'Company').waitFor();
    entityIds.company = (await entityRow(page, 'Company').getAttribute('data-id')) ?? '';

    // Both names are values of the person, each marked with the country that provided it.
    await entityRow(page, 'Person').getByTestId('entity-open').click();
    const view = page.getByTestId('entity-view');
    await view.waitFor();
    const names = view.locator('[data-testid="entity-property"][data-prop="name"] [data-testid="entity-value"]');
    expect(await names.evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-value')))).toEqual([NAME_CYRILLIC, NAME_LATIN]);
    expect(await names.first().getAttribute('data-owner')).toBe('FR');
    expect(await view.locator('[data-testid="entity-property"][data-prop="nationality"]').textContent()).toContain('Russie');
    await page.keyboard.press('Escape');
    await view.waitFor({ state: 'detached' });
  });

  it('she adds a Swiss bank account (a wrong IBAN is refused next to the field) and who owns it', async () => {
    const { page } = person('fr-fp');
    await startEntity(page, 'Compte bancaire');
    await page.getByTestId('entity-value-iban-0').fill('CH93 0076 2011 6238 5295 8');
    await page.getByTestId('entity-create').click();
    await page.getByText('IBAN non valide : vérifiez le code pays, la longueur et les chiffres.').waitFor();
    await page.getByTestId('entity-value-iban-0').fill(IBAN_TYPED);
    await choose(page, page.getByTestId('entity-value-country-0'), /^Suisse$/, 'Suisse');
    await page.getByTestId('entity-value-bankName-0').fill('Banque Exemple SA, Genève');
    await saveEntity(page);
    await entityRow(page, 'BankAccount').waitFor();
    entityIds.account = (await entityRow(page, 'BankAccount').getAttribute('data-id')) ?? '';
    // Stored in FtM's compact form.
    expect(await entityRow(page, 'BankAccount').getByTestId('entity-open').textContent()).toBe(IBAN);

    await startEntity(page, 'Propriété');
    await page.getByTestId('entity-relation-help').waitFor();
    await choose(page, page.getByTestId('entity-value-owner-0'), new RegExp(`^${NAME_CYRILLIC}`));
    await choose(page, page.getByTestId('entity-value-asset-0'), new RegExp(`^${IBAN}`));
    await page.getByTestId('entity-value-percentage-0').fill('100');
    await saveEntity(page);
    const ownership = entityRow(page, 'Ownership');
    await ownership.waitFor();
    entityIds.ownership = (await ownership.getAttribute('data-id')) ?? '';
    // Each part of the sentence is isolated (Unicode FSI…PDI) so it reads right in either direction.
    expect((await ownership.getByTestId('entity-open').textContent())?.replace(/[\u2068\u2069]/g, '')).toBe(`${NAME_CYRILLIC} — possède — ${IBAN}`);
    expect(await page.getByTestId('entity-row').count()).toBe(4);
    expect(Object.values(entityIds).every((id) => /^[0-9a-f-]{36}$/.test(id))).toBe(true);
    await shot(page, 'cases-entities');
  });

  it('she brings in Switzerland, where the assets are, and its focal point', async () => {
    const { page } = person('fr-fp');
    await openTab(page, 'overview');
    await choose(page, page.getByTestId('case-add-country'), /^Suisse$/, 'Suisse');
    await choose(page, page.getByTestId('case-add-country-role'), /^Avoirs situés ici$/);
    await page.getByTestId('case-add-country-submit').click();
    const swiss = page.locator('[data-testid="case-countries-section"] [data-testid="case-country"][data-country="CH"]');
    await swiss.waitFor();
    expect(await swiss.getAttribute('data-role')).toBe('asset_location');

    await choose(page, page.getByTestId('case-member-country'), /^Suisse$/);
    await page.getByTestId('case-member-search').fill('Sophie');
    const result = page.getByTestId('case-member-result').filter({ hasText: 'Sophie Rochat' });
    await result.waitFor();
    await result.getByTestId('case-member-add').click();
    await page.getByTestId('case-member').filter({ hasText: 'Sophie Rochat' }).waitFor();
    expect(await page.getByTestId('case-member').count()).toBe(2);
    await shot(page, 'cases-overview');
  });

  it('she records the Swiss account as identified, 2,500,000 CHF (a freeze before that is refused)', async () => {
    const { page } = person('fr-fp');
    await openTab(page, 'assets');
    const row = assetRow(page, entityIds.account);
    await row.waitFor();
    // The company is an asset too; nothing is recorded for either yet.
    expect(await page.getByTestId('asset-row').count()).toBe(2);
    expect(await row.getAttribute('data-stage')).toBe('');
    await row.getByTestId('asset-open').click();
    const view = page.getByTestId('asset-view');
    await view.waitFor();
    expect(await page.getByTestId('asset-caption').textContent()).toBe(IBAN);
    expect(await page.getByTestId('asset-stepper').getAttribute('data-active')).toBe('0');

    // Frozen before anything is identified: the server refuses, and says so next to the stage.
    const form = await recordStep(page, { stage: /^Gelé/, amount: '2 500 000', currency: /^CHF/, jurisdiction: /^Suisse$/ });
    expect(await form.textContent()).toMatch(/Lu comme 2\s500\s000,00\sCHF\./);
    await page.getByTestId('asset-step-form-submit').click();
    await form.getByText('Enregistrez d’abord une étape antérieure : un avoir est identifié avant toute autre mesure.').waitFor();

    await choose(page, page.getByTestId('asset-step-stage'), /^Identifié/);
    await page.getByTestId('asset-step-form-submit').click();
    await form.waitFor({ state: 'detached' });
    const measure = page.locator('[data-testid="asset-measure"][data-stage="identified"]');
    await measure.waitFor();
    expect(await measure.getAttribute('data-amount')).toBe('2500000.00');
    expect(await measure.getAttribute('data-currency')).toBe('CHF');
    expect(await page.getByTestId('asset-stepper').getAttribute('data-active')).toBe('1');
    await page.keyboard.press('Escape');
    await view.waitFor({ state: 'detached' });
    await expect.poll(() => row.getAttribute('data-stage')).toBe('identified');

    // The totals: 2,500,000 CHF identified, 2,825,000 USD at 1.13.
    const identified = page.locator('[data-testid="asset-total"][data-stage="identified"]');
    await expect.poll(() => identified.locator('[data-testid="asset-total-currency"][data-currency="CHF"]').getAttribute('data-amount')).toBe('2500000.00');
    expect(await identified.getByTestId('asset-total-converted').getAttribute('data-amount')).toBe('2825000.00');
    expect(await page.getByTestId('asset-totals').getAttribute('data-base')).toBe('USD');
  });

  it('she sends an urgent identify-trace-freeze request to Switzerland with the account attached', async () => {
    const { page } = person('fr-fp');
    await openTab(page, 'requests');
    await page.getByTestId('case-request-new').click();
    await page.getByTestId('request-form').waitFor();
    // The case is chosen already; only its other countries can be asked.
    await expect.poll(() => page.getByTestId('request-case').inputValue()).toContain(caseReference);
    await choose(page, page.getByTestId('request-type'), /^Identifier, localiser et geler — UNCAC art\. 55\(2\)$/);
    expect(await page.getByText('Base juridique : UNCAC art. 55(2)').count()).toBe(1);
    await page.getByTestId('request-urgency-urgent_indirect').check();
    await page.getByTestId('request-to-country').click();
    expect(await page.getByRole('option').allTextContents()).toEqual(['Suisse (Avoirs situés ici)']);
    await page.getByRole('option', { name: /^Suisse/ }).click();
    await page.getByTestId('request-title').fill(REQUEST_TITLE);
    await page.getByTestId('request-objectAndReason').fill('Identifier et geler le compte CH93 détenu par M. Petrov, alimenté par des fonds publics détournés.');
    await page.getByTestId('request-natureOfProceedings').fill('Information judiciaire ouverte à Paris (PNF) pour détournement de fonds publics et blanchiment.');
    await page.getByTestId('request-propertySought').fill(`Compte ${IBAN} à la Banque Exemple SA, Genève ; solde estimé 1,2 M CHF.`);
    await page.getByTestId('request-personsInvolved').fill(`${NAME_CYRILLIC} (${NAME_LATIN}), né en 1968, de nationalité russe.`);
    await choose(page, page.getByTestId('request-entities'), new RegExp(`^${IBAN}`));
    await page.keyboard.press('Escape');
    await page.getByTestId('request-send').click();

    await page.waitForURL(/\/requests\/[0-9a-f-]{36}$/);
    requestId = page.url().split('/').pop()!;
    const view = page.getByTestId('request-view');
    await view.waitFor();
    await expect.poll(() => view.getAttribute('data-state')).toBe('sent');
    requestReference = (await page.getByTestId('request-reference').textContent()) ?? '';
    expect(requestReference).toMatch(/^RA-\d{4}-FR-\d{4}$/);
    expect(await page.getByTestId('request-deadline').getByTestId('deadline').getAttribute('data-status')).toBe('running');
    // Three calendar days, ending at midnight in Zurich: between two and four days away.
    expect(await page.getByTestId('countdown').textContent()).toMatch(/^dans [234] jours$/);
    expect(await page.getByTestId('request-entity-link').allTextContents()).toEqual([IBAN]);
    expect(await page.getByTestId('request-actions').textContent()).toContain('Retirer');
    await shot(page, 'cases-request-sent');
  });

  it('the Swiss focal point finds it waiting on her and acknowledges it', async () => {
    const { page } = await signIn('ch-fp', 'fr-CH');
    await expect.poll(() => page.getByTestId('nav-requests-waiting').textContent(), { timeout: 15_000 }).toBe('1');
    await page.getByTestId('nav-requests').click();
    await page.getByTestId('requests-title').waitFor();
    expect(await page.getByTestId('requests-box-waiting_on_me').getAttribute('aria-selected')).toBe('true');
    const row = page.locator(`[data-testid="request-row"][data-reference="${requestReference}"]`);
    await row.waitFor();
    expect(await row.getAttribute('data-state')).toBe('sent');
    expect(await row.getByTestId('countdown').textContent()).toMatch(/^dans [234] jours$/);
    await row.getByTestId('request-row-link').click();

    const view = page.getByTestId('request-view');
    await view.waitFor();
    await page.getByTestId('request-waiting-on-me').waitFor();
    expect(await page.getByTestId('request-content-propertySought').textContent()).toContain(IBAN);

    await page.getByTestId('request-action-acknowledge').click();
    await page.getByTestId('request-action-confirm').click();
    await expect.poll(() => view.getAttribute('data-state')).toBe('acknowledged');
  });

  it('answering, she attaches the freezing order (a PDF) to the request and records the freeze of 1,800,000 CHF with it', async () => {
    const { page } = person('ch-fp');
    orderPath = join(filesDir, ORDER_FILE);
    orderSha256 = sha256(writeOrderPdf(orderPath));

    // The request's documents: none yet; she is the one answering, so she may attach one.
    const documents = page.getByTestId('request-documents');
    await documents.waitFor();
    await documents.getByTestId('evidence-upload').click();
    const dialog = page.getByTestId('evidence-upload-dialog');
    await dialog.waitFor();
    expect(await page.getByTestId('evidence-request-fixed').textContent()).toBe(`Pour la demande ${requestReference}`);
    await page.getByTestId('evidence-title').fill(ORDER_TITLE);
    // A scan over the deployment's limit (1 MB here) is refused in the browser, before any upload.
    const scanPath = join(filesDir, 'scan-complet.pdf');
    writeFileSync(scanPath, Buffer.alloc(1536 * 1024, 0x25));
    expect(await page.getByTestId('evidence-limit').textContent()).toMatch(/^Jusqu’à 1(,0)?\sMo par fichier\.$/);
    await page.getByTestId('evidence-file-input').setInputFiles(scanPath);
    const tooLarge = page.getByTestId('evidence-too-large');
    await tooLarge.waitFor();
    expect(await tooLarge.textContent()).toMatch(/^Ce fichier fait 1,5\sMo : un document ne peut dépasser 1(,0)?\sMo\./);
    await page.getByTestId('evidence-upload-submit').click();
    expect(await page.getByTestId('evidence-progress').count()).toBe(0);
    expect(await tooLarge.count()).toBe(1);
    await page.getByTestId('evidence-file-input').setInputFiles(orderPath);
    await tooLarge.waitFor({ state: 'detached' });
    await expect.poll(() => page.getByTestId('evidence-file-name').textContent()).toContain(ORDER_FILE);
    await page.getByTestId('evidence-upload-submit').click();
    await dialog.waitFor({ state: 'detached' });
    const card = documents.getByTestId('evidence-document');
    await card.waitFor();
    orderId = (await card.getAttribute('data-id')) ?? '';
    expect(orderId).toMatch(/^[0-9a-f-]{36}$/);
    expect(await card.getAttribute('data-request')).toBe(requestId);
    expect(await card.getAttribute('data-sha256')).toBe(orderSha256);
    expect(await card.getByTestId('evidence-document-name').textContent()).toBe(ORDER_FILE);

    // The freeze, on the account in the case's assets.
    await page.getByTestId('request-case-link').click();
    await page.getByTestId('case-page').waitFor();
    await openTab(page, 'assets');
    await assetRow(page, entityIds.account).getByTestId('asset-open').click();
    await page.getByTestId('asset-view').waitFor();
    // More than France identified is refused by the server, next to the amount.
    const form = await recordStep(page, { stage: /^Gelé/, amount: '3 000 000', authority: AUTHORITY, reference: ORDER_REFERENCE, document: new RegExp(`^${ORDER_TITLE}`) });
    // What France recorded comes forward: the currency, the jurisdiction, what is left to freeze.
    expect(await page.getByTestId('asset-step-currency').inputValue()).toMatch(/^CHF/);
    expect(await page.getByTestId('asset-step-jurisdiction').inputValue()).toBe('Suisse');
    expect(await page.getByTestId('asset-step-measure-type').inputValue()).toBe('Ordonnance de gel');
    expect(await form.textContent()).toMatch(/Au plus 2\s500\s000,00\sCHF restent à l’étape précédente\./);
    await page.getByTestId('asset-step-form-submit').click();
    await form.getByText('Plus que ce que détient l’étape précédente dans cette devise', { exact: false }).waitFor();
    await page.getByTestId('asset-step-amount').fill('1 800 000');
    await page.getByTestId('asset-step-form-submit').click();
    await form.waitFor({ state: 'detached' });
    const frozen = page.locator('[data-testid="asset-measure"][data-stage="frozen"]');
    await frozen.waitFor();
    expect(await frozen.getAttribute('data-amount')).toBe('1800000.00');
    expect(await frozen.getByTestId('asset-measure-authority').textContent()).toBe(AUTHORITY);
    expect(await frozen.getByTestId('asset-measure-reference').textContent()).toBe(ORDER_REFERENCE);
    expect(await frozen.getByTestId('asset-measure-document').textContent()).toBe(ORDER_TITLE);
    await page.keyboard.press('Escape');

    // Back to the request, to answer it.
    await page.goto(url(`/requests/${requestId}`));
    const view = page.getByTestId('request-view');
    await view.waitFor();
    await page.getByTestId('request-action-answer').click();
    // The answer is the substance: it cannot be sent empty.
    await page.getByTestId('request-action-confirm').click();
    await page.getByTestId('request-action-dialog').getByText('Obligatoire.').waitFor();
    await page.getByTestId('request-action-note').fill(ANSWER);
    await page.getByTestId('request-action-confirm').click();
    await expect.poll(() => view.getAttribute('data-state')).toBe('answered');
    expect(await page.getByTestId('clock-stopped').count()).toBe(1);
    expect(await page.getByTestId('request-actions').count()).toBe(0);
    await shot(page, 'cases-request-answered-ch');
  });

  it('with her answer she writes to France about the request, from the request page', async () => {
    const { page } = person('ch-fp');
    const messages = page.getByTestId('request-messages');
    await messages.getByTestId('request-messages-empty').waitFor();
    await messages.getByTestId('request-write-message').click();
    // The composer opens on a draft to France's member of the case, about the request.
    await page.getByTestId('compose').waitFor();
    await page.getByTestId('compose-about-request').waitFor();
    await expect.poll(() => page.getByTestId('compose').getByText(/Amélie Durand/).count()).toBeGreaterThan(0);
    noteSubject = await page.getByTestId('compose-subject').inputValue();
    expect(noteSubject).toBe(`${requestReference} · ${REQUEST_TITLE}`);
    await page.getByTestId('compose-body').fill(NOTE_BODY);
    await expect.poll(() => page.getByTestId('compose-save-status').getAttribute('data-status'), { timeout: 15_000 }).toBe('saved');
    await page.getByTestId('compose-send').click();
    await page.waitForURL(/\/mail\/sent$/);

    // Back on the request, the message is listed for her, and in the history.
    await page.goto(url(`/requests/${requestId}`));
    const row = page.getByTestId('request-messages').getByTestId('request-message');
    await row.waitFor();
    expect(await row.getAttribute('data-role')).toBe('sender');
    noteId = (await row.getAttribute('data-id')) ?? '';
    expect(noteId).toMatch(/^[0-9a-f-]{36}$/);
    expect(await page.getByTestId('request-event').first().getAttribute('data-message')).toBe(noteId);
  });

  it('France sees the answer arrive without reloading, with the clock stopped', async () => {
    const { page } = person('fr-fp');
    const view = page.getByTestId('request-view');
    await expect.poll(() => view.getAttribute('data-state'), { timeout: 15_000 }).toBe('answered');
    expect(await page.getByTestId('request-deadline').getByTestId('deadline').getAttribute('data-status')).toBe('stopped');
    expect(await page.getByTestId('clock-stopped').textContent()).toBe('Délai arrêté');
    expect(await page.getByTestId('request-event-note').allTextContents()).toContain(ANSWER);
    // The freezing order came with it, linked to the request.
    const order = page.getByTestId('request-documents').locator(`[data-testid="evidence-document"][data-id="${orderId}"]`);
    await order.waitFor();
    expect(await order.getByTestId('evidence-document-title').textContent()).toBe(ORDER_TITLE);
    // She asked; Switzerland answers: nothing for her to attach here.
    expect(await page.getByTestId('request-documents').getByTestId('evidence-upload').count()).toBe(0);
    // Switzerland's message about the request arrives too, unread, and takes its place in the history.
    const note = page.getByTestId('request-messages').locator(`[data-testid="request-message"][data-id="${noteId}"]`);
    await note.waitFor({ timeout: 15_000 });
    expect(await note.getAttribute('data-role')).toBe('to');
    expect(await note.getByTestId('request-message-unread').count()).toBe(1);
    expect(await note.getByTestId('request-message-subject').textContent()).toBe(noteSubject);
    expect(await page.getByTestId('request-event').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-action')))).toEqual(['message', 'answer', 'acknowledge', 'send', 'create']);
    // Her move now: close it.
    expect(await page.getByTestId('request-action-close').count()).toBe(1);
    await shot(page, 'cases-request');

    // She reads it from the request page; the message says which request it is about.
    await note.getByTestId('request-message-subject').click();
    await page.getByTestId('message-view').waitFor();
    expect(await page.getByTestId('message-view').textContent()).toContain(NOTE_BODY);
    expect(await page.getByTestId('message-from').textContent()).toContain('Sophie Rochat');
    expect(await page.getByTestId('message-request').textContent()).toContain(requestReference);
    await page.getByTestId('message-request').getByRole('link').click();
    await page.getByTestId('request-view').waitFor();
    await expect.poll(() => page.getByTestId('request-message-unread').count()).toBe(0);
  });

  it('the case timeline tells the story, newest first', async () => {
    const { page } = person('fr-fp');
    await page.getByTestId('request-case-link').click();
    await page.getByTestId('case-page').waitFor();
    await openTab(page, 'timeline');
    await page.getByTestId('timeline-event').first().waitFor();
    const kinds = await page.getByTestId('timeline-event').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-kind')));
    // Switzerland's order and freeze came between acknowledging and answering; France's identification before the request.
    expect(kinds.slice(0, 6)).toEqual(['request_answer', 'measure_recorded', 'document_uploaded', 'request_acknowledge', 'request_send', 'measure_recorded']);
    expect(kinds).toEqual(expect.arrayContaining(['member_added', 'country_added', 'entity_added', 'created']));
    expect(kinds[kinds.length - 1]).toBe('created');
    expect(kinds.filter((k) => k === 'entity_added')).toHaveLength(4);
    const details = await page.getByTestId('timeline-details').allTextContents();
    expect(details).toEqual(expect.arrayContaining([`${requestReference} · à Suisse`, 'Sophie Rochat (Suisse)', 'Suisse : Avoirs situés ici', `${COMPANY} (Société)`, ORDER_TITLE]));
    expect(details.map((d) => d.replace(/[\u00A0\u202F]/g, ' '))).toEqual(expect.arrayContaining([`${IBAN} : Gelé, 1 800 000,00 CHF`, `${IBAN} : Identifié, 2 500 000,00 CHF`]));
    await shot(page, 'cases-timeline');
  });

  it('France sees the account frozen on the Assets tab, and the order with its SHA-256; she downloads it and the chain of custody shows the upload and the download', async () => {
    const { page } = person('fr-fp');
    await openTab(page, 'assets');
    const row = assetRow(page, entityIds.account);
    await expect.poll(() => row.getAttribute('data-stage')).toBe('frozen');
    expect(await row.getByTestId('asset-stage').textContent()).toBe('Gelé');
    expect(await row.getByTestId('asset-row-stage-amount').getAttribute('data-amount')).toBe('1800000.00');
    expect(await row.getByTestId('country-tag').getAttribute('data-country')).toBe('CH');
    // Totals: 1,800,000 CHF frozen, 2,034,000 USD, 72 % of what was identified.
    const frozenTotal = page.locator('[data-testid="asset-total"][data-stage="frozen"]');
    await expect.poll(() => frozenTotal.locator('[data-testid="asset-total-currency"][data-currency="CHF"]').getAttribute('data-amount')).toBe('1800000.00');
    expect(await frozenTotal.getByTestId('asset-total-converted').getAttribute('data-amount')).toBe('2034000.00');
    expect(await frozenTotal.textContent()).toMatch(/72\s%/);

    await row.getByTestId('asset-open').click();
    await page.getByTestId('asset-view').waitFor();
    // Identified, traced (skipped), frozen: the third step of five is reached.
    expect(await page.getByTestId('asset-stepper').getAttribute('data-active')).toBe('3');
    expect(await page.getByTestId('asset-measure').evaluateAll((nodes) => nodes.map((n) => `${n.getAttribute('data-stage')}:${n.getAttribute('data-amount')}`))).toEqual(['identified:2500000.00', 'frozen:1800000.00']);
    const frozen = page.locator('[data-testid="asset-measure"][data-stage="frozen"]');
    expect(await frozen.getByTestId('asset-measure-authority').textContent()).toBe(AUTHORITY);
    expect(await frozen.textContent()).toContain('Ordonnance de gel');
    // "Traced" was passed over: shown as not recorded rather than done.
    expect(await page.getByTestId('asset-stepper').locator('[data-skipped="true"]').count()).toBe(1);
    await page.waitForTimeout(400);
    await shot(page, 'cases-assets');

    // The order behind the freeze opens on the Evidence tab.
    await frozen.getByTestId('asset-measure-document').click();
    await page.getByTestId('evidence-tab').waitFor();
    expect(await page.getByTestId(`case-tab-evidence`).getAttribute('aria-selected')).toBe('true');
    const card = page.locator(`[data-testid="evidence-document"][data-id="${orderId}"]`);
    await card.waitFor();
    expect(await card.getAttribute('data-owner')).toBe('CH');
    expect(await card.getAttribute('data-sha256')).toBe(orderSha256);
    expect(await card.getByTestId('attachment-sha256').first().textContent()).toBe(`SHA-256 ${orderSha256.slice(0, 12)}…`);
    expect(await card.getByTestId('evidence-document-request').textContent()).toBe(`Pour la demande ${requestReference}`);
    // Opened at this document: its versions are shown; only Switzerland may add one.
    expect(await card.getByTestId('evidence-version').count()).toBe(1);
    expect(await card.getByTestId('evidence-new-version').count()).toBe(0);
    expect(await card.getByTestId('evidence-preview').count()).toBeGreaterThan(0);

    const [download] = await Promise.all([page.waitForEvent('download'), card.getByTestId('evidence-download').first().click()]);
    expect(download.suggestedFilename()).toBe(ORDER_FILE);
    expect(sha256(readFileSync(await download.path()))).toBe(orderSha256);

    await card.getByTestId('evidence-custody-toggle').click();
    const custody = card.getByTestId('evidence-custody-event');
    await expect
      .poll(() => custody.evaluateAll((nodes) => nodes.map((n) => `${n.getAttribute('data-action')}:${n.getAttribute('data-country')}:${n.getAttribute('data-version')}`)))
      .toEqual(['uploaded:CH:1', 'downloaded:FR:1']);
    expect(await card.getByTestId('evidence-custody').getByTestId('attachment-sha256').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-sha256')))).toEqual([orderSha256, orderSha256]);
    await shot(page, 'cases-evidence');
  });

  it('the link chart draws the person, the company and the account, with the ownership between them', async () => {
    const { page } = person('fr-fp');
    await openTab(page, 'chart');
    const chart = page.getByTestId('link-chart');
    await chart.waitFor();
    await chart.locator('canvas').first().waitFor({ state: 'attached' });
    expect(await chart.locator('canvas').count()).toBeGreaterThan(0);
    expect(await chart.getAttribute('data-nodes')).toBe('3');
    expect(await chart.getAttribute('data-edges')).toBe('1');
    const box = await chart.boundingBox();
    expect(box!.width).toBeGreaterThan(400);
    expect(box!.height).toBeGreaterThan(400);
    await page.waitForTimeout(500);
    await shot(page, 'cases-link-chart');

    // The entities list holds the same.
    await openTab(page, 'entities');
    expect(await page.getByTestId('entity-row').count()).toBe(4);
    expect(await page.getByTestId('entity-group-people').getByTestId('entity-open').textContent()).toBe(NAME_CYRILLIC);
  });

  it('she exports the entities as FtM JSON lines, and imports a file with a bad line: nothing, then the good lines', async () => {
    const { page } = person('fr-fp');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('entity-export').click()]);
    expect(download.suggestedFilename()).toBe(`${caseReference}.ftm.json`);
    const lines = readFileSync(await download.path(), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { schema: string; properties: Record<string, string[]> });
    expect(lines.map((l) => l.schema).sort()).toEqual(['BankAccount', 'Company', 'Ownership', 'Person']);
    expect(lines.find((l) => l.schema === 'Person')!.properties.name).toEqual([NAME_CYRILLIC, NAME_LATIN]);

    const file = join(filesDir, 'alpine.ftm.json');
    writeFileSync(
      file,
      [
        JSON.stringify({ id: 'alpine-trust', schema: 'Company', properties: { name: ['Alpine Trust AG'], jurisdiction: ['li'] } }),
        JSON.stringify({ id: 'alpine-account', schema: 'BankAccount', properties: { iban: ['LI00 0000 0000'] } }),
        '',
      ].join('\n'),
    );
    await page.getByTestId('entity-import').click();
    await page.getByTestId('import-dialog').waitFor();
    await page.getByTestId('import-file-input').setInputFiles(file);
    await page.getByTestId('import-file-name').waitFor();
    // By default a bad line stops everything.
    await page.getByTestId('import-start').click();
    const result = page.getByTestId('import-result');
    await result.waitFor();
    expect(await result.getAttribute('data-rolled-back')).toBe('true');
    expect(await page.getByTestId('import-error').count()).toBe(1);
    expect(await page.getByTestId('import-error').first().textContent()).toMatch(/^2.*iban/);
    await shot(page, 'cases-import-errors');

    await page.getByTestId('import-mode-skip').check();
    await page.getByTestId('import-start').click();
    await expect.poll(() => result.getAttribute('data-rolled-back')).toBe('false');
    expect(await result.getAttribute('data-imported')).toBe('1');
    await page.keyboard.press('Escape');
    await page.getByTestId('import-dialog').waitFor({ state: 'detached' });
    await expect.poll(() => page.getByTestId('entity-row').count()).toBe(5);
    await page.getByTestId('entity-row').filter({ hasText: 'Alpine Trust AG' }).waitFor();
  });

  it('an officer of a third country gets the not-found page for the case and the request', async () => {
    const { page } = await signIn('ng-fp', 'en-GB');
    await page.goto(url(`/cases/${caseId}`));
    await page.getByTestId('case-not-found').waitFor();
    expect(await page.getByTestId('case-page').count()).toBe(0);
    expect(await page.getByText(CASE_TITLE).count()).toBe(0);
    await page.goto(url(`/requests/${requestId}`));
    await page.getByTestId('request-not-found').waitFor();
    const api = await apiFromPage(page, 'GET', `/api/cases/${caseId}`);
    expect(api.status).toBe(404);
  });

  it('in Arabic, right to left, the case page mirrors', async () => {
    const { page } = person('fr-fp');
    await openTab(page, 'overview');
    await page.getByTestId('language-switcher').click();
    await page.getByTestId('language-ar').click();
    await page.waitForFunction(() => document.documentElement.dir === 'rtl');
    await expect.poll(() => page.getByTestId('case-tab-overview').textContent()).toBe('نظرة عامة');
    const nav = await page.getByTestId('nav-cases').boundingBox();
    const main = await page.getByTestId('case-page').boundingBox();
    expect(nav!.x).toBeGreaterThan(main!.x);
    await page.waitForTimeout(300);
    await shot(page, 'cases-overview-arabic');
    await openTab(page, 'entities');
    await entityRow(page, 'Ownership').waitFor();
    await shot(page, 'cases-entities-arabic');
    await openTab(page, 'assets');
    await expect.poll(() => assetRow(page, entityIds.account).getByTestId('asset-stage').textContent()).toBe('مُجمَّد');
    await shot(page, 'cases-assets-arabic');
  });

  it('no page threw an error or broke the Content-Security-Policy', () => {
    expect(pageProblems).toEqual([]);
  });
});
