/**
 * Plain-text tables for benchmark output. The output is a valid GitHub
 * Markdown table with padded columns, so the same text reads well in a
 * terminal and pastes unchanged into bench/RESULTS.md.
 */

/**
 * Renders `rows` under `headers`. Numbers are formatted by {@link formatNumber};
 * strings are kept as they are. Columns whose cells are all numbers (or text
 * that reads as one, like `12.5`, `1,024` or `87%`) are right-aligned, others
 * left-aligned. Short rows are padded with empty cells.
 */
export function formatTable(
  headers: readonly string[],
  rows: readonly (readonly (string | number)[])[],
): string {
  const columnCount = Math.max(headers.length, ...rows.map((row) => row.length));
  const numeric = Array.from({ length: columnCount }, (_, column) => {
    const values = rows
      .map((row) => row[column])
      .filter((value) => value !== undefined && value !== '');
    return (
      values.length > 0 &&
      values.every((value) => typeof value === 'number' || numericText.test(value!))
    );
  });
  const cells = rows.map((row) =>
    Array.from({ length: columnCount }, (_, column) => {
      const value = row[column];
      if (value === undefined) return '';
      return typeof value === 'number' ? formatNumber(value) : escapeCell(value);
    }),
  );
  const headerCells = Array.from({ length: columnCount }, (_, column) =>
    escapeCell(headers[column] ?? ''),
  );
  const widths = headerCells.map((header, column) =>
    Math.max(3, header.length, ...cells.map((row) => row[column]!.length)),
  );
  const line = (values: readonly string[]): string =>
    `| ${values
      .map((value, column) =>
        numeric[column] ? value.padStart(widths[column]!) : value.padEnd(widths[column]!),
      )
      .join(' | ')} |`;
  const separator = `| ${widths
    .map((width, column) => (numeric[column] ? `${'-'.repeat(width - 1)}:` : '-'.repeat(width)))
    .join(' | ')} |`;
  return [line(headerCells), separator, ...cells.map(line)].join('\n');
}

/**
 * A compact human form of a number: integers with thousands separators,
 * others with `fractionDigits` decimals (3 by default); NaN and infinities as
 * text.
 */
export function formatNumber(value: number, fractionDigits = 3): string {
  if (!Number.isFinite(value)) return Number.isNaN(value) ? 'n/a' : String(value);
  if (Number.isInteger(value)) return value.toLocaleString('en-US');
  return value.toLocaleString('en-US', {
    minimumFractionDigits: fractionDigits,
    maximumFractionDigits: fractionDigits,
  });
}

const numericText = /^[-+]?[\d,]*\.?\d+\s*(%|ms|s|x)?$/;

function escapeCell(value: string): string {
  return value.replaceAll('|', '\\|').replaceAll('\n', ' ');
}
