/**
 * Positions of the ids in an array, for ledgers with millions of them. A Map of a million
 * strings took 0.5–0.9 s here (rehashing as it grows, then collecting the old tables); this
 * open-addressing table is sized once and keeps each slot's hash beside its position, so a
 * probe touches one cache line and reads an id string only when the hashes match.
 */
export class IdIndex {
  /** Pairs of (hash, position + 1); a zero position marks an empty slot. */
  private readonly table: Int32Array;
  private readonly mask: number;
  private size = 0;

  /** `ids` may still be filling up: positions are indexed one by one with `add`. */
  constructor(
    private readonly ids: readonly string[],
    capacity: number = ids.length,
  ) {
    const slotCount = 2 ** Math.max(4, Math.ceil(Math.log2(Math.max(1, capacity) * 2)));
    this.table = new Int32Array(slotCount * 2);
    this.mask = slotCount - 1;
  }

  /** Indexes `ids[position]` and returns -1, unless an equal id came first: then returns its position. */
  add(position: number): number {
    const id = this.ids[position] ?? '';
    const hash = hashOf(id);
    let slot = hash & this.mask;
    for (let stored = this.table[slot * 2 + 1] ?? 0; stored !== 0; stored = this.table[slot * 2 + 1] ?? 0) {
      if (this.table[slot * 2] === hash && this.ids[stored - 1] === id) return stored - 1;
      slot = (slot + 1) & this.mask;
    }
    if (++this.size * 2 > this.mask + 1) throw new RangeError('IdIndex is over capacity');
    this.table[slot * 2] = hash;
    this.table[slot * 2 + 1] = position + 1;
    return -1;
  }

  /** The position of `id`, or -1 when it was not indexed. */
  find(id: string): number {
    const hash = hashOf(id);
    let slot = hash & this.mask;
    for (let stored = this.table[slot * 2 + 1] ?? 0; stored !== 0; stored = this.table[slot * 2 + 1] ?? 0) {
      if (this.table[slot * 2] === hash && this.ids[stored - 1] === id) return stored - 1;
      slot = (slot + 1) & this.mask;
    }
    return -1;
  }
}

/** FNV-1a over UTF-16 code units, as a signed 32-bit integer to match the Int32Array table. */
function hashOf(text: string): number {
  let hash = 0x811c9dc5 | 0;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash;
}
