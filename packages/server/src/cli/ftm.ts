import fs from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { HANDLING_CODES } from '@focal/shared';
import { EXIT_FAILURE, EXIT_OK, InputError, UsageError, parseCommandArgs, type Command, type CommandIO } from './command.js';
import { withContext } from './context.js';
import type { AppContext } from '../context.js';
import { exportFtm, importFtm } from '../modules/cases/ftm-io.js';
import { recordEvent } from '../modules/cases/service.js';
import { SYSTEM_CONTEXT } from '../audit/events.js';

async function caseByReference(ctx: AppContext, reference: string) {
  const row = await ctx.db.selectFrom('cases').select(['id', 'lead_country', 'reference']).where('reference', '=', reference.trim().toUpperCase()).executeTakeFirst();
  if (!row) throw new InputError(`No case with the reference ${reference}.`);
  const countries = (await ctx.db.selectFrom('case_countries').select('country').where('case_id', '=', row.id).execute()).map((c) => c.country);
  return { ...row, countries };
}

const subcommand = (argv: string[], verb: string) => {
  const [format, ...rest] = argv;
  if (format !== 'ftm') throw new UsageError(`Say the format: focal ${verb} ftm … (FollowTheMoney JSON lines is the one supported).`);
  return rest;
};

export const importCommand: Command = {
  name: 'import',
  summary: 'Import FollowTheMoney JSON lines into a case (import ftm FILE --case REF)',
  help: `Usage: focal import ftm FILE --case REF [--skip-bad] [--country XX] [--handling-code H0..H3 [--conditions TEXT]] [--reach XX,YY]

Reads FILE (FollowTheMoney JSON lines, as Aleph, OpenAleph and OpenSanctions tools write,
"-" for standard input) into the case REF (e.g. AR-2026-FR-0007), line by line.
Every bad line is reported with its number and reason. By default nothing is imported when
any line is bad; --skip-bad imports the good lines. The values are recorded as provided by
--country (default: the case's lead country), with --handling-code (default H0) and seen by
the --reach countries (default: every participating country). Audited as focal-cli.`,
  async run(argv, io: CommandIO) {
    const rest = subcommand(argv, 'import');
    const { values, positionals } = parseCommandArgs(rest, {
      case: { type: 'string' },
      'skip-bad': { type: 'boolean' },
      country: { type: 'string' },
      'handling-code': { type: 'string' },
      reach: { type: 'string' },
      conditions: { type: 'string' },
    });
    if (values.help) return (io.stdout(`${this.help}\n`), EXIT_OK);
    const file = positionals[0];
    if (!file) throw new UsageError('Give the file to import (or - for standard input).');
    if (!values.case) throw new UsageError('Give the case: --case AR-2026-FR-0007.');
    const handlingCode = values['handling-code'] ?? 'H0';
    if (!(HANDLING_CODES as readonly string[]).includes(handlingCode)) throw new UsageError(`--handling-code must be one of ${HANDLING_CODES.join(', ')}.`);
    if (handlingCode === 'H3' && !values.conditions?.trim()) throw new UsageError('H3 needs its conditions: --conditions "…".');
    if (file !== '-' && !fs.existsSync(file)) throw new InputError(`Cannot read ${file}: no such file.`);
    return withContext(async (ctx) => {
      const target = await caseByReference(ctx, values.case!);
      const country = (values.country ?? target.lead_country).toUpperCase();
      const reach = values.reach ? values.reach.split(',').map((c) => c.trim().toUpperCase()).filter(Boolean) : null;
      for (const code of [country, ...(reach ?? [])]) if (!target.countries.includes(code)) throw new InputError(`${code} does not take part in ${target.reference}.`);
      const source = file === '-' ? process.stdin : fs.createReadStream(file);
      const result = await importFtm(ctx, target.id, source, {
        mode: values['skip-bad'] ? 'skip_bad' : 'all_or_nothing',
        provider: { country, userId: null },
        provenance: { handlingCode, conditions: values.conditions ?? '', evaluationSource: 'X', evaluationInfo: 4, reach },
        actor: null,
        onProgress: (lines) => {
          if (lines % 100_000 === 0) io.stderr(`… ${lines.toLocaleString('en')} lines read\n`);
        },
      });
      for (const error of result.errors) io.stderr(`${error.reason}\n`);
      if (result.errorCount > result.errors.length) io.stderr(`… and ${result.errorCount - result.errors.length} more bad lines\n`);
      if (result.rolledBack) {
        io.stderr(`Nothing imported: ${result.errorCount} bad line(s). Fix them, or run again with --skip-bad to import the good lines.\n`);
        return EXIT_FAILURE;
      }
      io.stdout(`Imported ${result.imported} entities into ${target.reference}${result.errorCount ? ` (${result.errorCount} bad line(s) skipped)` : ''}.\n`);
      return result.errorCount ? EXIT_FAILURE : EXIT_OK;
    });
  },
};

export const exportCommand: Command = {
  name: 'export',
  summary: 'Export a case as FollowTheMoney JSON lines (export ftm --case REF)',
  help: `Usage: focal export ftm --case REF [--out FILE]

Writes every entity of the case REF as FollowTheMoney JSON lines to FILE or standard
output, for Aleph, OpenAleph and OpenSanctions tools. The operator's export holds every
country's items: handle it under the strictest of their conditions. Audited as focal-cli.`,
  async run(argv, io) {
    const rest = subcommand(argv, 'export');
    const { values } = parseCommandArgs(rest, { case: { type: 'string' }, out: { type: 'string' } }, false);
    if (values.help) return (io.stdout(`${this.help}\n`), EXIT_OK);
    if (!values.case) throw new UsageError('Give the case: --case AR-2026-FR-0007.');
    return withContext(async (ctx) => {
      const target = await caseByReference(ctx, values.case!);
      let count = 0;
      const lines = Readable.from(
        (async function* () {
          for await (const line of exportFtm(ctx.db, target.id, null)) {
            count++;
            yield line;
          }
        })(),
      );
      if (values.out) await pipeline(lines, fs.createWriteStream(values.out));
      else for await (const line of lines) io.stdout(String(line));
      await ctx.db.transaction().execute(async (trx) => {
        await recordEvent(ctx, trx, target.id, null, 'entities_exported', { count });
        await ctx.audit.append(trx, SYSTEM_CONTEXT, { action: 'case.exported', targetType: 'case', targetId: target.id, country: target.lead_country, details: { format: 'ftm', entities: count } });
      });
      if (values.out) io.stderr(`Exported ${count} entities of ${target.reference} to ${values.out}.\n`);
      return EXIT_OK;
    });
  },
};
