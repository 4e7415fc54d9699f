/**
 * Checks of numeric and text options shared by the embedders and their factory, so every
 * bad option fails the same way: one INVALID_CONFIG error naming the option.
 */
import { ArchonError, ErrorCode } from '../../core/errors.js';

/** `value` if it is an integer in `[minimum, maximum]`, else INVALID_CONFIG. */
export function integerOption(
  name: string,
  value: unknown,
  minimum: number,
  maximum: number,
): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < minimum || value > maximum) {
    throw new ArchonError(
      ErrorCode.InvalidConfig,
      `${name} must be an integer from ${minimum} to ${maximum}, got ${describe(value)}`,
      { details: { option: name } },
    );
  }
  return value;
}

/** `value` if it is a non-empty string, else INVALID_CONFIG. */
export function textOption(name: string, value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new ArchonError(
      ErrorCode.InvalidConfig,
      `${name} must be a non-empty string, got ${describe(value)}`,
      { details: { option: name } },
    );
  }
  return value;
}

function describe(value: unknown): string {
  if (typeof value === 'string') return `'${value}'`;
  if (typeof value === 'number' || typeof value === 'boolean' || value === null)
    return String(value);
  return typeof value;
}
