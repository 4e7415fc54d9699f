/**
 * The ingest pipeline end to end on a real SQLite store: documents prepared on a
 * worker thread and committed in batches give exactly the store a single-threaded
 * ingest gives, and a failure part-way leaves every written document whole.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { loadSettings } from '../../src/config/load-settings.js';
import type { EmbeddingModel } from '../../src/core/embedding-model.js';
import { ArchonError, ErrorCode } from '../../src/core/errors.js';
import { createHashingEmbedder } from '../../src/knowledge/embed/hashing/hashing-embedder.js';
import {
  documentFromBytes,
  type FileBytes,
  readFileBytesSync,
} from '../../src/knowledge/ingest/files/file-loader.js';
import type { SelectedFile } from '../../src/knowledge/ingest/files/walk-items.js';
import { ingestDocuments } from '../../src/knowledge/ingest/ingest-documents.js';
import type { LoadResult } from '../../src/knowledge/ingest/loaded-document.js';
import type {
  DocumentPreparer,
  FileLoadRequest,
} from '../../src/knowledge/ingest/prepare/document-preparer.js';
import { createInProcessPreparer } from '../../src/knowledge/ingest/prepare/in-process-preparer.js';
import { prepareLoaded } from '../../src/knowledge/ingest/prepare/load-and-prepare.js';
import { defaultWorkerThreads, type KnowledgeBase } from '../../src/knowledge/knowledge-base.js';
import { openKnowledgeBase } from '../../src/knowledge/open-knowledge-base.js';
import { SqliteKnowledgeStore } from '../../src/storage/sqlite/sqlite-knowledge-store.js';

let root: string;
let corpus: string;

function guide(index: number): string {
  const sections = Array.from(
    { length: 8 },
    (_, section) =>
      `## Step ${section}: configure ${['redis', 'postgres', 'kubernetes', 'prometheus'][section % 4]}\n\n` +
      `Guide ${index} explains how \`connectPool${section}\` retries with backoff and why timeouts matter.\n\n` +
      '```ts\n' +
      `const pool${section} = await connectPool${section}({ retries: ${section + 1} });\n` +
      'await pool.query("SELECT 1");\nawait pool.end();\n```\n',
  );
  return `# Operations guide ${index}\n\n${sections.join('\n')}`;
}

async function openBase(
  home: string,
  workerThreads: number,
  mergeSectionsBelow?: number,
): Promise<KnowledgeBase> {
  const settings = loadSettings({ ARCHON_HOME: home });
  return openKnowledgeBase({
    ...settings,
    knowledgePack: false,
    ingest: { ...settings.ingest, workerThreads, workerThresholdBytes: 0, mergeSectionsBelow },
  });
}

async function snapshot(base: KnowledgeBase) {
  const results = await base.search({ query: 'connectPool3 retries backoff', limit: 10 });
  return {
    stats: await base.stats(),
    results: results.map((result) => ({
      uri: result.citation.uri,
      text: result.text,
      headingPath: result.citation.headingPath,
    })),
  };
}

/** A store in `root` with the hashing embedder pinned and one files source. */
async function storeWithSource(file: string) {
  const store = new SqliteKnowledgeStore({ path: join(root, file) });
  await store.open();
  const embedder = createHashingEmbedder();
  await store.pinEmbeddingSpec({ modelId: embedder.id, dimensions: embedder.dimensions });
  const source = await store.upsertSource({
    name: 'docs',
    kind: 'files',
    locations: [corpus],
    tags: [],
  });
  return { store, embedder, source };
}

/** Writes `note-<index>.md` files holding `text(index)` into a new folder under the root. */
function writeNotes(name: string, count: number, text: (index: number) => string): string {
  const folder = join(root, name);
  mkdirSync(folder);
  for (let index = 0; index < count; index += 1) {
    writeFileSync(join(folder, `note-${index}.md`), text(index));
  }
  return folder;
}

