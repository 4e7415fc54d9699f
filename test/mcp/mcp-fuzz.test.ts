/**
 * Property-based fuzzing of the MCP server as `archon serve` mounts it: generated
 * invalid and edge-case arguments for every tool, resource reads, and other methods,
 * over 10,000 calls through the official client on an in-memory transport pair, then
 * a batch over streamable HTTP on a real loopback server, and raw JSON-RPC bodies
 * posted to `/mcp`. Every call must end as a result, a tool error with a stable code,
 * or a JSON-RPC error for bad parameters; never an internal error, a stack trace or a
 * broken transport. The server must keep answering, nothing may reach the network or
 * leave the allowed paths, and the store must pass its integrity check after.
 */
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ArchonError, ErrorCode } from '../../src/core/errors.js';
import {
  createMcpHttpHandler,
  createMcpServer,
  type McpDependencies,
} from '../../src/mcp/index.js';
import { type RunningServer, startServer } from '../../src/server/start-server.js';
import { createTestSetup, fakeModel, type TestSetup } from '../server/server-test-setup.js';
import { type FakeOpenAIServer, startFakeOpenAIServer } from '../support/fake-openai-server.js';
import { checkRawAnswer, sendFuzzCall } from './support/mcp-fuzz-checks.js';
import {
  type McpFuzzCall,
  type McpFuzzTargets,
  methodFuzzer,
  rawBodyFuzzer,
  resourceFuzzer,
  toolCallFuzzers,
} from './support/mcp-fuzz-inputs.js';

const runsPerFuzzer = 950;
const httpCalls = 300;
const rawBodies = 300;

/** Ingestion's network boundary: nothing leaves the machine during fuzzing. */
const offline: typeof fetch = async () => {
  throw new ArchonError(ErrorCode.FetchFailed, 'offline during fuzzing');
};

