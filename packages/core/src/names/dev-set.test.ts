import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluateMatching, scorePairs } from './evaluate.js';
import { parsePairsTsv } from './pairs-tsv.js';

// The targets on the labelled development set, and a check on invented pairs of the same kinds
// written after tuning, which guards against rules that only fit the development set.
const DEV_SET = new URL('../../../../../shared/datasets/names-dev.tsv', import.meta.url);
// heldout-invented.tsv was written mid-way and its generic failures fixed; heldout-invented-2.tsv
// was written after the last change and kept as it scored (one nickname outside the list missed).
const INVENTED = [new URL('./fixtures/heldout-invented.tsv', import.meta.url), new URL('./fixtures/heldout-invented-2.tsv', import.meta.url)];

function evaluate(...urls: URL[]) {
  return evaluateMatching(scorePairs(urls.flatMap((url) => parsePairsTsv(readFileSync(url, 'utf8')))));
}

describe('matching quality', () => {
  it('reaches F1 >= 0.97 with precision >= 0.98 on the development set', () => {
    const result = evaluate(DEV_SET);
    const misses = result.misses.map(({ pair, result: scored }) => `${pair.id} ${pair.kind} ${scored.score}`).join('\n');
    expect(result.precision, misses).toBeGreaterThanOrEqual(0.98);
    expect(result.f1, misses).toBeGreaterThanOrEqual(0.97);
    expect(result.blockingRecall).toBeGreaterThanOrEqual(0.95);
  });

  it('does as well on invented held-out-style pairs', () => {
    const result = evaluate(...INVENTED);
    expect(result.pairs).toBeGreaterThanOrEqual(30);
    expect(result.precision).toBeGreaterThanOrEqual(0.98);
    expect(result.f1).toBeGreaterThanOrEqual(0.95);
  });

  // Speed is measured in bench/ (a test never asserts a wall-clock time): here, that scoring
  // the set ten times over, in fresh copies, gives each pair the same result as scoring it
  // alone. (The timeout only guards against a hang on a loaded machine.)
  it('scores the set ten times over, each pair as it scores alone', { timeout: 120_000 }, () => {
    const pairs = parsePairsTsv(readFileSync(DEV_SET, 'utf8'));
    const alone = scorePairs(pairs.map((pair) => ({ ...pair, a: { ...pair.a }, b: { ...pair.b } })));
    const many = Array.from({ length: 10 * pairs.length }, (_, index) => {
      const pair = pairs[index % pairs.length]!;
      // New objects, so nothing is cached per entity.
      return { ...pair, a: { ...pair.a }, b: { ...pair.b } };
    });
    const results = scorePairs(many);
    expect(results).toHaveLength(10 * pairs.length);
    results.forEach((result, index) => expect(result).toEqual(alone[index % pairs.length]));
  });
});
