#!/usr/bin/env node
// Funds-tracing benchmark: generates a realistic ledger, then times parsing alone and each
// rule end to end from the file, against the built engine (npx tsc -b packages/core).
//
//   node bench/tracing.mjs [--transactions 1000000] [--accounts 10000] [--seed 42] [--repeat 1] [--keep]
//
// --repeat N times every phase N times and reports the medians; --keep leaves the ledger file.
//
// Add --expose-gc before the script for steadier figures: the heap is then collected
// between phases, so one phase's garbage is not charged to the next.
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const DEFAULTS = { transactions: 1_000_000, accounts: 10_000, seed: 42, repeat: 1 };
const JURISDICTIONS = ['FR', 'CH', 'CY', 'LU', 'SG', 'PA', 'AE', 'GB', 'NG', 'HK', 'MT', 'VG'];

/** Mulberry32: small, fast and the same sequence on every machine for a given seed. */
function createRandom(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

const formatMinor = (minor) => `${Math.floor(minor / 100)}.${String(minor % 100).padStart(2, '0')}`;

/**
 * Writes a ledger shaped like a grand-corruption case: public money leaves a treasury for a
 * few front companies (the seeds), is layered through chains of accounts mixed with ordinary
 * clean business, and cashed out to casinos, cash desks and property. Balances are followed
 * so most withdrawals are funded; about 2% deliberately overdraw.
 */
export function writeLedger(path, { transactions, accounts, seed }) {
  const random = createRandom(seed);
  const pick = (count) => Math.floor(random() * count);
  const accountIds = Array.from({ length: accounts }, (_, index) => `ACC${String(index).padStart(6, '0')}`);
  const balances = new Float64Array(accounts);
  const fronts = Math.max(1, Math.floor(accounts / 50));
  // Money that just arrived tends to move on: layering follows recent receivers.
  const recent = new Int32Array(256);
  let recentCount = 0;
  const seeds = [];

  const file = openSync(path, 'w');
  const chunk = [];
  const flush = () => {
    writeSync(file, chunk.join(''));
    chunk.length = 0;
  };

  chunk.push('{"currency":"EUR","minor_units":2,"accounts":[');
  accountIds.forEach((id, index) => {
    const opening = random() < 0.4 ? 0 : pick(5_000_000);
    balances[index] = opening;
    const holder = index < fronts ? `Front company ${index}` : `Holder ${index}`;
    chunk.push(`${index ? ',' : ''}{"id":"${id}","holder":"${holder}","jurisdiction":"${JURISDICTIONS[pick(JURISDICTIONS.length)]}","opening_balance":"${formatMinor(opening)}"}`);
  });
  chunk.push('],"transactions":[');

  let time = Date.UTC(2023, 0, 1);
  for (let row = 0; row < transactions; row++) {
    // About one transaction in twenty shares its timestamp with the previous one.
    if (random() >= 0.05) time += 1000 * (1 + pick(120));
    const kind = random();
    let from;
    let to;
    let amount;
    if (kind < 0.005) {
      from = 'EXT-TREASURY';
      to = accountIds[pick(fronts)];
      amount = 1_000_000 + pick(50_000_000);
      seeds.push(`T${row}`);
    } else if (kind < 0.205) {
      from = random() < 0.5 ? `EXT-SALARY-${pick(500)}` : `EXT-SUPPLIER-${pick(2000)}`;
      to = accountIds[pick(accounts)];
      amount = 10_000 + pick(2_000_000);
    } else {
      const sender = recentCount > 0 && random() < 0.5 ? recent[pick(Math.min(recentCount, recent.length))] : pick(accounts);
      from = accountIds[sender];
      const balance = balances[sender];
      amount = random() < 0.02 || balance < 100 ? Math.floor(balance * 1.2) + 100 + pick(100_000) : 1 + Math.floor(balance * (0.1 + 0.9 * random()));
      if (kind < 0.805) {
        let receiver = pick(accounts);
        if (receiver === sender) receiver = (receiver + 1) % accounts;
        to = accountIds[receiver];
      } else {
        to = ['EXT-CASINO', `EXT-CASH-${pick(100)}`, `EXT-REAL-ESTATE-${pick(300)}`][pick(3)];
      }
      balances[sender] = Math.max(0, balance - amount);
    }
    const receiverIndex = to.startsWith('ACC') ? Number(to.slice(3)) : -1;
    if (receiverIndex >= 0) {
      balances[receiverIndex] += amount;
      recent[recentCount++ % recent.length] = receiverIndex;
    }
    chunk.push(`${row ? ',' : ''}{"id":"T${row}","date":"${new Date(time).toISOString()}","from":"${from}","to":"${to}","amount":"${formatMinor(amount)}"}`);
    if (chunk.length >= 10_000) flush();
  }
  chunk.push(`],"taint":[${seeds.map((id) => `{"transaction":"${id}"}`).join(',')}]}`);
  flush();
  closeSync(file);
  return { seeds: seeds.length, bytes: statSync(path).size };
}

async function loadEngine() {
  try {
    return await import('@focal/core');
  } catch (error) {
    throw new Error(`cannot load @focal/core; build it first with "npx tsc -b packages/core" (${error.message})`);
  }
}

/** Times every phase; returns the figures and, unless `quiet`, prints them as a table. */
export async function run(options = {}) {
  const settings = { ...DEFAULTS, ...options };
  const log = settings.quiet ? () => {} : (settings.log ?? console.log);
  const { parseLedger, traceFunds, toSpecJson, TRACING_RULES } = await loadEngine();
  const directory = mkdtempSync(join(tmpdir(), 'focal-bench-tracing-'));
  const path = join(directory, 'ledger.json');
  let heapPeak = 0;
  const settle = () => {
    globalThis.gc?.();
    heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
  };
  const time = (body) => {
    const start = performance.now();
    const value = body();
    return { value, ms: performance.now() - start };
  };

  try {
    const generated = time(() => writeLedger(path, settings));
    log(`focal tracing benchmark: ${settings.transactions.toLocaleString('en')} transactions, ${settings.accounts.toLocaleString('en')} accounts, seed ${settings.seed}`);
    log(`ledger: ${(generated.value.bytes / 1e6).toFixed(1)} MB, ${generated.value.seeds.toLocaleString('en')} seeds, generated in ${Math.round(generated.ms)} ms (${path})`);
    settle();

    // A warm-up parse first, so that the baseline does not pay alone for growing a fresh heap.
    JSON.parse(readFileSync(path, 'utf8'));
    settle();
    const parseOnly = () => {
      const parsed = time(() => JSON.parse(readFileSync(path, 'utf8')));
      settle();
      return parsed.ms;
    };
    const validateOnly = () => {
      const json = JSON.parse(readFileSync(path, 'utf8'));
      return time(() => parseLedger(json)).ms;
    };
    const validateMs = validateOnly();
    settle();

    // Each end-to-end run is paired with a parse-only run just before it, so that a machine
    // whose load drifts during the benchmark still yields fair ratios.
    const parseRuns = [];
    const rules = [];
    for (const rule of TRACING_RULES) {
      const runs = [];
      for (let attempt = 0; attempt < settings.repeat; attempt++) {
        const parseMs = parseOnly();
        parseRuns.push(parseMs);
        let traceMs = 0;
        const endToEnd = time(() => {
          const ledger = parseLedger(JSON.parse(readFileSync(path, 'utf8')));
          const traced = time(() => traceFunds(ledger, rule));
          traceMs = traced.ms;
          return { output: JSON.stringify(toSpecJson(traced.value), null, 2), flows: traced.value.flows.length, holdings: traced.value.holdings.length };
        });
        runs.push({ ms: endToEnd.ms, traceMs, ratio: parseMs / endToEnd.ms, flows: endToEnd.value.flows, holdings: endToEnd.value.holdings });
        settle();
      }
      const ms = median(runs.map((run) => run.ms));
      rules.push({
        rule,
        ms,
        traceMs: median(runs.map((run) => run.traceMs)),
        transactionsPerSecond: settings.transactions / (ms / 1000),
        ratioToParse: median(runs.map((run) => run.ratio)),
        flows: runs[0].flows,
        holdings: runs[0].holdings,
      });
    }
    const parsedMs = median(parseRuns);
    const parseRate = settings.transactions / (parsedMs / 1000);

    const figures = {
      transactions: settings.transactions,
      accounts: settings.accounts,
      seed: settings.seed,
      fileBytes: generated.value.bytes,
      seeds: generated.value.seeds,
      repeat: settings.repeat,
      parse: { ms: parsedMs, transactionsPerSecond: parseRate },
      validate: { ms: validateMs },
      rules,
      heapPeakBytes: heapPeak,
      maxRssBytes: process.resourceUsage().maxRSS * 1024,
    };
    printTable(figures, log);
    return figures;
  } finally {
    if (!settings.keep) rmSync(directory, { recursive: true, force: true });
  }
}

function printTable(figures, log) {
  const number = (value) => Math.round(value).toLocaleString('en');
  const rows = [
    ['phase', 'ms', 'tx/s', 'x parse rate', 'of which trace'],
    ['read + JSON.parse', number(figures.parse.ms), number(figures.parse.transactionsPerSecond), '1.00', ''],
    ['validate (parseLedger)', number(figures.validate.ms), '', '', ''],
    ...figures.rules.map((rule) => [`${rule.rule}, end to end`, number(rule.ms), number(rule.transactionsPerSecond), rule.ratioToParse.toFixed(2), `${number(rule.traceMs)} ms`]),
  ];
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  log('');
  for (const row of rows) log(row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join('  '));
  log('');
  log(`medians of ${figures.repeat} run${figures.repeat === 1 ? '' : 's'} per rule; x parse rate = parse-only ms ÷ end-to-end ms of runs made back to back`);
  log('end to end = read + JSON.parse + validate + trace + spec JSON');
  log(`${figures.rules.map((rule) => `${rule.rule} ${number(rule.flows)} flows`).join(', ')}`);
  log(`heap peak (sampled between phases): ${(figures.heapPeakBytes / 1e6).toFixed(0)} MB; peak RSS: ${(figures.maxRssBytes / 1e6).toFixed(0)} MB`);
}

function readOptions(argv) {
  const { values } = parseArgs({
    args: argv,
    options: { transactions: { type: 'string' }, accounts: { type: 'string' }, seed: { type: 'string' }, repeat: { type: 'string' }, keep: { type: 'boolean' } },
    strict: true,
  });
  const count = (name, minimum) => {
    if (values[name] === undefined) return DEFAULTS[name];
    const value = Number(values[name]);
    if (!Number.isSafeInteger(value) || value < minimum) throw new Error(`--${name}: expected a whole number of at least ${minimum}, got ${values[name]}`);
    return value;
  };
  return { transactions: count('transactions', 1), accounts: count('accounts', 2), seed: count('seed', 0), repeat: count('repeat', 1), keep: values.keep === true };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    await run(readOptions(process.argv.slice(2)));
  } catch (error) {
    console.error(`bench/tracing.mjs: ${error.message}`);
    process.exitCode = 1;
  }
}
