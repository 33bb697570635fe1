import { bootstrap, type BootstrapOptions } from '../bootstrap.js';
import { ConfigError, loadConfig } from '../config.js';
import type { AppContext } from '../context.js';
import { SYSTEM_ACTOR_ID, type Actor } from '../policies/index.js';
import { UsageError } from './command.js';

/** The operator at the command line acts with the secretariat's powers, audited as the CLI. */
export const CLI_ACTOR: Actor = { id: SYSTEM_ACTOR_ID, country: 'ZZ', roles: ['secretariat'] };
export const CLI_INFO = { ip: null, userAgent: 'focal-cli' };

/** Opens the configured database for a command, runs `work`, and always closes it. */
export async function withContext<T>(work: (ctx: AppContext) => Promise<T>, options: BootstrapOptions = {}): Promise<T> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(error.message);
    throw error;
  }
  const ctx = await bootstrap(config, options);
  try {
    return await work(ctx);
  } finally {
    await ctx.database.close();
  }
}
