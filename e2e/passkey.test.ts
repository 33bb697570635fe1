import { join } from 'node:path';
import type { Browser, CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiFromPage, artifactsDir, freshTotp, launchBrowser, newUser, pageProblems, screenshot, startFocal, type RunningFocal } from './harness.js';

/**
 * Passkeys through the web UI, with Chromium's virtual authenticator (DevTools protocol) standing
 * in for a platform authenticator: first-run setup → add a passkey from the profile → sign out →
 * password, then "Use a passkey" → signed in. The steps share state and run in order.
 */

const admin = { name: 'Beatriz Soto', email: 'beatriz.soto@secretariat.example', password: 'amber glacier compass 4412 meadow' };

let focal: RunningFocal;
let browser: Browser;
let page: Page;
let cdp: CDPSession;
let authenticatorId: string;

const at = (path: string) => new URL(path, focal.url).href;

/** The first-run setup, as the foundation journey does it (password, authenticator app, recovery codes). */
async function setUp(p: Page) {
  await p.goto(focal.setupUrl);
  await p.getByTestId('activation-name').fill(admin.name);
  await p.getByTestId('activation-name-latin').fill(admin.name);
  await p.getByTestId('activation-email').fill(admin.email);
  const country = p.getByTestId('activation-country');
  await country.click();
  await country.fill('Spain');
  await p.getByRole('option', { name: 'Spain' }).first().click();
  await p.getByTestId('activation-password').fill(admin.password);
  await p.getByTestId('activation-password-confirm').fill(admin.password);
  await p.getByTestId('activation-continue').click();
  const secret = (await p.getByTestId('totp-secret').textContent())?.trim() ?? '';
  await p.getByTestId('totp-code').fill(await freshTotp(secret));
  await p.getByTestId('totp-submit').click();
  await expect.poll(() => p.getByTestId('recovery-code').count(), { timeout: 15_000 }).toBe(10);
  await expect.poll(() => p.getByTestId('recovery-done').isDisabled(), { timeout: 15_000 }).toBe(true);
  await p.getByTestId('recovery-saved').check();
  await p.getByTestId('recovery-done').click();
  await p.getByTestId('home-greeting').waitFor();
}

async function signOut(p: Page) {
  await p.getByTestId('user-menu').click();
  await p.getByTestId('sign-out').click();
  await p.waitForURL(/\/login/);
}

async function passwordStep(p: Page) {
  await p.getByTestId('login-email').fill(admin.email);
  await p.getByTestId('login-password').fill(admin.password);
  await p.getByTestId('login-submit').click();
}

const credentialsOnAuthenticator = async () =>
  ((await cdp.send('WebAuthn.getCredentials', { authenticatorId })) as { credentials: unknown[] }).credentials.length;

beforeAll(async () => {
  focal = await startFocal();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close().catch(() => undefined);
  await focal?.stop();
});

