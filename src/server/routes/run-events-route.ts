/**
 * `GET /v1/runs/{id}/events`: the run's stored events as server-sent events, then
 * new ones as they are appended, until the run has ended (a last `end` event carries
 * its final state). Each event's `id` is its sequence number, so a client that
 * reconnects with `Last-Event-ID` (or `?after=`) gets exactly the events it missed.
 * The stream ends early when the client leaves or the server shuts down.
 */
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { streamSSE } from 'hono/streaming';

import { ArchonError, ErrorCode } from '../../core/errors.js';
import { isTerminal } from '../jobs/run-view.js';
import {
  commonErrorResponses,
  idParameterSchema,
  notFoundResponse,
} from '../schemas/error-schema.js';
import { eventsQuerySchema } from '../schemas/run-schemas.js';
import type { ServerEnvironment } from '../server-environment.js';
import type { ServerServices } from '../server-services.js';
import { loadRunView } from './run-routes.js';

const eventsRoute = createRoute({
  method: 'get',
  path: '/v1/runs/{id}/events',
  tags: ['runs'],
  summary: 'Stream a run’s events (server-sent events, resumable with Last-Event-ID)',
  request: { params: idParameterSchema, query: eventsQuerySchema },
  responses: {
    200: {
      description:
        'One SSE event per stored run event (`id`: sequence, `event`: type, `data`: ' +
        '`{ sequence, type, createdAt, payload }`), then `end` with `{ state }`.',
      content: { 'text/event-stream': { schema: { type: 'string' } } },
    },
    ...commonErrorResponses,
    ...notFoundResponse,
  },
});

/** The sequence to resume after: `Last-Event-ID` first, then `?after=`, else 0. */
export function resumePoint(lastEventId: string | undefined, after: string | undefined): number {
  const value = lastEventId ?? after;
  if (value === undefined || value.trim() === '') return 0;
  if (!/^\d{1,15}$/.test(value.trim())) {
    throw new ArchonError(
      ErrorCode.InvalidInput,
      'Last-Event-ID must be the sequence number of an event (a whole number)',
    );
  }
  return Number(value.trim());
}

export function registerRunEventsRoute(
  app: OpenAPIHono<ServerEnvironment>,
  services: ServerServices,
): void {
  app.openapi(eventsRoute, async (context) => {
    const { id } = context.req.valid('param');
    let cursor = resumePoint(context.req.header('last-event-id'), context.req.valid('query').after);
    await loadRunView(services, id);
    const logger = context.get('logger');
    return streamSSE(
      context,
      async (stream) => {
        const stop = new AbortController();
        const end = (): void => stop.abort();
        stream.onAbort(end);
        services.shutdownSignal.addEventListener('abort', end, { once: true });
        const subscription = services.notifier.subscribe(id);
        let lastWrite = Date.now();
        try {
          while (!stop.signal.aborted) {
            // State first, then events: events are appended before a run records its end.
            const state = (await loadRunView(services, id)).state;
            for (const event of await services.runs.listRunEvents(id, cursor)) {
              await stream.writeSSE({
                id: String(event.sequence),
                event: event.type,
                data: JSON.stringify({
                  sequence: event.sequence,
                  type: event.type,
                  createdAt: event.createdAt,
                  payload: event.payload,
                }),
              });
              cursor = event.sequence;
              lastWrite = Date.now();
            }
            if (isTerminal(state)) {
              await stream.writeSSE({ event: 'end', data: JSON.stringify({ state }) });
              break;
            }
            if (Date.now() - lastWrite >= services.heartbeatIntervalMs) {
              await stream.write(': keep-alive\n\n');
              lastWrite = Date.now();
            }
            await subscription.wait(
              Math.min(services.eventPollIntervalMs, services.heartbeatIntervalMs),
              stop.signal,
            );
          }
        } finally {
          subscription.close();
          services.shutdownSignal.removeEventListener('abort', end);
        }
      },
      async (error) => {
        logger.warn({ err: error, runId: id }, 'run event stream ended with an error');
      },
    );
  });
}
