export type ColumnAlignment = 'left' | 'right';

/** Rows laid out in columns as wide as their widest cell, joined by two spaces. */
export function layOutColumns(rows: readonly string[][], alignments: readonly ColumnAlignment[], indent = ''): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, column) => (widths[column] = Math.max(widths[column] ?? 0, cell.length)));
  return rows.map((row) => {
    const cells = row.map((cell, column) => {
      const width = widths[column] ?? 0;
      return alignments[column] === 'right' ? cell.padStart(width) : cell.padEnd(width);
    });
    return (indent + cells.join('  ')).trimEnd();
  });
}
