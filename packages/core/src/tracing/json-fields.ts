import { LedgerError } from './errors.js';

/** Readers for the fields of a parsed JSON document; each names the field's path when it throws. */
export type JsonObject = Record<string, unknown>;

export function readObject(value: unknown, path: string, expectation: string): JsonObject {
  if (isObject(value)) return value;
  throw new LedgerError(path, value === undefined ? 'is required but missing' : `${expectation}, got ${describeValue(value)}`);
}

export function readArray(value: unknown, path: string): unknown[] {
  if (Array.isArray(value)) return value;
  throw new LedgerError(path, value === undefined ? 'is required but missing' : `must be an array, got ${describeValue(value)}`);
}

export function readText(value: unknown, path: string): string {
  if (isText(value)) return value;
  throw new LedgerError(path, expected('a non-empty string', value));
}

export function readOptionalText(value: unknown, path: string): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  throw new LedgerError(path, `must be a string, got ${describeValue(value)}`);
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isText(value: unknown): value is string {
  return typeof value === 'string' && value !== '';
}

/** The detail for a field that is missing or of the wrong type. */
export function expected(what: string, value: unknown): string {
  return value === undefined ? 'is required but missing' : `must be ${what}, got ${describeValue(value)}`;
}

/** A short JSON rendering of an offending value, so messages quote exactly what the file holds. */
export function describeValue(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object' && value !== null) return 'an object';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
