/**
 * `archon implement` end to end: a fake OpenAI-compatible server on loopback drives the
 * real CLI, runtime, tools, command runner, checkpoints and stores on a small fixture
 * repository with a failing test.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { ImplementationReport } from '../../src/engineer/implementation-report.js';
import { type FakeOpenAIServer, startFakeOpenAIServer } from '../support/fake-openai-server.js';
import { createArchonRunner } from '../support/run-archon.js';

const brokenSum = 'export function sum(a, b) {\n  return a - b;\n}\n';
const fixedSum = 'export function sum(a, b) {\n  return a + b;\n}\n';

function fixtureRepository(): string {
  const root = mkdtempSync(join(tmpdir(), 'archon-fixture-'));
  mkdirSync(join(root, 'src'));
  mkdirSync(join(root, 'test'));
  writeFileSync(
    join(root, 'package.json'),
    JSON.stringify({ name: 'fixture', type: 'module', private: true }),
  );
  writeFileSync(join(root, 'src', 'sum.js'), brokenSum);
  writeFileSync(
    join(root, 'test', 'sum.test.js'),
    "import { test } from 'node:test';\nimport assert from 'node:assert/strict';\nimport { sum } from '../src/sum.js';\n\n" +
      "test('adds', () => {\n  assert.equal(sum(2, 3), 5);\n});\n",
  );
  writeFileSync(join(root, 'AGENTS.md'), 'Use ES modules. Keep functions small.\n');
  return root;
}

function call(name: string, input: Record<string, unknown>) {
  return { toolCalls: [{ name, arguments: input }], usage: { inputTokens: 900, outputTokens: 60 } };
}

describe('archon implement (fake model server on loopback)', () => {
  let server: FakeOpenAIServer;
  let workspace: string;
  let specFile: string;

  beforeEach(async () => {
    server = await startFakeOpenAIServer();
    workspace = fixtureRepository();
    specFile = join(mkdtempSync(join(tmpdir(), 'archon-spec-')), 'spec.md');
    writeFileSync(
      specFile,
      '# Fix sum\n\n`sum(a, b)` must return the sum of its arguments. Keep the test green.\n',
    );
  });
  afterEach(async () => {
    await server.close();
  });

  const modelEnvironment = () => ({
    ARCHON_MODEL: 'openai-compatible:fake-coder',
    ARCHON_MODEL_BASE_URL: server.baseUrl,
    ARCHON_MODEL_TIMEOUT_MS: '2000',
  });

  it('reads, searches, edits, sees a failure, fixes it and ends green; undo restores the workspace', async () => {
    server.script(
      call('list_files', {}),
      call('read_file', { path: 'src/sum.js' }),
      call('search_knowledge', { query: 'testing with node:test assertions' }),
      call('edit_file', { path: 'src/sum.js', oldText: 'return a - b;', newText: 'return a * b;' }),
      call('run_checks', {}),
      call('edit_file', { path: 'src/sum.js', oldText: 'return a * b;', newText: 'return a + b;' }),
      call('final_result', { summary: 'Fixed sum to add its arguments.', cited: [] }),
    );
    const archon = createArchonRunner({ withPack: true });
    const eventsFile = join(archon.home, 'events.jsonl');
    const run = await archon.run(
      [
        'implement',
        specFile,
        '--workspace',
        workspace,
        '--check',
        'node --test',
        '--json',
        '--events',
        eventsFile,
      ],
      modelEnvironment(),
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const report = run.json<ImplementationReport>();
    expect(report).toMatchObject({
      status: 'succeeded',
      stopReason: 'completed',
      checksPassed: true,
    });
    expect(readFileSync(join(workspace, 'src', 'sum.js'), 'utf8')).toBe(fixedSum);
    expect(report.filesChanged).toEqual([
      { path: 'src/sum.js', change: 'modified', isTestFile: false },
    ]);
    expect(report.diff).toContain('+  return a + b;');
    const failing = report.checks.find((check) => check.trigger === 'tool');
    expect(failing?.exitCode).not.toBe(0);
    expect(report.checks.at(-1)).toMatchObject({
      command: 'node --test',
      exitCode: 0,
      trigger: 'final-verification',
    });
    expect(report.knowledgeCited.some((uri) => uri.startsWith('knowledge-pack/'))).toBe(true);
    expect(report.usage.requests).toBe(7);
    expect(report.usage.inputTokens).toBe(7 * 900);

    // The model saw the failing check output and the instructions from AGENTS.md.
    const afterChecks = JSON.stringify(server.requests[5]?.body.messages);
    expect(afterChecks).toMatch(/exit 1/);
    expect(JSON.stringify(server.requests[0]?.body.messages)).toContain('Use ES modules');
    expect(server.requests[0]?.body.tools?.length).toBeGreaterThanOrEqual(10);

    const events = readFileSync(eventsFile, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { type: string });
    expect(events[0]?.type).toBe('run-started');
    expect(events.at(-1)?.type).toBe('run-finished');

    const stored = await archon.run(['runs', 'show', report.runId, '--json']);
    const shown = stored.json<{
      run: { state: string; checkpointId: string };
      events: unknown[];
    }>();
    expect(shown.run.state).toBe('succeeded');
    expect(shown.events.length).toBe(events.length);
    expect((await archon.run(['runs'])).stdout).toContain(report.runId);

    const undo = await archon.run(['undo', report.runId, '--json']);
    expect(undo.code).toBe(0);
    expect(readFileSync(join(workspace, 'src', 'sum.js'), 'utf8')).toBe(brokenSum);
    expect(existsSync(join(workspace, '.git'))).toBe(false);
  });

  it('does not accept a final answer while the checks fail', async () => {
    server.script(
      call('final_result', { summary: 'Done (not really).' }),
      call('edit_file', { path: 'src/sum.js', oldText: 'return a - b;', newText: 'return a + b;' }),
      call('final_result', { summary: 'Fixed.' }),
    );
    const archon = createArchonRunner();
    const run = await archon.run(
      ['implement', specFile, '--workspace', workspace, '--check', 'node --test', '--json'],
      modelEnvironment(),
    );
    const report = run.json<ImplementationReport>();
    expect(report.status).toBe('succeeded');
    expect(JSON.stringify(server.requests[1]?.body.messages)).toMatch(/checks still fail/);
  });

  it('stops on the cost budget before overspending', async () => {
    server.respondWith(() =>
      call('read_file', { path: 'src/sum.js', startLine: 1 + Math.floor(Math.random() * 2) }),
    );
    const archon = createArchonRunner();
    const run = await archon.run(
      [
        'implement',
        specFile,
        '--workspace',
        workspace,
        '--check',
        'node --test',
        '--json',
        '--max-cost-usd',
        '0.02',
      ],
      modelEnvironment(),
    );
    expect(run.code).toBe(1);
    const report = run.json<ImplementationReport>();
    expect(report.stopReason).toBe('budget-exceeded');
    expect(report.usage.costUsd).toBeLessThanOrEqual(0.02);
    expect(report.status).toBe('failed');
    expect(report.checks.at(-1)?.trigger).toBe('final-verification');
  });

  it('stops a loop of identical tool calls', async () => {
    server.respondWith(() => call('read_file', { path: 'src/sum.js' }));
    const archon = createArchonRunner();
    const run = await archon.run(
      ['implement', specFile, '--workspace', workspace, '--check', 'node --test', '--json'],
      modelEnvironment(),
    );
    expect(run.code).toBe(1);
    expect(run.json<ImplementationReport>().stopReason).toBe('loop-detected');
    expect(server.requests.length).toBe(3);
  });

  it('survives 429, 500 and a timeout from the model server', async () => {
    server.script(
      { status: 429, retryAfter: 0 },
      call('edit_file', { path: 'src/sum.js', oldText: 'return a - b;', newText: 'return a + b;' }),
      { status: 500 },
      { delayMs: 4000, text: 'too late' },
      call('final_result', { summary: 'Fixed after retries.' }),
    );
    const archon = createArchonRunner();
    const run = await archon.run(
      ['implement', specFile, '--workspace', workspace, '--check', 'node --test', '--json'],
      modelEnvironment(),
    );
    expect(run.stderr).toBe('');
    const report = run.json<ImplementationReport>();
    expect(report.status).toBe('succeeded');
    expect(report.usage.requests).toBe(2);
    expect(server.requests.length).toBe(5);
  });

  it('reads the spec from standard input with -', async () => {
    server.script(
      call('edit_file', { path: 'src/sum.js', oldText: 'return a - b;', newText: 'return a + b;' }),
      call('final_result', { summary: 'Fixed from stdin spec.' }),
    );
    const archon = createArchonRunner();
    const run = await archon.run(
      ['implement', '-', '--workspace', workspace, '--check', 'node --test'],
      modelEnvironment(),
      'Make sum add its arguments.\n',
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^# Implementation report /);
    expect(run.stdout).toMatch(/`node --test`: exit 0 \(final-verification/);
    expect(JSON.stringify(server.requests[0]?.body.messages)).toContain(
      'Make sum add its arguments.',
    );
    const empty = await archon.run(
      ['implement', '-', '--workspace', workspace],
      modelEnvironment(),
      '  \n',
    );
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/the spec is empty/);
  });

  it('says how to configure a model when none is set, and refuses a bad spec path', async () => {
    const archon = createArchonRunner();
    const noModel = await archon.run(['implement', specFile, '--workspace', workspace]);
    expect(noModel.code).toBe(1);
    expect(noModel.stderr).toMatch(/^archon: no language model configured: set ARCHON_MODEL/);
    const missing = await archon.run(['implement', '/no/spec.md'], modelEnvironment());
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/spec file not found/);
    const noAsk = await archon.run(['ask', 'what', 'is', 'a', 'readiness', 'probe']);
    expect(noAsk.code).toBe(1);
    expect(noAsk.stderr).toMatch(/no language model configured/);
  });
});

describe('archon ask', () => {
  it('answers from passages alone with --no-model, and with a model citing passages', async () => {
    const archon = createArchonRunner({ withPack: true });
    const passages = await archon.run([
      'ask',
      'how',
      'do',
      'readiness',
      'probes',
      'differ',
      'from',
      'liveness',
      '--no-model',
      '--json',
    ]);
    expect(passages.code).toBe(0);
    const answer = passages.json<{
      answer: string | null;
      passages: { citation: { uri: string } }[];
    }>();
    expect(answer.answer).toBeNull();
    expect(answer.passages.length).toBeGreaterThan(0);

    const server = await startFakeOpenAIServer();
    try {
      server.script({
        text: 'Readiness gates traffic; liveness restarts the pod [1].',
        usage: { inputTokens: 500, outputTokens: 20 },
      });
      const run = await archon.run(['ask', 'readiness vs liveness'], {
        ARCHON_MODEL: 'openai-compatible:fake-coder',
        ARCHON_MODEL_BASE_URL: server.baseUrl,
      });
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/^Readiness gates traffic; liveness restarts the pod \[1\]\./);
      expect(run.stdout).toMatch(/\[1\] knowledge-pack\//);
      expect(JSON.stringify(server.requests[0]?.body.messages)).toMatch(/\[1\] knowledge-pack\//);
    } finally {
      await server.close();
    }
  });
});
