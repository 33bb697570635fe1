import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, newUser, screenshot } from './harness.js';
import { runFocal, spawnServer, type ServerProcess } from './server-process.js';

/**
 * An invitation link stops working when it expires. Two links are made before the server
 * starts: one valid for 72 hours, one for about five seconds (FOCAL_INVITATION_TTL_HOURS), so
 * by the time the server is up the second has expired.
 */
const dataDir = mkdtempSync(join(tmpdir(), 'focal-expiry-'));
let server: ServerProcess;
let browser: Browser;
let fresh: string;
let expired: string;

const linkOf = (stdout: string) => /(http:\/\/\S+\/activate\/\S+)/.exec(stdout)?.[1] ?? '';

beforeAll(async () => {
  const a = runFocal(dataDir, ['user', 'invite', '--email', 'fresh@example.test', '--name', 'Fresh Invitee', '--country', 'KE', '--role', 'national_admin']);
  expect(a.status, a.stderr).toBe(0);
  const b = runFocal(dataDir, ['user', 'invite', '--email', 'late@example.test', '--name', 'Late Invitee', '--country', 'KE', '--role', 'national_admin'], { FOCAL_INVITATION_TTL_HOURS: '0.0015' });
  expect(b.status, b.stderr).toBe(0);
  const started = Date.now();
  server = await spawnServer(dataDir);
  const path = (link: string) => new URL(link).pathname;
  fresh = server.url + path(linkOf(a.stdout));
  expired = server.url + path(linkOf(b.stdout));
  // The short link lives 5.4 s from its creation; make sure that has passed.
  const wait = 6000 - (Date.now() - started);
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  server?.child.kill('SIGTERM');
  rmSync(dataDir, { recursive: true, force: true });
});

describe('invitation expiry', () => {
  it('opens a valid invitation and refuses an expired one', async () => {
    const { context, page } = await newUser(browser);
    await page.goto(fresh);
    await page.getByTestId('activation-name').waitFor();
    expect(await page.getByTestId('activation-invalid').count()).toBe(0);

    await page.goto(expired);
    await page.getByTestId('activation-invalid').waitFor();
    expect(await page.getByTestId('activation-name').count()).toBe(0);
    await screenshot(page, 'invitation-expired');
    await context.close();
  });
});
