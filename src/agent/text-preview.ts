/**
 * Short one-line previews of model-facing text (arguments, errors) for stop details,
 * warnings and compaction summaries.
 */

/** `text` on one line (whitespace runs collapsed), cut to `limit` characters with `...`. */
export function oneLine(text: string, limit = 200): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length <= limit ? line : `${line.slice(0, Math.max(0, limit - 3))}...`;
}
