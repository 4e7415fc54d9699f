/**
 * Bad input to `archon` gets one clear line and the right exit code (1 failure,
 * 2 usage), never a stack trace, and leaves the store as it was.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { createArchonRunner } from '../support/run-archon.js';

function expectOneLine(stderr: string, pattern: RegExp): void {
  const lines = stderr.trim().split('\n');
  expect(lines[0]).toMatch(pattern);
  expect(stderr).not.toMatch(/\n\s+at /);
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('archon bad input', () => {
  it('reports a missing path as a failure and creates no source', async () => {
    const archon = createArchonRunner();
    const run = await archon.run(['ingest', '/definitely/not/here']);
    expect(run.code).toBe(1);
    expectOneLine(
      run.stderr,
      /^archon: path not found: \/definitely\/not\/here \[PATH_NOT_FOUND\]$/,
    );
    expect((await archon.run(['sources', '--json'])).json()).toEqual({ sources: [] });
  });

  it('treats an empty query and invalid options as usage errors', async () => {
    const archon = createArchonRunner();
    const empty = await archon.run(['search', '   ']);
    expect(empty.code).toBe(2);
    expectOneLine(empty.stderr, /search query must not be empty \[INVALID_INPUT\]/);
    const badLimit = await archon.run(['search', 'x', '-k', 'zero']);
    expect(badLimit.code).toBe(2);
    expectOneLine(badLimit.stderr, /-k must be a whole number from 1 to 200/);
    const badMode = await archon.run(['search', 'x', '--mode', 'fuzzy']);
    expect(badMode.code).toBe(2);
    expectOneLine(badMode.stderr, /--mode must be one of hybrid, lexical, vector/);
    const unknownOption = await archon.run(['search', 'x', '--frobnicate']);
    expect(unknownOption.code).toBe(2);
    expect(unknownOption.stderr).toMatch(/unknown option '--frobnicate'/);
    const unknownCommand = await archon.run(['frobnicate']);
    expect(unknownCommand.code).toBe(2);
    const missingArgument = await archon.run(['ingest']);
    expect(missingArgument.code).toBe(2);
    expect(missingArgument.stderr).toMatch(/missing required argument/);
    const badDepth = await archon.run(['ingest', 'https://example.invalid/', '--depth', '-1']);
    expect(badDepth.code).toBe(2);
    const mixed = await archon.run(['ingest', '/tmp', 'https://example.invalid/']);
    expect(mixed.code).toBe(2);
    expectOneLine(mixed.stderr, /paths and URLs in separate commands/);
    const badName = await archon.run(['ingest', '/tmp', '--source', '../escape']);
    expect(badName.code).toBe(2);
    expectOneLine(badName.stderr, /invalid source name/);
  });

  it('names an unknown source', async () => {
    const archon = createArchonRunner();
    const removal = await archon.run(['remove', 'nope']);
    expect(removal.code).toBe(1);
    expectOneLine(removal.stderr, /no source named 'nope' .*\[SOURCE_NOT_FOUND\]/);
    const filtered = await archon.run(['search', 'x', '--source', 'nope']);
    expect(filtered.code).toBe(1);
    expectOneLine(filtered.stderr, /\[SOURCE_NOT_FOUND\]/);
    const show = await archon.run(['show', 'no-such-document']);
    expect(show.code).toBe(1);
    expectOneLine(show.stderr, /\[DOCUMENT_NOT_FOUND\]/);
    const chunk = await archon.run(['show', '999999']);
    expect(chunk.code).toBe(1);
    expectOneLine(chunk.stderr, /no chunk with id 999999 \[NOT_FOUND\]/);
  });

  it('reports an unreachable URL and leaves no empty source behind', async () => {
    const archon = createArchonRunner();
    const port = await closedPort();
    const run = await archon.run(['ingest', `http://127.0.0.1:${port}/docs/`]);
    expect(run.code).toBe(1);
    expectOneLine(run.stderr, /\[FETCH_FAILED\]$/);
    expect((await archon.run(['sources', '--json'])).json()).toEqual({ sources: [] });
    const notUrl = await archon.run(['ingest', 'http://exa mple.com/']);
    expect(notUrl.code).toBe(2);
  });

  it('reports a corrupt config file', async () => {
    const archon = createArchonRunner();
    writeFileSync(join(archon.home, 'config.json'), '{"search": {"limit": ');
    const run = await archon.run(['sources']);
    expect(run.code).toBe(1);
    expectOneLine(
      run.stderr,
      /config file .*config\.json is not valid JSON or YAML.*\[INVALID_CONFIG\]/,
    );
    const environment = await createArchonRunner().run(['sources'], {
      ARCHON_EMBEDDING: 'word2vec',
    });
    expect(environment.code).toBe(1);
    expectOneLine(environment.stderr, /ARCHON_EMBEDDING must be/);
    const database = await createArchonRunner().run(['sources'], {
      ARCHON_DATABASE_URL: 'postgres://x/y',
    });
    expect(database.code).toBe(1);
    expectOneLine(database.stderr, /ARCHON_DATABASE_URL/);
  });

  it('refuses a different embedding model until reindex, then searches again', async () => {
    const archon = createArchonRunner();
    const folder = mkdtempSync(join(tmpdir(), 'archon-reindex-'));
    writeFileSync(
      join(folder, 'notes.md'),
      '# Notes\n\nHealth checks and readiness probes differ.\n',
    );
    expect((await archon.run(['ingest', folder])).code).toBe(0);
    const mismatch = await archon.run(['search', 'readiness'], { ARCHON_EMBEDDING: 'hash:128' });
    expect(mismatch.code).toBe(1);
    expectOneLine(mismatch.stderr, /archon reindex.*\[EMBEDDING_MISMATCH\]/);
    const reindex = await archon.run(['reindex', '--json'], { ARCHON_EMBEDDING: 'hash:128' });
    expect(reindex.code).toBe(0);
    expect(reindex.json()).toMatchObject({ modelId: 'hash:v2', dimensions: 128, chunks: 1 });
    const after = await archon.run(['search', 'readiness', '--json'], {
      ARCHON_EMBEDDING: 'hash:128',
    });
    expect(after.code).toBe(0);
    expect(after.json<{ results: unknown[] }>().results).toHaveLength(1);
    const human = await archon.run(['reindex'], { ARCHON_EMBEDDING: 'hash:128' });
    expect(human.stdout).toMatch(/re-embedded 1 chunks with hash:v2 \(128 dimensions\)/);
  });

  it('keeps a base built with hash:v1 on hash:v1 until reindexed with hash:v2', async () => {
    const archon = createArchonRunner();
    const folder = mkdtempSync(join(tmpdir(), 'archon-hash-v1-'));
    writeFileSync(join(folder, 'probes.md'), '# Probes\n\nReadiness probes gate traffic.\n');
    const v1 = { ARCHON_EMBEDDING: 'hash:v1' };
    expect((await archon.run(['ingest', folder, '--json'], v1)).code).toBe(0);
    // The plain default keeps the version the base was built with.
    const source = ['--source', basename(folder)];
    const plain = await archon.run(['search', 'readiness', '--json', ...source]);
    expect(plain.code).toBe(0);
    expect(plain.json<{ results: unknown[] }>().results).toHaveLength(1);
    writeFileSync(join(folder, 'health.md'), '# Health\n\nLiveness probes restart pods.\n');
    expect((await archon.run(['ingest', folder, '--json'])).code).toBe(0);
    const v2 = { ARCHON_EMBEDDING: 'hash:v2' };
    const mismatch = await archon.run(['search', 'readiness'], v2);
    expect(mismatch.code).toBe(1);
    expectOneLine(mismatch.stderr, /hash:v1.*archon reindex.*\[EMBEDDING_MISMATCH\]/);
    const reindex = await archon.run(['reindex', '--json'], v2);
    expect(reindex.json()).toMatchObject({ modelId: 'hash:v2', dimensions: 384 });
    const after = await archon.run(['search', 'liveness', '--json', ...source]);
    const top = after.json<{ results: { citation: { title: string } }[] }>().results[0];
    expect(top?.citation.title).toBe('Health');
  });

  it('prints help and version with exit code 0', async () => {
    const archon = createArchonRunner();
    const help = await archon.run(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/ingest \[options\] <targets\.\.\.>/);
    const version = await archon.run(['--version']);
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
