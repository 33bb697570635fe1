import { shareBlockingKey } from './blocking.js';
import type { EntityPair } from './pairs-tsv.js';
import { scoreEntities } from './score.js';
import type { MatchResult } from './types.js';

// Precision, recall and F1 of the matcher on labelled pairs, with what an engineer needs to
// improve it: accuracy per kind of pair, the pairs it gets wrong, and blocking recall.

export interface ScoredPair {
  pair: EntityPair;
  result: MatchResult;
}

export interface KindAccuracy {
  kind: string;
  total: number;
  correct: number;
  accuracy: number;
}

export interface MatchingEvaluation {
  pairs: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  trueNegatives: number;
  precision: number;
  recall: number;
  f1: number;
  perKind: KindAccuracy[];
  misses: ScoredPair[];
  /** Share of the positive pairs that share at least one blocking key. */
  blockingRecall: number;
}

export function scorePairs(pairs: readonly EntityPair[]): ScoredPair[] {
  return pairs.map((pair) => ({ pair, result: scoreEntities(pair.a, pair.b) }));
}

export function evaluateMatching(scored: readonly ScoredPair[]): MatchingEvaluation {
  const labelled = scored.filter(({ pair }) => pair.label !== undefined);
  let truePositives = 0;
  let falsePositives = 0;
  let falseNegatives = 0;
  let trueNegatives = 0;
  const kinds = new Map<string, { total: number; correct: number }>();
  const misses: ScoredPair[] = [];
  for (const item of labelled) {
    const positive = item.pair.label === 1;
    const predicted = item.result.match;
    if (positive && predicted) truePositives++;
    else if (!positive && predicted) falsePositives++;
    else if (positive) falseNegatives++;
    else trueNegatives++;
    const kind = item.pair.kind ?? (positive ? 'positive' : 'negative');
    const tally = kinds.get(kind) ?? { total: 0, correct: 0 };
    tally.total++;
    if (positive === predicted) tally.correct++;
    else misses.push(item);
    kinds.set(kind, tally);
  }
  const precision = truePositives + falsePositives === 0 ? 1 : truePositives / (truePositives + falsePositives);
  const recall = truePositives + falseNegatives === 0 ? 1 : truePositives / (truePositives + falseNegatives);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  const positives = labelled.filter(({ pair }) => pair.label === 1);
  const blocked = positives.filter(({ pair }) => shareBlockingKey(pair.a, pair.b)).length;
  return {
    pairs: labelled.length,
    truePositives,
    falsePositives,
    falseNegatives,
    trueNegatives,
    precision,
    recall,
    f1,
    perKind: [...kinds.entries()].map(([kind, tally]) => ({ kind, ...tally, accuracy: tally.correct / tally.total })).sort((x, y) => x.kind.localeCompare(y.kind)),
    misses,
    blockingRecall: positives.length === 0 ? 1 : blocked / positives.length,
  };
}
