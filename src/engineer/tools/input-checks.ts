/** Checks on numeric tool inputs that the schemas also state, for callers that skip them. */
import { ArchonError, ErrorCode } from '../../core/errors.js';

/** `value` when it is a whole number of at least 1; InvalidInput naming `name` otherwise. */
export function positiveWholeNumber(value: number, name: string): number {
  if (!Number.isInteger(value) || value < 1) {
    throw new ArchonError(
      ErrorCode.InvalidInput,
      `${name} must be a whole number from 1, not ${String(value)}.`,
    );
  }
  return value;
}
