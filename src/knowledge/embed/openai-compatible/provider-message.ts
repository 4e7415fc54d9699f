/**
 * Turns an error response of an embeddings server into one short, safe line: the
 * server's own message where its JSON has one, else its text, and never the API key.
 */

const maxMessageLength = 300;

/** The message inside an error body: `{error: {message}}`, `{error}`, `{message}`, `{detail}` or text. */
export function providerMessage(body: string): string {
  let message = body;
  try {
    message = messageInJson(JSON.parse(body)) ?? body;
  } catch {
    // Not JSON: the text itself is the message.
  }
  const line = message.replace(/\s+/g, ' ').trim();
  if (line === '') return 'no message';
  return line.length > maxMessageLength ? `${line.slice(0, maxMessageLength)}...` : line;
}

/** `text` with every occurrence of each secret replaced by `[redacted]`. */
export function redact(text: string, secrets: readonly (string | undefined)[]): string {
  let safe = text;
  for (const secret of secrets) {
    if (secret) safe = safe.split(secret).join('[redacted]');
  }
  return safe;
}

function messageInJson(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const record = value as Record<string, unknown>;
  const error = record.error;
  if (typeof error === 'string') return error;
  if (typeof error === 'object' && error !== null) {
    const inner = (error as Record<string, unknown>).message;
    if (typeof inner === 'string') return inner;
  }
  for (const key of ['message', 'detail']) {
    if (typeof record[key] === 'string') return record[key];
  }
  return undefined;
}
