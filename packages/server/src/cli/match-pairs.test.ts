import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, type CommandIO } from './command.js';
import { evalMatchingCommand } from './eval-matching.js';
import { matchPairsCommand } from './match-pairs.js';

const HEADER = 'id\tschema\ta_name\ta_birth_date\ta_country\tb_name\tb_birth_date\tb_country\tlabel\tkind';
const directory = mkdtempSync(join(tmpdir(), 'focal-match-pairs-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

function file(name: string, lines: string[]): string {
  const path = join(directory, name);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

async function run(command: typeof matchPairsCommand, argv: string[]) {
  let stdout = '';
  let stderr = '';
  const io: CommandIO = { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text) };
  const code = await command.run(argv, io);
  return { code, stdout, stderr };
}

const pairs = file('pairs.tsv', [
  HEADER,
  't1\tPerson\tOleksandr Kovalenko\t1970\tUA\tОлександр Коваленко\t1970-05-04\tUA\t0\tscript-cyrillic',
  't2\tPerson\tOleksandr Kovalenko\t1970\tUA\tPetro Kovalenko\t1990\tUA\t1\thard-neg-family',
  't3\tCompany\tKestrel Mining Limited\t\tGB\tKestrel Mining Ltd\t\tGB\t1\tlegal-form',
]);

describe('focal match-pairs', () => {
  it('prints one JSON object a line with id, score and match', async () => {
    const { code, stdout, stderr } = await run(matchPairsCommand, [pairs, '--json']);
    expect(code).toBe(EXIT_OK);
    expect(stderr).toBe('');
    const lines = stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.map((line) => line.id)).toEqual(['t1', 't2', 't3']);
    for (const line of lines) {
      expect(Object.keys(line).sort()).toEqual(['id', 'match', 'score']);
      expect(line.score).toBeGreaterThanOrEqual(0);
      expect(line.score).toBeLessThanOrEqual(1);
      expect(String(line.score).split('.')[1]?.length ?? 0).toBeLessThanOrEqual(3);
    }
  });

  it('ignores the label and kind columns: the decision comes from the records alone', async () => {
    const { stdout } = await run(matchPairsCommand, [pairs, '--json']);
    const byId = Object.fromEntries(stdout.trim().split('\n').map((line) => JSON.parse(line) as { id: string; match: boolean }).map((line) => [line.id, line.match]));
    // t1 is labelled 0 and t2 labelled 1, the reverse of the truth.
    expect(byId).toEqual({ t1: true, t2: false, t3: true });
  });

  it('finds columns by header name, in any order, with or without label and kind', async () => {
    const reordered = file('reordered.tsv', [
      'b_name\tid\ta_name\tschema\ta_country\tb_country\ta_birth_date\tb_birth_date',
      'Hafez Makhlouf\tr1\tحافظ مخلوف\tPerson\t\tSY\t\t1971',
    ]);
    const { code, stdout } = await run(matchPairsCommand, [reordered, '--json']);
    expect(code).toBe(EXIT_OK);
    expect(JSON.parse(stdout)).toMatchObject({ id: 'r1', match: true });
  });

  it('without --json prints a readable table with the reasons', async () => {
    const { code, stdout } = await run(matchPairsCommand, [pairs]);
    expect(code).toBe(EXIT_OK);
    expect(stdout).toContain('t2');
    expect(stdout).toContain('Different dates of birth: 1970 and 1990');
    expect(stdout).toContain("Oleksandr ↔ Олександр (transliterated, exact)");
  });

  it('names the line of a row with the wrong number of columns and exits 1', async () => {
    const broken = file('columns.tsv', [HEADER, 'x1\tPerson\tA B\t\t\tA B\t\t\t1\tk', 'x2\tPerson\tonly three']);
    const { code, stderr, stdout } = await run(matchPairsCommand, [broken, '--json']);
    expect(code).toBe(EXIT_FAILURE);
    expect(stdout).toBe('');
    expect(stderr).toContain('line 3');
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('rejects a missing id, a missing name and a bad date, naming the line', async () => {
    const cases: [string, string, RegExp][] = [
      ['\tPerson\tA B\t\t\tA B\t\t\t1\tk', 'id', /line 2: the id is empty/],
      ['y1\tPerson\t\t\t\tA B\t\t\t1\tk', 'name', /line 2: a_name is empty/],
      ['y2\tPerson\tA B\t1961-13-01\t\tA B\t\t\t1\tk', 'date', /line 2: a_birth_date "1961-13-01" is not a date/],
    ];
    for (const [row, label, message] of cases) {
      const { code, stderr } = await run(matchPairsCommand, [file(`bad-${label}.tsv`, [HEADER, row])]);
      expect(code, label).toBe(EXIT_FAILURE);
      expect(stderr, label).toMatch(message);
    }
  });

  it('rejects a header without the required columns', async () => {
    const { code, stderr } = await run(matchPairsCommand, [file('header.tsv', ['id\tname', 'z1\tA'])]);
    expect(code).toBe(EXIT_FAILURE);
    expect(stderr).toMatch(/line 1: the header lacks the column\(s\) schema, a_name/);
  });

  it('exits 2 on usage errors and 1 on a missing file', async () => {
    expect((await run(matchPairsCommand, [])).code).toBe(EXIT_USAGE);
    expect((await run(matchPairsCommand, [pairs, '--jsn'])).code).toBe(EXIT_USAGE);
    expect((await run(matchPairsCommand, [pairs, pairs])).code).toBe(EXIT_USAGE);
    const missing = await run(matchPairsCommand, [join(directory, 'nope.tsv')]);
    expect(missing.code).toBe(EXIT_FAILURE);
    expect(missing.stderr).toContain('no such file');
  });
});

describe('focal eval-matching', () => {
  it('reports precision, recall, F1, confusion matrix, per-kind accuracy, misses and blocking recall', async () => {
    const { code, stdout } = await run(evalMatchingCommand, [pairs]);
    expect(code).toBe(EXIT_OK);
    for (const text of ['precision', 'recall', 'F1', 'confusion matrix', 'accuracy per kind', 'blocking recall', 'misses', 'ms']) expect(stdout).toContain(text);
    // The deliberately mislabelled t1 and t2 are the misses.
    expect(stdout).toMatch(/t1 .*false match/);
    expect(stdout).toMatch(/t2 .*missed match/);
  });

  it('gives the figures as JSON', async () => {
    const { stdout } = await run(evalMatchingCommand, [pairs, '--json']);
    const figures = JSON.parse(stdout) as { truePositives: number; falsePositives: number; falseNegatives: number; misses: { id: string }[] };
    expect(figures).toMatchObject({ truePositives: 1, falsePositives: 1, falseNegatives: 1 });
    expect(figures.misses.map((miss) => miss.id).sort()).toEqual(['t1', 't2']);
  });
});
