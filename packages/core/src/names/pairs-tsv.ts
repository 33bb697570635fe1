import { parsePartialDate } from './dates.js';
import type { MatchEntity } from './types.js';

// The pair file format of the evaluation contract: a header naming the columns
// id schema a_name a_birth_date a_country b_name b_birth_date b_country [label kind],
// found by name so their order may vary. Labels are read for evaluation only.

export interface EntityPair {
  id: string;
  /** 1-based line number in the file, for messages. */
  line: number;
  a: MatchEntity;
  b: MatchEntity;
  /** 1 for the same entity, 0 for different ones, when the file is labelled. */
  label?: 0 | 1;
  kind?: string;
}

/** A problem with the file's contents, naming the line it is on. */
export class PairsFileError extends Error {
  override name = 'PairsFileError';
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(line > 0 ? `line ${line}: ${message}` : message);
  }
}

const REQUIRED = ['id', 'schema', 'a_name', 'a_birth_date', 'a_country', 'b_name', 'b_birth_date', 'b_country'] as const;

function countries(value: string): string[] {
  return value
    .split(/[;,\s]+/)
    .map((country) => country.trim().toUpperCase())
    .filter(Boolean);
}

export function parsePairsTsv(text: string): EntityPair[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = (lines[0] ?? '').split('\t').map((column) => column.trim().toLowerCase());
  const missing = REQUIRED.filter((column) => !header.includes(column));
  if (missing.length) throw new PairsFileError(`the header lacks the column(s) ${missing.join(', ')}`, 1);
  const column = (name: string) => header.indexOf(name);
  const pairs: EntityPair[] = [];
  const seen = new Set<string>();
  for (let index = 1; index < lines.length; index++) {
    const raw = lines[index] ?? '';
    if (raw.trim() === '') continue;
    const line = index + 1;
    const cells = raw.split('\t');
    if (cells.length !== header.length) throw new PairsFileError(`expected ${header.length} tab-separated columns, found ${cells.length}`, line);
    const cell = (name: string) => (column(name) >= 0 ? (cells[column(name)] ?? '').trim() : '');
    const id = cell('id');
    if (!id) throw new PairsFileError('the id is empty', line);
    if (seen.has(id)) throw new PairsFileError(`the id ${id} appears twice`, line);
    seen.add(id);
    const schema = cell('schema') || 'LegalEntity';
    const side = (prefix: 'a' | 'b'): MatchEntity => {
      const name = cell(`${prefix}_name`);
      if (!name) throw new PairsFileError(`${prefix}_name is empty`, line);
      const birthDate = cell(`${prefix}_birth_date`);
      if (birthDate && !parsePartialDate(birthDate)) throw new PairsFileError(`${prefix}_birth_date "${birthDate}" is not a date (YYYY, YYYY-MM or YYYY-MM-DD)`, line);
      return { schema, names: [name], birthDate: birthDate || undefined, countries: countries(cell(`${prefix}_country`)) };
    };
    const labelText = cell('label');
    const label = labelText === '1' ? 1 : labelText === '0' ? 0 : undefined;
    pairs.push({ id, line, a: side('a'), b: side('b'), label, kind: cell('kind') || undefined });
  }
  return pairs;
}