/** A Markdown file in `folder`, selected as a walk would select it (not read yet). */
function selectedMarkdown(folder: string, fileName: string): SelectedFile {
  const location = join(folder, fileName);
  return {
    kind: 'file',
    maxFileBytes: 1 << 20,
    file: {
      location,
      realPath: location,
      uri: `${basename(folder)}/${fileName}`,
      fileName,
      language: 'markdown',
      format: 'markdown',
    },
  };
}

/**
 * `note-0.md` to `note-<count - 1>.md` of `folder`, selected as a walk selects them; with
 * `turnBetween`, a turn of the event loop before each.
 */
async function* selectedNotes(
  folder: string,
  count: number,
  turnBetween = false,
): AsyncIterable<SelectedFile> {
  for (let index = 0; index < count; index += 1) {
    if (turnBetween) await new Promise((resolve) => setImmediate(resolve));
    yield selectedMarkdown(folder, `note-${index}.md`);
  }
}

/** `store`, telling `onWrite` how many documents each of its writes holds. */
function countingWrites(
  store: SqliteKnowledgeStore,
  onWrite: (documents: number) => void,
): SqliteKnowledgeStore {
  const counting = Object.create(store) as SqliteKnowledgeStore;
  counting.writeDocuments = (writes) => {
    onWrite(writes.length);
    return store.writeDocuments(writes);
  };
  return counting;
}

/** The blocking read, then decoding and preparing, as a worker preparer splits them. */
function readThenPrepare(bytes: FileBytes, request: FileLoadRequest, embedder: EmbeddingModel) {
  return prepareLoaded(documentFromBytes(request.file, bytes.bytes, bytes.contentHash), {
    embedder,
  });
}

/** `count` loaded Markdown documents named `<name>-<index>.md`, with `text(index)`. */
async function* markdownDocuments(
  name: string,
  count: number,
  text: (index: number) => string,
): AsyncIterable<LoadResult> {
  for (let index = 0; index < count; index += 1) {
    const body = text(index);
    yield {
      kind: 'document',
      document: {
        uri: `${name}-${index}.md`,
        location: join(corpus, `${name}-${index}.md`),
        title: `${name} ${index}`,
        language: 'markdown',
        format: 'markdown',
        text: body,
        contentHash: `${name}-hash-${index}`,
        bytes: body.length,
      },
    };
  }
}

