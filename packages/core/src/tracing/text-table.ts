export type ColumnAlignment = 'left' | 'right';

/** A row of cells, or a heading line that spans the table and does not widen its columns. */
export type TableLine = string[] | { heading: string };

/** Rows laid out in columns as wide as their widest cell, joined by two spaces. */
export function layOutColumns(lines: readonly TableLine[], alignments: readonly ColumnAlignment[], indent = ''): string[] {
  const widths: number[] = [];
  for (const line of lines) {
    if (Array.isArray(line)) line.forEach((cell, column) => (widths[column] = Math.max(widths[column] ?? 0, cell.length)));
  }
  return lines.map((line) => {
    if (!Array.isArray(line)) return indent + line.heading;
    const cells = line.map((cell, column) => {
      const width = widths[column] ?? 0;
      return alignments[column] === 'right' ? cell.padStart(width) : cell.padEnd(width);
    });
    return (indent + cells.join('  ')).trimEnd();
  });
}
