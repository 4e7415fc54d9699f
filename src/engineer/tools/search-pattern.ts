/**
 * Compiles the model's grep pattern as a JavaScript regular expression. Unicode mode is
 * tried first (so `\p{L}` and astral characters work) and plain mode second (so
 * patterns such as `\-` that only Unicode mode rejects still work); a pattern neither
 * accepts is an InvalidInput error that quotes the engine's reason.
 */
import { ArchonError, ErrorCode } from '../../core/errors.js';

const maximumPatternLength = 1000;

/** A RegExp without the `g` flag, so `test` keeps no state between lines. */
export function compileSearchPattern(pattern: string, caseSensitive: boolean): RegExp {
  if (pattern === '') {
    throw new ArchonError(
      ErrorCode.InvalidInput,
      'pattern is empty; give a regular expression to search for.',
    );
  }
  if (pattern.length > maximumPatternLength) {
    throw new ArchonError(
      ErrorCode.InvalidInput,
      `pattern is longer than ${maximumPatternLength} characters.`,
    );
  }
  const flags = caseSensitive ? '' : 'i';
  try {
    return new RegExp(pattern, `${flags}u`);
  } catch {
    try {
      return new RegExp(pattern, flags);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new ArchonError(
        ErrorCode.InvalidInput,
        `pattern is not a valid JavaScript regular expression: ${reason}. Escape special characters such as ( [ { . * + ? with a backslash to match them literally.`,
        { details: { pattern } },
      );
    }
  }
}
