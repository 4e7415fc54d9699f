/**
 * Runs over HTTP against a real server on loopback, with the fake OpenAI-compatible
 * model server: ask and implement runs as jobs, their views, event streams (live,
 * resumed with Last-Event-ID or ?after=), cancellation, and every refusal.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { ArchonError, ErrorCode } from '../../src/core/errors.js';
import type { ServerAppOptions } from '../../src/server/server-options.js';
import { type RunningServer, startServer } from '../../src/server/start-server.js';
import { type FakeOpenAIServer, startFakeOpenAIServer } from '../support/fake-openai-server.js';
import { createTestSetup, fakeModel, jsonRequest, type TestSetup } from './server-test-setup.js';
import { readEvents } from './sse-client.js';

interface RunBody {
  id: string;
  kind: string;
  state: string;
  stopReason: string | null;
  error: string | null;
  report: Record<string, unknown> | null;
  links: { self: string; events: string; cancel: string };
}

function workspace(): string {
  const root = mkdtempSync(join(tmpdir(), 'archon-workspace-'));
  mkdirSync(join(root, 'src'));
  writeFileSync(join(root, 'src', 'value.js'), 'export const value = 1;\n');
  return root;
}

const finalResult = (summary: string) => ({
  toolCalls: [{ name: 'final_result', arguments: { summary, cited: [] } }],
  usage: { inputTokens: 100, outputTokens: 20 },
});

describe('HTTP API: runs', () => {
  let setup: TestSetup;
  let model: FakeOpenAIServer;
  let server: RunningServer;
  const call = (path: string, init?: RequestInit) => fetch(`${server.url}${path}`, init);
  const start = async (overrides: Partial<ServerAppOptions> = {}) => {
    server = await startServer({
      ...setup.options({ languageModel: fakeModel(model.baseUrl), ...overrides }),
      host: '127.0.0.1',
      port: 0,
      closeResources: async () => undefined,
    });
  };
  const createRun = async (body: unknown, headers: Record<string, string> = {}) => {
    const response = await call('/v1/runs', jsonRequest('POST', body, headers));
    return {
      response,
      body: (await response.json()) as RunBody & { error: { code: string; message: string } },
    };
  };
  const finished = async (id: string): Promise<RunBody> => {
    await server.serverApp.jobs.whenEnded(id);
    return (await (await call(`/v1/runs/${id}`)).json()) as RunBody;
  };

  beforeEach(async () => {
    setup = await createTestSetup();
    model = await startFakeOpenAIServer();
  });
  afterEach(async () => {
    await server?.close();
    await model.close();
    await setup.cleanup();
  });

  it('answers an ask run from the passages when the client asks for no model', async () => {
    await start();
    const { response, body } = await createRun({
      kind: 'ask',
      question: 'how should I retry?',
      useModel: false,
    });
    expect(response.status).toBe(202);
    expect(body).toEqual({
      id: expect.any(String),
      kind: 'ask',
      state: 'queued',
      createdAt: expect.any(String),
      links: {
        self: `/v1/runs/${body.id}`,
        events: `/v1/runs/${body.id}/events`,
        cancel: `/v1/runs/${body.id}/cancel`,
      },
    });
    expect(response.headers.get('location')).toBe(`/v1/runs/${body.id}`);
    const run = await finished(body.id);
    expect(run).toMatchObject({
      id: body.id,
      kind: 'ask',
      state: 'succeeded',
      stopReason: 'passages-only',
      model: 'none',
    });
    expect(run.report).toMatchObject({ runId: body.id, answer: null });
    expect((run.report?.passages as unknown[]).length).toBeGreaterThan(0);
    expect(model.requests).toHaveLength(0);
    const job = (await (await call(`/v1/jobs/${body.id}`)).json()) as {
      kind: string;
      state: string;
      input: unknown;
    };
    expect(job).toMatchObject({
      kind: 'run',
      state: 'succeeded',
      input: { kind: 'ask', question: 'how should I retry?' },
    });
    const events = await readEvents(`${server.url}${body.links.events}`);
    expect(events.events).toEqual([{ id: null, event: 'end', data: '{"state":"succeeded"}' }]);
  });

  it('answers an ask run with the model and records its tokens', async () => {
    await start();
    model.script({
      text: 'Use exponential backoff [1].',
      usage: { inputTokens: 300, outputTokens: 12 },
    });
    const { body } = await createRun({ kind: 'ask', question: 'how should I retry?', limit: 2 });
    const run = await finished(body.id);
    expect(run).toMatchObject({
      state: 'succeeded',
      stopReason: 'completed',
      model: 'openai-compatible:fake-coder',
    });
    expect(run.report).toMatchObject({ runId: body.id, answer: 'Use exponential backoff [1].' });
    const metrics = await (await call('/metrics')).text();
    expect(metrics).toContain(
      'archon_model_tokens_total{model="openai-compatible:fake-coder",direction="input"} 300',
    );
  });

  it('records a failed ask run when the model fails', async () => {
    await start();
    model.respondWith(() => ({ status: 400, message: 'bad request from the fake' }));
    const { body } = await createRun({ kind: 'ask', question: 'how should I retry?' });
    const run = await finished(body.id);
    expect(run.state).toBe('failed');
    expect(run.error).toMatch(/the model did not answer/);
  });

  it('runs implement end to end and streams its events, resumable with Last-Event-ID', async () => {
    await start();
    model.script(
      {
        toolCalls: [{ name: 'read_file', arguments: { path: 'src/value.js' } }],
        usage: { inputTokens: 50, outputTokens: 5 },
      },
      finalResult('Nothing to change.'),
    );
    const { response, body } = await createRun({
      kind: 'implement',
      spec: '# Look\n\nRead the value.',
      workspace: workspace(),
    });
    expect(response.status).toBe(202);
    const run = await finished(body.id);
    expect(run).toMatchObject({ state: 'succeeded', stopReason: 'completed' });
    expect(run.report).toMatchObject({
      runId: body.id,
      status: 'succeeded',
      summary: 'Nothing to change.',
    });

    const all = await readEvents(`${server.url}${body.links.events}`);
    expect(all.status).toBe(200);
    expect(all.endedByServer).toBe(true);
    const types = all.events.map((event) => event.event);
    expect(types[0]).toBe('run-started');
    expect(types).toContain('tool-call');
    expect(types.at(-2)).toBe('run-finished');
    expect(types.at(-1)).toBe('end');
    const stored = all.events.slice(0, -1);
    expect(stored.map((event) => Number(event.id))).toEqual(stored.map((_, index) => index + 1));
    const first = JSON.parse(stored[0]?.data ?? '{}') as {
      sequence: number;
      type: string;
      payload: { runId: string };
    };
    expect(first).toMatchObject({ sequence: 1, type: 'run-started', payload: { runId: body.id } });

    const resumed = await readEvents(`${server.url}${body.links.events}`, {
      headers: { 'Last-Event-ID': '3' },
    });
    expect(resumed.events.map((event) => event.id)).toEqual([
      ...stored.slice(3).map((event) => event.id),
      null,
    ]);
    const byQuery = await readEvents(`${server.url}${body.links.events}?after=${stored.length}`);
    expect(byQuery.events.map((event) => event.event)).toEqual(['end']);
    const bad = await call(`${body.links.events}`, { headers: { 'Last-Event-ID': 'seven' } });
    expect(bad.status).toBe(400);
    expect((await call('/v1/runs/no-such-run/events')).status).toBe(404);
  });

  it('streams events live while the run is going, and a reconnect picks up where it left', async () => {
    await start();
    model.script(
      { toolCalls: [{ name: 'read_file', arguments: { path: 'src/value.js' } }] },
      { ...finalResult('Done.'), delayMs: 300 },
    );
    const { body } = await createRun({
      kind: 'implement',
      spec: 'Read it.',
      workspace: workspace(),
    });
    // Read until the first tool call, then drop the connection while the run is still going.
    const partial = await readEvents(
      `${server.url}${body.links.events}`,
      {},
      (event) => event.event === 'tool-call',
    );
    expect(partial.endedByServer).toBe(false);
    const lastSeen = partial.events.at(-1)?.id as string;
    const rest = await readEvents(`${server.url}${body.links.events}`, {
      headers: { 'Last-Event-ID': lastSeen },
    });
    const ids = [...partial.events, ...rest.events]
      .filter((event) => event.id !== null)
      .map((event) => Number(event.id));
    expect(ids).toEqual(ids.map((_, index) => index + 1));
    expect(rest.events.at(-1)).toEqual({ id: null, event: 'end', data: '{"state":"succeeded"}' });
  });

  it('cancels a running run: the run is marked cancelled and cannot be cancelled twice', async () => {
    await start();
    model.respondWith(() => ({ text: 'thinking', delayMs: 20_000 }));
    const { body } = await createRun({
      kind: 'implement',
      spec: 'Take your time.',
      workspace: workspace(),
    });
    await readEvents(
      `${server.url}${body.links.events}`,
      {},
      (event) => event.event === 'model-request',
    );
    const cancelled = await call(body.links.cancel, { method: 'POST' });
    expect(cancelled.status).toBe(200);
    expect(await cancelled.json()).toMatchObject({
      id: body.id,
      state: 'cancelled',
      error: 'cancelled by a client',
    });
    const again = await call(body.links.cancel, { method: 'POST' });
    expect(again.status).toBe(409);
    expect(((await again.json()) as { error: { code: string } }).error.code).toBe('CONFLICT');
    expect((await call('/v1/runs/nope/cancel', { method: 'POST' })).status).toBe(404);
    expect((await call('/v1/runs/nope')).status).toBe(404);
  });

  it('refuses run requests it cannot start', async () => {
    await start({ allowedPaths: [setup.home] });
    const outside = workspace();
    const cases: [unknown, number, string][] = [
      [{ kind: 'implement', spec: 'x', workspace: 'relative' }, 400, 'INVALID_INPUT'],
      [{ kind: 'implement', spec: 'x', workspace: outside }, 403, 'WORKSPACE_VIOLATION'],
      [
        { kind: 'implement', spec: 'x', workspace: join(setup.home, 'missing') },
        404,
        'PATH_NOT_FOUND',
      ],
      [
        { kind: 'implement', spec: 'x', workspace: join(setup.home, 'archon.db') },
        400,
        'INVALID_INPUT',
      ],
      [{ kind: 'implement', spec: '', workspace: setup.home }, 400, 'INVALID_INPUT'],
      [{ kind: 'deploy' }, 400, 'INVALID_INPUT'],
      [{ kind: 'ask', question: 'x', extra: true }, 400, 'INVALID_INPUT'],
    ];
    for (const [request, status, code] of cases) {
      const { response, body } = await createRun(request);
      expect({ request, status: response.status, code: body.error.code }).toEqual({
        request,
        status,
        code,
      });
    }
    expect(await setup.knowledgeBase.store.listJobs()).toEqual([]);
  });

  it('refuses implement runs with INVALID_CONFIG (500) when no model is configured', async () => {
    await start({ languageModel: undefined });
    const { response, body } = await createRun({
      kind: 'implement',
      spec: 'x',
      workspace: workspace(),
    });
    expect(response.status).toBe(500);
    expect(body.error.code).toBe('INVALID_CONFIG');
    expect(body.error.message).toMatch(/no language model is configured/);
  });

  it('caps concurrent runs per caller with 429 and Retry-After', async () => {
    await start({ limits: { maxConcurrentRuns: 1 } });
    model.respondWith(() => ({ text: 'slow', delayMs: 20_000 }));
    const first = await createRun({ kind: 'ask', question: 'one' });
    expect(first.response.status).toBe(202);
    const second = await createRun({ kind: 'ask', question: 'two' });
    expect(second.response.status).toBe(429);
    expect(second.response.headers.get('retry-after')).toBe('5');
    expect(second.body.error.code).toBe('RATE_LIMITED');
    await call(first.body.links.cancel, { method: 'POST' });
    const third = await createRun({ kind: 'ask', question: 'three', useModel: false });
    expect(third.response.status).toBe(202);
  });

  it('starts implement runs for a mounted MCP tool and resolves once recorded', async () => {
    await start();
    model.script(finalResult('ok'));
    const { runId } = await server.serverApp.startImplement({
      spec: 'Do it.',
      workspace: workspace(),
      checks: [],
    });
    expect(await setup.runs.getRun(runId)).not.toBeNull();
    expect((await finished(runId)).state).toBe('succeeded');
    await expect(
      server.serverApp.startImplement({
        spec: 'Do it.',
        workspace: join(setup.home, 'missing'),
        checks: [],
      }),
    ).rejects.toMatchObject({ code: 'PATH_NOT_FOUND' });
  });

  it('marks a run failed when the core throws after recording it', async () => {
    await start();
    writeFileSync(join(setup.home, 'checkpoints'), 'not a directory');
    const { body } = await createRun({ kind: 'implement', spec: 'x', workspace: workspace() });
    const run = await finished(body.id);
    expect(run).toMatchObject({ state: 'failed', stopReason: 'error' });
    expect(run.error).toMatch(/\S/);
    expect((await setup.runs.getRun(body.id))?.state).toBe('failed');
  });

  it('fails the job with its reason when the model cannot be built at run time', async () => {
    let calls = 0;
    const flaky = fakeModel(model.baseUrl);
    await start({
      languageModel: () => {
        calls += 1;
        if (calls % 2 === 0) throw new ArchonError(ErrorCode.InvalidConfig, 'model went away');
        return flaky();
      },
    });
    const { body } = await createRun({ kind: 'implement', spec: 'x', workspace: workspace() });
    const run = await finished(body.id);
    expect(run).toMatchObject({ state: 'failed', error: 'model went away', model: null });
    await expect(
      server.serverApp.startImplement({ spec: 'x', workspace: workspace(), checks: [] }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT', message: 'model went away' });
  });

  it('sends keep-alive comments on an idle event stream', async () => {
    await start({ limits: { heartbeatIntervalMs: 20 } });
    model.respondWith(() => ({ text: 'slow', delayMs: 20_000 }));
    const { body } = await createRun({ kind: 'ask', question: 'slow one' });
    const controller = new AbortController();
    const response = await call(body.links.events, { signal: controller.signal });
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    let text = '';
    while (!text.includes(': keep-alive')) {
      const { value } = await reader.read();
      text += new TextDecoder().decode(value);
    }
    controller.abort();
    await reader.cancel().catch(() => undefined);
    expect((await call(body.links.cancel, { method: 'POST' })).status).toBe(200);
  });
});

describe('HTTP API: runs with the engineering pack', () => {
  it('ingests the pack once before the first run when enabled', async () => {
    const setup = await createTestSetup({ knowledgePack: true });
    const server = await startServer({
      ...setup.options(),
      host: '127.0.0.1',
      port: 0,
      closeResources: async () => undefined,
    });
    try {
      const ids: string[] = [];
      for (const question of ['one', 'two']) {
        const response = await fetch(
          `${server.url}/v1/runs`,
          jsonRequest('POST', { kind: 'ask', question, useModel: false }),
        );
        ids.push(((await response.json()) as { id: string }).id);
      }
      await server.serverApp.jobs.whenIdle();
      const sources = await setup.knowledgeBase.listSources();
      expect(sources.map((source) => source.name).sort()).toEqual(['engineering-pack', 'guides']);
      for (const id of ids)
        expect((await setup.knowledgeBase.store.getJob(id))?.state).toBe('succeeded');
    } finally {
      await server.close();
      await setup.cleanup();
    }
  });
});
