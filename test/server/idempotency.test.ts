/**
 * The Idempotency-Key rules of POST /v1/runs over real HTTP: replay, 422 on another
 * body, 409 while the first request is in flight (its body still uploading), keys
 * freed by failed requests, keys scoped per API key, and replays after a restart.
 */
import { request as httpRequest } from 'node:http';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { ServerAppOptions } from '../../src/server/server-options.js';
import { type RunningServer, startServer } from '../../src/server/start-server.js';
import { createTestSetup, jsonRequest, type TestSetup } from './server-test-setup.js';

describe('HTTP API: Idempotency-Key on POST /v1/runs', () => {
  let setup: TestSetup;
  let server: RunningServer;
  const start = async (overrides: Partial<ServerAppOptions> = {}) => {
    server = await startServer({
      ...setup.options(overrides),
      host: '127.0.0.1',
      port: 0,
      closeResources: async () => undefined,
    });
  };
  const post = (body: unknown, headers: Record<string, string>) =>
    fetch(`${server.url}/v1/runs`, jsonRequest('POST', body, headers));
  const ask = { kind: 'ask', question: 'how should I retry?', useModel: false };

  beforeEach(async () => {
    setup = await createTestSetup();
  });
  afterEach(async () => {
    await server.close();
    await setup.cleanup();
  });

  it('replays the first answer for the same key and body, and refuses another body with 422', async () => {
    await start();
    const first = await post(ask, { 'Idempotency-Key': 'order-1' });
    expect(first.status).toBe(202);
    const firstBody = await first.text();
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    // The same JSON value with other key order and spacing is the same body.
    const reordered = '{ "useModel": false, "question": "how should I retry?", "kind": "ask" }';
    const second = await post(reordered, { 'Idempotency-Key': 'order-1' });
    expect(second.status).toBe(202);
    expect(await second.text()).toBe(firstBody);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(second.headers.get('location')).toBe(first.headers.get('location'));

    const other = await post(
      { ...ask, question: 'something else' },
      { 'Idempotency-Key': 'order-1' },
    );
    expect(other.status).toBe(422);
    expect(await other.json()).toEqual({
      error: {
        code: 'IDEMPOTENCY_KEY_REUSED',
        message: 'this Idempotency-Key was used with a different request body',
      },
    });
    const fresh = await post(ask, { 'Idempotency-Key': 'order-2' });
    expect(fresh.status).toBe(202);
    expect(await fresh.text()).not.toBe(firstBody);
    await server.serverApp.jobs.whenIdle();
    expect(await setup.knowledgeBase.store.listJobs({ kind: 'run' })).toHaveLength(2);
  });

  it('answers 409 while the first request with the key is still in flight', async () => {
    await start();
    const body = JSON.stringify(ask);
    const half = Math.floor(body.length / 2);
    const url = new URL(`${server.url}/v1/runs`);
    const slow = httpRequest({
      host: url.hostname,
      port: url.port,
      path: url.pathname,
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'content-length': String(Buffer.byteLength(body)),
        'idempotency-key': 'slow-1',
      },
    });
    const slowResponse = new Promise<{ status: number; text: string }>((resolve, reject) => {
      slow.on('response', (response) => {
        let text = '';
        response.on('data', (chunk: Buffer) => (text += chunk.toString()));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, text }));
      });
      slow.on('error', reject);
    });
    slow.write(body.slice(0, half));
    while (server.serverApp.inFlightRequests === 0)
      await new Promise((resolve) => setTimeout(resolve, 5));
    await new Promise((resolve) => setTimeout(resolve, 20));

    const concurrent = await post(ask, { 'Idempotency-Key': 'slow-1' });
    expect(concurrent.status).toBe(409);
    expect(((await concurrent.json()) as { error: { code: string } }).error.code).toBe('CONFLICT');

    slow.end(body.slice(half));
    const finished = await slowResponse;
    expect(finished.status).toBe(202);
    const replay = await post(ask, { 'Idempotency-Key': 'slow-1' });
    expect(replay.status).toBe(202);
    expect(await replay.text()).toBe(finished.text);
  });

  it('frees the key of a failed request and refuses malformed keys', async () => {
    await start();
    const invalid = await post({ kind: 'ask' }, { 'Idempotency-Key': 'retry-me' });
    expect(invalid.status).toBe(400);
    const valid = await post(ask, { 'Idempotency-Key': 'retry-me' });
    expect(valid.status).toBe(202);
    for (const key of ['', 'has space', 'x'.repeat(256), 'tab\there']) {
      const response = await post(ask, { 'Idempotency-Key': key });
      expect({ key, status: response.status }).toEqual({ key, status: 400 });
      expect(((await response.json()) as { error: { message: string } }).error.message).toBe(
        'Idempotency-Key must be 1 to 255 visible ASCII characters',
      );
    }
  });

  it('scopes keys per API key', async () => {
    const alice = await setup.apiKeys.create('alice');
    const bob = await setup.apiKeys.create('bob');
    await start({ requireAuth: true });
    const fromAlice = await post(ask, {
      'Idempotency-Key': 'shared',
      authorization: `Bearer ${alice.key}`,
    });
    const fromBob = await post(
      { ...ask, question: 'other' },
      { 'Idempotency-Key': 'shared', 'x-api-key': bob.key },
    );
    expect([fromAlice.status, fromBob.status]).toEqual([202, 202]);
    expect(((await fromAlice.json()) as { id: string }).id).not.toBe(
      ((await fromBob.json()) as { id: string }).id,
    );
  });

  it('replays after a restart: keys are rebuilt from the jobs table', async () => {
    await start();
    const first = await post(ask, { 'Idempotency-Key': 'durable' });
    const firstBody = await first.text();
    await server.close();
    await start();
    expect(server.recovery.idempotencyKeys).toEqual([
      expect.objectContaining({
        key: 'durable',
        principal: 'anonymous',
        runId: JSON.parse(firstBody).id,
      }),
    ]);
    const replay = await post(ask, { 'Idempotency-Key': 'durable' });
    expect(replay.status).toBe(202);
    expect(await replay.text()).toBe(firstBody);
    const other = await post({ ...ask, question: 'changed' }, { 'Idempotency-Key': 'durable' });
    expect(other.status).toBe(422);
  });
});
