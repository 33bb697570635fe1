import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('..', import.meta.url));

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  output: () => string;
}

/** Runs the built server on a data directory and waits until it prints its URL. */
export async function spawnServer(dataDir: string, extraEnv: NodeJS.ProcessEnv = {}): Promise<ServerProcess> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, FOCAL_DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', FOCAL_LOG_LEVEL: 'warn', ...extraEnv };
  for (const key of ['FOCAL_MASTER_KEY', 'FOCAL_PUBLIC_URL', 'DATABASE_URL']) if (!(key in extraEnv)) delete env[key];
  const child = spawn(process.execPath, [join(repoRoot, 'packages/server/dist/main.js')], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`The server did not start within 90 s.\n${output}`)), 90_000);
    const poll = setInterval(() => {
      const found = /Focal is running at (http:\/\/\S+)/.exec(output)?.[1];
      if (found) {
        clearInterval(poll);
        clearTimeout(timer);
        resolve(found.replace('localhost', '127.0.0.1'));
      }
    }, 50);
    child.once('exit', (code) => {
      clearInterval(poll);
      clearTimeout(timer);
      reject(new Error(`The server exited early with code ${code}.\n${output}`));
    });
  });
  return { url, child, output: () => output };
}

/** Runs `focal …` against a data directory and returns what it printed. */
export function runFocal(dataDir: string, args: string[], extraEnv: NodeJS.ProcessEnv = {}): { status: number | null; stdout: string; stderr: string } {
  const env: NodeJS.ProcessEnv = { ...process.env, FOCAL_DATA_DIR: dataDir, ...extraEnv };
  for (const key of ['DATABASE_URL', 'FOCAL_MASTER_KEY']) if (!(key in extraEnv)) delete env[key];
  const result = spawnSync(process.execPath, [join(repoRoot, 'packages/server/bin/focal.mjs'), ...args], { cwd: repoRoot, env, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
