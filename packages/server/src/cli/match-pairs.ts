import { readFile } from 'node:fs/promises';
import { MATCH_THRESHOLD, PairsFileError, parsePairsTsv, scoreEntities, type EntityPair, type Evidence, type MatchResult } from '@focal/core';
import { EXIT_OK, InputError, UsageError, parseCommandArgs, withExitCodes, type Command } from './command.js';

const HELP = `Usage: focal match-pairs FILE.tsv [--json]

Scores each pair of records in a tab-separated file with the header
  id  schema  a_name  a_birth_date  a_country  b_name  b_birth_date  b_country  [label  kind]
(columns are found by name; label and kind, when present, are ignored). Needs no database.

  --json   one JSON object a line: {"id":"d001","score":0.93,"match":true}
           (without it, a table with the main reasons for each score)

A pair matches when its score is at least ${MATCH_THRESHOLD}. A malformed line stops the command
with a message naming the line and exit code 1.`;

/** Reads and parses a pair file, turning every problem into an InputError naming the file. */
export async function readPairsFile(path: string): Promise<EntityPair[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(code === 'ENOENT' ? `${path}: no such file` : code === 'EISDIR' ? `${path} is a directory` : `cannot read ${path}`);
  }
  try {
    return parsePairsTsv(text);
  } catch (error) {
    if (error instanceof PairsFileError) throw new InputError(`${path}: ${error.message}`);
    throw error;
  }
}

const MARK: Record<Evidence['effect'], string> = { for: '+', against: '-', neutral: '·' };

function describe(id: string, result: MatchResult): string {
  const head = `${id.padEnd(8)} ${result.score.toFixed(3)}  ${result.match ? 'MATCH   ' : 'no match'}`;
  const reasons = result.explanation.map((evidence) => `    ${MARK[evidence.effect]} ${evidence.text}`);
  return [head, ...reasons].join('\n');
}

export const matchPairsCommand: Command = {
  name: 'match-pairs',
  summary: 'Score pairs of names/records from a TSV file (entity matching)',
  help: HELP,
  run: (argv, io) =>
    withExitCodes('match-pairs', io, async () => {
      const { values, positionals } = parseCommandArgs(argv, { json: { type: 'boolean' } });
      if (values.help) {
        io.stdout(`${HELP}\n`);
        return EXIT_OK;
      }
      if (positionals.length !== 1 || !positionals[0]) throw new UsageError('expected exactly one FILE.tsv');
      const pairs = await readPairsFile(positionals[0]);
      const lines: string[] = [];
      for (const pair of pairs) {
        const result = scoreEntities(pair.a, pair.b);
        lines.push(values.json ? JSON.stringify({ id: pair.id, score: result.score, match: result.match }) : describe(pair.id, result));
      }
      if (lines.length) io.stdout(`${lines.join('\n')}\n`);
      return EXIT_OK;
    }),
};
