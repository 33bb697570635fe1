import { z } from 'zod';
import { ROLES, ZEmail, type TRole } from '@focal/shared';
import { migrateToLatest } from '../db/migrate.js';
import { createSetupToken } from '../modules/identity/service.js';
import { administerUser, inviteUser } from '../modules/users/service.js';
import { rotateKeyEncryptionKey } from '../crypto/envelope.js';
import { verifyAuditChain } from '../audit/verify.js';
import { SYSTEM_CONTEXT } from '../audit/events.js';
import { AppError } from '../errors.js';
import { EXIT_FAILURE, EXIT_OK, UsageError, parseCommandArgs, type Command } from './command.js';
import { CLI_ACTOR, CLI_INFO, withContext, withDatabase } from './context.js';

export const serveCommand: Command = {
  name: 'serve',
  summary: 'Run the web server (UI and API)',
  help: `Usage: focal serve

Runs Focal: migrates the database, serves the UI and the API, prints the URL.
Environment: PORT (8080), HOST (127.0.0.1), FOCAL_DATA_DIR (./data), DATABASE_URL (embedded database when unset).
Stops cleanly on Ctrl-C (SIGINT) or SIGTERM.`,
  async run(argv) {
    parseCommandArgs(argv, {}, false);
    const { main } = await import('../main.js');
    await main();
    // Keep running: the server holds the event loop open until a signal arrives.
    return new Promise<number>(() => {});
  },
};

export const migrateCommand: Command = {
  name: 'migrate',
  summary: 'Apply pending database migrations',
  help: `Usage: focal migrate

Applies every pending migration to the configured database (DATABASE_URL, or the embedded
database under FOCAL_DATA_DIR) and lists what it applied. The server also migrates at start.`,
  async run(argv, io) {
    parseCommandArgs(argv, {}, false);
    const applied = await withDatabase((database) => migrateToLatest(database.db));
    io.stdout(applied.length ? `Applied: ${applied.join(', ')}\n` : 'The database is up to date.\n');
    return EXIT_OK;
  },
};

export const setupTokenCommand: Command = {
  name: 'setup-token',
  summary: 'Print a new one-time setup link for the first administrator',
  help: `Usage: focal setup-token

Prints a one-time link (valid 24 hours) to create the secretariat administrator.
Only works while no user exists; a new link replaces any earlier one.
FOCAL_PUBLIC_URL (or HOST and PORT) decides the link's address.`,
  async run(argv, io) {
    parseCommandArgs(argv, {}, false);
    return withContext(async (ctx) => {
      try {
        const { url, expiresAt } = await createSetupToken(ctx, CLI_INFO);
        io.stdout(`First-run setup: ${url}\nValid until ${expiresAt.toISOString()} (single use).\n`);
        return EXIT_OK;
      } catch (error) {
        if (error instanceof AppError) {
          io.stderr(`${error.message}\n`);
          return EXIT_FAILURE;
        }
        throw error;
      }
    });
  },
};

const ZCountryArg = z.string().regex(/^[A-Za-z]{2}$/).transform((s) => s.toUpperCase());

export const userCommand: Command = {
  name: 'user',
  summary: 'List, invite or suspend users (list | invite | suspend)',
  help: `Usage:
  focal user list [--country XX] [--status invited|active|suspended|deactivated] [--json]
  focal user invite --email EMAIL --name NAME [--name-latin NAME] --country XX --role ROLE [--role ROLE…]
  focal user suspend EMAIL

invite prints a single-use invitation link valid 72 hours. Roles: ${ROLES.join(', ')}.
The command line acts with the secretariat's powers; every change is audited as focal-cli.`,
  async run(argv, io) {
    const [sub, ...rest] = argv;
    if (!sub || sub === '--help' || sub === '-h') {
      if (!sub) throw new UsageError('Say what to do: focal user list | invite | suspend (see focal user --help).');
      io.stdout(`${this.help}\n`);
      return EXIT_OK;
    }
    if (sub === 'list') {
      const { values } = parseCommandArgs(rest, { country: { type: 'string' }, status: { type: 'string' }, json: { type: 'boolean' } }, false);
      if (values.help) return (io.stdout(`${this.help}\n`), EXIT_OK);
      const country = values.country ? parseValue(ZCountryArg, values.country, '--country') : undefined;
      const status = values.status ? parseValue(z.enum(['invited', 'active', 'suspended', 'deactivated']), values.status, '--status') : undefined;
      return withContext(async (ctx) => {
        let q = ctx.db.selectFrom('users').select(['id', 'email', 'name', 'name_latin', 'country', 'roles', 'status']).orderBy('country').orderBy('email');
        if (country) q = q.where('country', '=', country);
        if (status) q = q.where('status', '=', status);
        const rows = await q.execute();
        if (values.json) io.stdout(rows.map((r) => JSON.stringify(r)).join('\n') + (rows.length ? '\n' : ''));
        else {
          for (const r of rows) io.stdout(`${r.country}  ${r.status.padEnd(10)} ${r.email.padEnd(36)} ${r.name_latin}${r.name !== r.name_latin ? ` (${r.name})` : ''}  [${r.roles.join(', ')}]\n`);
          io.stdout(`${rows.length} user(s)\n`);
        }
        return EXIT_OK;
      });
    }
    if (sub === 'invite') {
      const { values } = parseCommandArgs(
        rest,
        { email: { type: 'string' }, name: { type: 'string' }, 'name-latin': { type: 'string' }, country: { type: 'string' }, role: { type: 'string', multiple: true } },
        false,
      );
      if (values.help) return (io.stdout(`${this.help}\n`), EXIT_OK);
      if (!values.email || !values.name || !values.country || !values.role?.length) throw new UsageError('invite needs --email, --name, --country and at least one --role.');
      const email = parseValue(ZEmail, values.email, '--email');
      const country = parseValue(ZCountryArg, values.country, '--country');
      const roles = values.role.map((role) => parseValue(z.enum(ROLES), role, '--role')) as TRole[];
      return withContext(async (ctx) => {
        try {
          const { url, expiresAt } = await inviteUser(ctx, CLI_ACTOR, { email, name: values.name!, nameLatin: values['name-latin'] ?? values.name!, country, roles, agencyId: null }, CLI_INFO);
          io.stdout(`Invitation for ${email}: ${url}\nValid until ${expiresAt} (single use).\n`);
          return EXIT_OK;
        } catch (error) {
          if (error instanceof AppError) return (io.stderr(`${error.message}\n`), EXIT_FAILURE);
          throw error;
        }
      });
    }
    if (sub === 'suspend') {
      const { values, positionals } = parseCommandArgs(rest, {});
      if (values.help) return (io.stdout(`${this.help}\n`), EXIT_OK);
      if (positionals.length !== 1) throw new UsageError('suspend needs exactly one email address.');
      const email = parseValue(ZEmail, positionals[0]!, 'email');
      return withContext(async (ctx) => {
        const user = await ctx.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst();
        if (!user) return (io.stderr(`No user has the email ${email}.\n`), EXIT_FAILURE);
        try {
          await administerUser(ctx, CLI_ACTOR, user.id, 'suspend', CLI_INFO);
        } catch (error) {
          if (error instanceof AppError) return (io.stderr(`${error.message}\n`), EXIT_FAILURE);
          throw error;
        }
        io.stdout(`Suspended ${email}: their sessions and API tokens are revoked.\n`);
        return EXIT_OK;
      });
    }
    throw new UsageError(`Unknown user command "${sub}": use list, invite or suspend.`);
  },
};

