/**
 * Lexical checks on a path the agent asks for, before the file system is touched.
 * Everything that could mean something other than "this relative path below the
 * workspace root" on some platform or shell is refused: absolute and home paths,
 * `..`, backslashes, drive letters and stream names, control and invisible
 * characters, trailing dots and spaces (Windows drops them), 8.3 short names.
 * Percent signs are ordinary characters: `%2e%2e` is a file name, never decoded.
 */
import { workspaceViolation } from './workspace-violation.js';

/** Longest accepted path, in UTF-16 code units; Linux's PATH_MAX is 4096 bytes. */
export const maximumPathLength = 4096;
/** Longest accepted segment, in UTF-8 bytes; the usual NAME_MAX. */
export const maximumSegmentBytes = 255;

// Control characters, format characters (zero-width joiners, bidi overrides, BOM)
// and line/paragraph separators never belong in a path the agent types.
const invisibleOrControl = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;
const shortNameTilde = /~\d/;

function segmentProblem(segment: string): string | undefined {
  if (segment === '..') return "'..' segments are not allowed";
  if (segment === '.') return "segments that read as '.' are not allowed";
  if (segment.includes('/') || segment.includes('\\'))
    return 'characters that read as slashes are not allowed';
  if (segment.includes(':')) return "':' (drive letters, stream names) is not allowed";
  if (segment.endsWith('.') || segment.endsWith(' '))
    return 'segments ending in a dot or a space are not allowed';
  if (shortNameTilde.test(segment)) return "'~' followed by a digit (short names) is not allowed";
  return undefined;
}

/**
 * Splits a requested path into its segments, refusing every form the guard does
 * not accept. `.` segments and repeated slashes are dropped; `.` alone is the root.
 * @throws ArchonError WORKSPACE_VIOLATION naming the rule that refused the path.
 */
export function splitRequestedPath(path: unknown): string[] {
  if (typeof path !== 'string') throw workspaceViolation(String(path), 'a path must be a string');
  const refuse = (reason: string) => workspaceViolation(path, reason);
  if (path.length === 0 || path.trim().length === 0) throw refuse('the path is empty');
  if (path.length > maximumPathLength)
    throw refuse(`paths longer than ${maximumPathLength} characters are not accepted`);
  if (path.includes('\0')) throw refuse('NUL bytes are not allowed');
  if (invisibleOrControl.test(path))
    throw refuse('control or invisible characters are not allowed');
  if (path !== path.trim()) throw refuse('leading or trailing whitespace is not allowed');
  if (path.includes('\\')) throw refuse('backslashes are not allowed; use forward slashes');
  if (path.startsWith('/'))
    throw refuse('absolute paths are not allowed; use a path relative to the workspace root');
  if (path.normalize('NFKC').startsWith('~'))
    throw refuse('home-directory paths (~) are not allowed');
  const segments: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    // Each rule is checked on the segment as written and in NFKC form, where `．．`
    // becomes `..` and `／` becomes `/` on normalising systems.
    for (const form of new Set([segment, segment.normalize('NFKC')])) {
      const reason = segmentProblem(form);
      if (reason !== undefined) throw refuse(reason);
    }
    if (Buffer.byteLength(segment, 'utf8') > maximumSegmentBytes) {
      throw refuse(`segments longer than ${maximumSegmentBytes} bytes are not accepted`);
    }
    segments.push(segment);
  }
  return segments;
}