describe('passkeys: add one from the profile, then sign in with it', () => {
  it('runs on localhost, the relying party of the server and a secure context for WebAuthn', async () => {
    // The server's public URL (and so its relying-party id) is http://localhost:PORT.
    expect(new URL(focal.url).hostname).toBe('localhost');
    ({ page } = await newUser(browser, 'en-GB'));
    await setUp(page);
    expect(new URL(page.url()).hostname).toBe('localhost');
    expect(await page.evaluate(() => window.isSecureContext && typeof window.PublicKeyCredential === 'function')).toBe(true);

    cdp = await page.context().newCDPSession(page);
    await cdp.send('WebAuthn.enable');
    ({ authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: {
        protocol: 'ctap2',
        transport: 'internal',
        hasResidentKey: true,
        hasUserVerification: true,
        isUserVerified: true,
        automaticPresenceSimulation: true,
      },
    }));
  });

  it('adds a passkey from the Security tab; it is listed next to the authenticator app', async () => {
    await page.goto(at('/profile?tab=security'));
    await expect.poll(() => page.getByTestId('mfa-devices').locator('tbody tr').count(), { timeout: 15_000 }).toBe(1);
    await page.getByTestId('passkey-add').click();

    // The name is prefilled with a guess of this browser and system.
    const label = page.getByTestId('passkey-label');
    expect(await label.inputValue()).toBe('Chrome · Linux');
    await label.fill('Work laptop');
    await page.getByTestId('passkey-create').click();
    await page.getByText('The passkey has been added.').waitFor();

    const passkeyRow = page.getByTestId('mfa-devices').locator('tbody tr[data-kind="passkey"]');
    await expect.poll(() => passkeyRow.textContent(), { timeout: 15_000 }).toMatch(/Work laptop\s*Passkey/);
    expect(await page.getByTestId('mfa-devices').locator('tbody tr').count()).toBe(2);
    expect(await credentialsOnAuthenticator()).toBe(1);
    const overview = (await apiFromPage(page, 'GET', '/api/me/mfa')).json as { devices: Array<{ kind: string; label: string }> };
    expect(overview.devices.filter((d) => d.kind === 'passkey').map((d) => d.label)).toEqual(['Work laptop']);
  });

  it('refuses to register the same authenticator twice, with a clear message', async () => {
    await page.getByText('The passkey has been added.').waitFor({ state: 'hidden', timeout: 15_000 });
    await page.getByTestId('passkey-add').click();
    await page.getByTestId('passkey-create').click();
    const alert = page.getByTestId('error-alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('already holds a passkey for your Focal account');
    await page.getByRole('dialog').screenshot({ path: join(artifactsDir, 'passkey-add-already-registered.png') });
    await page.getByRole('button', { name: 'Cancel' }).click();
    expect(await credentialsOnAuthenticator()).toBe(1);
    expect(await page.getByTestId('mfa-devices').locator('tbody tr').count()).toBe(2);
  });

  it('signs out, and signs in again with the password and then the passkey', async () => {
    await signOut(page);
    await passwordStep(page);

    const usePasskey = page.getByTestId('login-passkey');
    await usePasskey.waitFor();
    expect((await usePasskey.textContent())?.trim()).toBe('Use a passkey');
    // The code field and the recovery code remain on offer.
    await page.getByTestId('login-totp').waitFor();
    await page.getByTestId('login-toggle-recovery').waitFor();
    await screenshot(page, 'login-passkey');

    // In Arabic (right to left), then back to English.
    await page.getByTestId('language-switcher').click();
    await page.getByTestId('language-ar').click();
    await page.waitForFunction(() => document.documentElement.dir === 'rtl');
    expect((await usePasskey.textContent())?.trim()).toBe('استخدام مفتاح المرور');
    await page.waitForTimeout(300);
    await screenshot(page, 'login-passkey-arabic');
    await page.getByTestId('language-switcher').click();
    await page.getByTestId('language-en').click();
    await page.waitForFunction(() => document.documentElement.dir === 'ltr');

    // The person does not confirm (user verification fails): a calm note, still on the second step.
    await cdp.send('WebAuthn.setUserVerified', { authenticatorId, isUserVerified: false });
    await usePasskey.click();
    const note = page.getByTestId('passkey-cancelled');
    await note.waitFor();
    expect(await note.textContent()).toContain('The passkey request was cancelled or timed out');
    expect(await page.getByTestId('error-alert').count()).toBe(0);
    expect(page.url()).toContain('/login');
    await screenshot(page, 'login-passkey-cancelled');

    await cdp.send('WebAuthn.setUserVerified', { authenticatorId, isUserVerified: true });
    await usePasskey.click();
    // Signed in like with a code: back to the page they signed out from.
    await page.waitForURL((url) => url.pathname === '/profile');
    expect(new URL(page.url()).search).toBe('?tab=security');
    const session = (await apiFromPage(page, 'GET', '/api/auth/session')).json as { user: { email: string } | null; mfaPending: boolean };
    expect(session.user?.email).toBe(admin.email);
    expect(session.mfaPending).toBe(false);
  });

  it('the profile still lists the passkey after signing in with it', async () => {
    const passkeyRow = page.getByTestId('mfa-devices').locator('tbody tr[data-kind="passkey"]');
    await expect.poll(() => passkeyRow.textContent(), { timeout: 15_000 }).toContain('Work laptop');
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'profile-security-passkey');
    // And the home page greets them: a full session, like after a code.
    await page.goto(at('/'));
    expect(await page.getByTestId('home-greeting').textContent()).toContain(admin.name);
  });

  it('removes the passkey, with a confirmation that names it', async () => {
    await page.goto(at('/profile?tab=security'));
    await page.getByRole('button', { name: 'Remove Work laptop' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('Remove this passkey?').waitFor();
    expect(await dialog.textContent()).toContain('The passkey “Work laptop” will no longer be accepted when you sign in.');
    await page.getByTestId('confirm-action').click();
    await expect.poll(() => page.getByTestId('mfa-devices').locator('tbody tr').count(), { timeout: 15_000 }).toBe(1);
    const overview = (await apiFromPage(page, 'GET', '/api/me/mfa')).json as { devices: Array<{ kind: string }> };
    expect(overview.devices.map((d) => d.kind)).toEqual(['totp']);
  });

  it('no page threw an error or broke the Content-Security-Policy', () => {
    expect(pageProblems).toEqual([]);
  });
});
