/**
 * A statement file the parsers cannot read: truncated, badly encoded, not the format it claims,
 * an XML document with a DOCTYPE. `line` (1-based) points into the file when the problem has a
 * place; the message already says it, so it can be shown as is. Problems with single CSV rows
 * are not thrown: they are yielded as CsvRowError and the other rows still import.
 */
export class StatementError extends Error {
  override name = 'StatementError';

  constructor(
    readonly detail: string,
    readonly line?: number,
  ) {
    super(line === undefined ? detail : `line ${line}: ${detail}`);
  }
}
