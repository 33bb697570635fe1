import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IdIndex } from './id-index.js';

describe('IdIndex', () => {
  it('finds every id it indexed and reports the first position of a repeated one', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 4 }), { maxLength: 200 }), (ids) => {
        const index = new IdIndex(ids);
        const first = new Map<string, number>();
        ids.forEach((id, position) => {
          expect(index.add(position)).toBe(first.get(id) ?? -1);
          if (!first.has(id)) first.set(id, position);
        });
        for (const [id, position] of first) expect(index.find(id)).toBe(position);
        expect(index.find('not an id at all')).toBe(-1);
      }),
    );
  });

  it('refuses more ids than it was sized for rather than slowing to a crawl', () => {
    const ids = Array.from({ length: 40 }, (_, i) => `T${i}`);
    const index = new IdIndex(ids, 8);
    expect(() => ids.forEach((_, position) => index.add(position))).toThrow(RangeError);
  });
});
