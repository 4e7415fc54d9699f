/**
 * Small parsers for benchmark command-line values (`--sizes 10000,100000`),
 * failing loudly on typos rather than silently benchmarking the wrong thing.
 */

/** Parses a comma-separated list of positive integers; `_` separators are allowed (`1_000_000`). */
export function parsePositiveIntegerList(text: string, optionName: string): number[] {
  const values = text.split(',').map((part) => Number(part.trim().replaceAll('_', '')));
  if (values.length === 0 || values.some((value) => !Number.isSafeInteger(value) || value <= 0)) {
    throw new Error(`--${optionName} expects positive integers separated by commas, got "${text}"`);
  }
  return values;
}

/** Parses one positive integer option. */
export function parsePositiveInteger(text: string, optionName: string): number {
  const [value] = parsePositiveIntegerList(text, optionName);
  if (value === undefined || text.includes(',')) {
    throw new Error(`--${optionName} expects one positive integer, got "${text}"`);
  }
  return value;
}
