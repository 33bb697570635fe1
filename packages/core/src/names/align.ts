/**
 * Best order-free assignment between two token lists: pairs (i, j) maximising the total
 * similarity, each token used at most once, pairs under `minimum` left unaligned.
 * Exact dynamic programming over subsets of the shorter list (names have few parts);
 * beyond 12 parts a greedy assignment keeps the cost bounded.
 */
export function bestAssignment(similarity: number[][], minimum: number): [number, number][] {
  const rows = similarity.length;
  const columns = similarity[0]?.length ?? 0;
  if (rows === 0 || columns === 0) return [];
  if (columns > rows) return bestAssignment(transpose(similarity), minimum).map(([i, j]) => [j, i]);
  if (columns > 12) return greedyAssignment(similarity, minimum);
  const states = 1 << columns;
  // best[mask] after considering rows 0..i, with `mask` the columns used.
  let best = new Float64Array(states).fill(-1);
  best[0] = 0;
  const choices: Int8Array[] = [];
  for (let i = 0; i < rows; i++) {
    const next = new Float64Array(states).fill(-1);
    const choice = new Int8Array(states).fill(-2);
    const row = similarity[i] ?? [];
    for (let mask = 0; mask < states; mask++) {
      const value = best[mask] ?? -1;
      if (value < 0) continue;
      if (value > (next[mask] ?? -1)) {
        next[mask] = value;
        choice[mask] = -1;
      }
      for (let j = 0; j < columns; j++) {
        const score = row[j] ?? 0;
        if (mask & (1 << j) || score < minimum) continue;
        const target = mask | (1 << j);
        if (value + score > (next[target] ?? -1)) {
          next[target] = value + score;
          choice[target] = j;
        }
      }
    }
    choices.push(choice);
    best = next;
  }
  let mask = 0;
  for (let candidate = 0; candidate < states; candidate++) if ((best[candidate] ?? -1) > (best[mask] ?? -1)) mask = candidate;
  const pairs: [number, number][] = [];
  for (let i = rows - 1; i >= 0; i--) {
    const j = choices[i]?.[mask] ?? -1;
    if (j >= 0) {
      pairs.push([i, j]);
      mask &= ~(1 << j);
    }
  }
  return pairs.reverse();
}

function transpose(matrix: number[][]): number[][] {
  const columns = matrix[0]?.length ?? 0;
  return Array.from({ length: columns }, (_, j) => matrix.map((row) => row[j] ?? 0));
}

function greedyAssignment(similarity: number[][], minimum: number): [number, number][] {
  const candidates: [number, number, number][] = [];
  similarity.forEach((row, i) => row.forEach((score, j) => score >= minimum && candidates.push([score, i, j])));
  candidates.sort((x, y) => y[0] - x[0]);
  const usedRows = new Set<number>();
  const usedColumns = new Set<number>();
  const pairs: [number, number][] = [];
  for (const [, i, j] of candidates) {
    if (usedRows.has(i) || usedColumns.has(j)) continue;
    usedRows.add(i);
    usedColumns.add(j);
    pairs.push([i, j]);
  }
  return pairs;
}
