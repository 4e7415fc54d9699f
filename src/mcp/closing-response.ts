/**
 * Ties a per-request MCP server's life to its HTTP response: the server must stay up
 * while a streamed answer (server-sent events with progress, then the result) is being
 * sent, and must close as soon as the body is done or the client goes away, which
 * aborts any tool work still running for that request.
 */

/** `response` with `done` called once, when its body has been sent or abandoned (at once if none). */
export function closeAfterResponse(response: Response, done: () => void): Response {
  let called = false;
  const finish = (): void => {
    if (called) return;
    called = true;
    done();
  };
  const body = response.body;
  if (body === null) {
    finish();
    return response;
  }
  const reader = body.getReader();
  const relayed = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { done: ended, value } = await reader.read();
        if (ended) {
          controller.close();
          finish();
        } else {
          controller.enqueue(value);
        }
      } catch (error) {
        controller.error(error);
        finish();
      }
    },
    async cancel(reason) {
      finish();
      await reader.cancel(reason);
    },
  });
  return new Response(relayed, { status: response.status, headers: response.headers });
}
