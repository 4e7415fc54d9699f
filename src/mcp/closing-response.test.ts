import { describe, expect, it } from 'vitest';

import { closeAfterResponse } from './closing-response.js';

function streamOf(chunks: string[], failAtEnd = false): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let index = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      const chunk = chunks[index++];
      if (chunk !== undefined) controller.enqueue(encoder.encode(chunk));
      else if (failAtEnd) controller.error(new Error('source failed'));
      else controller.close();
    },
  });
}

describe('closeAfterResponse', () => {
  it('calls done once the whole body was read, keeping status and headers', async () => {
    let calls = 0;
    const response = closeAfterResponse(
      new Response(streamOf(['event: message\n', 'data: {}\n\n']), {
        status: 200,
        headers: { 'content-type': 'text/event-stream' },
      }),
      () => calls++,
    );
    expect(calls).toBe(0);
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    expect(await response.text()).toBe('event: message\ndata: {}\n\n');
    expect(calls).toBe(1);
  });

  it('calls done when the client abandons the body', async () => {
    let calls = 0;
    const response = closeAfterResponse(new Response(streamOf(['a', 'b', 'c'])), () => calls++);
    const reader = response.body!.getReader();
    await reader.read();
    await reader.cancel('client went away');
    expect(calls).toBe(1);
  });

  it('calls done at once for a response without a body', () => {
    let calls = 0;
    const response = closeAfterResponse(new Response(null, { status: 202 }), () => calls++);
    expect(response.status).toBe(202);
    expect(calls).toBe(1);
  });

  it('passes a failing body on and still calls done', async () => {
    let calls = 0;
    const response = closeAfterResponse(new Response(streamOf(['a'], true)), () => calls++);
    await expect(response.text()).rejects.toThrow('source failed');
    expect(calls).toBe(1);
  });
});
