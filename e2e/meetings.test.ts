import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, pageProblems, screenshot } from './harness.js';
import { loadDemo, signInDemo, type DemoWorld, type SignedIn } from './demo.js';
import { spawnServer, type ServerProcess } from './server-process.js';

/**
 * A working meeting across four countries through the web UI of a built server loaded with the
 * demo network. France's focal point (Paris) invites Peru's focal point (Lima) and Malaysia's
 * (Kuala Lumpur) by name and Kenya's focal points (Nairobi) as a country, asks the slot finder
 * for Monday 28 October 2030 and takes its best proposal — 09:00 in Paris, which is 03:00 in
 * Lima, so Lima is named as outside working hours. Lima, whose interface is in Spanish, finds
 * the invitation waiting, sees the time on their own clock and accepts; Paris sees the answer
 * arrive, writes the minutes and gives Nairobi an action item; Lima reads both and downloads
 * the meeting as .ics (read back with ical.js). An officer of another country gets the
 * not-found page, and the meetings page reads right to left in Arabic.
 */

const dataDir = mkdtempSync(join(tmpdir(), 'focal-e2e-meetings-'));
let server: ServerProcess;
let browser: Browser;
let world: DemoWorld;
const people: Record<string, SignedIn> = {};

const TITLE = 'Meridian — coordination du gel des avoirs';
const VIDEO = 'https://video.example.org/meridian-2030';
const MINUTES = 'Le Pérou confirme le gel de 2,4 millions USD. Le Kenya tracera les virements sortants.';
const ACTION = 'Tracer les virements sortants du compte de Nairobi';
let meetingId = '';

const url = (path: string) => new URL(path, server.url).href;

async function signIn(key: string, locale: string) {
  people[key] = await signInDemo(browser, server.url, world, key, locale);
  return people[key]!;
}

function person(key: string): SignedIn {
  const p = people[key];
  if (!p) throw new Error(`${key} is not signed in`);
  return p;
}

/** Opens a Mantine select or multi-select, types to filter, and picks the option. */
async function choose(page: Page, input: Locator, option: RegExp, typed?: string) {
  await input.click();
  if (typed !== undefined) await input.fill(typed);
  await page.getByRole('option', { name: option }).first().click();
}

const participantRow = (page: Page, name: RegExp) => page.getByTestId('participant-row').filter({ hasText: name });

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

