import { fileURLToPath } from 'node:url';
import { blockingKeys, evaluateMatching, scorePairs, type EntityPair, type MatchingEvaluation } from '@focal/core';
import { blindScore } from '../modules/matching/crossref.js';
import { keyKind } from '../modules/matching/index-keys.js';
import { EXIT_OK, UsageError, parseCommandArgs, withExitCodes, type Command } from './command.js';
import { readPairsFile } from './match-pairs.js';

// The development set lives beside the repository, in shared/datasets; found from this file so
// the command works from any working directory (src/cli and dist/cli are at the same depth).
export const DEFAULT_DEV_SET = fileURLToPath(new URL('../../../../../shared/datasets/names-dev.tsv', import.meta.url));

const HELP = `Usage: focal eval-matching [FILE.tsv] [--json]

Scores a labelled pair file (default: ${DEFAULT_DEV_SET}) and prints precision, recall, F1,
the confusion matrix, accuracy per kind of pair, the pairs it gets wrong, blocking recall (the
share of true matches that share at least one blocking key) and the time taken.

  --json   the same figures as one JSON object`;

const percent = (value: number) => `${(value * 100).toFixed(1)}%`;

/**
 * The same pairs decided as for a "hit/no-hit only" subject: from the kinds of blocking key the
 * two share (compared as keyed hashes), without the names themselves.
 */
export function evaluateBlind(pairs: readonly EntityPair[]) {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const pair of pairs) {
    const a = blockingKeys(pair.a);
    const b = blockingKeys(pair.b);
    const keysA = new Set(a);
    const shared = b.filter((key) => keysA.has(key)).map(keyKind);
    const match = blindScore(shared, a.map(keyKind), b.map(keyKind)).match;
    if (match && pair.label === 1) tp++;
    else if (match) fp++;
    else if (pair.label === 1) fn++;
  }
  const precision = tp + fp ? tp / (tp + fp) : 1;
  const recall = tp + fn ? tp / (tp + fn) : 1;
  return { precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0 };
}

function report(file: string, evaluation: MatchingEvaluation, blind: ReturnType<typeof evaluateBlind>, elapsedMs: number): string {
  const e = evaluation;
  const lines = [
    `Entity matching on ${file}`,
    `${e.pairs} labelled pairs scored in ${elapsedMs.toFixed(0)} ms (${((elapsedMs * 1000) / Math.max(e.pairs, 1)).toFixed(0)} µs a pair)`,
    '',
    `precision ${e.precision.toFixed(3)}   recall ${e.recall.toFixed(3)}   F1 ${e.f1.toFixed(3)}`,
    '',
    'confusion matrix      predicted match   predicted no match',
    `  same entity         ${String(e.truePositives).padStart(15)}   ${String(e.falseNegatives).padStart(18)}`,
    `  different entities  ${String(e.falsePositives).padStart(15)}   ${String(e.trueNegatives).padStart(18)}`,
    '',
    'accuracy per kind',
    ...e.perKind.map((kind) => `  ${kind.kind.padEnd(20)} ${String(kind.correct).padStart(4)}/${String(kind.total).padEnd(4)} ${percent(kind.accuracy)}`),
    '',
    `blocking recall ${percent(e.blockingRecall)} of the true matches share at least one blocking key`,
    `hit/no-hit only (keyed hashes of the blocking keys): precision ${blind.precision.toFixed(3)}   recall ${blind.recall.toFixed(3)}   F1 ${blind.f1.toFixed(3)}   (recall lost: ${percent(Math.max(0, e.recall - blind.recall))})`,
    '',
    e.misses.length ? `misses (${e.misses.length})` : 'misses: none',
    ...e.misses.map(
      ({ pair, result }) =>
        `  ${pair.id.padEnd(8)} ${pair.label === 1 ? 'missed match  ' : 'false match   '} ${result.score.toFixed(3)}  ${pair.kind ?? ''}  ${pair.a.names.join(' / ')}  |  ${pair.b.names.join(' / ')}`,
    ),
  ];
  return `${lines.join('\n')}\n`;
}

export const evalMatchingCommand: Command = {
  name: 'eval-matching',
  summary: 'Measure entity matching on a labelled pair file (default: the development set)',
  help: HELP,
  run: (argv, io) =>
    withExitCodes('eval-matching', io, async () => {
      const { values, positionals } = parseCommandArgs(argv, { json: { type: 'boolean' } });
      if (values.help) {
        io.stdout(`${HELP}\n`);
        return EXIT_OK;
      }
      if (positionals.length > 1) throw new UsageError('expected at most one FILE.tsv');
      const file = positionals[0] ?? DEFAULT_DEV_SET;
      const pairs = await readPairsFile(file);
      const started = performance.now();
      const evaluation = evaluateMatching(scorePairs(pairs));
      const elapsedMs = performance.now() - started;
      const blind = evaluateBlind(pairs);
      if (values.json) {
        const { misses, ...figures } = evaluation;
        const missed = misses.map(({ pair, result }) => ({ id: pair.id, label: pair.label, kind: pair.kind, a: pair.a.names, b: pair.b.names, score: result.score }));
        io.stdout(`${JSON.stringify({ file, ...figures, blind, misses: missed, elapsedMs: Math.round(elapsedMs) })}\n`);
      } else io.stdout(report(file, evaluation, blind, elapsedMs));
      return EXIT_OK;
    }),
};
