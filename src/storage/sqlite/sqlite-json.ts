/**
 * JSON columns: lists and job payloads are stored as JSON text. Reading tolerates
 * only what writing produces; anything else is a corrupt row, reported as such.
 */
import { ArchonError, ErrorCode } from '../../core/errors.js';

/** Serializes a value; `undefined` is stored as JSON null. */
export function toJsonColumn(value: unknown): string {
  return JSON.stringify(value ?? null);
}

/** Parses a JSON column, naming the column when the text is not JSON. */
export function fromJsonColumn(text: string, column: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new ArchonError(ErrorCode.StorageError, `corrupt JSON in column ${column}`, {
      cause: error,
    });
  }
}

/** Parses a JSON column that must hold an array of strings. */
export function fromJsonStringList(text: string, column: string): string[] {
  const value = fromJsonColumn(text, column);
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
    throw new ArchonError(
      ErrorCode.StorageError,
      `column ${column} does not hold a list of strings`,
    );
  }
  return value;
}
