import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemo, signInDemo, type DemoWorld, type SignedIn } from './demo.js';
import { apiFromPage, launchBrowser, pageProblems, screenshot } from './harness.js';
import { spawnServer, type ServerProcess } from './server-process.js';

/**
 * Entity matching across cases through the browser. France holds "Oleksandr PETRENKO" (born
 * 1961) in a case it opened, imported from an FtM file with other people (the entities tab shows
 * the cross-referencing progress while the server's queue holds some of them). Nigeria opens its own case and records
 * "Олександр Петренко", born 1961-04-02. The background matcher pairs them: France is told only
 * that a possible match is held in a case led by Nigeria — no reference, no name — in the
 * entity drawer and in a name search. She asks for access; the Nigerian lead sees the request
 * (and which of his entities it is about) and grants it; France then sees the pair live with
 * the matcher's explanation, judges it "Same" from her queue, which no longer lists it, and
 * opens the Nigerian entity in the shared-entity view.
 *
 * France's side is in French (her profile's language), hence the test ids and French texts.
 */

const dataDir = mkdtempSync(join(tmpdir(), 'focal-e2e-matching-'));
const filesDir = mkdtempSync(join(tmpdir(), 'focal-e2e-matching-ftm-'));
let server: ServerProcess;
let browser: Browser;
let world: DemoWorld;
const people: Record<string, SignedIn> = {};

const FR_NAME = 'Oleksandr PETRENKO';
const NG_NAME = 'Олександр Петренко';
const REASON = 'The same man bought a villa in Nice in 2019 with funds we are tracing (Paris investigation PNF-2024-117).';
/** People imported with France's subject. */
const FILLERS = 12;

let frCaseId = '';
let frEntityId = '';
let ngCaseId = '';
let ngCaseReference = '';
let ngEntityId = '';
let candidateId = '';

const url = (path: string) => new URL(path, server.url).href;

function person(key: string): SignedIn {
  const p = people[key];
  if (!p) throw new Error(`${key} is not signed in`);
  return p;
}

async function signIn(key: string, locale: string): Promise<SignedIn> {
  people[key] = await signInDemo(browser, server.url, world, key, locale);
  return people[key];
}

async function openTab(page: Page, tab: 'overview' | 'entities') {
  await page.getByTestId(`case-tab-${tab}`).click();
  await expect.poll(() => page.getByTestId(`case-tab-${tab}`).getAttribute('aria-selected')).toBe('true');
}

/** Opens a case as its creator would: the case list, "new case", a title, create. */
async function openCase(page: Page, title: string): Promise<string> {
  await page.getByTestId('nav-cases').click();
  await page.getByTestId('case-new').click();
  await page.getByTestId('case-form').waitFor();
  await page.getByTestId('case-title-input').fill(title);
  await page.getByTestId('case-create').click();
  await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
  await page.getByTestId('case-overview').waitFor();
  return page.url().split('/').pop()!;
}

/** Full-page screenshots from the top, so the fixed header sits where it belongs. */
async function shot(page: Page, name: string) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, name);
}

const drawerCard = (page: Page, kind: 'hit' | 'match'): Locator => page.getByTestId('entity-matches').locator(`[data-testid="match-card"][data-kind="${kind}"]`);

/** Everything the page shows and holds in its markup. */
const pageText = (page: Page) => page.evaluate(() => `${document.body.innerText}\n${document.documentElement.outerHTML}`);

