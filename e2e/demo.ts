import type { Browser, BrowserContext, Page } from 'playwright-core';
import { freshTotp, newUser } from './harness.js';
import { runFocal } from './server-process.js';

/** One person of the demo network, as `focal demo --json` prints them. */
export interface DemoLogin {
  email: string;
  name: string;
  country: string;
  totpSecret: string;
}

export interface DemoWorld {
  password: string;
  /** By e-mail address, e.g. `fr-fp@demo.focal.example`. */
  logins: Map<string, DemoLogin>;
}

export interface SignedIn {
  login: DemoLogin;
  context: BrowserContext;
  page: Page;
}

/** Loads the demo network into a data directory (before the server starts on it). */
export function loadDemo(dataDir: string): DemoWorld {
  const demo = runFocal(dataDir, ['demo', '--json']);
  if (demo.status !== 0) throw new Error(`focal demo failed (${demo.status}):\n${demo.stderr}`);
  const world = JSON.parse(demo.stdout) as { password: string; logins: DemoLogin[] };
  return { password: world.password, logins: new Map(world.logins.map((l) => [l.email, l])) };
}

/**
 * Signs a demo person in through the login page (password, then a fresh TOTP code) in a new
 * browser profile with the given browser language; resolves on the home page.
 */
export async function signInDemo(browser: Browser, baseUrl: string, world: DemoWorld, key: string, locale: string): Promise<SignedIn> {
  const login = world.logins.get(`${key}@demo.focal.example`);
  if (!login) throw new Error(`no demo login ${key}`);
  const { context, page } = await newUser(browser, locale);
  await page.goto(new URL('/login', baseUrl).href);
  await page.getByTestId('login-email').fill(login.email);
  await page.getByTestId('login-password').fill(world.password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('login-totp').fill(await freshTotp(login.totpSecret));
  await page.getByTestId('login-mfa-submit').click();
  await page.getByTestId('home-greeting').waitFor();
  return { login, context, page };
}