describe('MCP server: fuzzing every tool and resource', () => {
  let setup: TestSetup;
  let model: FakeOpenAIServer;
  let running: RunningServer;
  let mcpServer: McpServer;
  let client: Client;
  let targets: McpFuzzTargets & { runIds: string[] };
  let sent = 0;
  const unexpected: string[] = [];
  const escaped: unknown[] = [];
  const onEscape = (error: unknown) => escaped.push(error);

  /** Outcomes per fuzzer: `ok`, `tool error CODE`, `rpc error CODE`. */
  const outcomes = new Map<string, Map<string, number>>();

  async function send(fuzzer: string, target: Client, call: McpFuzzCall): Promise<void> {
    sent += 1;
    const { outcome, runId } = await sendFuzzCall(target, call);
    if (runId !== undefined) targets.runIds.push(runId);
    const tally = outcomes.get(fuzzer) ?? new Map<string, number>();
    tally.set(outcome, (tally.get(outcome) ?? 0) + 1);
    outcomes.set(fuzzer, tally);
  }

  /** The server still answers a plain call after a fuzzing batch. */
  async function expectAnswering(target: Client): Promise<void> {
    await target.ping();
    const sources = await target.callTool({ name: 'list_sources', arguments: {} });
    expect(sources.isError).not.toBe(true);
  }

  beforeAll(async () => {
    process.on('unhandledRejection', onEscape);
    process.on('uncaughtException', onEscape);
    model = await startFakeOpenAIServer();
    model.respondWith(() => ({ text: 'Nothing to change.' }));
    setup = await createTestSetup({ fetch: offline });
    const allowed = join(setup.home, 'allowed');
    const allowedFolder = join(allowed, 'notes');
    const workspace = join(allowed, 'workspace');
    const outsideFile = join(setup.home, 'outside-secret.md');
    mkdirSync(allowedFolder, { recursive: true });
    mkdirSync(workspace);
    writeFileSync(join(allowedFolder, 'note.md'), '# Note\n\nA small note to ingest.\n');
    writeFileSync(outsideFile, '# Secret\n\nOutside the allowed paths.\n');
    const escapingLink = join(allowedFolder, 'escape.md');
    symlinkSync(outsideFile, escapingLink);

    running = await startServer({
      ...setup.options({
        languageModel: fakeModel(model.baseUrl),
        allowedPaths: [allowed],
        limits: { maxConcurrentRuns: 2, burst: 1000, requestsPerSecond: 1000 },
        runLimits: { maxSteps: 2 },
      }),
      host: '127.0.0.1',
      port: 0,
      closeResources: async () => undefined,
    });
    const { serverApp } = running;
    const dependencies: McpDependencies = {
      knowledgeBase: setup.knowledgeBase,
      runs: setup.runs,
      startImplement: (request) => serverApp.startImplement(request),
      checkPath: (path, what) => serverApp.checkPath(path, what),
      version: 'fuzz',
      onUnexpectedError: (error, where) => unexpected.push(`${where}: ${String(error)}`),
    };
    serverApp.mountMcp(
      createMcpHttpHandler({ host: '127.0.0.1', requireAuth: false, dependencies }),
    );

    const sources = await setup.knowledgeBase.listSources();
    const documentIds: string[] = [];
    for (const source of sources) {
      for (const document of await setup.knowledgeBase.store.listFingerprints(source.id)) {
        documentIds.push(document.id);
      }
    }
    targets = {
      allowedFolder,
      workspace,
      outsideFile,
      escapingLink,
      documentIds,
      sources: sources.flatMap((source) => [source.id, source.name]),
      runIds: [],
    };

    mcpServer = createMcpServer(dependencies);
    const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
    await mcpServer.connect(serverTransport);
    client = new Client({ name: 'fuzzer', version: '1' });
    await client.connect(clientTransport);
  });
  afterAll(async () => {
    process.off('unhandledRejection', onEscape);
    process.off('uncaughtException', onEscape);
    await client?.close();
    await mcpServer?.close();
    await running?.close();
    await model?.close();
    await setup?.cleanup();
  });

  const inMemoryFuzzers = (): [string, fc.Arbitrary<McpFuzzCall>][] => [
    ...Object.entries(toolCallFuzzers(targets)),
    ['resource reads', resourceFuzzer(targets)],
    ['other methods', methodFuzzer],
  ];
  const fuzzerNames = [
    'search_knowledge',
    'search_code_examples',
    'list_sources',
    'read_document',
    'add_source',
    'implement',
    'get_run',
    'unknown tools',
    'malformed tools/call params',
    'resource reads',
    'other methods',
  ];

  it('generates a fuzzer for every tool', async () => {
    const { tools } = await client.listTools();
    const names = inMemoryFuzzers().map(([name]) => name);
    expect(names).toEqual(fuzzerNames);
    for (const tool of tools) expect(names).toContain(tool.name);
  });

  for (const name of fuzzerNames) {
    it(`in memory: ${name}`, async () => {
      const generator = new Map(inMemoryFuzzers()).get(name);
      if (generator === undefined) throw new Error(`no fuzzer named ${name}`);
      await fc.assert(
        fc.asyncProperty(generator, (call) => send(name, client, call)),
        { numRuns: runsPerFuzzer },
      );
      await expectAnswering(client);
    });
  }

  it('over streamable HTTP on a loopback server', async () => {
    const everything = fc.oneof(...inMemoryFuzzers().map(([, generator]) => generator));
    const httpClient = new Client({ name: 'fuzzer-http', version: '1' });
    await httpClient.connect(new StreamableHTTPClientTransport(new URL(`${running.url}/mcp`)));
    try {
      for (const call of fc.sample(everything, { numRuns: httpCalls, seed: 4242 })) {
        await send('over HTTP', httpClient, call);
      }
      await expectAnswering(httpClient);
    } finally {
      await httpClient.close();
    }
  });

  it('raw JSON-RPC bodies posted to /mcp', async () => {
    const headers = fc.oneof(
      { weight: 8, arbitrary: fc.constant('application/json, text/event-stream') },
      { weight: 1, arbitrary: fc.constantFrom('application/json', 'text/event-stream', '*/*') },
    );
    const samples = fc.sample(fc.tuple(rawBodyFuzzer, headers), { numRuns: rawBodies, seed: 7 });
    for (const [body, accept] of samples) {
      sent += 1;
      const response = await fetch(`${running.url}/mcp`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept },
        body,
      });
      await checkRawAnswer(body, response);
    }
  });

  it('reached both the work and the refusals of every tool', () => {
    const seen = (fuzzer: string): string[] => [...(outcomes.get(fuzzer)?.keys() ?? [])];
    for (const name of fuzzerNames.slice(0, 7)) expect(seen(name), name).toContain('ok');
    for (const name of fuzzerNames.slice(0, 7).filter((name) => name !== 'list_sources')) {
      expect(
        seen(name).some((outcome) => /^tool error [A-Z_]+$/.test(outcome)),
        name,
      ).toBe(true);
    }
    expect(seen('resource reads')).toContain('ok');
    expect(seen('resource reads').some((outcome) => outcome.startsWith('rpc error -32002'))).toBe(
      true,
    );
  });

  it('sent over 10,000 calls and left the store intact, the paths confined, nothing escaped', async () => {
    await running.serverApp.jobs.whenIdle();
    expect(sent).toBeGreaterThanOrEqual(10_000);
    expect(escaped).toEqual([]);
    expect(unexpected).toEqual([]);
    expect(setup.logLines.filter((line) => line.level === 'error')).toEqual([]);
    expect(await setup.knowledgeBase.checkIntegrity()).toEqual({ ok: true, problems: [] });
    for (const source of await setup.knowledgeBase.listSources()) {
      for (const document of await setup.knowledgeBase.store.listFingerprints(source.id)) {
        expect(document.uri).not.toMatch(/outside-secret|escape\.md/);
      }
    }
    const runs = await setup.runs.listRuns({});
    expect(runs.every((run) => run.state !== 'running')).toBe(true);
  });
});
