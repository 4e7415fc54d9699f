/**
 * One tree's side of the preparation bench (bench/prepare-cpu.ts): loads that tree's
 * chunker, lexical fields, hashing embedder and `prepareDocument` from its `src`, then
 * prepares every document of a corpus, stage by stage and whole, timing each call with
 * process.cpuUsage. A digest of every document's prepared chunks (draft fields, lexical
 * fields, vector bytes) lets the caller check that two trees produce identical output.
 */
import { createHash, type Hash } from 'node:crypto';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

import type { ChunkWrite } from '../../src/core/knowledge-store.js';
import type { chunkDocument as ChunkDocument } from '../../src/knowledge/chunk/chunk-document.js';
import type { embedAll as EmbedAll } from '../../src/knowledge/embed/embed-all.js';
import type { createHashingEmbedder as CreateHashingEmbedder } from '../../src/knowledge/embed/hashing/hashing-embedder.js';
import type {
  embeddingTextOf as EmbeddingTextOf,
  lexicalFieldsOf as LexicalFieldsOf,
} from '../../src/knowledge/ingest/chunk-texts.js';
import { loadPaths } from '../../src/knowledge/ingest/files/index.js';
import type { LoadedDocument } from '../../src/knowledge/ingest/loaded-document.js';
import type { prepareDocument as PrepareDocument } from '../../src/knowledge/ingest/prepare/prepare-document.js';

/** Chunk budget of the default settings (ingest.targetTokens and maxTokens). */
const chunking = { targetTokens: 350, maxTokens: 700 };
/** Documents prepared once before timing, so the timed passes run optimized code. */
const warmUpDocuments = 300;

/** CPU seconds of one pass over the corpus, per stage and for the whole preparation. */
export interface PreparePass {
  readonly chunk: number;
  readonly lexical: number;
  readonly embed: number;
  /** `prepareDocument` as the ingest worker calls it: all three stages. */
  readonly prepare: number;
  /** Wall seconds of the `prepareDocument` calls. */
  readonly prepareWall: number;
}

/** What one worker measured. */
export interface PrepareMeasurement {
  readonly documents: number;
  readonly chunks: number;
  readonly bytes: number;
  readonly passes: readonly PreparePass[];
  /** Per document, a digest of what `prepareDocument` returned. */
  readonly digests: readonly string[];
}

/** The functions of one tree the bench calls. */
interface TreeFunctions {
  readonly chunkDocument: typeof ChunkDocument;
  readonly lexicalFieldsOf: typeof LexicalFieldsOf;
  readonly embeddingTextOf: typeof EmbeddingTextOf;
  readonly embedAll: typeof EmbedAll;
  readonly createHashingEmbedder: typeof CreateHashingEmbedder;
  readonly prepareDocument: typeof PrepareDocument;
}

async function importTree(root: string): Promise<TreeFunctions> {
  const from = async <Module>(path: string): Promise<Module> =>
    (await import(pathToFileURL(join(root, 'src', path)).href)) as Module;
  const [chunker, texts, embedding, hashing, preparation] = await Promise.all([
    from<{ chunkDocument: typeof ChunkDocument }>('knowledge/chunk/chunk-document.ts'),
    from<{ lexicalFieldsOf: typeof LexicalFieldsOf; embeddingTextOf: typeof EmbeddingTextOf }>(
      'knowledge/ingest/chunk-texts.ts',
    ),
    from<{ embedAll: typeof EmbedAll }>('knowledge/embed/embed-all.ts'),
    from<{ createHashingEmbedder: typeof CreateHashingEmbedder }>(
      'knowledge/embed/hashing/hashing-embedder.ts',
    ),
    from<{ prepareDocument: typeof PrepareDocument }>(
      'knowledge/ingest/prepare/prepare-document.ts',
    ),
  ]);
  return {
    chunkDocument: chunker.chunkDocument,
    lexicalFieldsOf: texts.lexicalFieldsOf,
    embeddingTextOf: texts.embeddingTextOf,
    embedAll: embedding.embedAll,
    createHashingEmbedder: hashing.createHashingEmbedder,
    prepareDocument: preparation.prepareDocument,
  };
}

/** Every document under `corpus`, loaded by this tree's loader (loading is not measured). */
async function loadCorpus(corpus: string): Promise<LoadedDocument[]> {
  const documents: LoadedDocument[] = [];
  for await (const result of loadPaths([corpus])) {
    if (result.kind === 'document') documents.push(result.document);
  }
  return documents;
}

/** CPU seconds (user + system) since `before`. */
function cpuSecondsSince(before: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1e6;
}

/** Hashes one prepared chunk: draft fields in sorted key order, lexical fields, vector bytes. */
function updateDigest(hash: Hash, chunk: ChunkWrite): void {
  hash.update(JSON.stringify(chunk.draft, Object.keys(chunk.draft).sort()));
  hash.update(JSON.stringify([chunk.lexical.title, chunk.lexical.headings, chunk.lexical.body]));
  hash.update(
    new Uint8Array(chunk.vector.buffer, chunk.vector.byteOffset, chunk.vector.byteLength),
  );
}

/** Prepares every document of `corpus` with the tree at `root`, `passes` times. */
export async function measurePreparation(
  root: string,
  corpus: string,
  passes: number,
): Promise<PrepareMeasurement> {
  const tree = await importTree(root);
  const documents = await loadCorpus(corpus);
  const embedder = tree.createHashingEmbedder();
  const prepare = (document: LoadedDocument): Promise<ChunkWrite[]> =>
    tree.prepareDocument(document, { embedder, chunking });
  for (const document of documents.slice(0, warmUpDocuments)) await prepare(document);

  const results: PreparePass[] = [];
  let digests: string[] = [];
  let chunks = 0;
  for (let pass = 0; pass < passes; pass++) {
    const stages = { chunk: 0, lexical: 0, embed: 0 };
    for (const document of documents) {
      let before = process.cpuUsage();
      const drafts = tree.chunkDocument(document, chunking);
      stages.chunk += cpuSecondsSince(before);
      const parts = drafts.map((draft) => ({ ...draft, title: document.title }));
      before = process.cpuUsage();
      parts.map(tree.lexicalFieldsOf);
      stages.lexical += cpuSecondsSince(before);
      before = process.cpuUsage();
      await tree.embedAll(embedder, parts.map(tree.embeddingTextOf));
      stages.embed += cpuSecondsSince(before);
    }
    let prepareSeconds = 0;
    let prepareWall = 0;
    digests = [];
    chunks = 0;
    for (const document of documents) {
      const started = performance.now();
      const before = process.cpuUsage();
      const prepared = await prepare(document);
      prepareSeconds += cpuSecondsSince(before);
      prepareWall += (performance.now() - started) / 1000;
      const hash = createHash('sha256');
      for (const chunk of prepared) updateDigest(hash, chunk);
      digests.push(hash.digest('base64url').slice(0, 16));
      chunks += prepared.length;
    }
    results.push({ ...stages, prepare: prepareSeconds, prepareWall });
  }
  return {
    documents: documents.length,
    chunks,
    bytes: documents.reduce((sum, document) => sum + document.bytes, 0),
    passes: results,
    digests,
  };
}
