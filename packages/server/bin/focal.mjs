#!/usr/bin/env node
// The `focal` command. Runs the compiled CLI; on a fresh checkout (after `npm ci`, before any
// build) it compiles the server packages once first, so `npx focal …` works straight away.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const serverDir = fileURLToPath(new URL('..', import.meta.url));
const cliFile = new URL('../dist/cli.js', import.meta.url);

if (!existsSync(cliFile)) {
  process.stderr.write('Building Focal (first run)…\n');
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const result = spawnSync(process.execPath, [tsc, '-b', serverDir], { stdio: 'inherit' });
  if (result.status !== 0) {
    process.stderr.write('The build failed: run `npm run build` to see why.\n');
    process.exit(1);
  }
}

const { runCli } = await import(cliFile.href);
const code = await runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
if (code !== undefined) process.exitCode = code;
