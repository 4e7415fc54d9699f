/**
 * End-to-end tests of the knowledge commands of `archon`, in-process, on a real SQLite
 * store in a temporary home and real files.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { beforeAll, describe, expect, it } from 'vitest';

import type { IngestSummary } from '../../src/knowledge/ingest/ingest-documents.js';
import type { SearchResult } from '../../src/knowledge/search/hybrid-search.js';
import { createArchonRunner } from '../support/run-archon.js';

function writeDocs(root: string): void {
  mkdirSync(join(root, 'guides'), { recursive: true });
  writeFileSync(
    join(root, 'guides', 'pooling.md'),
    '# Connection pooling\n\nReuse connections with a pool; release each client in a finally block.\n\n' +
      '## Sizing\n\nSize the pool from max_connections divided by the number of replicas.\n\n' +
      'Create the pool once at start-up:\n\n```ts\nconst pool = createPool({ max: 10 });\n' +
      'export async function withClient() {\n  return pool.connect();\n}\n```\n',
  );
  writeFileSync(
    join(root, 'guides', 'retries.md'),
    '# Retries with backoff\n\nRetry idempotent calls with capped exponential backoff and full jitter.\n' +
      'Honour Retry-After when the server sends it.\n',
  );
  writeFileSync(
    join(root, 'user-repository.ts'),
    '/** Finds users. */\nexport class UserRepository {\n  findUserById(id: string) {\n    return id;\n  }\n}\n',
  );
  writeFileSync(join(root, 'image.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]));
}

describe('archon knowledge commands', () => {
  const archon = createArchonRunner();
  const docs = mkdtempSync(join(tmpdir(), 'archon-docs-'));

  beforeAll(() => writeDocs(docs));

  it('ingests a folder and reports a JSON summary with skipped files', async () => {
    const run = await archon.run([
      'ingest',
      docs,
      '--source',
      'team-docs',
      '--tags',
      'team,guides',
      '--json',
    ]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const summary = run.json<IngestSummary>();
    expect(summary).toMatchObject({
      source: 'team-docs',
      added: 3,
      updated: 0,
      unchanged: 0,
      removed: 0,
    });
    expect(summary.chunks).toBeGreaterThan(3);
    expect(summary.skipped.map((item) => item.reason)).toContain('unsupported');
  });

  it('costs nothing on an unchanged re-run and replaces only changed documents', async () => {
    const again = (
      await archon.run(['ingest', docs, '--source', 'team-docs', '--json'])
    ).json<IngestSummary>();
    expect(again).toMatchObject({ added: 0, updated: 0, unchanged: 3, chunks: 0 });
    const indexing = again as unknown as { indexSeconds: unknown; vectorIndex: unknown };
    expect(typeof indexing.indexSeconds).toBe('number');
    expect(indexing.vectorIndex).toBe('exact');
    writeFileSync(
      join(docs, 'guides', 'retries.md'),
      '# Retries\n\nRetry only idempotent requests.\n',
    );
    const changed = (
      await archon.run(['ingest', docs, '--source', 'team-docs', '--json'])
    ).json<IngestSummary>();
    expect(changed).toMatchObject({ added: 0, updated: 1, unchanged: 2 });
  });

  it('searches with citations, filters and JSON output', async () => {
    const run = await archon.run(['search', 'pool', 'max_connections', '-k', '3', '--json']);
    expect(run.code).toBe(0);
    const { results } = run.json<{ results: SearchResult[] }>();
    expect(results.length).toBeGreaterThan(0);
    const top = results[0] as SearchResult;
    expect(top.citation).toMatchObject({ sourceName: 'team-docs', title: 'Connection pooling' });
    expect(top.citation.uri).toMatch(/guides\/pooling\.md$/);
    expect(top.citation.headingPath).toContain('Sizing');
    expect(top.components.lexical?.rank).toBe(1);

    const code = (await archon.run(['search', 'createPool', '--code', '--json'])).json<{
      results: SearchResult[];
    }>();
    expect(code.results.length).toBeGreaterThan(0);
    expect(code.results.every((result) => result.kind === 'code')).toBe(true);

    const identifier = await archon.run(['search', 'find_user_by_id', '--json']);
    expect(identifier.json<{ results: SearchResult[] }>().results[0]?.citation.uri).toMatch(
      /user-repository\.ts$/,
    );

    const human = await archon.run(['search', 'retry', 'idempotent', 'requests']);
    expect(human.stdout).toMatch(/1\. \[team-docs\] .*retries\.md:\d+-\d+/);
  });

  it('lists sources, shows documents and chunks, removes a source', async () => {
    const sources = (await archon.run(['sources', '--json'])).json<{
      sources: { name: string; documentCount: number }[];
    }>();
    expect(sources.sources).toEqual([
      expect.objectContaining({ name: 'team-docs', documentCount: 3 }),
    ]);
    expect((await archon.run(['sources'])).stdout).toMatch(/team-docs \(files\): 3 documents/);

    const search = (await archon.run(['search', 'pool', '--json'])).json<{
      results: SearchResult[];
    }>();
    const hit = search.results[0] as SearchResult;
    const documentView = await archon.run(['show', hit.citation.documentId, '--json']);
    expect(documentView.code).toBe(0);
    expect(documentView.json<{ chunks: unknown[] }>().chunks.length).toBeGreaterThan(0);
    expect((await archon.run(['show', hit.citation.documentId])).stdout).toMatch(/--- chunk \d+/);
    const chunkView = await archon.run(['show', String(hit.chunkId)]);
    expect(chunkView.stdout).toContain(hit.citation.uri);

    const removed = await archon.run(['remove', 'team-docs', '--json']);
    expect(removed.json()).toMatchObject({ source: 'team-docs', documents: 3 });
    expect((await archon.run(['sources'])).stdout).toMatch(/no sources yet/);
  });

  it('prunes documents that disappeared', async () => {
    const runner = createArchonRunner();
    const folder = mkdtempSync(join(tmpdir(), 'archon-prune-'));
    writeFileSync(join(folder, 'a.md'), '# A\n\nalpha text\n');
    writeFileSync(join(folder, 'b.md'), '# B\n\nbeta text\n');
    await runner.run(['ingest', folder, '--json']);
    rmSync(join(folder, 'b.md'));
    const kept = (await runner.run(['ingest', folder, '--json'])).json<IngestSummary>();
    expect(kept.removed).toBe(0);
    const pruned = (
      await runner.run(['ingest', folder, '--prune', '--json'])
    ).json<IngestSummary>();
    expect(pruned).toMatchObject({ removed: 1, unchanged: 1 });
  });
});
