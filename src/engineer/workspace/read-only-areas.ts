/**
 * Matching of read-only areas (`.git`, the data folder) that case and Unicode tricks
 * cannot slip past: on case-insensitive or normalising file systems `.GIT`, `.Git`
 * and a full-width `．ｇｉｔ` all name the repository folder, so names are compared
 * after NFKC normalisation, lower-casing and dropping trailing dots and spaces.
 */

/** The areas every guard protects unless told otherwise. */
export const defaultReadOnlyPaths: readonly string[] = ['.git', '.archon'];

/** A path segment in the form used for comparisons. */
export function comparableSegment(segment: string): string {
  return segment
    .normalize('NFKC')
    .replace(/[\p{Cf}]/gu, '')
    .toLowerCase()
    .replace(/[. ]+$/u, '');
}

/** Splits a relative read-only entry into comparable segments ('' entries dropped). */
export function comparableSegments(relativePath: string): string[] {
  return relativePath
    .split(/[\\/]/u)
    .filter((segment) => segment !== '' && segment !== '.')
    .map(comparableSegment);
}

/** True when the relative path (as segments) is a read-only area or lies inside one. */
export function isInReadOnlyArea(
  segments: readonly string[],
  readOnlyAreas: readonly (readonly string[])[],
): boolean {
  const comparable = segments.map(comparableSegment);
  return readOnlyAreas.some(
    (area) =>
      area.length > 0 &&
      area.length <= comparable.length &&
      area.every((segment, index) => comparable[index] === segment),
  );
}
