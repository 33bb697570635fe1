import type { Config } from './config.js';
import { bootstrap } from './bootstrap.js';
import { buildApp } from './app.js';
import { createSetupToken, isSetupRequired } from './modules/identity/service.js';
import { startSealer } from './audit/log.js';
import { startMailJobs } from './modules/messaging/jobs.js';
import { startCaseJobs } from './modules/cases/jobs.js';
import { startMatcher } from './modules/matching/crossref.js';
import { startStatementJobs } from './modules/statements/jobs.js';
import { startNotifier } from './notify/outbox.js';
import { startMeetingJobs } from './modules/meetings/jobs.js';

export interface RunningServer {
  url: string;
  close: () => Promise<void>;
}

/**
 * Starts the whole platform: migrate, load keys, listen, print the URL (and, on an empty
 * database, the one-time setup link), seal audit events into the chain, send email notices
 * through the SMTP relay when one is configured, and shut down
 * gracefully on SIGINT/SIGTERM.
 */
export async function startServer(config: Config, print: (line: string) => void = (line) => process.stdout.write(line + '\n')): Promise<RunningServer> {
  const ctx = await bootstrap(config);
  const app = await buildApp(ctx);
  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = config.publicUrl.replace(/:\d+$/, `:${port}`);

  print(`Focal is running at ${url}`);
  print(`Database: ${ctx.database.kind === 'pglite' ? `embedded (${config.dataDir})` : 'PostgreSQL'}`);
  if (await isSetupRequired(ctx.db)) {
    const setup = await createSetupToken({ ...ctx, config: { ...config, publicUrl: url } }, { ip: null, userAgent: 'focal-server' });
    print(`First-run setup: ${setup.url}`);
    print(`(valid 24 hours, single use; open it to create the secretariat administrator)`);
  }

  const sealer = startSealer(ctx.audit, ctx.db, (error) => app.log.error({ err: error }, 'audit sealing failed; retrying'));
  const notifier = startNotifier(ctx, { logger: app.log });
  const mailJobs = startMailJobs(ctx, (error) => app.log.error({ err: error }, 'mail upkeep failed; retrying'));
  const caseJobs = startCaseJobs(ctx, (error) => app.log.error({ err: error }, 'case upkeep failed; retrying'));
  const matcher = startMatcher(ctx, (error) => app.log.error({ err: error }, 'cross-referencing failed; retrying'));
  const meetingJobs = startMeetingJobs(ctx, (error) => app.log.error({ err: error }, 'meetings upkeep failed; retrying'));
  const statementJobs = startStatementJobs(ctx, (error) => app.log.error({ err: error }, 'statement import failed; retrying'));

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      await app.close();
      await mailJobs.stop();
      await caseJobs.stop();
      await matcher.stop();
      await meetingJobs.stop();
      await statementJobs.stop();
      await notifier.stop();
      await sealer.stop();
      await ctx.database.close();
    })());
  return { url, close };
}