beforeAll(async () => {
  world = loadDemo(dataDir);
  server = await spawnServer(dataDir, { NODE_ENV: 'production' });
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

describe('matching: a subject held by France and by Nigeria, found across their cases', () => {
  it('France imports her subject with other people, and sees them cross-referenced', async () => {
    const { page } = await signIn('fr-fp', 'fr-FR');
    frCaseId = await openCase(page, 'Achat d’une villa à Nice — fonds d’origine inconnue');
    await openTab(page, 'entities');

    const file = join(filesDir, 'villa.ftm.json');
    const lines = [JSON.stringify({ id: 'petrenko', schema: 'Person', properties: { name: [FR_NAME], birthDate: ['1961'], nationality: ['ua'] } })];
    for (let i = 1; i <= FILLERS; i++) lines.push(JSON.stringify({ id: `witness-${i}`, schema: 'Person', properties: { name: [`Témoin ${String(i).padStart(3, '0')}`] } }));
    writeFileSync(file, `${lines.join('\n')}\n`);

    await page.getByTestId('entity-import').click();
    await page.getByTestId('import-dialog').waitFor();
    await page.getByTestId('import-file-input').setInputFiles(file);
    // The server's worker cross-references a few dozen entities faster than the page asks how
    // many are left, so the first answers are scripted here (the page polls every 2 s); the
    // next ones come from the server, which has finished by then.
    const scripted = [FILLERS + 1, 5];
    const asked: number[] = [];
    await page.route(`**/api/cases/${frCaseId}/matching`, async (route) => {
      asked.push(Date.now());
      const pending = scripted.shift();
      if (pending === undefined) return route.fallback();
      return route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ pending }) });
    });
    await page.getByTestId('import-start').click();
    const result = page.getByTestId('import-result');
    await result.waitFor({ timeout: 60_000 });
    expect(await result.getAttribute('data-imported')).toBe(String(FILLERS + 1));
    await page.keyboard.press('Escape');
    await page.getByTestId('import-dialog').waitFor({ state: 'detached' });

    // The tab says how many are left while any are, asking again every 2 s, then says nothing.
    const pending = page.getByTestId('matching-pending');
    await pending.waitFor({ timeout: 15_000 });
    expect(Number(await pending.getAttribute('data-pending'))).toBeGreaterThan(0);
    expect(await pending.textContent()).toMatch(new RegExp(`^Rapprochement avec les autres affaires : encore (${FILLERS + 1}|5) entités…$`));
    await shot(page, 'matching-cross-referencing');
    await pending.waitFor({ state: 'detached', timeout: 15_000 });
    expect(asked.length).toBeGreaterThanOrEqual(3);
    expect(asked.some((at, i) => i > 0 && at - asked[i - 1]! > 1500)).toBe(true);
    await page.unroute(`**/api/cases/${frCaseId}/matching`);
    expect(await apiFromPage(page, 'GET', `/api/cases/${frCaseId}/matching`)).toEqual({ status: 200, json: { pending: 0 } });

    const row = page.getByTestId('entity-row').filter({ hasText: FR_NAME });
    await row.waitFor();
    frEntityId = (await row.getAttribute('data-id')) ?? '';
    expect(frEntityId).toMatch(/^[0-9a-f-]{36}$/);
    // Nothing to match yet: no other case holds him.
    await row.getByTestId('entity-open').click();
    await page.getByTestId('entity-matches-none').waitFor();
    // She provided him: she may make him hit/no-hit only.
    expect(await page.getByTestId('entity-blind').count()).toBe(1);
    await page.keyboard.press('Escape');
  });

  it('Nigeria opens a case and records Олександр Петренко, born 1961-04-02', async () => {
    const { page } = await signIn('ng-fp', 'en-GB');
    ngCaseId = await openCase(page, 'Oil revenue embezzlement — Petrenko network');
    ngCaseReference = (await page.getByTestId('case-reference').textContent()) ?? '';
    expect(ngCaseReference).toMatch(/^AR-\d{4}-NG-\d{4}$/);
    await openTab(page, 'entities');
    await page.getByTestId('entity-add').click();
    await page.getByTestId('entity-form').waitFor();
    await page.getByTestId('entity-schema').click();
    await page.getByRole('option', { name: /^Person$/ }).click();
    await page.getByTestId('entity-value-name-0').fill(NG_NAME);
    await page.getByTestId('entity-value-birthDate-0').fill('1961-04-02');
    await page.getByTestId('entity-create').click();
    await page.getByTestId('entity-form').waitFor({ state: 'detached' });
    const row = page.getByTestId('entity-row').filter({ hasText: NG_NAME });
    await row.waitFor();
    ngEntityId = (await row.getAttribute('data-id')) ?? '';

    // Within seconds the matcher finds France's subject: Nigeria too is told only of a case led by France.
    await row.getByTestId('entity-open').click();
    const hit = drawerCard(page, 'hit');
    await hit.waitFor({ timeout: 20_000 });
    expect(await hit.getAttribute('data-lead')).toBe('FR');
    expect(await page.getByTestId('match-hit-title').textContent()).toBe('A possible match is held in a case led by France');
    expect(await pageText(page)).not.toContain(FR_NAME);
    expect(await pageText(page)).not.toContain(frCaseId);
    await page.keyboard.press('Escape');
  });

  it('France is shown the hit — a case led by Nigeria, and nothing else of it', async () => {
    const { page } = person('fr-fp');
    await page.goto(url(`/cases/${frCaseId}/entities?entity=${frEntityId}`));
    const hit = drawerCard(page, 'hit');
    await hit.waitFor({ timeout: 20_000 });
    candidateId = (await hit.getAttribute('data-candidate')) ?? '';
    expect(await hit.getAttribute('data-lead')).toBe('NG');
    expect(await page.getByTestId('match-hit-title').textContent()).toMatch(/^Une correspondance possible est détenue dans une affaire dirigée par : Nig[ée]ria$/);
    expect(await hit.getByTestId('access-status').count()).toBe(0);
    const seen = await pageText(page);
    for (const secret of [ngCaseReference, ngCaseId, ngEntityId, NG_NAME, 'Петренко', 'Олександр']) expect(seen).not.toContain(secret);
    await shot(page, 'matching-hit');
  });

  it('a name search finds her subject and counts the hit by the lead country of its case', async () => {
    const { page } = person('fr-fp');
    await page.getByTestId('header-search').fill('Oleksandr Petrenko');
    await page.getByTestId('header-search').press('Enter');
    await page.waitForURL(/\/search\?q=Oleksandr(\+|%20)Petrenko$/);
    const results = page.getByTestId('search-result');
    await results.first().waitFor();
    expect(await results.evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-id')))).toEqual([frEntityId]);
    expect(Number(await results.first().getAttribute('data-score'))).toBeGreaterThan(0.8);
    expect(await results.first().getByTestId('match-evidence').count()).toBeGreaterThan(0);
    expect(await results.first().getByTestId('search-result-link').getAttribute('href')).toBe(`/cases/${frCaseId}/entities?entity=${frEntityId}`);
    expect(await page.getByTestId('search-hits').textContent()).toMatch(/^Correspondances possibles aussi détenues dans des affaires dirigées par : Nig[ée]ria \(1\)$/);
    const seen = await pageText(page);
    for (const secret of [ngCaseReference, ngCaseId, ngEntityId, 'Петренко']) expect(seen).not.toContain(secret);
    await shot(page, 'matching-search');
  });

  it('France asks the Nigerian lead for access, with her reason', async () => {
    const { page } = person('fr-fp');
    await page.goto(url(`/cases/${frCaseId}/entities?entity=${frEntityId}`));
    const hit = drawerCard(page, 'hit');
    await hit.waitFor();
    await hit.getByTestId('match-ask-access').click();
    const dialog = page.getByTestId('match-access-dialog');
    await dialog.waitFor();
    // Too short a reason is caught before anything is sent.
    await page.getByTestId('match-access-reason').fill('ok');
    await page.getByTestId('match-access-submit').click();
    await dialog.getByText('Écrivez un motif d’au moins 3 caractères.').waitFor();
    await page.getByTestId('match-access-reason').fill(REASON);
    await page.getByTestId('match-access-submit').click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => hit.getByTestId('access-status').getAttribute('data-status')).toBe('pending');
    expect(await hit.getByTestId('match-ask-access').count()).toBe(0);
  });

  it('the Nigerian lead sees the request — who asks, why, for which entity — and grants it', async () => {
    const { page } = person('ng-fp');
    // Live: his own hit on France's case to ask about, and the request to decide.
    await expect.poll(() => page.getByTestId('nav-matches-count').textContent().catch(() => null), { timeout: 15_000 }).toBe('2');
    await page.getByTestId('nav-matches').click();
    await page.getByTestId('matches-title').waitFor();
    await page.getByTestId('matches-tab-requests').click();
    const request = page.getByTestId('access-requests-to-decide').getByTestId('access-request');
    await request.waitFor();
    expect(await request.getAttribute('data-status')).toBe('pending');
    expect(await request.getByTestId('access-requester').textContent()).toBe('Amélie Durand (Amelie Durand) (France) asks to see one of your entities');
    expect(await request.getByTestId('access-reason').textContent()).toContain(REASON);
    expect(await request.getByTestId('access-entity').textContent()).toBe(NG_NAME);
    expect(await request.getByTestId('access-entity').getAttribute('href')).toBe(`/cases/${ngCaseId}/entities?entity=${ngEntityId}`);
    await shot(page, 'matching-access-request');

    await request.getByTestId('access-grant').click();
    await expect.poll(() => request.getAttribute('data-status')).toBe('granted');
    expect(await request.getByTestId('access-grant').count()).toBe(0);
  });

  it('France sees the pair at once, with the matcher’s explanation', async () => {
    const { page } = person('fr-fp');
    // Her drawer is still open: the decision arrives over the event stream.
    const match = drawerCard(page, 'match');
    await match.waitFor({ timeout: 15_000 });
    expect(await match.getAttribute('data-candidate')).toBe(candidateId);
    expect(await match.getByTestId('match-entity-caption').textContent()).toBe(NG_NAME);
    // Not a member of the Nigerian case: the entity opens in the shared-entity view.
    expect(await match.getByTestId('match-entity-caption').getAttribute('href')).toBe(`/shared-entities/${ngEntityId}`);
    expect(await match.getByTestId('match-case-reference').textContent()).toBe(ngCaseReference);
    expect(Number(await match.getByTestId('match-score').getAttribute('data-score'))).toBeGreaterThan(0.7);
    const evidence = await match.getByTestId('match-evidence').evaluateAll((nodes) => nodes.map((n) => `${n.getAttribute('data-kind')}:${n.getAttribute('data-effect')}`));
    expect(evidence).toEqual(expect.arrayContaining(['name:for', 'birthDate:for']));
    // In her language: the parts of the names, how they agree, the dates of birth.
    const explanation = (await match.getByTestId('match-explanation').textContent()) ?? '';
    expect(explanation).toContain('translittéré');
    expect(explanation).not.toMatch(/transliterated|explication en anglais/);
    expect(await match.getByTestId('match-evidence').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-code')))).toContain('name.compared');
    expect(await match.getByTestId('match-blind').count()).toBe(0);
    await shot(page, 'matching-match');
  });

  it('she judges it "Same" from her queue, which then no longer lists it', async () => {
    const { page } = person('fr-fp');
    await page.keyboard.press('Escape');
    await page.getByTestId('nav-matches').click();
    await page.getByTestId('matches-title').waitFor();
    const card = page.getByTestId('matches-review').locator(`[data-testid="match-card"][data-candidate="${candidateId}"]`);
    await card.waitFor();
    // Both sides, side by side, each with its case.
    expect(await card.getByTestId('match-entity').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-id')))).toEqual([frEntityId, ngEntityId]);
    expect(await card.getByTestId('match-case-reference').allTextContents()).toEqual([expect.stringMatching(/^AR-\d{4}-FR-\d{4}$/), ngCaseReference]);
    await card.getByTestId('match-verdict-same').click();
    await card.waitFor({ state: 'detached' });
    await page.getByTestId('empty-state').waitFor();
    expect(await page.getByTestId('match-card').count()).toBe(0);
    await expect.poll(() => page.getByTestId('nav-matches-count').count()).toBe(0);

    // The case page remembers her verdict.
    await page.goto(url(`/cases/${frCaseId}/entities?entity=${frEntityId}`));
    const match = drawerCard(page, 'match');
    await match.waitFor();
    expect(await match.getByTestId('match-verdict').getAttribute('data-verdict')).toBe('same');
    expect(await match.getByTestId('match-verdict-same').count()).toBe(0);
  });

  it('the Nigerian entity opens for her in the shared-entity view', async () => {
    const { page } = person('fr-fp');
    await drawerCard(page, 'match').getByTestId('match-entity-caption').click();
    await page.waitForURL(new RegExp(`/shared-entities/${ngEntityId}$`));
    await page.getByTestId('shared-entity').waitFor();
    expect(await page.getByTestId('shared-entity-caption').textContent()).toBe(NG_NAME);
    expect(await page.getByTestId('shared-entity-case').textContent()).toBe(ngCaseReference);
    expect(await page.getByTestId('shared-entity-granted').count()).toBe(1);
    const birth = page.locator('[data-testid="shared-entity-property"][data-prop="birthDate"] [data-testid="shared-entity-value"]');
    expect(await birth.getAttribute('data-value')).toBe('1961-04-02');
    await shot(page, 'matching-shared-entity');
  });

  it('no page error and no Content-Security-Policy violation on the way', () => {
    expect(pageProblems).toEqual([]);
  });
});