/** A preparer on this thread whose documents are done one at a time, each after a timer. */
function slowPreparer(embedder: EmbeddingModel, millisecondsEach: number): DocumentPreparer {
  const local = createInProcessPreparer({ embedder });
  let previous = Promise.resolve();
  return {
    ...local,
    prepare(document) {
      const done = previous.then(
        () => new Promise<void>((resolve) => setTimeout(resolve, millisecondsEach)),
      );
      previous = done;
      return done.then(() => local.prepare(document));
    },
    close: async () => {},
  };
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'archon-pipeline-'));
  corpus = join(root, 'docs');
  mkdirSync(corpus);
  for (let index = 0; index < 60; index += 1) {
    writeFileSync(join(corpus, `guide-${String(index).padStart(2, '0')}.md`), guide(index));
  }
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('ingest pipeline', () => {
  it('prepares on one thread per core up to four, and on the ingest thread with one core', () => {
    expect([1, 2, 3, 4, 8, 64].map(defaultWorkerThreads)).toEqual([0, 2, 3, 4, 4, 4]);
  });

  it('stores the same chunks whether documents are prepared on a worker or not', async () => {
    const single = await openBase(join(root, 'single'), 0);
    const threaded = await openBase(join(root, 'threaded'), 1);
    try {
      const first = await single.ingest({ targets: [corpus], source: 'docs' });
      const second = await threaded.ingest({ targets: [corpus], source: 'docs' });
      expect(second).toMatchObject({ added: 60, chunks: first.chunks });
      expect(first.chunks).toBeGreaterThan(60);
      const expected = await snapshot(single);
      expect(expected.results.length).toBeGreaterThan(0);
      const actual = await snapshot(threaded);
      expect({ ...actual.stats, vectorIndex: undefined }).toEqual({
        ...expected.stats,
        vectorIndex: undefined,
      });
      expect(actual.results).toEqual(expected.results);
      expect(await threaded.checkIntegrity()).toMatchObject({ ok: true });

      writeFileSync(
        join(corpus, 'guide-07.md'),
        `${guide(7)}\n\n## Appendix\n\nNew words: zephyr.\n`,
      );
      const again = await threaded.ingest({ targets: [corpus], source: 'docs' });
      expect(again).toMatchObject({ added: 0, updated: 1, unchanged: 59 });
      const hits = await threaded.search({ query: 'zephyr', limit: 3 });
      expect(hits[0]?.citation.uri).toMatch(/guide-07\.md$/);
    } finally {
      await single.close();
      await threaded.close();
    }
  });

  it('chunks on worker threads with the configured section merging', async () => {
    const merged = await openBase(join(root, 'merged'), 1);
    const apart = await openBase(join(root, 'apart'), 1, 0);
    try {
      const mergedSummary = await merged.ingest({ targets: [corpus], source: 'docs' });
      const apartSummary = await apart.ingest({ targets: [corpus], source: 'docs' });
      // Eight short sections and eight examples a guide: apart, one text chunk per section.
      expect(apartSummary.chunks).toBeGreaterThanOrEqual(60 * 16);
      expect(mergedSummary.chunks).toBeLessThan(apartSummary.chunks * 0.75);
      const [hit] = await apart.search({ query: 'connectPool3 retries backoff', limit: 1 });
      expect(hit?.citation.headingPath).toHaveLength(2);
    } finally {
      await merged.close();
      await apart.close();
    }
  });

  it('skips stored HTML before converting it, and rewrites documents whose tags changed', async () => {
    const site = join(root, 'site');
    mkdirSync(site);
    for (let index = 0; index < 5; index += 1) {
      writeFileSync(
        join(site, `page-${index}.html`),
        `<html><head><title>Page ${index}</title></head><body><h1>Page ${index}</h1><p>Circuit breakers stop retries ${index}.</p></body></html>`,
      );
    }
    const base = await openBase(join(root, 'html'), 0);
    try {
      expect(await base.ingest({ targets: [site], source: 'site' })).toMatchObject({ added: 5 });
      const again = await base.ingest({ targets: [site], source: 'site' });
      expect(again).toMatchObject({ added: 0, updated: 0, unchanged: 5, chunks: 0 });
      expect(again.bytes).toBeGreaterThan(0);
      writeFileSync(
        join(site, 'page-2.html'),
        '<html><body><h1>Page 2</h1><p>Bulkheads.</p></body></html>',
      );
      const edited = await base.ingest({ targets: [site], source: 'site' });
      expect(edited).toMatchObject({ updated: 1, unchanged: 4 });
      const retagged = await base.ingest({ targets: [site], source: 'site', tags: ['ops'] });
      expect(retagged).toMatchObject({ updated: 5, unchanged: 0 });
      const hits = await base.search({ query: 'bulkheads', limit: 1 });
      expect(hits[0]?.citation.uri).toMatch(/page-2\.html$/);
      expect(await base.checkIntegrity()).toMatchObject({ ok: true });
    } finally {
      await base.close();
    }
  });

  it('counts files that a worker finds unreadable as skipped, and prunes them as gone', async () => {
    const folder = join(root, 'notes');
    mkdirSync(folder);
    for (let index = 0; index < 4; index += 1) {
      writeFileSync(join(folder, `note-${index}.md`), guide(index));
    }
    const base = await openBase(join(root, 'prune'), 1);
    try {
      expect(await base.ingest({ targets: [folder], source: 'notes' })).toMatchObject({
        added: 4,
        skipped: [],
      });
      writeFileSync(join(folder, 'note-1.md'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1, 2]));
      const kept = await base.ingest({ targets: [folder], source: 'notes' });
      expect(kept).toMatchObject({ unchanged: 3, removed: 0 });
      expect(kept.skipped).toEqual([expect.objectContaining({ reason: 'binary' })]);
      const pruned = await base.ingest({ targets: [folder], source: 'notes', prune: true });
      expect(pruned).toMatchObject({ unchanged: 3, removed: 1 });
      const sources = await base.listSources();
      expect(sources.find((source) => source.name === 'notes')?.documentCount).toBe(3);
      expect(await base.checkIntegrity()).toMatchObject({ ok: true });
    } finally {
      await base.close();
    }
  });

  it('commits documents in batches even when each preparation finishes after the last write', async () => {
    const { store, embedder, source } = await storeWithSource('batches.db');
    const preparer = slowPreparer(embedder, 2);
    const batchSizes: number[] = [];
    const counting = countingWrites(store, (documents) => batchSizes.push(documents));
    const results = () =>
      markdownDocuments(
        'note',
        100,
        (index) => `# Note ${index}\n\nShort note number ${index} about retries.\n`,
      );
    try {
      const summary = await ingestDocuments({
        store: counting,
        preparer,
        source,
        results: results(),
        prepareAhead: { documents: 40, bytes: 1 << 20 },
      });
      expect(summary.added).toBe(100);
      // One write per document would be 100 commits; batches of at least 32 make 3 or 4.
      expect(batchSizes.reduce((sum, size) => sum + size, 0)).toBe(100);
      expect(batchSizes.length).toBeLessThanOrEqual(4);
      expect(Math.min(...batchSizes.slice(0, -1))).toBeGreaterThanOrEqual(32);
      expect(await store.checkIntegrity()).toMatchObject({ ok: true });
    } finally {
      await store.close();
    }
  });

  it('asks for another worker when it spends most of its time waiting for preparation', async () => {
    const { store, embedder, source } = await storeWithSource('waiting.db');
    // Preparation far slower than writing, as HTML conversion is: 12 ms a document, so
    // three seconds in all (the first second, start-up, is not judged).
    let workersAsked = 0;
    const preparer: DocumentPreparer = {
      ...slowPreparer(embedder, 12),
      addWorker: () => {
        workersAsked += 1;
        return true;
      },
    };
    try {
      const summary = await ingestDocuments({
        store,
        preparer,
        source,
        results: markdownDocuments('slow', 250, (index) => `# Slow ${index}\n\nText ${index}.\n`),
      });
      expect(summary.added).toBe(250);
      expect(workersAsked).toBeGreaterThanOrEqual(1);
    } finally {
      await store.close();
    }
  });

  it('counts the text of files that arrived loaded against the prepare-ahead bytes', async () => {
    const { store, embedder, source } = await storeWithSource('held-bytes.db');
    const noteBytes = 100_000;
    const folder = writeNotes('large-notes', 24, (index) => {
      const line = `Note ${index} explains retries with backoff and jitter.\n`;
      return line.repeat(Math.ceil(noteBytes / line.length));
    });
    const local = createInProcessPreparer({ embedder });
    let loadsStarted = 0;
    let documentsWritten = 0;
    let mostInFlight = 0;
    let mostInFlightOnceWriting = 0;
    const preparer: DocumentPreparer = {
      ...local,
      loadAndPrepare(request) {
        loadsStarted += 1;
        mostInFlight = Math.max(mostInFlight, loadsStarted - documentsWritten);
        if (documentsWritten > 0) {
          mostInFlightOnceWriting = Math.max(
            mostInFlightOnceWriting,
            loadsStarted - documentsWritten,
          );
        }
        // Blocking reads: each load arrives within the turn of the event loop it started in.
        const read = readFileBytesSync(request.file, request.maxFileBytes);
        return read.kind === 'bytes'
          ? readThenPrepare(read, request, embedder)
          : prepareLoaded(read, { embedder });
      },
      close: async () => {},
    };
    const counting = countingWrites(store, (documents) => {
      documentsWritten += documents;
    });
    try {
      const summary = await ingestDocuments({
        store: counting,
        preparer,
        source,
        // A turn of the event loop between files, so each load arrives before the next.
        results: selectedNotes(folder, 24, true),
        prepareAhead: { documents: 1000, bytes: 3 * noteBytes },
      });
      expect(summary.added).toBe(24);
      // Files count nothing until loaded; once loaded, three notes fill the allowance. On
      // top of those: the file just requested, and one that arrived while it was. Counting
      // only the text of documents that came loaded would let all 24 be in flight.
      expect(mostInFlight).toBeGreaterThan(1);
      expect(mostInFlight).toBeLessThanOrEqual(5);
      // Written documents stop counting: the allowance fills up again between commits.
      expect(mostInFlightOnceWriting).toBeGreaterThanOrEqual(3);
    } finally {
      await store.close();
    }
  });

  it('counts the bytes a preparer holds for files it read against the prepare-ahead bytes', async () => {
    const { store, embedder, source } = await storeWithSource('bytes-in-flight.db');
    const noteBytes = 50_000;
    const folder = writeNotes(
      'read-notes',
      30,
      (index) => `# Note ${index}\n\n${'word '.repeat(noteBytes / 5)}`,
    );
    let held = 0;
    let mostHeld = 0;
    // Like the worker preparer: reads at once, answers later, and says what it holds meanwhile.
    const preparer: DocumentPreparer = {
      ...createInProcessPreparer({ embedder }),
      async loadAndPrepare(request) {
        const read = readFileBytesSync(request.file, request.maxFileBytes);
        if (read.kind !== 'bytes') return read;
        held += read.bytes.length;
        mostHeld = Math.max(mostHeld, held);
        await new Promise((resolve) => setTimeout(resolve, 2));
        held -= read.bytes.length;
        return readThenPrepare(read, request, embedder);
      },
      bytesInFlight: () => held,
    };
    try {
      const summary = await ingestDocuments({
        store,
        preparer,
        source,
        results: selectedNotes(folder, 30),
        prepareAhead: { documents: 1000, bytes: 4 * noteBytes },
      });
      expect(summary.added).toBe(30);
      // Without counting them, all 30 files would be read before the first answer.
      expect(mostHeld).toBeGreaterThan(noteBytes);
      expect(mostHeld).toBeLessThanOrEqual(6 * noteBytes);
    } finally {
      await store.close();
    }
  });

  it('stops at a failed preparation with every written document whole and the preparer closed', async () => {
    const { store, embedder, source } = await storeWithSource('failing.db');
    const local = createInProcessPreparer({ embedder });
    let closed = 0;
    let prepared = 0;
    const preparer: DocumentPreparer = {
      ...local,
      prepare(document) {
        prepared += 1;
        if (prepared === 23) {
          return Promise.reject(new ArchonError(ErrorCode.InvalidInput, 'cannot prepare this'));
        }
        return local.prepare(document);
      },
      close: async () => {
        closed += 1;
      },
    };
    const results = () => markdownDocuments('guide', 40, guide);
    try {
      await expect(
        ingestDocuments({ store, preparer, source, results: results() }),
      ).rejects.toMatchObject({ code: ErrorCode.InvalidInput });
      expect(closed).toBe(1);
      const written = await store.listFingerprints(source.id);
      // Everything before the failed document, nothing from it on.
      expect(written.map((print) => print.uri).sort()).toEqual(
        Array.from({ length: 22 }, (_, index) => `guide-${index}.md`).sort(),
      );
      for (const print of written) {
        const found = await store.getDocument(print.id);
        expect(found?.chunks.length).toBeGreaterThan(8);
      }
      expect(await store.checkIntegrity()).toMatchObject({ ok: true });

      // An 'unchanged' result for a document the store does not hold would lose it: refused.
      async function* unknownUnchanged(): AsyncIterable<LoadResult> {
        yield {
          kind: 'unchanged',
          unchanged: { uri: 'never-stored.md', location: 'x', contentHash: 'h', bytes: 1 },
        };
      }
      await expect(
        ingestDocuments({ store, preparer: local, source, results: unknownUnchanged() }),
      ).rejects.toMatchObject({ code: ErrorCode.Internal });
    } finally {
      await store.close();
    }
  });
});
