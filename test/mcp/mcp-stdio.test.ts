/**
 * The MCP server over stdio in a real child process (`test/mcp/stdio-server-entry.ts`),
 * driven by the official client SDK: the shared tool and resource suite, then an
 * implement run end to end against the fake OpenAI-compatible model server.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import {
  getDefaultEnvironment,
  StdioClientTransport,
} from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type FakeOpenAIServer, startFakeOpenAIServer } from '../support/fake-openai-server.js';
import { callTool, waitForRun } from './support/mcp-client-helpers.js';
import {
  createFixtureRepository,
  createMcpFixture,
  fakeModelEnvironment,
  fixedSum,
  toolCallTurn,
} from './support/mcp-fixture.js';
import { describeArchonMcpServer } from './support/mcp-tool-suite.js';

const entry = join(import.meta.dirname, 'stdio-server-entry.ts');

async function connectOverStdio(environment: Record<string, string>) {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: ['--import', 'tsx', entry],
    env: { ...getDefaultEnvironment(), ...environment },
    stderr: 'pipe',
  });
  let stderr = '';
  transport.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const client = new Client({ name: 'stdio-test', version: '1' });
  await client.connect(transport);
  return {
    client,
    transport,
    stderr: () => stderr,
    close: () => client.close(),
  };
}

describeArchonMcpServer('stdio (child process)', (fixture) =>
  connectOverStdio(fixture.environment),
);

describe('implement over stdio', () => {
  let model: FakeOpenAIServer;
  let connected: Awaited<ReturnType<typeof connectOverStdio>>;

  beforeAll(async () => {
    model = await startFakeOpenAIServer();
    const fixture = await createMcpFixture();
    connected = await connectOverStdio({
      ...fixture.environment,
      ...fakeModelEnvironment(model.baseUrl),
    });
  });
  afterAll(async () => {
    await connected?.close();
    await model?.close();
  });

  it('starts a run, returns its id at once, and get_run reports the green result', async () => {
    const workspace = createFixtureRepository();
    model.script(
      toolCallTurn('edit_file', {
        path: 'src/sum.js',
        oldText: 'return a - b;',
        newText: 'return a + b;',
      }),
      toolCallTurn('final_result', { summary: 'sum now adds.' }),
    );
    const started = await callTool(connected.client, 'implement', {
      spec: 'Make sum(a, b) return a + b.',
      workspace,
      checks: ['node --test'],
    });
    expect(started.isError, started.text).toBe(false);
    const runId = String(started.structured?.runId);
    expect(started.text).toBe(`Started run ${runId}. Call get_run with this id for its state.`);

    const finished = await waitForRun(connected.client, runId);
    expect(finished.structured).toMatchObject({
      id: runId,
      kind: 'implement',
      state: 'succeeded',
      stopReason: 'completed',
      summary: 'sum now adds.',
      checksPassed: true,
      filesChanged: ['src/sum.js'],
    });
    expect(finished.text).toContain('checks passed: `node --test` exit 0');
    expect(finished.text).toContain(`undo: archon undo ${runId}`);
    expect(readFileSync(join(workspace, 'src', 'sum.js'), 'utf8')).toBe(fixedSum);
    expect(model.requests).toHaveLength(2);
  });

  it('reports a missing workspace as a tool error and records no run', async () => {
    const answer = await callTool(connected.client, 'implement', {
      spec: 'x',
      workspace: '/nonexistent/archon-workspace',
    });
    expect(answer).toMatchObject({
      isError: true,
      text: expect.stringMatching(/^\[PATH_NOT_FOUND\] /),
    });
    const relative = await callTool(connected.client, 'implement', {
      spec: 'x',
      workspace: 'repo',
    });
    expect(relative.text).toBe("[INVALID_INPUT] workspace must be an absolute path, got 'repo'");
  });

  it('exits when the client closes stdin', async () => {
    const fixture = await createMcpFixture();
    const other = await connectOverStdio(fixture.environment);
    const pid = other.transport.pid;
    expect(pid).toBeGreaterThan(0);
    const exited = new Promise<void>((resolve) => {
      const poll = () => {
        try {
          process.kill(pid as number, 0);
          setTimeout(poll, 20);
        } catch {
          resolve();
        }
      };
      poll();
    });
    await other.close();
    await exited;
    expect(other.stderr()).toBe('');
  });
});
