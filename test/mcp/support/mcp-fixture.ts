/**
 * A data directory for MCP tests: a temporary ARCHON_HOME (engineering pack off) with
 * the source `guides` already ingested from two small Markdown files, a second folder
 * for `add_source` to ingest, and a tiny repository with a failing test for `implement`.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { loadSettings } from '../../../src/config/load-settings.js';
import type { Settings } from '../../../src/config/settings-schema.js';
import { openKnowledgeBase } from '../../../src/knowledge/open-knowledge-base.js';

export interface McpFixture {
  readonly home: string;
  /** Folder of the `guides` source, already ingested. */
  readonly guides: string;
  /** Folder not yet ingested, for `add_source`. */
  readonly notes: string;
  /** Environment that points a server at the home. */
  readonly environment: Record<string, string>;
  settings(extra?: Record<string, string>): Settings;
}

const retryGuide = `# Retries

Retry idempotent HTTP calls with exponential backoff and full jitter, and give up after a
few attempts so a failing dependency does not pin every worker.

## Example

A small helper that retries a promise-returning function:

\`\`\`typescript
export async function withRetries<T>(work: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= attempts) throw error;
    }
  }
}
\`\`\`
`;

const cacheGuide = `# Caching

Put a cache in front of slow reads and expire entries with a time to live. Invalidate on
write so readers never see stale data for longer than the TTL.
`;

const releaseNotes = `# Release checklist

Tag the release, write the changelog, and run the smoke tests against staging first.
`;

/** Creates the home and ingests `guides` into it. */
export async function createMcpFixture(): Promise<McpFixture> {
  const home = mkdtempSync(join(tmpdir(), 'archon-mcp-'));
  writeFileSync(join(home, 'config.json'), JSON.stringify({ knowledgePack: false }));
  const guides = join(home, 'guides');
  const notes = join(home, 'notes');
  mkdirSync(guides);
  mkdirSync(notes);
  writeFileSync(join(guides, 'retries.md'), retryGuide);
  writeFileSync(join(guides, 'caching.md'), cacheGuide);
  writeFileSync(join(notes, 'release.md'), releaseNotes);
  const environment = { ARCHON_HOME: home };
  const settings = (extra: Record<string, string> = {}): Settings =>
    loadSettings({ ...environment, ...extra });

  const knowledgeBase = await openKnowledgeBase(settings());
  try {
    await knowledgeBase.ingest({ targets: [guides], source: 'guides', tags: ['patterns'] });
  } finally {
    await knowledgeBase.close();
  }
  return { home, guides, notes, environment, settings };
}

export const brokenSum = 'export function sum(a, b) {\n  return a - b;\n}\n';
export const fixedSum = 'export function sum(a, b) {\n  return a + b;\n}\n';

/** A repository whose `node --test` fails until `sum` adds. */
export function createFixtureRepository(): string {
  const root = mkdtempSync(join(tmpdir(), 'archon-mcp-repo-'));
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
  return root;
}

/** A fake-model turn that calls one tool. */
export function toolCallTurn(name: string, input: Record<string, unknown>) {
  return { toolCalls: [{ name, arguments: input }], usage: { inputTokens: 500, outputTokens: 40 } };
}

/** Environment naming the fake OpenAI-compatible model at `baseUrl`. */
export function fakeModelEnvironment(baseUrl: string): Record<string, string> {
  return {
    ARCHON_MODEL: 'openai-compatible:fake-coder',
    ARCHON_MODEL_BASE_URL: baseUrl,
    ARCHON_MODEL_TIMEOUT_MS: '5000',
  };
}
