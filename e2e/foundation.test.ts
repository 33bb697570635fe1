import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiFromPage, freshTotp, launchBrowser, newUser, pageProblems, screenshot, startFocal, type RunningFocal } from './harness.js';

/**
 * The foundation journey, through the web UI of a built server on an empty database:
 * first-run setup → the secretariat invites a national administrator (France) and colleagues
 * abroad → the national administrator activates, in French, and invites a focal point → the
 * focal point activates, signs in with password and authenticator, finds a colleague by a name
 * in another script, switches to Arabic (right to left) and signs out. The steps share state
 * and run in order.
 */

interface Person {
  name: string;
  nameLatin: string;
  email: string;
  password: string;
  secret?: string;
  context?: BrowserContext;
  page?: Page;
}

const anna: Person = { name: 'Anna Berger', nameLatin: 'Anna Berger', email: 'anna.berger@secretariat.example', password: 'quiet harbour lantern 1987 orbit' };
const claire: Person = { name: 'Claire Martin', nameLatin: 'Claire Martin', email: 'claire.martin@justice.example.fr', password: 'violette parapluie montagne 2031' };
const dmitry: Person = { name: 'Дмитрий Соколов', nameLatin: 'Dmitry Sokolov', email: 'd.sokolov@genproc.example.ru', password: 'берёза самовар gravel 7742 tundra' };
const chinedu: Person = { name: 'Chinedu Okafor', nameLatin: 'Chinedu Okafor', email: 'c.okafor@efcc.example.ng', password: 'unused invitation only 000' };
const jean: Person = { name: 'Jean Dupont', nameLatin: 'Jean Dupont', email: 'jean.dupont@pnf.example.fr', password: 'cerisier boussole galet 5519 nuage' };

let focal: RunningFocal;
let browser: Browser;
const invitations: Record<string, string> = {};

const pageOf = (person: Person): Page => {
  if (!person.page) throw new Error(`${person.name} has no browser page yet`);
  return person.page;
};

/** Chooses an option of a Mantine Select by typing part of its label. */
async function pickOption(page: Page, testId: string, typed: string, option: string | RegExp = typed) {
  const input = page.getByTestId(testId);
  await input.click();
  await input.fill(typed);
  await page.getByRole('option', { name: option }).first().click();
}

/** Goes through the three activation steps; returns the TOTP secret read from the page. */
async function activate(page: Page, url: string, person: Person, setup?: { country: string }, shots?: string) {
  await page.goto(url);
  await page.getByTestId('activation-name').fill(person.name);
  await page.getByTestId('activation-name-latin').fill(person.nameLatin);
  if (setup) {
    await page.getByTestId('activation-email').fill(person.email);
    await pickOption(page, 'activation-country', setup.country);
  }
  await page.getByTestId('activation-password').fill(person.password);
  await page.getByTestId('activation-password-confirm').fill(person.password);
  await page.getByTestId('activation-continue').click();

  const secret = (await page.getByTestId('totp-secret').textContent())?.trim() ?? '';
  expect(secret).toMatch(/^[A-Z2-7]{16,}=*$/);
  await expect.poll(() => page.getByTestId('totp-qr').getAttribute('src'), { timeout: 15_000 }).toMatch(/^data:image\/svg\+xml/);
  if (shots) await screenshot(page, `${shots}-authenticator`);
  await page.getByTestId('totp-code').fill(await freshTotp(secret));
  await page.getByTestId('totp-submit').click();

  await expect.poll(() => page.getByTestId('recovery-code').count(), { timeout: 15_000 }).toBe(10);
  if (shots) await screenshot(page, `${shots}-recovery-codes`);
  await expect.poll(() => page.getByTestId('recovery-done').isDisabled(), { timeout: 15_000 }).toBe(true);
  await page.getByTestId('recovery-saved').check();
  await page.getByTestId('recovery-done').click();
  await page.getByTestId('home-greeting').waitFor();
  person.secret = secret;
  return secret;
}

async function invite(page: Page, who: Person, options: { country?: string; role: 'national_admin' | 'focal_point' }) {
  await page.goto(new URL('/admin/users', focal.url).href);
  await page.getByTestId('invite-open').click();
  await page.getByTestId('invite-email').fill(who.email);
  await page.getByTestId('invite-name').fill(who.name);
  await page.getByTestId('invite-name-latin').fill(who.nameLatin);
  if (options.country) await pickOption(page, 'invite-country', options.country);
  for (const role of ['national_admin', 'focal_point'] as const) {
    const box = page.getByTestId(`invite-role-${role}`);
    if ((await box.count()) > 0) await box.setChecked(role === options.role);
  }
  return page;
}