export const auditCommand: Command = {
  name: 'audit',
  summary: 'Verify the tamper-evident audit log (audit verify)',
  help: `Usage: focal audit verify

Recomputes the whole hash chain and checks every signed checkpoint.
Exit code 0 when intact; 1 naming the first bad event and what is wrong
(edited, removed, reordered, bad signature, rewritten).`,
  async run(argv, io) {
    const [sub, ...rest] = argv;
    if (sub === '--help' || sub === '-h') return (io.stdout(`${this.help}\n`), EXIT_OK);
    if (sub !== 'verify') throw new UsageError(sub ? `Unknown audit command "${sub}": use verify.` : 'Say what to do: focal audit verify.');
    const { values } = parseCommandArgs(rest, {}, false);
    if (values.help) return (io.stdout(`${this.help}\n`), EXIT_OK);
    return withContext(async (ctx) => {
      const started = Date.now();
      // Chain anything recorded but not yet sealed (say, by a server that was killed), as a
      // running server would, then check the whole chain.
      await ctx.audit.seal(ctx.db);
      const report = await verifyAuditChain(ctx.db);
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      if (report.ok) {
        io.stdout(`Audit log intact: ${report.events} events, ${report.checkpoints} signed checkpoints verified in ${seconds} s.\n`);
        return EXIT_OK;
      }
      const problem = report.problem!;
      io.stderr(`Audit log NOT intact. First bad event: ${problem.id ?? '?'} at chain position ${problem.seq} (${problem.kind}).\n${problem.message}\n`);
      return EXIT_FAILURE;
    });
  },
};

export const keysCommand: Command = {
  name: 'keys',
  summary: 'Rotate the key-encryption key (keys rotate)',
  help: `Usage: focal keys rotate

Adds a new key-encryption key, makes it current and re-wraps every data key with it.
Encrypted data is not rewritten and running servers keep working during the rotation.
Back up the master key (FOCAL_MASTER_KEY or FOCAL_DATA_DIR/master.key) separately from the database.`,
  async run(argv, io) {
    const [sub, ...rest] = argv;
    if (sub === '--help' || sub === '-h') return (io.stdout(`${this.help}\n`), EXIT_OK);
    if (sub !== 'rotate') throw new UsageError(sub ? `Unknown keys command "${sub}": use rotate.` : 'Say what to do: focal keys rotate.');
    const { values } = parseCommandArgs(rest, {}, false);
    if (values.help) return (io.stdout(`${this.help}\n`), EXIT_OK);
    return withContext(async (ctx) => {
      const { kekId, rewrapped } = await rotateKeyEncryptionKey(ctx.db, ctx.keyRing);
      await ctx.db.transaction().execute((trx) =>
        ctx.audit.append(trx, SYSTEM_CONTEXT, { action: 'keys.rotated', targetType: null, targetId: null, country: null, details: { kekId, rewrapped } }),
      );
      io.stdout(`New key-encryption key ${kekId} is current; ${rewrapped} data key(s) re-wrapped.\n`);
      return EXIT_OK;
    });
  },
};

function parseValue<T>(schema: z.ZodType<T>, value: string, flag: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new UsageError(`${flag}: "${value}" is not valid (${parsed.error.issues[0]?.message ?? 'invalid'}).`);
  return parsed.data;
}
