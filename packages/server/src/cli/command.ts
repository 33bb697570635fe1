import { parseArgs, type ParseArgsConfig } from 'node:util';

/** Where a command writes. Tests pass collectors; the real CLI passes process streams. */
export interface CommandIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

/** A `focal` sub-command. `run` resolves to the process exit code. */
export interface Command {
  name: string;
  summary: string;
  /** Full help text printed for `focal <name> --help`. */
  help: string;
  run: (argv: string[], io: CommandIO) => Promise<number>;
}

/** Bad flags or values: the CLI prints the message and exits with code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** Input the command understood but cannot accept (bad file contents): exit code 1. */
export class InputError extends Error {
  override name = 'InputError';
}

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * Strict flag parsing shared by every command: unknown flags and missing values become a
 * UsageError naming the flag, so every command fails the same way with exit code 2.
 */
type WithHelp<O extends Options> = O & { help: { type: 'boolean'; short: 'h' } };
export type ParsedCommandArgs<O extends Options> = ReturnType<typeof parseArgs<{ args: string[]; options: WithHelp<O>; strict: true; allowPositionals: true }>>;

export function parseCommandArgs<O extends Options>(argv: string[], options: O, allowPositionals = true): ParsedCommandArgs<O> {
  try {
    const withHelp = { ...options, help: { type: 'boolean', short: 'h' } } as WithHelp<O>;
    return parseArgs({ args: argv, options: withHelp, strict: true, allowPositionals: allowPositionals as true });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

/**
 * Runs a command body, turning usage and input errors into their exit codes with a message,
 * so the command behaves the same when called directly as through the focal dispatcher.
 */
export async function withExitCodes(name: string, io: CommandIO, body: () => Promise<number>): Promise<number> {
  try {
    return await body();
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`focal ${name}: ${error.message}\nRun "focal ${name} --help" for usage.\n`);
      return EXIT_USAGE;
    }
    if (error instanceof InputError) {
      io.stderr(`focal ${name}: ${error.message}\n`);
      return EXIT_FAILURE;
    }
    throw error;
  }
}