async function finishInvitation(page: Page, key: string) {
  await page.getByTestId('invite-submit').click();
  const url = (await page.getByTestId('invitation-url').textContent())?.trim() ?? '';
  expect(url).toMatch(/\/activate\/[\w-]{16,}/);
  invitations[key] = url;
  await page.getByTestId('invite-done').click();
  return url;
}

async function signOut(page: Page) {
  await page.getByTestId('user-menu').click();
  await page.getByTestId('sign-out').click();
  await page.waitForURL(/\/login/);
}

beforeAll(async () => {
  focal = await startFocal();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close().catch(() => undefined);
  await focal?.stop();
});

describe('foundation: setup, invitations, sign-in, directory, languages', () => {
  it('first-run setup creates the secretariat account (a weak password is refused with a hint)', async () => {
    const { context, page } = await newUser(browser, 'en-GB');
    Object.assign(anna, { context, page });
    await page.goto(focal.setupUrl);
    await page.getByTestId('activation-name').waitFor();
    expect(await page.title()).toContain('Set up Focal');

    // A password long enough but easy to guess: the server says why, and nothing typed is lost.
    await page.getByTestId('activation-name').fill(anna.name);
    await page.getByTestId('activation-name-latin').fill(anna.nameLatin);
    await page.getByTestId('activation-email').fill(anna.email);
    await pickOption(page, 'activation-country', 'Austria');
    await page.getByTestId('activation-password').fill('password1234');
    await page.getByTestId('activation-password-confirm').fill('password1234');
    await page.getByTestId('activation-continue').click();
    const alert = page.getByTestId('error-alert');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/too easy to guess|too short/i);
    // zxcvbn's advice, in the page's language.
    expect(await page.getByTestId('error-hint').getAttribute('lang')).toBe('en');
    expect((await page.getByTestId('error-hint').textContent())?.length).toBeGreaterThan(10);
    expect(await page.getByTestId('activation-email').inputValue()).toBe(anna.email);

    await activate(page, focal.setupUrl, anna, { country: 'Austria' });
    expect(await page.getByTestId('home-greeting').textContent()).toContain('Anna Berger');
  });

  it('offers the recovery codes as a .txt download', async () => {
    // Regenerating codes from the profile shows the same panel as activation.
    const page = pageOf(anna);
    await page.goto(new URL('/profile?tab=security', focal.url).href);
    await page.getByTestId('mfa-regenerate').click();
    await page.getByTestId('confirm-action').click();
    await expect.poll(() => page.getByTestId('recovery-code').count(), { timeout: 15_000 }).toBe(10);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('recovery-download').click()]);
    expect(download.suggestedFilename()).toBe('focal-recovery-codes.txt');
    const path = await download.path();
    const text = readFileSync(path, 'utf8');
    const shown = await page.getByTestId('recovery-code').allTextContents();
    for (const code of shown) expect(text).toContain(code.trim());
    await page.getByTestId('recovery-saved').check();
    await page.getByTestId('recovery-done').click();
  });

  it('the secretariat invites a national administrator for France and focal points abroad', async () => {
    const page = pageOf(anna);
    await invite(page, claire, { country: 'France', role: 'national_admin' });
    await finishInvitation(page, 'claire');
    await invite(page, dmitry, { country: 'Russia', role: 'focal_point' });
    await finishInvitation(page, 'dmitry');
    await invite(page, chinedu, { country: 'Nigeria', role: 'focal_point' });
    await finishInvitation(page, 'chinedu');
    await expect.poll(() => page.getByTestId('admin-user-row').count(), { timeout: 15_000 }).toBeGreaterThanOrEqual(4);
    await screenshot(page, 'admin-users-secretariat');
  });

  it('the national administrator activates in French and invites a focal point of France', async () => {
    const { context, page } = await newUser(browser, 'fr-FR');
    Object.assign(claire, { context, page });
    await activate(page, invitations.claire!, claire, undefined, 'activation-fr');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('fr');
    expect(await page.getByTestId('home-greeting').textContent()).toContain('Bienvenue');

    await invite(page, jean, { role: 'focal_point' });
    // Their agency is not listed yet: add it from the invitation form.
    await page.getByTestId('invite-add-agency').click();
    await page.getByTestId('agency-name').fill('Parquet national financier');
    await page.getByTestId('agency-type').click();
    await page.getByRole('option', { name: 'Ministère public' }).click();
    await page.getByTestId('agency-save').click();
    await expect.poll(() => page.getByTestId('invite-agency').inputValue(), { timeout: 15_000 }).toContain('Parquet national financier');
    await finishInvitation(page, 'jean');
  });

  it('a colleague in Russia activates their account', async () => {
    const { context, page } = await newUser(browser, 'ru-RU');
    Object.assign(dmitry, { context, page });
    await activate(page, invitations.dmitry!, dmitry);
    // Russian is not an interface language: English is used.
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
  });

  it('the focal point activates, signs out, and signs in again with password and authenticator; a wrong code is refused', async () => {
    const { context, page } = await newUser(browser, 'en-GB');
    Object.assign(jean, { context, page });
    await activate(page, invitations.jean!, jean);
    await signOut(page);

    await page.getByTestId('login-email').waitFor();
    await screenshot(page, 'login');
    await page.getByTestId('login-email').fill(jean.email);
    await page.getByTestId('login-password').fill(jean.password);
    await page.getByTestId('login-submit').click();

    // A wrong code: refused, with the reason in the user's language.
    const good = await freshTotp(jean.secret!);
    const wrong = good === '000000' ? '111111' : '000000';
    await page.getByTestId('login-totp').fill(wrong);
    await page.getByTestId('login-mfa-submit').click();
    const alert = page.getByTestId('error-alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('This code is not valid');
    expect(page.url()).toContain('/login');

    await page.getByTestId('login-totp').fill(good);
    await page.getByTestId('login-mfa-submit').click();
    await page.getByTestId('home-greeting').waitFor();
    expect(await page.getByTestId('home-greeting').textContent()).toContain('Jean Dupont');
    expect(await page.title()).toBe('Home · Focal');
    await screenshot(page, 'home');
  });

  it('finds a colleague in the directory by typing their name in another script, and opens the contact card', async () => {
    const page = pageOf(jean);
    await page.getByTestId('home-link-directory').click();
    await page.getByTestId('directory-search').waitFor();

    // Stored as "Дмитрий Соколов / Dmitry Sokolov": found from Cyrillic and from another Latin spelling.
    await page.getByTestId('directory-search').fill('Дмитрий');
    await expect.poll(() => page.getByTestId('directory-row').allTextContents(), { timeout: 15_000 }).toEqual([expect.stringContaining('Дмитрий Соколов')]);
    await page.getByTestId('directory-search').fill('dmitrii sokolov');
    await expect.poll(() => page.getByTestId('directory-row').allTextContents(), { timeout: 15_000 }).toEqual([expect.stringContaining('Дмитрий Соколов')]);
    await page.getByTestId('directory-search').fill('');
    await expect.poll(() => page.getByTestId('directory-row').count(), { timeout: 15_000 }).toBeGreaterThanOrEqual(4);
    await screenshot(page, 'directory');

    await page.getByTestId('directory-search').fill('Дмитрий');
    await expect.poll(() => page.getByTestId('directory-row').count(), { timeout: 15_000 }).toBe(1);
    await page.getByRole('link', { name: 'Дмитрий Соколов' }).click();
    await page.getByTestId('contact-card').waitFor();
    expect(await page.getByTestId('contact-name').textContent()).toBe('Дмитрий Соколов');
    expect(await page.getByTestId('contact-card').textContent()).toContain(dmitry.email);
    const [vcard] = await Promise.all([page.waitForEvent('download'), page.getByTestId('vcard-download').click()]);
    expect(readFileSync(await vcard.path(), 'utf8')).toContain('FN:Дмитрий Соколов');
    await screenshot(page, 'contact-card');
  });

  it('edits the profile, adds a second authenticator, creates an API token and lists sessions', async () => {
    const page = pageOf(jean);
    await page.goto(new URL('/profile', focal.url).href);
    await page.getByTestId('profile-name').waitFor();
    expect(await page.getByTestId('profile-name').inputValue()).toBe('Jean Dupont');
    await pickOption(page, 'profile-languages', 'French');
    await pickOption(page, 'profile-languages', 'Arabic');
    await page.keyboard.press('Escape'); // a multi-select stays open for more choices
    await page.getByTestId('profile-add-phone').click();
    await page.getByTestId('profile-phone-label').fill('Mobile');
    await page.getByTestId('profile-phone-number').fill('+33 6 12 34 56 78');
    await page.getByTestId('profile-247').check({ force: true });
    await page.getByTestId('profile-save').click();
    await page.getByText('Your profile has been saved.').waitFor();
    const me = (await apiFromPage(page, 'GET', '/api/me')).json as { languages: string[]; phones: unknown[]; available247: boolean };
    expect(me.languages.sort()).toEqual(['ar', 'fr']);
    expect(me.phones).toEqual([{ label: 'Mobile', number: '+33 6 12 34 56 78' }]);
    expect(me.available247).toBe(true);
    await screenshot(page, 'profile');

    await page.getByTestId('tab-security').click();
    await expect.poll(() => page.getByTestId('mfa-devices').locator('tbody tr').count(), { timeout: 15_000 }).toBe(1);
    await page.getByTestId('mfa-add').click();
    await page.getByTestId('mfa-add-start').click();
    const secret = (await page.getByTestId('totp-secret').textContent())?.trim() ?? '';
    await page.getByTestId('totp-code').fill(await freshTotp(secret));
    await page.getByTestId('totp-submit').click();
    await expect.poll(() => page.getByTestId('mfa-devices').locator('tbody tr').count(), { timeout: 15_000 }).toBe(2);
    await screenshot(page, 'profile-security');

    await page.getByTestId('tab-tokens').click();
    await page.getByTestId('token-name').fill('Case management system');
    await page.getByTestId('token-create').click();
    expect(((await page.getByTestId('token-secret').textContent()) ?? '').trim().length).toBeGreaterThan(20);
    await expect.poll(() => page.getByTestId('tokens-table').locator('tbody tr').count(), { timeout: 15_000 }).toBe(1);

    await page.getByTestId('tab-sessions').click();
    await expect.poll(() => page.getByTestId('sessions-table').textContent(), { timeout: 15_000 }).toContain('This browser');
  });

  it('signing out a session from another browser ends that browser at once, without a reload', async () => {
    const { context: otherContext, page: other } = await newUser(browser, 'en-GB');
    await other.goto(new URL('/login', focal.url).href);
    await other.getByTestId('login-email').fill(jean.email);
    await other.getByTestId('login-password').fill(jean.password);
    await other.getByTestId('login-submit').click();
    await other.getByTestId('login-totp').fill(await freshTotp(jean.secret!));
    await other.getByTestId('login-mfa-submit').click();
    await other.getByTestId('home-greeting').waitFor();

    const page = pageOf(jean);
    await page.goto(new URL('/profile', focal.url).href);
    await page.getByTestId('tab-sessions').click();
    const revoke = page.getByTestId('sessions-table').getByRole('button', { name: 'Sign out' });
    await expect.poll(() => revoke.count(), { timeout: 15_000 }).toBeGreaterThanOrEqual(1);
    await revoke.first().click();
    await page.getByTestId('confirm-action').click();

    // The other browser learns it through the realtime stream and returns to the sign-in page.
    await other.getByTestId('login-email').waitFor({ timeout: 15_000 });
    expect(other.url()).toContain('/login');
    await otherContext.close();
  });

  it('switches to Arabic: the page is right to left, the choice is saved, and the user signs out', async () => {
    const page = pageOf(jean);
    await page.goto(new URL('/', focal.url).href);
    await page.getByTestId('language-switcher').click();
    await page.getByTestId('language-ar').click();
    await page.waitForFunction(() => document.documentElement.dir === 'rtl');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('ar');
    expect(await page.getByTestId('home-greeting').textContent()).toContain('مرحبًا');
    // Mirrored layout: the navigation sits on the right, and the content does not run under it.
    await page.waitForTimeout(500);
    const nav = await page.locator('nav').first().boundingBox();
    const heading = await page.getByTestId('home-greeting').boundingBox();
    expect(nav!.x).toBeGreaterThan(600);
    expect(heading!.x + heading!.width).toBeLessThanOrEqual(nav!.x);
    await screenshot(page, 'home-arabic');
    await page.getByRole('link', { name: 'الدليل' }).first().click();
    await expect.poll(() => page.getByTestId('directory-row').count(), { timeout: 15_000 }).toBeGreaterThanOrEqual(4);
    await page.waitForTimeout(300);
    await screenshot(page, 'directory-arabic');

    // Saved to the profile: another browser of the same person opens in Arabic.
    const me = await apiFromPage(page, 'GET', '/api/me');
    expect((me.json as { uiLanguage: string }).uiLanguage).toBe('ar');

    await signOut(page);
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    await page.getByTestId('login-email').waitFor();
    await screenshot(page, 'login-arabic');
    const session = await apiFromPage(page, 'GET', '/api/auth/session');
    expect((session.json as { user: unknown }).user).toBeNull();
  });

  it('a national administrator sees only the users of their country and cannot act on others', async () => {
    const page = pageOf(claire);
    await page.goto(new URL('/admin/users', focal.url).href);
    await expect.poll(() => page.getByTestId('admin-user-row').count(), { timeout: 15_000 }).toBeGreaterThanOrEqual(2);
    const countries = await page.getByTestId('admin-user-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-country')));
    expect(new Set(countries)).toEqual(new Set(['FR']));
    await screenshot(page, 'admin-users');

    // The secretariat can see the Nigerian invitee; France's administrator gets a 404 for them.
    const listed = await apiFromPage(pageOf(anna), 'GET', '/api/admin/users?country=NG');
    const nigerian = (listed.json as { items: Array<{ id: string; email: string }> }).items.find((u) => u.email === chinedu.email);
    expect(nigerian).toBeTruthy();
    const suspend = await apiFromPage(page, 'POST', `/api/admin/users/${nigerian!.id}/suspend`);
    expect(suspend.status).toBe(404);
    const own = await apiFromPage(page, 'GET', '/api/admin/users?country=NG');
    const ownItems = (own.json as { items?: Array<{ country: string }> }).items ?? [];
    expect(ownItems.filter((u) => u.country !== 'FR')).toEqual([]);
  });

  it('the secretariat deactivates an invitee who left the service', async () => {
    const page = pageOf(anna);
    await page.goto(new URL('/admin/users', focal.url).href);
    const row = page.locator(`[data-testid="admin-user-row"][data-email="${chinedu.email}"]`);
    await row.waitFor();
    await row.getByTestId('admin-user-actions').click();
    await page.getByTestId('admin-action-deactivate').click();
    await page.getByTestId('confirm-action').click();
    await expect
      .poll(async () => {
        const listed = await apiFromPage(page, 'GET', '/api/admin/users?country=NG');
        return (listed.json as { items: Array<{ email: string; status: string }> }).items.find((u) => u.email === chinedu.email)?.status;
      })
      .toBe('deactivated');
    await expect.poll(() => row.getByTestId('admin-user-actions').count()).toBe(0);
  });

  it('the audit viewer lists the events, newest first', async () => {
    const page = pageOf(anna);
    await page.goto(new URL('/audit', focal.url).href);
    await expect.poll(() => page.getByTestId('audit-row').count(), { timeout: 15_000 }).toBeGreaterThan(5);
    const seqs = (await page.getByTestId('audit-row').evaluateAll((rows) => rows.map((r) => Number(r.querySelector('td')?.textContent)))).filter(
      (n) => Number.isFinite(n),
    );
    expect([...seqs].sort((a, b) => b - a)).toEqual(seqs);
    expect(await page.getByTestId('audit-export').getAttribute('href')).toMatch(/^\/api\/audit\/export\.csv/);
    await screenshot(page, 'audit');
  });

  it('an unknown or already used invitation link is refused', async () => {
    const { context, page } = await newUser(browser, 'en-GB');
    await page.goto(new URL('/activate/this-token-does-not-exist-0123456789', focal.url).href);
    await page.getByTestId('activation-invalid').waitFor();
    await page.goto(invitations.claire!);
    await page.getByTestId('activation-invalid').waitFor();
    expect(await page.textContent('h1')).toContain('This link cannot be used');
    await screenshot(page, 'invitation-invalid');

    await page.goto(new URL('/no/such/page', focal.url).href);
    await page.getByTestId('not-found').waitFor();
    await context.close();
  });

  it('no page threw an error or broke the Content-Security-Policy', () => {
    expect(pageProblems).toEqual([]);
  });
});
