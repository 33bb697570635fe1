import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newUser, pageProblems, screenshot } from './harness.js';
import { loadDemo, signInDemo, type DemoWorld, type SignedIn } from './demo.js';
import { spawnServer, type ServerProcess } from './server-process.js';

/**
 * A training workshop from nomination to certificate, through the web UI of a built server
 * loaded with the demo network. The secretariat (in French) organises a one-day workshop on
 * crypto-assets from the demo curriculum; Egypt's national admin (in Arabic) nominates Karim
 * El-Shenawy; the secretariat confirms seats, records attendance and issues certificates. Karim
 * (in Arabic, right to left) sees the notices, answers the evaluation and downloads his
 * certificate, whose text holds his name in Arabic script and the verification code. A visitor
 * who is not signed in checks the code on the public page; after the secretariat revokes the
 * certificate, the page says so. The workshop runs today, so its session has begun.
 */

const dataDir = mkdtempSync(join(tmpdir(), 'focal-e2e-training-'));
let server: ServerProcess;
let browser: Browser;
let world: DemoWorld;
const people: Record<string, SignedIn> = {};

const TITLE = 'Tracer les crypto-actifs — atelier régional';
const KARIM_AR = 'كريم الشناوي';
const KARIM_LATIN = 'Karim El-Shenawy';
const today = new Date().toISOString().slice(0, 10);

let workshopId = '';
let code = '';

const url = (path: string) => new URL(path, server.url).href;

async function signIn(key: string, locale: string): Promise<SignedIn> {
  people[key] = await signInDemo(browser, server.url, world, key, locale);
  return people[key]!;
}

function person(key: string): Page {
  const p = people[key];
  if (!p) throw new Error(`${key} is not signed in`);
  return p.page;
}

/** Opens a Mantine select (or multi-select), optionally types to filter, and picks the option. */
async function choose(page: Page, input: Locator, option: RegExp | string, typed?: string) {
  await input.click();
  if (typed !== undefined) await input.fill(typed);
  await page.getByRole('option', { name: option }).first().click();
}

async function openTab(page: Page, tab: string) {
  await page.getByTestId(`workshop-tab-${tab}`).click();
  await expect.poll(() => page.getByTestId(`workshop-tab-${tab}`).getAttribute('aria-selected')).toBe('true');
}

/** The text of a PDF as pdf.js reads it (right-to-left runs come back in logical order). */
async function pdfText(data: Buffer): Promise<string> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const document = await pdfjs.getDocument({ data: new Uint8Array(data), useSystemFonts: false, isEvalSupported: false }).promise;
  const page = await document.getPage(1);
  const content = await page.getTextContent();
  const text = content.items.map((item) => ('str' in item ? `${item.str}${item.hasEOL ? '\n' : ''}` : '')).join('');
  await document.destroy();
  return text;
}

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
});

