#!/usr/bin/env node
// Training benchmark, against the built code (npm run build:ts):
//  - seat allocation (allocateSeats) for a large call for nominations, first run and the run after
//    a cancellation (the waiting list moving up, which happens inside the cancelling transaction);
//  - drawing a certificate of completion as PDF (done on each download), Latin and Arabic.
//
//   node bench/training.mjs [--nominations 5000] [--countries 150] [--capacity 400] [--renders 20]
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { percentile, repoRoot } from './lib.mjs';

const DEFAULTS = { nominations: 5000, countries: 150, capacity: 400, renders: 20 };

function ms(start) {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** Countries nominate unevenly: a few nominate many officers, most a handful. */
function allocationRun(allocateSeats, size) {
  const nominations = [];
  const perCountry = new Map();
  for (let i = 0; i < size.nominations; i++) {
    const spread = ((i * 2654435761) >>> 0) / 2 ** 32; // deterministic, evenly spread in [0, 1)
    const country = `C${String(Math.floor(spread * spread * size.countries)).padStart(3, '0')}`;
    const rank = (perCountry.get(country) ?? 0) + 1;
    perCountry.set(country, rank);
    nominations.push({ id: `n${i}`, country, rank, nominatedAt: i, status: 'pending' });
  }
  const time = (input) => {
    const times = [];
    let plan;
    for (let i = 0; i < 30; i++) {
      const start = process.hrtime.bigint();
      plan = allocateSeats(input);
      times.push(ms(start));
    }
    times.sort((a, b) => a - b);
    return { plan, median: percentile(times, 50), best: times[0] };
  };
  const first = time({ capacity: size.capacity, quota: null, nominations });
  const confirmed = new Set(first.plan.confirmed);
  const afterCancel = nominations.filter((n) => n.id !== first.plan.confirmed[0]).map((n) => ({ ...n, status: confirmed.has(n.id) ? 'confirmed' : 'waitlisted' }));
  const again = time({ capacity: size.capacity, quota: null, nominations: afterCancel });
  console.log(`training: seats for ${size.nominations} nominations from ${perCountry.size} countries, capacity ${size.capacity} (quota ${first.plan.quota}), 30 runs`);
  console.log(`  first allocation      median ${first.median.toFixed(2)} ms, best ${first.best.toFixed(2)} ms`);
  console.log(`  after a cancellation  median ${again.median.toFixed(2)} ms, best ${again.best.toFixed(2)} ms`);
}

export async function run(options = {}) {
  const o = { ...DEFAULTS, ...options };
  const { allocateSeats } = await import(pathToFileURL(join(repoRoot, 'packages/core/dist/index.js')).href);
  const { renderCertificatePdf } = await import(pathToFileURL(join(repoRoot, 'packages/server/dist/modules/training/certificate-pdf.js')).href);

  // A regional workshop as it comes (about 120 nominations from 40 countries for 30 seats), then a
  // call far larger than any workshop, to see how the rule grows.
  for (const size of [{ nominations: 120, countries: 40, capacity: 30 }, { nominations: o.nominations, countries: o.countries, capacity: o.capacity }]) {
    allocationRun(allocateSeats, size);
  }

  const base = {
    language: 'en',
    holderName: 'Дмитро Бондаренко',
    holderNameLatin: 'Dmytro Bondarenko',
    workshopTitle: 'Tracing crypto-assets in corruption cases',
    startsOn: '2026-03-10',
    endsOn: '2026-03-12',
    hostCountry: 'JO',
    mode: 'in_person',
    modules: ['Crypto-assets', 'Asset tracing', 'Mutual legal assistance'],
    sessionsAttended: 3,
    sessionsTotal: 3,
    issuedAt: new Date('2026-03-12T15:00:00Z'),
    code: '7QKM2X9DH4TBWN3C',
    verifyUrl: 'https://focal.example/verify/7QKM2X9DH4TBWN3C',
  };
  // Baseline, in the same run: a one-line document in pdfkit's built-in Helvetica.
  const { default: PDFDocument } = await import('pdfkit');
  const blank = async () => {
    const doc = new PDFDocument({ size: 'A4', layout: 'landscape' });
    const done = new Promise((resolve) => doc.on('end', resolve));
    doc.on('data', () => {});
    doc.fontSize(24).text('Certificate of completion', 100, 100);
    doc.end();
    await done;
  };
  await blank();
  const baseline = [];
  for (let i = 0; i < o.renders; i++) {
    const start = process.hrtime.bigint();
    await blank();
    baseline.push(ms(start));
  }
  baseline.sort((a, b) => a - b);
  const base50 = percentile(baseline, 50);
  console.log(`training: baseline PDF (one line of Helvetica), ${o.renders} renders: median ${base50.toFixed(1)} ms`);
  for (const [label, content] of [
    ['Latin and Cyrillic, in English', base],
    ['Arabic, in Arabic', { ...base, language: 'ar', holderName: 'كريم الشناوي', holderNameLatin: 'Karim El-Shenawy', workshopTitle: 'تتبع الأصول المشفرة في قضايا الفساد' }],
  ]) {
    await renderCertificatePdf(content); // warm-up: fonts parsed, code compiled
    const times = [];
    let size = 0;
    for (let i = 0; i < o.renders; i++) {
      const start = process.hrtime.bigint();
      size = (await renderCertificatePdf(content)).length;
      times.push(ms(start));
    }
    times.sort((a, b) => a - b);
    console.log(`training: certificate PDF (${label}), ${o.renders} renders: median ${percentile(times, 50).toFixed(0)} ms (${(percentile(times, 50) / base50).toFixed(0)} × baseline), p95 ${percentile(times, 95).toFixed(0)} ms, ${(size / 1024).toFixed(0)} KiB`);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({ options: { nominations: { type: 'string' }, countries: { type: 'string' }, capacity: { type: 'string' }, renders: { type: 'string' } } });
  await run(Object.fromEntries(Object.entries(values).map(([k, v]) => [k, Number(v)])));
}