describe('meetings: organise across four countries with the slot finder, accept, write minutes with an action item', () => {
  it('France’s focal point invites Peru, Malaysia and Kenya and takes the slot finder’s proposal', async () => {
    const { page } = await signIn('fr-fp', 'fr-FR');
    await page.getByTestId('nav-meetings').click();
    await page.getByTestId('meeting-new').click();
    await page.getByTestId('meeting-form').waitFor();
    await page.getByTestId('meeting-title').fill(TITLE);

    await choose(page, page.getByTestId('invitee-people'), /Diego/, 'Diego');
    await choose(page, page.getByTestId('invitee-people'), /Nurul/, 'Nurul');
    await page.keyboard.press('Escape');
    await choose(page, page.getByTestId('invitee-countries'), /^Kenya$/, 'Kenya');
    await page.keyboard.press('Escape');

    // Monday 28 October 2030, a day after Paris went back to winter time.
    await page.getByTestId('slot-from').fill('2030-10-28');
    await page.getByTestId('slot-days').fill('1');
    await page.getByTestId('slot-search').click();
    const best = page.getByTestId('slot-suggestion').first();
    await best.waitFor();
    // Working hours in UTC: Kuala Lumpur 01–09, Nairobi 06–14, Paris 08–16, Lima 14–22. No hour
    // suits all four; 08:00–09:00 UTC leaves out only Lima (03:00 there).
    expect(await best.getAttribute('data-start')).toBe('2030-10-28T08:00:00.000Z');
    await expect.poll(() => best.getByTestId('slot-outside-count').textContent()).toMatch(/1/);
    const limaLine = best.getByTestId('slot-local-time').filter({ hasText: 'Diego' });
    expect(await limaLine.getAttribute('data-outside')).toBe('before_hours');
    expect(await limaLine.textContent()).toContain('03:00');
    expect(await best.getByTestId('slot-local-time').filter({ hasText: 'Nurul' }).getAttribute('data-outside')).toBe('inside');
    expect(await best.getByTestId('slot-local-time').filter({ hasText: 'Otieno' }).getAttribute('data-outside')).toBe('inside');
    // The grid: one row per participant, Paris's hours across the top.
    await expect.poll(() => page.getByTestId('slot-grid-row').count()).toBe(4);
    await screenshot(page, 'meetings-slot-finder');

    await best.getByTestId('slot-choose').click();
    await page.getByTestId('meeting-chosen').waitFor();
    expect(await page.getByTestId('meeting-date').inputValue()).toBe('2030-10-28');
    expect(await page.getByTestId('meeting-time').inputValue()).toBe('09:00');
    await page.getByTestId('meeting-video-url').fill(VIDEO);
    await page.getByTestId('meeting-submit').click();

    await page.getByTestId('meeting-page').waitFor();
    meetingId = (await page.getByTestId('meeting-page').getAttribute('data-id')) ?? '';
    expect(page.url()).toBe(url(`/meetings/${meetingId}`));
    expect(await page.getByTestId('meeting-title-view').textContent()).toBe(TITLE);
    await expect.poll(() => page.getByTestId('participant-row').count()).toBe(4);
    expect(await participantRow(page, /Diego/).getByTestId('participant-local-time').textContent()).toContain('03:00');
    expect(await participantRow(page, /Diego/).getByTestId('hours-badge').getAttribute('data-outside')).toBe('before_hours');
    expect(await participantRow(page, /Otieno/).getByTestId('participant-local-time').textContent()).toContain('11:00');
    expect(await participantRow(page, /Nurul/).getByTestId('participant-local-time').textContent()).toContain('16:00');
    expect(await participantRow(page, /Diego/).getByTestId('rsvp-badge').getAttribute('data-rsvp')).toBe('pending');
  });

  it('Peru’s focal point finds the invitation, sees it on Lima’s clock and accepts', async () => {
    const { page } = await signIn('pe-fp', 'es-PE');
    await page.getByTestId('nav-meetings-count').waitFor();
    await page.getByTestId('nav-meetings').click();
    const notice = page.getByTestId('meeting-notice').filter({ hasText: TITLE });
    expect(await notice.getAttribute('data-kind')).toBe('invited');
    await page.locator(`[data-testid="meeting-row"][data-id="${meetingId}"]`).getByTestId('meeting-row-link').click();
    await page.getByTestId('meeting-page').waitFor();
    // Lima's clock, in Spanish: Monday 28 October, 03:00.
    expect(await page.getByTestId('meeting-when').textContent()).toMatch(/lunes.*28.*octubre.*\b0?3:00/);
    expect(await page.getByTestId('meeting-when-zone').textContent()).toContain('America/Lima');
    await page.getByTestId('rsvp-accepted').click();
    await expect.poll(() => page.getByTestId('meeting-respond').getByTestId('rsvp-badge').getAttribute('data-rsvp')).toBe('accepted');
  });

  it('France sees the answer arrive, writes the minutes and gives Kenya an action item', async () => {
    const { page } = person('fr-fp');
    // Delivered by the realtime stream, without reloading.
    await expect.poll(() => participantRow(page, /Diego/).getByTestId('rsvp-badge').getAttribute('data-rsvp'), { timeout: 15_000 }).toBe('accepted');
    await page.getByTestId('minutes-text').fill(MINUTES);
    await page.getByTestId('minutes-save').click();
    await expect.poll(() => page.getByTestId('minutes-save').isDisabled()).toBe(true);

    await page.getByTestId('action-new-title').fill(ACTION);
    await choose(page, page.getByTestId('action-new-owner'), /Otieno/);
    await page.getByTestId('action-new-due').fill('2030-11-05');
    await page.getByTestId('action-add').click();
    const row = page.getByTestId('action-row').filter({ hasText: ACTION });
    await row.waitFor();
    expect(await row.textContent()).toContain('Otieno');
    await screenshot(page, 'meetings-page-organiser');
  });

  it('Peru reads the minutes and the action item, and downloads the meeting as a valid .ics', async () => {
    const { page } = person('pe-fp');
    await page.reload();
    await page.getByTestId('minutes-view').waitFor();
    expect(await page.getByTestId('minutes-view').textContent()).toBe(MINUTES);
    expect(await page.getByTestId('action-row').filter({ hasText: ACTION }).count()).toBe(1);
    // An invitee cannot write the minutes or add actions.
    expect(await page.getByTestId('minutes-text').count()).toBe(0);
    expect(await page.getByTestId('action-form').count()).toBe(0);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('meeting-ics').click()]);
    const text = readFileSync((await download.path())!, 'utf8');
    const calendar = new ICAL.Component(ICAL.parse(text));
    expect(calendar.getFirstPropertyValue('method')).toBe('REQUEST');
    const vevent = calendar.getFirstSubcomponent('vevent')!;
    const event = new ICAL.Event(vevent);
    expect(event.uid).toMatch(new RegExp(`^${meetingId}@`));
    expect(event.sequence).toBe(0);
    expect(event.summary).toBe(TITLE);
    expect(event.startDate.toJSDate().toISOString()).toBe('2030-10-28T08:00:00.000Z');
    expect(event.location).toBe(VIDEO);
    const diego = vevent.getAllProperties('attendee').find((p) => String(p.getFirstValue()).includes('pe-fp@'));
    expect(diego?.getParameter('partstat')).toBe('ACCEPTED');
  });

  it('an officer of another country is told the meeting does not exist', async () => {
    const { page } = await signIn('cn-fp', 'en-GB');
    await page.goto(url(`/meetings/${meetingId}`));
    await page.getByTestId('meeting-not-found').waitFor();
    await page.goto(url('/meetings'));
    await page.getByTestId('empty-state').waitFor();
  });

  it('reads right to left in Arabic', async () => {
    const { page } = person('fr-fp');
    await page.goto(url('/meetings'));
    await page.getByTestId('language-switcher').click();
    await page.getByTestId('language-ar').click();
    await expect.poll(() => page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('الاجتماعات');
    await page.locator(`[data-testid="meeting-row"][data-id="${meetingId}"]`).waitFor();
    await screenshot(page, 'meetings-list-ar');
    expect(pageProblems).toEqual([]);
  });
});
