/**
 * A real stack for the HTTP tests: settings in a temp ARCHON_HOME, the SQLite
 * knowledge base (a few Markdown documents ingested), the run store, the API key
 * store, a logger writing into memory, fresh metrics and health registries. No part
 * is faked; a test that needs a model points `languageModel` at the fake OpenAI server.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { LanguageModel } from '../../src/agent/index.js';
import { resolveModel } from '../../src/agent/providers/index.js';
import { loadSettings } from '../../src/config/load-settings.js';
import type { Settings } from '../../src/config/settings-schema.js';
import type { KnowledgeBase } from '../../src/knowledge/knowledge-base.js';
import { openKnowledgeBase } from '../../src/knowledge/open-knowledge-base.js';
import {
  createHealthRegistry,
  createLogger,
  createMetrics,
} from '../../src/observability/index.js';
import type { ServerAppOptions } from '../../src/server/server-options.js';
import { SqliteApiKeyStore } from '../../src/storage/sqlite/sqlite-api-keys.js';
import { SqliteRunStore } from '../../src/storage/sqlite/sqlite-run-store.js';

export interface TestSetup {
  readonly home: string;
  /** A directory of Markdown documents, already ingested as the source `guides`. */
  readonly docs: string;
  readonly settings: Settings;
  readonly knowledgeBase: KnowledgeBase;
  readonly runs: SqliteRunStore;
  readonly apiKeys: SqliteApiKeyStore;
  /** Every log line the server wrote, parsed. */
  readonly logLines: Record<string, unknown>[];
  /** The app options over this stack; `overrides` win. */
  options(overrides?: Partial<ServerAppOptions>): ServerAppOptions;
  /** Closes the stores (unless the server did) and removes the directories. */
  cleanup(): Promise<void>;
}

export interface TestSetupOptions {
  /** Environment entries for `loadSettings` (embedding settings, for example). */
  readonly environment?: Record<string, string>;
  /** Ingest the seed documents. Default true. */
  readonly seed?: boolean;
  /** Ingest the built-in engineering pack before runs. Default false (it takes a second). */
  readonly knowledgePack?: boolean;
  /** The fetch URL ingestion uses (the network boundary); the global fetch by default. */
  readonly fetch?: typeof fetch;
}

export const seedDocuments: Readonly<Record<string, string>> = {
  'retries.md':
    '# Retries\n\nRetry transient failures with exponential backoff and jitter.\n\n' +
    '## Budgets\n\nCap the total retry time so a caller is never blocked forever.\n',
  'health-checks.md':
    '# Health checks\n\nA readiness probe says whether the process should get traffic; ' +
    'a liveness probe says whether it should be restarted.\n',
  'testing.md':
    '# Testing\n\nUse real dependencies in integration tests: a real database in a temp directory.\n\n' +
    '```ts\nimport { test } from "node:test";\ntest("adds", () => {});\n```\n',
};

export async function createTestSetup(setupOptions: TestSetupOptions = {}): Promise<TestSetup> {
  const root = mkdtempSync(join(tmpdir(), 'archon-server-'));
  const home = join(root, 'home');
  const docs = join(root, 'docs');
  mkdirSync(home);
  mkdirSync(docs);
  for (const [name, text] of Object.entries(seedDocuments)) writeFileSync(join(docs, name), text);
  const settings: Settings = {
    ...loadSettings({ ARCHON_HOME: home, ...setupOptions.environment }),
    knowledgePack: setupOptions.knowledgePack ?? false,
  };
  const knowledgeBase = await openKnowledgeBase(
    settings,
    setupOptions.fetch ? { fetch: setupOptions.fetch } : {},
  );
  if (setupOptions.seed !== false)
    await knowledgeBase.ingest({ targets: [docs], source: 'guides' });
  const runs = new SqliteRunStore(join(home, 'archon.db'));
  await runs.open();
  const apiKeys = new SqliteApiKeyStore(join(home, 'archon.db'));
  await apiKeys.open();
  const logLines: Record<string, unknown>[] = [];
  const logger = createLogger({
    level: 'debug',
    destination: {
      write: (line: string) => void logLines.push(JSON.parse(line) as Record<string, unknown>),
    },
  });
  return {
    home,
    docs,
    settings,
    knowledgeBase,
    runs,
    apiKeys,
    logLines,
    options: (overrides = {}) => ({
      knowledgeBase,
      runs,
      settings,
      logger,
      metrics: createMetrics({ processMetrics: false }),
      health: createHealthRegistry(),
      apiKeys,
      version: 'test',
      ...overrides,
    }),
    cleanup: async () => {
      await runs.close();
      await apiKeys.close();
      await knowledgeBase.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** A model factory for the fake OpenAI-compatible server at `baseUrl`. */
export function fakeModel(baseUrl: string): () => LanguageModel {
  return () =>
    resolveModel('openai-compatible:fake-coder', {
      baseUrl,
      resilience: { timeoutMs: 5_000, maxRetries: 0 },
    });
}

/** JSON request options for `fetch` or `app.request`. */
export function jsonRequest(
  method: string,
  body: unknown,
  headers: Record<string, string> = {},
): RequestInit {
  return {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  };
}
