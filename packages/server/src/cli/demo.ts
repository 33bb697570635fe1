import { EXIT_FAILURE, EXIT_OK, parseCommandArgs, type Command } from './command.js';
import { withContext } from './context.js';
import { DemoRefusedError, loadDemoWorld } from '../demo/load.js';

export const demoCommand: Command = {
  name: 'demo',
  summary: 'Load an invented demo network and print its logins',
  help: `Usage: focal demo [--json]

Loads a fictitious network into an EMPTY deployment: a secretariat, national admins and
focal points in 18 countries on every continent, with names in their own scripts,
and the training curriculum (eight modules with their course material).
Prints every login (one shared password) with its TOTP secret for an authenticator app.
The UI then shows a DEMO banner. Refused on a deployment with real users.`,
  async run(argv, io) {
    const { values } = parseCommandArgs(argv, { json: { type: 'boolean' } }, false);
    if (values.help) return (io.stdout(`${this.help}\n`), EXIT_OK);
    return withContext(async (ctx) => {
      try {
        const { password, logins } = await loadDemoWorld(ctx);
        if (values.json) {
          io.stdout(JSON.stringify({ url: ctx.config.publicUrl, password, logins }, null, 2) + '\n');
          return EXIT_OK;
        }
        io.stdout(`Demo network loaded: ${logins.length} accounts. Sign in at ${ctx.config.publicUrl}/login\n`);
        io.stdout(`Password for every demo account: ${password}\n\n`);
        io.stdout(`${'email'.padEnd(36)} ${'country'.padEnd(7)} ${'roles'.padEnd(28)} TOTP secret\n`);
        for (const login of logins) io.stdout(`${login.email.padEnd(36)} ${login.country.padEnd(7)} ${login.roles.join(',').padEnd(28)} ${login.totpSecret}\n`);
        io.stdout('\nAdd a secret to an authenticator app (manual entry, 6 digits, 30 s), or compute codes with any TOTP tool.\n');
        return EXIT_OK;
      } catch (error) {
        if (error instanceof DemoRefusedError) return (io.stderr(`${error.message}\n`), EXIT_FAILURE);
        throw error;
      }
    });
  },
};
