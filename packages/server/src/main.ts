import { ConfigError, loadConfig } from './config.js';
import { startServer } from './server.js';

/** `npm start` and `focal serve`: run until SIGINT or SIGTERM, then close cleanly. */
export async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const server = await startServer(config);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      process.stdout.write(`\n${signal} received: finishing requests in flight and closing the database…\n`);
      server
        .close()
        .then(() => process.exit(0))
        .catch((error: unknown) => {
          process.stderr.write(`Shutdown failed: ${error instanceof Error ? error.message : String(error)}\n`);
          process.exit(1);
        });
    });
  }
}

const invokedDirectly = process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href;
if (invokedDirectly) {
  main().catch((error: unknown) => {
    process.stderr.write(`Focal could not start: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