describe('training: a workshop from nomination to a verified certificate', () => {
  it('the secretariat organises a workshop from the demo curriculum', async () => {
    const { page } = await signIn('secretariat', 'fr-FR');
    await page.getByTestId('nav-training').click();
    await page.getByTestId('training-title').waitFor();
    // The curriculum seeded by `focal demo`, with its course material.
    await page.getByTestId('training-tab-catalogue').click();
    await expect.poll(() => page.getByTestId('module-card').count()).toBeGreaterThanOrEqual(7);
    await expect.poll(() => page.locator('[data-testid="module-card"][data-title="Crypto-assets"] [data-testid="material-link"]').count()).toBe(1);

    await page.getByTestId('training-tab-workshops').click();
    await page.getByTestId('workshop-new').click();
    await page.getByTestId('workshop-form').waitFor();
    await page.getByTestId('workshop-title').fill(TITLE);
    await choose(page, page.getByTestId('workshop-host'), /^Jordanie$/, 'Jordan');
    await page.getByTestId('workshop-venue').fill('Amman, Institut judiciaire');
    await page.getByTestId('workshop-starts').fill(today);
    await page.getByTestId('workshop-ends').fill(today);
    await page.getByTestId('workshop-deadline').fill(today);
    await page.getByTestId('workshop-capacity').fill('12');
    await choose(page, page.getByTestId('workshop-modules'), /^Crypto-assets$/, 'Crypto');
    await page.keyboard.press('Escape');
    await page.getByTestId('workshop-save').click();
    await page.getByTestId('workshop-heading').waitFor();
    expect(await page.getByTestId('workshop-heading').textContent()).toBe(TITLE);
    workshopId = /\/training\/workshops\/([0-9a-f-]{36})/.exec(page.url())?.[1] ?? '';
    expect(workshopId).not.toBe('');
    await expect.poll(() => page.getByTestId('workshop-modules-list').textContent()).toContain('Crypto-assets');
  });

  it('Egypt’s national admin nominates Karim El-Shenawy', async () => {
    const { page } = await signIn('eg-admin', 'ar-EG');
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    await page.getByTestId('nav-training').click();
    await page.locator(`[data-testid="workshop-row"][data-id="${workshopId}"] [data-testid="workshop-link"]`).click();
    await openTab(page, 'participants');
    await choose(page, page.getByTestId('nominate-select'), new RegExp(KARIM_LATIN));
    await page.keyboard.press('Escape');
    await page.getByTestId('nominate-submit').click();
    const row = page.getByTestId('nomination-row').filter({ hasText: KARIM_AR });
    await row.waitFor();
    expect(await row.getByTestId('nomination-status').getAttribute('data-status')).toBe('pending');
  });

  it('the secretariat confirms seats, records attendance and issues the certificate', async () => {
    const page = person('secretariat');
    await page.goto(url(`/training/workshops/${workshopId}/participants`));
    await page.getByTestId('allocate-submit').click();
    const row = page.getByTestId('nomination-row').filter({ hasText: KARIM_AR });
    await expect.poll(() => row.getByTestId('nomination-status').getAttribute('data-status')).toBe('confirmed');
    await expect.poll(() => page.locator('[data-testid="seats-row"][data-country="EG"] [data-testid="seats-confirmed"]').textContent()).toBe('1');

    await openTab(page, 'attendance');
    await page.getByTestId('attendance-all-present').first().click();
    await expect.poll(() => page.getByTestId('attendance-box').first().isChecked()).toBe(true);
    await expect.poll(() => page.getByTestId('attendance-count').first().textContent()).toMatch(/1/);

    await openTab(page, 'certificates');
    await page.getByTestId('certificates-issue').click();
    await page.getByTestId('certificates-result').waitFor();
    await page.getByTestId('certificate-code').first().waitFor();
    code = ((await page.getByTestId('certificate-code').first().textContent()) ?? '').trim();
    expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    await screenshot(page, 'training-certificates');
  });

  it('Karim sees his seat and certificate, answers the evaluation and downloads the PDF with his Arabic name', async () => {
    const { page } = await signIn('eg-fp', 'ar-EG');
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    // Notices of the seat and of the certificate, counted in the navigation.
    await page.getByTestId('nav-training-count').waitFor();
    await page.getByTestId('nav-training').click();
    await page.getByTestId('training-tab-mine').click();
    await expect.poll(() => page.getByTestId('training-notice').count()).toBe(2);
    const kinds = await page.getByTestId('training-notice').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-kind')));
    expect(kinds.sort()).toEqual(['certificate_issued', 'seat_confirmed']);

    const row = page.locator(`[data-testid="my-training-row"][data-workshop="${workshopId}"]`);
    expect(await row.getByTestId('nomination-status').getAttribute('data-status')).toBe('confirmed');
    const [download] = await Promise.all([page.waitForEvent('download'), row.getByTestId('my-certificate-download').click()]);
    expect(download.suggestedFilename()).toMatch(/^certificate-Karim-El-Shenawy-\d{4}-\d{2}-\d{2}\.pdf$/);
    const pdf = readFileSync(await download.path());
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = await pdfText(pdf);
    expect(text).toContain(KARIM_AR);
    expect(text).toContain(KARIM_LATIN);
    expect(text).toContain(TITLE);
    expect(text).toContain(code);

    await page.getByTestId('training-notices-read').click();
    await page.getByTestId('nav-training-count').waitFor({ state: 'detached' });

    await page.goto(url(`/training/workshops/${workshopId}`));
    await page.getByTestId('my-evaluation-link').click();
    await page.getByTestId('evaluation-form').waitFor();
    for (const question of ['overall', 'relevance', 'trainers', 'materials', 'organisation']) {
      await page.getByTestId(`evaluation-${question}`).getByText('5', { exact: true }).click();
    }
    await page.getByTestId('evaluation-useful').fill('تتبع المحافظ الرقمية خطوة بخطوة');
    await page.getByTestId('evaluation-submit').click();
    await page.getByTestId('evaluation-thanks').waitFor();
    await screenshot(page, 'training-participant-ar');
  });

  it('a visitor who is not signed in verifies the certificate on the public page', async () => {
    const { page } = await newUser(browser, 'en-GB');
    people.visitor = { login: { email: '', name: '', country: '', totpSecret: '' }, context: page.context(), page };
    await page.goto(url(`/verify/${code}`));
    const result = page.getByTestId('verify-result');
    await result.waitFor();
    expect(await result.getAttribute('data-status')).toBe('valid');
    expect(await page.getByTestId('verify-name').textContent()).toBe(KARIM_AR);
    expect(await page.getByTestId('verify-name-latin').textContent()).toBe(KARIM_LATIN);
    expect(await page.getByTestId('verify-workshop').textContent()).toBe(TITLE);
    // Typed by hand, in lower case and without hyphens, a code is found all the same.
    await page.getByTestId('verify-code').fill(code.replace(/-/g, '').toLowerCase());
    await page.getByTestId('verify-submit').click();
    await expect.poll(() => page.getByTestId('verify-result').getAttribute('data-status')).toBe('valid');
    // A code that matches nothing is unknown.
    await page.goto(url('/verify/7QKM-2X9D-H4TB-WN3C'));
    await page.getByTestId('verify-unknown').waitFor();
    await screenshot(page, 'training-verify-unknown');
  });

  it('the secretariat reads the evaluation and revokes the certificate; the public page then says it was revoked', async () => {
    const page = person('secretariat');
    await page.goto(url(`/training/workshops/${workshopId}/evaluation`));
    await expect.poll(() => page.getByTestId('evaluation-responses').textContent()).toMatch(/1/);
    // The chart is drawn by ECharts, loaded only now.
    await expect.poll(() => page.locator('[data-testid="evaluation-chart"] svg').count()).toBe(1);
    await expect.poll(() => page.locator('[data-question="overall"] [data-testid="evaluation-average"]').textContent()).toBe('5');
    await screenshot(page, 'training-evaluation');

    await openTab(page, 'certificates');
    await page.getByTestId('certificate-revoke').first().click();
    await page.getByTestId('certificate-revoke-reason').fill('Présence saisie par erreur');
    await page.getByTestId('certificate-revoke-confirm').click();
    await page.getByTestId('certificate-revoked').first().waitFor();

    const visitor = person('visitor');
    await visitor.goto(url(`/verify/${code}`));
    await expect.poll(() => visitor.getByTestId('verify-result').getAttribute('data-status')).toBe('revoked');
    expect(await visitor.getByTestId('verify-name').textContent()).toBe(KARIM_AR);
    expect(await visitor.content()).not.toContain('Présence saisie par erreur');
    await screenshot(visitor, 'training-verify-revoked');
  });

  it('raised no page error or policy violation', () => {
    expect(pageProblems).toEqual([]);
  });
});
