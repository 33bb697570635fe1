import { bootstrap, type BootstrapOptions } from '../bootstrap.js';
import path from 'node:path';
import { ConfigError, loadConfig, type Config } from '../config.js';
import { openDatabase, type DatabaseHandle } from '../db/database.js';
import type { AppContext } from '../context.js';
import { SYSTEM_ACTOR_ID, type Actor } from '../policies/index.js';
import { UsageError } from './command.js';

/** The operator at the command line acts with the secretariat's powers, audited as the CLI. */
export const CLI_ACTOR: Actor = { id: SYSTEM_ACTOR_ID, country: 'ZZ', roles: ['secretariat'] };
export const CLI_INFO = { ip: null, userAgent: 'focal-cli' };

function commandConfig(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(error.message);
    throw error;
  }
}

/** Opens the configured database alone (no keys, no migrations), for `focal migrate`. */
export async function withDatabase<T>(work: (db: DatabaseHandle) => Promise<T>): Promise<T> {
  const config = commandConfig();
  const database = await openDatabase({ databaseUrl: config.databaseUrl, pgliteDir: path.join(config.dataDir, 'pgdata'), poolSize: 2 });
  try {
    return await work(database);
  } finally {
    await database.close();
  }
}

/** Opens the configured database for a command, runs `work`, and always closes it. */
export async function withContext<T>(work: (ctx: AppContext) => Promise<T>, options: BootstrapOptions = {}): Promise<T> {
  const config = commandConfig();
  const ctx = await bootstrap(config, options);
  try {
    const result = await work(ctx);
    // Chain what the command recorded before the database closes.
    await ctx.audit.seal(ctx.db);
    return result;
  } finally {
    await ctx.database.close();
  }
}
