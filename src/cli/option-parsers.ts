/**
 * Parsers for option values, shared by commands. Each throws INVALID_INPUT with the
 * option's name so the user sees what to fix.
 */
import { ArchonError, ErrorCode } from '../core/errors.js';

/** A positive whole number within bounds, e.g. `-k 10`. */
export function parseCount(name: string, maximum: number): (value: string) => number {
  return (value) => {
    const number = Number(value);
    if (!Number.isInteger(number) || number < 1 || number > maximum) {
      throw new ArchonError(
        ErrorCode.InvalidInput,
        `${name} must be a whole number from 1 to ${maximum}, got '${value}'`,
      );
    }
    return number;
  };
}

/** A whole number, 0 or more. */
export function parseNonNegative(name: string): (value: string) => number {
  return (value) => {
    const number = Number(value);
    if (!Number.isInteger(number) || number < 0) {
      throw new ArchonError(
        ErrorCode.InvalidInput,
        `${name} must be a whole number, 0 or more, got '${value}'`,
      );
    }
    return number;
  };
}

/** A number from 0 to 1, e.g. a recall floor. */
export function parseFraction(name: string): (value: string) => number {
  return (value) => {
    const number = Number(value);
    if (value.trim() === '' || !Number.isFinite(number) || number < 0 || number > 1) {
      throw new ArchonError(
        ErrorCode.InvalidInput,
        `${name} must be a number from 0 to 1, got '${value}'`,
      );
    }
    return number;
  };
}

/** Comma-separated list, accumulated over repeats: `--tags a,b --tags c`. */
export function collectList(value: string, previous: string[] = []): string[] {
  return [
    ...previous,
    ...value
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item !== ''),
  ];
}
