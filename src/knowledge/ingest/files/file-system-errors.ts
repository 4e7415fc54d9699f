/**
 * Short, stable wording for file-system failures in skip messages: the errno code
 * (`ENOENT`, `EACCES`) says what happened without leaking a stack.
 */

/** The `code` of a Node file-system error (`ENOENT`), or the error as text. */
export function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : String(error);
}
