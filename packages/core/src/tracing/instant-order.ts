import type { LedgerTransactions } from './types.js';

/** Runs this short are sorted by insertion before merging: fewer passes, no call overhead. */
const INSERTION_RUN = 16;

/**
 * Transaction rows by instant, equal instants in file order. Ledgers usually arrive sorted and
 * one pass checks that; merged statements of several accounts do not, and a comparator sort of
 * a million rows took most of a second here, so this is a stable merge sort over typed arrays.
 */
export function orderByInstant(transactions: LedgerTransactions): Uint32Array {
  const { count, epochMillis, nanosOfMilli } = transactions;
  const rows = new Uint32Array(count);
  for (let row = 0; row < count; row++) rows[row] = row;
  const before = (a: number, b: number) => {
    const millisA = epochMillis[a] ?? 0;
    const millisB = epochMillis[b] ?? 0;
    return millisA < millisB || (millisA === millisB && (nanosOfMilli[a] ?? 0) < (nanosOfMilli[b] ?? 0));
  };
  if (isSorted(rows, before)) return rows;

  for (let start = 0; start < count; start += INSERTION_RUN) insertionSort(rows, start, Math.min(start + INSERTION_RUN, count), before);
  let source = rows;
  let target = new Uint32Array(count);
  for (let width = INSERTION_RUN; width < count; width *= 2) {
    for (let low = 0; low < count; low += 2 * width) merge(source, target, low, Math.min(low + width, count), Math.min(low + 2 * width, count), before);
    [source, target] = [target, source];
  }
  return source;
}

function isSorted(rows: Uint32Array, before: (a: number, b: number) => boolean): boolean {
  for (let index = 1; index < rows.length; index++) if (before(rows[index] ?? 0, rows[index - 1] ?? 0)) return false;
  return true;
}

/** Stable: a row moves left only past rows strictly after it. */
function insertionSort(rows: Uint32Array, start: number, end: number, before: (a: number, b: number) => boolean): void {
  for (let index = start + 1; index < end; index++) {
    const row = rows[index] ?? 0;
    let position = index;
    while (position > start && before(row, rows[position - 1] ?? 0)) {
      rows[position] = rows[position - 1] ?? 0;
      position--;
    }
    rows[position] = row;
  }
}

/** Merges the sorted runs [low, middle) and [middle, high); stable: ties come from the left. */
function merge(source: Uint32Array, target: Uint32Array, low: number, middle: number, high: number, before: (a: number, b: number) => boolean): void {
  let left = low;
  let right = middle;
  for (let index = low; index < high; index++) {
    if (left < middle && (right >= high || !before(source[right] ?? 0, source[left] ?? 0))) target[index] = source[left++] ?? 0;
    else target[index] = source[right++] ?? 0;
  }
}
