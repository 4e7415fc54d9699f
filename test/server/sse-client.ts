/** A small server-sent events reader for the tests: fetch, parse, stop when told. */

export interface ServerSentEvent {
  readonly id: string | null;
  readonly event: string;
  readonly data: string;
}

/** Parses complete events out of `buffer`; returns them and the unparsed rest. */
export function parseEvents(buffer: string): { events: ServerSentEvent[]; rest: string } {
  const events: ServerSentEvent[] = [];
  const blocks = buffer.split('\n\n');
  const rest = blocks.pop() ?? '';
  for (const block of blocks) {
    let id: string | null = null;
    let event = 'message';
    const data: string[] = [];
    let fields = 0;
    for (const line of block.split('\n')) {
      if (line.startsWith(':') || line === '') continue;
      const colon = line.indexOf(':');
      const name = colon === -1 ? line : line.slice(0, colon);
      const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
      fields += 1;
      if (name === 'id') id = value;
      else if (name === 'event') event = value;
      else if (name === 'data') data.push(value);
    }
    if (fields > 0) events.push({ id, event, data: data.join('\n') });
  }
  return { events, rest };
}

/**
 * Reads events from `url` until `stopAfter` returns true for one (that event is
 * included) or the server ends the stream.
 */
export async function readEvents(
  url: string,
  init: RequestInit = {},
  stopAfter: (event: ServerSentEvent, index: number) => boolean = () => false,
): Promise<{ status: number; events: ServerSentEvent[]; endedByServer: boolean }> {
  const controller = new AbortController();
  const response = await fetch(url, { ...init, signal: controller.signal });
  const events: ServerSentEvent[] = [];
  if (
    response.body === null ||
    !response.headers.get('content-type')?.includes('text/event-stream')
  ) {
    return { status: response.status, events, endedByServer: true };
  }
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return { status: response.status, events, endedByServer: true };
    const parsed = parseEvents(buffer + decoder.decode(value, { stream: true }));
    buffer = parsed.rest;
    for (const event of parsed.events) {
      events.push(event);
      if (stopAfter(event, events.length - 1)) {
        controller.abort();
        await reader.cancel().catch(() => undefined);
        return { status: response.status, events, endedByServer: false };
      }
    }
  }
}
