/**
 * Crash safety of ingest: a child process writes, rewrites and removes documents
 * in a loop and is killed with SIGKILL at random moments, again and again. After
 * every kill the store must pass its integrity check and hold, for every
 * document, exactly the chunks and vectors of one complete version, in a state
 * that matches the workload up to the last recorded step (or the one after it,
 * when the kill fell between a write and its progress record). A last clean run
 * finishes the workload and must leave exactly the expected final state.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { SqliteKnowledgeStore } from '../../src/storage/sqlite/sqlite-knowledge-store.js';
import {
  crashJobKind,
  crashOperations,
  crashSourceName,
  expectedState,
  seededRandom,
  versionChunks,
  versionOfHash,
} from '../fixtures/storage/crash-workload.js';

const writerScript = fileURLToPath(new URL('../fixtures/storage/crash-writer.ts', import.meta.url));
const repositoryRoot = fileURLToPath(new URL('../..', import.meta.url));
const operationCount = 5_000;
const writerHnswThreshold = 40;
const kills = 30;
const operations = crashOperations(operationCount);
/** Writers still running, killed when the suite ends (say, after a timeout). */
const running = new Set<ChildProcess>();

describe('ingest survives SIGKILL at any moment', () => {
  let directory: string;
  let databasePath: string;

  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'archon-crash-'));
    databasePath = join(directory, 'archon.db');
  });
  afterAll(async () => {
    for (const child of running) child.kill('SIGKILL');
    await rm(directory, { recursive: true, force: true });
  });

  it(`keeps every document whole across ${kills} kills and finishes cleanly`, async () => {
    const random = seededRandom(7);
    let interrupted = 0;
    let lastStep = 0;
    for (let round = 0; round < kills; round += 1) {
      const writer = startWriter(databasePath);
      await writer.ready;
      await delay(Math.floor(random() * 150));
      writer.process.kill('SIGKILL');
      const exit = await writer.exit;
      if (exit.signal === 'SIGKILL') interrupted += 1;
      const step = await verifyStore(databasePath);
      expect(step).toBeGreaterThanOrEqual(lastStep);
      lastStep = step;
    }
    expect(interrupted).toBeGreaterThanOrEqual(25);
    expect(lastStep).toBeLessThan(operationCount);

    const finalRun = startWriter(databasePath);
    const exit = await finalRun.exit;
    expect(exit).toEqual({ code: 0, signal: null });
    expect(finalRun.output()).toContain('done');
    expect(await verifyStore(databasePath)).toBe(operationCount);
  }, 180_000);
});

interface Writer {
  readonly process: ChildProcess;
  readonly ready: Promise<void>;
  readonly exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  readonly output: () => string;
}

function startWriter(databasePath: string): Writer {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      writerScript,
      databasePath,
      String(operationCount),
      String(writerHnswThreshold),
    ],
    { cwd: repositoryRoot, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  running.add(child);
  child.on('exit', () => running.delete(child));
  let stdout = '';
  let stderr = '';
  child.stderr?.on('data', (data: Buffer) => (stderr += data.toString()));
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (data: Buffer) => {
      stdout += data.toString();
      if (stdout.includes('ready')) resolve();
    });
    child.on('exit', () => reject(new Error(`writer exited before it was ready: ${stderr}`)));
  });
  ready.catch(() => undefined);
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return { process: child, ready, exit, output: () => stdout + stderr };
}

/** Checks the store after a kill; returns the step the writer's job had recorded. */
async function verifyStore(databasePath: string): Promise<number> {
  const store = new SqliteKnowledgeStore({ path: databasePath, hnswThreshold: 1_000_000 });
  await store.open();
  try {
    expect(await store.checkIntegrity()).toEqual({ ok: true, problems: [] });
    const [job] = await store.listJobs({ kind: crashJobKind });
    const step = (job?.progress as { step?: number } | null)?.step ?? 0;
    const source = await store.findSource(crashSourceName);
    if (source === null) return step;

    const stored = new Map<string, number>();
    const prints = await store.listFingerprints(source.id);
    for (const print of prints) stored.set(print.uri, versionOfHash(print.contentHash));
    const candidates = [expectedState(operations, step), expectedState(operations, step + 1)];
    expect(candidates.some((candidate) => sameState(candidate, stored))).toBe(true);

    const chunkIds = new Set<number>();
    for (const print of prints) {
      const version = stored.get(print.uri) as number;
      const expected = versionChunks(print.uri, version);
      const document = await store.getDocument(print.id);
      expect(document?.chunks.map((chunk) => chunk.text)).toEqual(
        expected.map((chunk) => chunk.text),
      );
      for (const [index, chunk] of (document?.chunks ?? []).entries()) {
        const [nearest] = await store.vectorSearch({
          vector: expected[index]?.vector as Float32Array,
          limit: 1,
        });
        expect(nearest?.chunkId).toBe(chunk.id);
        expect(nearest?.score).toBeGreaterThan(0.9999);
        chunkIds.add(chunk.id);
      }
    }
    expect(await store.stats()).toMatchObject({ chunks: chunkIds.size, embeddings: chunkIds.size });
    await checkHnswRecovers(databasePath, chunkIds);
    return step;
  } finally {
    await store.close();
  }
}

/**
 * The derived HNSW file the writer may have been saving must load or rebuild, never
 * fail, and answer from the stored vectors only: as many hits as the limit allows,
 * none of a removed chunk. (A document may have no chunks: version 1 of doc-5 has
 * none, so right after it the store holds a document but no vector at all.)
 */
async function checkHnswRecovers(
  databasePath: string,
  chunkIds: ReadonlySet<number>,
): Promise<void> {
  const store = new SqliteKnowledgeStore({
    path: databasePath,
    hnswThreshold: writerHnswThreshold,
  });
  await store.open();
  try {
    const vector = versionChunks('docs/doc-0.md', 1)[0]?.vector ?? new Float32Array(16).fill(1);
    const limit = 5;
    const hits = await store.vectorSearch({ vector, limit });
    expect(hits).toHaveLength(Math.min(limit, chunkIds.size));
    for (const hit of hits) expect(chunkIds.has(hit.chunkId)).toBe(true);
  } finally {
    await store.close();
  }
}

function sameState(left: ReadonlyMap<string, number>, right: ReadonlyMap<string, number>): boolean {
  if (left.size !== right.size) return false;
  for (const [uri, version] of left) if (right.get(uri) !== version) return false;
  return true;
}

function delay(milliseconds: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, milliseconds));
}
