import { createHash, randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiFromPage, freshTotp, launchBrowser, newUser, pageProblems, screenshot } from './harness.js';
import { runFocal, spawnServer, type ServerProcess } from './server-process.js';

/**
 * Secure mail through the web UI of a built server loaded with the demo network: a focal point
 * in France sends an urgent H2 message with a file to colleagues in Nigeria and Brazil; the
 * Nigerian sees it arrive without reloading, opens it, checks the file's fingerprint,
 * acknowledges and replies, while the sender watches the receipts change; a forward to Kenya
 * waits for the French provider's consent, which she grants from her consent requests, and
 * the Kenyan then reads it under the same handling code. The core flow again in Arabic, right
 * to left. The steps share state and run in order.
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

const dataDir = mkdtempSync(join(tmpdir(), 'focal-e2e-mail-'));
const filesDir = mkdtempSync(join(tmpdir(), 'focal-e2e-files-'));
let server: ServerProcess;
let browser: Browser;
let password = '';
const logins = new Map<string, DemoLogin>();
const people: Record<string, Person> = {};

const SUBJECT = 'Freeze request: accounts of Meridian Holdings';
const BODY = [
  'Dear colleagues,',
  '',
  'Please **freeze** the accounts listed in the attached file before _Friday_.',
  'Details on [the bank portal](https://bank.example/portal?case=42).',
  '![tracking pixel](https://tracker.example/pixel.png)',
  '<b>raw html</b> <script>window.__pwned = true</script>',
].join('\n');
const attachmentPath = join(filesDir, 'meridian-accounts.csv');
const attachment = Buffer.concat([Buffer.from('iban,holder,balance\nFR7630006000011234567890189,Meridian Holdings,1250000\n'), randomBytes(256 * 1024)]);

const url = (path: string) => new URL(path, server.url).href;
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

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

/** Adds a recipient by typing part of a name (or a country) and choosing the matching option. */
async function addRecipient(page: Page, field: 'compose-to' | 'compose-cc', typed: string, option: RegExp) {
  const input = page.getByTestId(field);
  await input.click();
  await input.fill(typed);
  await page.getByRole('option', { name: option }).first().click();
  await page.keyboard.press('Escape');
}

async function chooseHandlingCode(page: Page, code: string) {
  await page.getByTestId('compose-handling').click();
  await page.getByRole('option', { name: new RegExp(`^${code} `) }).click();
}

async function openMail(page: Page) {
  await page.getByTestId('nav-mail').click();
  await page.getByTestId('mail-title').waitFor();
}

async function waitSaved(page: Page) {
  await expect.poll(() => page.getByTestId('compose-save-status').getAttribute('data-status'), { timeout: 15_000 }).toBe('saved');
}

const rowWithSubject = (page: Page, subject: string) => page.getByTestId('mail-row').filter({ has: page.getByTestId('mail-row-subject').getByText(subject, { exact: true }) });

