#!/usr/bin/env node
// `npm run bench`: every benchmark in turn, printing its figures. Each can also run alone
// with its own options (see the top of each file and bench/README.md).
//
//   npm run bench                 all of them at full size
//   npm run bench -- --quick      smaller sizes, for a smoke run
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { quick: { type: 'boolean' }, only: { type: 'string' } } });
const quick = Boolean(values.quick);
const only = values.only?.split(',');
const want = (name) => !only || only.includes(name);

if (want('http')) {
  const { run } = await import('./http.mjs');
  await run({ seconds: quick ? 2 : 10 });
}
if (want('audit')) {
  const { run } = await import('./audit.mjs');
  await run(quick ? { events: 20_000, pgliteEvents: 10_000, appends: 1000 } : {});
}
if (want('tracing')) {
  const { run } = await import('./tracing.mjs');
  await run(quick ? { transactions: 100_000, accounts: 1_000 } : {});
}
if (want('messaging')) {
  const { run } = await import('./messaging.mjs');
  await run(quick ? { seconds: 2, messages: 10_000, pgliteMessages: 10_000, samples: 50 } : {});
}
if (want('cases')) {
  const { run } = await import('./cases.mjs');
  await run(quick ? { cases: 1000, entities: 50_000, importLines: 50_000, pgliteCases: 200, pgliteEntities: 5_000, pgliteImportLines: 5_000, samples: 50 } : {});
}
if (want('training')) {
  const { run } = await import('./training.mjs');
  await run(quick ? { nominations: 1000, countries: 60, capacity: 100, renders: 5 } : {});
}
if (want('matching')) {
  const { run } = await import('./matching.mjs');
  await run(quick ? { entities: 50_000, pgliteEntities: 10_000, queries: 200, batch: 2_000, pgliteBatch: 500 } : {});
}
if (want('tracing-case')) {
  const { run } = await import('./tracing-case.mjs');
  await run(quick ? { transactions: 20_000, pgliteTransactions: 5_000, accounts: 500, repeat: 1 } : {});
}
