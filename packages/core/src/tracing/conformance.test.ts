import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseLedgerText, toSpecJson, traceFunds, TRACING_RULES } from './index.js';

// The shared folder sits beside the repository root, outside it.
const datasets = new URL('../../../../../shared/datasets/tracing/', import.meta.url);

function readText(relative: string): string {
  return readFileSync(fileURLToPath(new URL(relative, datasets)), 'utf8');
}

const devLedgers = readdirSync(fileURLToPath(new URL('dev/', datasets)))
  .filter((name) => name.endsWith('.json'))
  .map((name) => name.replace(/\.json$/, ''))
  .sort();

describe('conformance with the shared tracing datasets', () => {
  it('finds the datasets beside the repository', () => {
    expect(existsSync(fileURLToPath(new URL('worked-example.json', datasets)))).toBe(true);
    expect(devLedgers).toHaveLength(12);
  });

  describe.each(TRACING_RULES)('under %s', (rule) => {
    it('reproduces the worked example of the spec', () => {
      const result = traceFunds(parseLedgerText(readText('worked-example.json')), rule);
      expect(toSpecJson(result)).toEqual(JSON.parse(readText(`worked-example.${rule}.expected.json`)));
    });

    it.each(devLedgers)('reproduces dev ledger %s', (name) => {
      const result = traceFunds(parseLedgerText(readText(`dev/${name}.json`)), rule);
      const expected: unknown = JSON.parse(readText(`dev-expected/${name}.${rule}.json`));
      // Serialised, so that key order, the contract's too, is compared as well.
      expect(JSON.stringify(toSpecJson(result), null, 2)).toBe(JSON.stringify(expected, null, 2));
    });
  });
});
