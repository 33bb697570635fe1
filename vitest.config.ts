import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

const src = (pkg: string) => fileURLToPath(new URL(`./packages/${pkg}/src/index.ts`, import.meta.url));
// Tests run against the TypeScript sources of the workspace packages, not their build output.
const alias = { '@focal/core': src('core'), '@focal/shared': src('shared') };

const serverTest = {
  testTimeout: 60_000,
  hookTimeout: 120_000,
  // Each test file opens its own database (about 0.4 GB for PGlite): two at a time on 2 cores.
  pool: 'forks' as const,
  maxWorkers: 2,
};

export default defineConfig({
  test: {
    projects: [
      // Pure logic on a shared, loaded machine: the timeout guards against a hang, it measures nothing.
      { resolve: { alias }, test: { name: 'core', include: ['packages/core/src/**/*.test.ts', 'packages/shared/src/**/*.test.ts'], testTimeout: 60_000, sequence: { groupOrder: 0 } } },
      {
        resolve: { alias },
        test: { name: 'server', include: ['packages/server/src/**/*.test.ts', 'packages/web/src/**/*.test.ts'], ...serverTest, sequence: { groupOrder: 1 } },
      },
      // The integration suite again on PostgreSQL, when a server is given (.ci/run gives one).
      ...(process.env.TEST_DATABASE_URL
        ? [
            {
              resolve: { alias },
              test: { name: 'server-pg', include: ['packages/server/src/**/*.int.test.ts'], env: { FOCAL_TEST_DB: 'postgres' }, ...serverTest, sequence: { groupOrder: 2 } },
            },
          ]
        : []),
      {
        resolve: { alias },
        test: { name: 'e2e', include: ['e2e/**/*.test.ts'], testTimeout: 180_000, hookTimeout: 180_000, fileParallelism: false, sequence: { groupOrder: 3 } },
      },
    ],
  },
});
