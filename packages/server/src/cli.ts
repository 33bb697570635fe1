import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, withExitCodes, type Command, type CommandIO } from './cli/command.js';
import { auditCommand, keysCommand, migrateCommand, serveCommand, setupTokenCommand, userCommand } from './cli/admin-commands.js';
import { demoCommand } from './cli/demo.js';
import { traceCommand } from './cli/trace.js';
import { matchPairsCommand } from './cli/match-pairs.js';
import { evalMatchingCommand } from './cli/eval-matching.js';
import { exportCommand, importCommand } from './cli/ftm.js';
import { ratesCommand } from './cli/rates.js';

const COMMANDS: Command[] = [
  serveCommand,
  migrateCommand,
  setupTokenCommand,
  userCommand,
  auditCommand,
  keysCommand,
  demoCommand,
  traceCommand,
  matchPairsCommand,
  evalMatchingCommand,
  importCommand,
  exportCommand,
  ratesCommand,
];

function overview(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return `Usage: focal <command> [options]

Focal: the secure platform of the asset-recovery focal points network.

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n')}

Run "focal <command> --help" for a command's options.
`;
}

/** Runs the `focal` command line; resolves to the exit code. Never prints a stack trace. */
export async function runCli(argv: string[], io: CommandIO): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(overview());
    return name ? EXIT_OK : EXIT_USAGE;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.stderr(`Unknown command "${name}".\n\n${overview()}`);
    return EXIT_USAGE;
  }
  // Commands with sub-commands handle --help themselves; for the others it is uniform here.
  if ((rest[0] === '--help' || rest[0] === '-h') && rest.length === 1) {
    io.stdout(`${command.help}\n`);
    return EXIT_OK;
  }
  try {
    return await withExitCodes(name, io, () => command.run(rest, io));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`focal ${name} failed: ${message}\n`);
    return EXIT_FAILURE;
  }
}