beforeAll(async () => {
  const demo = runFocal(dataDir, ['demo', '--json']);
  expect(demo.status, demo.stderr).toBe(0);
  const world = JSON.parse(demo.stdout) as { password: string; logins: DemoLogin[] };
  password = world.password;
  for (const login of world.logins) logins.set(login.email, login);
  writeFileSync(attachmentPath, attachment);
  // Seven people sign in from this one address within a minute, each browser loading the app's
  // chunks: more than the default per-address request budget, which counts static files too.
  server = await spawnServer(dataDir, { NODE_ENV: 'production', FOCAL_RATE_LIMIT_PER_MINUTE: '5000' });
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

describe('secure mail: compose, live delivery, receipts, reply, forward with consent, Arabic', () => {
  let messageId = '';

  it('the Nigerian focal point waits on an empty inbox', async () => {
    const { page } = await signIn('ng-fp', 'en-GB');
    await openMail(page);
    expect(page.url()).toMatch(/\/mail$/);
    await page.getByTestId('empty-state').waitFor();
    expect(await page.getByTestId('nav-mail-unread').count()).toBe(0);
    expect(await page.title()).toBe('Inbox · Focal');
  });

  it('a focal point in France writes an urgent H2 message with a file to Nigeria and Brazil (autosaved as she types)', async () => {
    const { page } = await signIn('fr-fp', 'fr-FR');
    // Her interface is in French (her profile's language).
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('fr');
    await openMail(page);
    await page.getByTestId('mail-compose').click();
    await page.getByTestId('compose').waitFor();

    // Typed key by key: the first key creates the draft and the address then names it, while
    // the focus stays in the field and no key is lost.
    await page.getByTestId('compose-subject').pressSequentially(SUBJECT, { delay: 15 });
    await page.waitForURL(/\/mail\/compose\/[0-9a-f-]{36}$/);
    expect(await page.getByTestId('compose-subject').inputValue()).toBe(SUBJECT);
    await addRecipient(page, 'compose-to', 'Babatunde', /Babatunde Adeyemi/);
    await addRecipient(page, 'compose-to', 'luisa', /Luísa Fernandes/);
    await chooseHandlingCode(page, 'H2');
    await page.getByTestId('compose-priority').getByText('Urgente').click();
    await page.getByTestId('compose-body').fill(BODY);
    await page.getByTestId('compose-tab-preview').click();
    expect(await page.getByTestId('compose-preview').locator('img').count()).toBe(0);
    await page.getByTestId('compose-tab-write').click();

    await page.getByTestId('compose-file-input').setInputFiles(attachmentPath);
    await expect.poll(() => page.getByTestId('compose-attachment').count(), { timeout: 20_000 }).toBe(1);
    expect(await page.getByTestId('compose-attachment').getByTestId('attachment-sha256').getAttribute('data-sha256')).toBe(sha256(attachment));
    await waitSaved(page);

    // Everything typed is on the server already.
    const draftId = page.url().split('/').pop()!;
    const draft = (await apiFromPage(page, 'GET', `/api/mail/drafts/${draftId}`)).json as { values: { subject: string; body: string; handlingCode: string; priority: string; to: unknown[] } };
    expect(draft.values).toMatchObject({ subject: SUBJECT, body: BODY, handlingCode: 'H2', priority: 'urgent' });
    expect(draft.values.to).toHaveLength(2);
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'mail-compose');

    await page.getByTestId('compose-send').click();
    await page.waitForURL(/\/mail\/sent$/);
    await rowWithSubject(page, SUBJECT).waitFor();
    messageId = (await rowWithSubject(page, SUBJECT).getAttribute('data-id')) ?? '';
    expect(messageId).toMatch(/^[0-9a-f-]{36}$/);
    // She keeps the message open to watch its receipts.
    await rowWithSubject(page, SUBJECT).getByTestId('mail-row-subject').click();
    await page.getByTestId('receipts').waitFor();
    expect(await page.getByTestId('receipt-row').count()).toBe(2);
    expect(await page.getByTestId('message-withdraw').count()).toBe(1);
  });

  it('the message arrives in Nigeria without a reload: new row, notification, unread badge and tab title', async () => {
    const { page } = person('ng-fp');
    const row = rowWithSubject(page, SUBJECT);
    await row.waitFor({ timeout: 15_000 });
    expect(await row.getAttribute('data-unread')).toBe('true');
    expect(await row.getByTestId('mail-row-ack').count()).toBe(1);
    expect(await row.getByTestId('mail-row-attachment').count()).toBe(1);
    expect(await row.getByTestId('handling-badge').textContent()).toBe('H2');
    await page.getByText('New secure message').first().waitFor();
    await expect.poll(() => page.getByTestId('nav-mail-unread').textContent()).toBe('1');
    await expect.poll(() => page.title()).toBe('(1) Inbox · Focal');
    await screenshot(page, 'mail-inbox');
  });

  it('opens it: banners in his language, safe rendering, the file matches its fingerprint; acknowledges', async () => {
    const { page } = person('ng-fp');
    await rowWithSubject(page, SUBJECT).getByTestId('mail-row-subject').click();
    await page.getByTestId('message-view').waitFor();
    const banner = page.getByTestId('handling-banner');
    expect(await banner.getAttribute('data-code')).toBe('H2');
    expect(await banner.textContent()).toContain('Not to be passed on to anyone else without the permission of the provider, Amélie Durand (Amelie Durand), France');
    expect(await page.getByTestId('priority-badge').first().textContent()).toBe('Urgent');
    await page.getByTestId('ack-banner').waitFor();

    const body = page.getByTestId('message-body');
    expect(await body.locator('img, script, b').count()).toBe(0);
    expect(await body.textContent()).toContain('<b>raw html</b>');
    expect(await body.textContent()).toContain('[image: tracking pixel — https://tracker.example/pixel.png]');
    const link = body.getByRole('link', { name: 'the bank portal' });
    expect(await link.getAttribute('rel')).toBe('noopener noreferrer nofollow');
    expect(await link.getAttribute('target')).toBe('_blank');
    expect(await body.locator('.md-url').textContent()).toBe('(https://bank.example/portal?case=42)');
    expect(await page.evaluate(() => (window as unknown as { __pwned?: boolean }).__pwned)).toBeUndefined();
    await screenshot(page, 'mail-message-banners');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('attachment-download').click()]);
    expect(download.suggestedFilename()).toBe('meridian-accounts.csv');
    const downloaded = readFileSync(await download.path());
    expect(sha256(downloaded)).toBe(sha256(attachment));
    expect(await page.getByTestId('attachment-sha256').getAttribute('data-sha256')).toBe(sha256(attachment));

    // Opening read it: the badge and the title forget it.
    await expect.poll(() => page.getByTestId('nav-mail-unread').count()).toBe(0);
    await expect.poll(() => page.title()).not.toMatch(/^\(/);

    await page.getByTestId('message-acknowledge').click();
    await page.getByTestId('acknowledged').waitFor();
    expect(await page.getByTestId('ack-banner').count()).toBe(0);
  });

  it('the sender sees the receipts change while she watches, and can no longer withdraw', async () => {
    const { page } = person('fr-fp');
    const row = page.locator('[data-testid="receipt-row"][data-person="Babatunde Adeyemi"]');
    await expect.poll(() => row.getByTestId('receipt-opened').getAttribute('data-at'), { timeout: 15_000 }).not.toBe('');
    await expect.poll(() => row.getByTestId('receipt-acknowledged').getAttribute('data-at'), { timeout: 15_000 }).not.toBe('');
    const luisa = page.locator('[data-testid="receipt-row"][data-person="Luisa Fernandes"]');
    expect(await luisa.getByTestId('receipt-opened').getAttribute('data-at')).toBe('');
    await expect.poll(() => page.getByTestId('message-withdraw').count()).toBe(0);
    await screenshot(page, 'mail-receipts');
  });

  it('the Nigerian replies; the reply quotes the original and reaches the sender', async () => {
    const { page } = person('ng-fp');
    await page.getByTestId('message-reply').click();
    await page.waitForURL(/\/mail\/compose\/[0-9a-f-]{36}$/);
    await page.getByTestId('compose').waitFor();
    expect(await page.getByTestId('compose-subject').inputValue()).toBe(`Re: ${SUBJECT}`);
    await expect.poll(() => page.getByTestId('compose').getByText(/Amélie Durand/).count()).toBeGreaterThan(0);
    const quoted = await page.getByTestId('compose-body').inputValue();
    expect(quoted).toMatch(/Amélie Durand wrote:\n> Dear colleagues,/);
    await page.getByTestId('compose-body').fill(`Received: the freeze is under way.\n${quoted}`);
    await waitSaved(page);
    await page.getByTestId('compose-send').click();
    await page.waitForURL(/\/mail\/sent$/);

    const sender = person('fr-fp').page;
    await sender.getByTestId('mail-folder-inbox').click();
    await rowWithSubject(sender, `Re: ${SUBJECT}`).waitFor({ timeout: 15_000 });
  });

  let forwardId = '';

  it('the Nigerian forwards the original to Kenya: the H2 code is kept, and the forward awaits the provider’s consent', async () => {
    const { page } = person('ng-fp');
    await page.goto(url(`/mail/message/${messageId}`));
    await page.getByTestId('message-forward').click();
    await page.waitForURL(/\/mail\/compose\/[0-9a-f-]{36}$/);
    await page.getByTestId('compose-handling-fixed').waitFor();
    expect(await page.getByTestId('compose-handling-fixed').getByTestId('handling-badge').textContent()).toBe('H2');
    expect(await page.getByTestId('compose-handling').count()).toBe(0);
    expect(await page.getByTestId('compose-subject').inputValue()).toBe(`Fwd: ${SUBJECT}`);
    await addRecipient(page, 'compose-to', 'Otieno', /Otieno Ochieng/);
    await waitSaved(page);
    await page.getByTestId('compose-send').click();
    await page.waitForURL(/\/mail\/message\/[0-9a-f-]{36}$/);
    forwardId = page.url().split('/').pop()!;
    const note = page.getByTestId('status-note');
    await note.waitFor();
    expect(await note.getAttribute('data-status')).toBe('pending_consent');
    expect(await note.textContent()).toContain('Amélie Durand');
  });

  it('the consent request reaches the French provider, who grants it', async () => {
    const { page } = person('fr-fp');
    const consents = page.getByTestId('mail-folder-consents');
    await expect.poll(() => consents.textContent(), { timeout: 15_000 }).toMatch(/1$/);
    await consents.click();
    const request = page.getByTestId('consents-to-decide').getByTestId('consent-request');
    await request.waitFor();
    expect(await request.getAttribute('data-status')).toBe('pending');
    expect(await request.getByTestId('consent-recipients').textContent()).toContain('Otieno Ochieng');
    expect(await request.textContent()).toContain(SUBJECT);
    await screenshot(page, 'mail-consent-request');
    await request.getByTestId('consent-grant').click();
    await expect.poll(() => request.getAttribute('data-status'), { timeout: 15_000 }).toBe('granted');

    // The forwarder's copy is now delivered.
    const forwarder = person('ng-fp').page;
    await expect.poll(() => forwarder.getByTestId('status-note').count(), { timeout: 15_000 }).toBe(0);
  });

  it('the Kenyan focal point receives the forward under the provider’s H2 code', async () => {
    const { page } = await signIn('ke-fp', 'en-GB');
    await openMail(page);
    const row = rowWithSubject(page, `Fwd: ${SUBJECT}`);
    await row.waitFor();
    expect(await row.getAttribute('data-id')).toBe(forwardId);
    await row.getByTestId('mail-row-subject').click();
    const banner = page.getByTestId('handling-banner');
    await banner.waitFor();
    expect(await banner.getAttribute('data-code')).toBe('H2');
    expect(await banner.textContent()).toContain('Not to be passed on to anyone else without the permission of the provider, Amélie Durand');
    expect(await page.getByTestId('handling-provider').textContent()).toContain('Amélie Durand');
    expect(await page.getByTestId('message-from').textContent()).toContain('Babatunde Adeyemi');
  });

  it('the Nigerian organises his mailbox: a label, a search across folders, archive, trash and delete for good', async () => {
    const { page } = person('ng-fp');
    await page.getByTestId('mail-folder-inbox').click();
    await page.getByTestId('label-add').click();
    await page.getByTestId('label-name').fill('Meridian');
    await page.getByTestId('label-save').click();
    await page.getByTestId('mail-label').filter({ hasText: 'Meridian' }).waitFor();

    const row = rowWithSubject(page, SUBJECT);
    await row.getByTestId('mail-row-check').check();
    await page.getByTestId('mail-bulk-label').click();
    await page.getByRole('menuitem', { name: 'Meridian' }).click();
    await page.getByTestId('mail-label').filter({ hasText: 'Meridian' }).click();
    await page.waitForURL(/\/mail\/label\/[0-9a-f-]{36}$/);
    await expect.poll(() => page.getByTestId('mail-title').textContent()).toBe('Meridian');
    await expect.poll(() => page.getByTestId('mail-row').count(), { timeout: 15_000 }).toBe(1);
    await rowWithSubject(page, SUBJECT).waitFor();

    // Words from the body, in every folder: the original (inbox), his reply and his forward (sent).
    await page.getByTestId('mail-folder-inbox').click();
    await page.getByTestId('mail-search-words').fill('freeze');
    await page.getByRole('button', { name: 'More filters' }).click();
    await page.locator('label', { hasText: 'Search all folders' }).click();
    await expect.poll(() => page.getByTestId('mail-search-all').isChecked()).toBe(true);
    await page.getByTestId('mail-search-submit').click();
    await expect.poll(() => page.getByTestId('mail-row').count(), { timeout: 15_000 }).toBe(3);
    expect(await page.getByTestId('mail-count').textContent()).toBe('3 of 3');
    await page.getByRole('button', { name: 'Clear' }).click();
    await expect.poll(() => page.getByTestId('mail-row').count(), { timeout: 15_000 }).toBe(1);

    await rowWithSubject(page, SUBJECT).getByTestId('mail-row-check').check();
    await page.getByTestId('mail-bulk-archive').click();
    await page.getByTestId('empty-state').waitFor();
    await page.getByTestId('mail-folder-archive').click();
    await page.waitForURL(/\/mail\/archive$/);
    await rowWithSubject(page, SUBJECT).getByTestId('mail-row-check').check();
    await page.getByTestId('mail-bulk-trash').click();
    await page.getByTestId('empty-state').waitFor();
    await page.getByTestId('mail-folder-trash').click();
    await page.waitForURL(/\/mail\/trash$/);
    await rowWithSubject(page, SUBJECT).getByTestId('mail-row-check').check();
    await page.getByTestId('mail-bulk-delete_forever').click();
    await page.getByTestId('confirm-action').click();
    await page.getByTestId('empty-state').waitFor();

    // No e-mail relay on this server: the notification setting says so and cannot be switched on.
    await page.getByTestId('mail-settings-open').click();
    const toggle = page.getByTestId('mail-notify-email');
    await toggle.waitFor({ state: 'attached' });
    expect(await toggle.isDisabled()).toBe(true);
    await page.keyboard.press('Escape');
  });

  it('a draft survives a reload, and can be discarded', async () => {
    const { page } = person('fr-fp');
    await page.goto(url('/mail/compose'));
    await page.getByTestId('compose-subject').fill('Brouillon à reprendre');
    await addRecipient(page, 'compose-cc', 'Otieno', /Otieno Ochieng/);
    await page.getByTestId('compose-body').fill('Texte important');
    await waitSaved(page);
    await page.reload();
    await expect.poll(() => page.getByTestId('compose-subject').inputValue(), { timeout: 15_000 }).toBe('Brouillon à reprendre');
    expect(await page.getByTestId('compose-body').inputValue()).toBe('Texte important');
    // The draft keeps only ids: the name comes back from the directory.
    await page.getByTestId('compose').getByText(/Otieno Ochieng · Kenya/).waitFor();
    await page.getByTestId('mail-folder-drafts').click();
    await rowWithSubject(page, 'Brouillon à reprendre').getByTestId('mail-row-subject').click();
    await page.getByTestId('compose-discard').click();
    await page.getByTestId('confirm-action').click();
    await page.waitForURL(/\/mail\/inbox$/);
    await page.getByTestId('mail-folder-drafts').click();
    await page.getByTestId('empty-state').waitFor();
  });

  it('the sender withdraws a message nobody has opened yet', async () => {
    const { page } = person('fr-fp');
    await page.goto(url('/mail/compose'));
    await addRecipient(page, 'compose-to', 'luisa', /Luísa Fernandes/);
    await page.getByTestId('compose-subject').fill('Envoyé par erreur');
    await page.getByTestId('compose-body').fill('À retirer');
    await waitSaved(page);
    await page.getByTestId('compose-send').click();
    await page.waitForURL(/\/mail\/sent$/);
    await rowWithSubject(page, 'Envoyé par erreur').getByTestId('mail-row-subject').click();
    await page.getByTestId('message-withdraw').click();
    await page.getByTestId('confirm-action').click();
    await expect.poll(() => page.getByTestId('status-note').getAttribute('data-status'), { timeout: 15_000 }).toBe('withdrawn');
  });

  it('in Arabic, right to left: an H3 message to every focal point of Jordan arrives live and shows its banner in Arabic', async () => {
    const receiver = await signIn('jo-fp', 'ar-JO');
    await receiver.page.waitForFunction(() => document.documentElement.dir === 'rtl');
    await openMail(receiver.page);

    const { page } = await signIn('eg-fp', 'ar-EG');
    await page.waitForFunction(() => document.documentElement.dir === 'rtl');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('ar');
    await openMail(page);
    await page.getByTestId('mail-compose').click();
    await page.getByTestId('compose').waitFor();
    // A country found by its Arabic name: every active focal point there.
    await addRecipient(page, 'compose-to', 'الأردن', /كل جهات الاتصال \(1\)/);
    const subject = 'طلب تجميد أصول';
    await page.getByTestId('compose-subject').fill(subject);
    await chooseHandlingCode(page, 'H3');
    await page.getByTestId('compose-conditions').fill('لا تُستخدم إلا في التحقيق رقم 17');
    await page.getByTestId('compose-body').fill('يرجى تجميد الحسابات المذكورة.');
    await waitSaved(page);
    await screenshot(page, 'mail-compose-arabic');
    await page.getByTestId('compose-send').click();
    await page.waitForURL(/\/mail\/sent$/);

    const reader = receiver.page;
    const row = rowWithSubject(reader, subject);
    await row.waitFor({ timeout: 15_000 });
    await expect.poll(() => reader.title()).toMatch(/^\(1\) /);
    await row.getByTestId('mail-row-subject').click();
    const banner = reader.getByTestId('handling-banner');
    await banner.waitFor();
    expect(await reader.evaluate(() => document.documentElement.dir)).toBe('rtl');
    expect(await banner.getAttribute('data-code')).toBe('H3');
    expect(await banner.textContent()).toContain('رمز المعالجة H3');
    expect(await reader.getByTestId('handling-meaning').textContent()).toContain('تخضع هذه المعلومات للشروط التالية');
    expect(await reader.getByTestId('handling-conditions').textContent()).toBe('لا تُستخدم إلا في التحقيق رقم 17');
    // Mirrored layout: the mail folders sit to the right of the message.
    const folders = await reader.getByTestId('mail-folder-inbox').boundingBox();
    const view = await reader.getByTestId('message-view').boundingBox();
    expect(folders!.x).toBeGreaterThan(view!.x);
    await reader.waitForTimeout(300);
    await screenshot(reader, 'mail-message-arabic');
  });

  it('no page threw an error or broke the Content-Security-Policy', () => {
    expect(pageProblems).toEqual([]);
  });
});
