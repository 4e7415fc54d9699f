/**
 * Fills a knowledge store with `chunkCount` synthetic chunks for the search
 * benchmark, through the store's own `writeDocument` (documents of 20 chunks,
 * one transaction each), with lexical fields and hashing-embedder vectors made
 * exactly as ingest makes them. The same chunk texts go into the plain FTS5
 * baseline table, timed apart.
 */
import type { ChunkWrite } from '../../src/core/knowledge-store.js';
import { embedAll } from '../../src/knowledge/embed/embed-all.js';
import { embeddingTextOf, lexicalFieldsOf } from '../../src/knowledge/ingest/chunk-texts.js';
import type { KnowledgeBase } from '../../src/knowledge/knowledge-base.js';
import type { Fts5Baseline } from './fts5-baseline.js';
import type { SyntheticChunkSource } from './synthetic-chunks.js';

/** Chunks per synthetic document. */
export const chunksPerDocument = 20;

/** Seconds spent building, by part. */
export interface BuildTimes {
  readonly generate: number;
  readonly tokenize: number;
  readonly embed: number;
  readonly write: number;
  readonly baseline: number;
  readonly chunkBytes: number;
}

/** Writes `chunkCount` chunks into the knowledge base's store and `baseline`. */
export async function buildSearchStore(
  knowledgeBase: KnowledgeBase,
  baseline: Fts5Baseline,
  chunks: SyntheticChunkSource,
  chunkCount: number,
  onProgress?: (written: number) => void,
): Promise<BuildTimes> {
  await knowledgeBase.ensureEmbeddingSpec();
  const source = await knowledgeBase.store.upsertSource({
    name: 'synthetic',
    kind: 'files',
    locations: ['bench'],
    tags: [],
  });
  const times = { generate: 0, tokenize: 0, embed: 0, write: 0, baseline: 0, chunkBytes: 0 };
  const clock = (): number => performance.now() / 1000;
  for (let written = 0, documentIndex = 0; written < chunkCount; documentIndex++) {
    let started = clock();
    const size = Math.min(chunksPerDocument, chunkCount - written);
    const generated = Array.from({ length: size }, () => chunks.next());
    const title = `${generated[0]!.base.title} (${documentIndex})`;
    let line = 1;
    const parts = generated.map((chunk, ordinal) => {
      const lines = chunk.text.split('\n').length;
      const draft = {
        ordinal,
        kind: chunk.base.kind,
        text: chunk.text,
        headingPath: chunk.base.headingPath,
        startLine: line,
        endLine: line + lines - 1,
        language: chunk.base.language,
        tokenCount: Math.ceil(chunk.text.length / 4),
        context: '',
      };
      line += lines + 1;
      times.chunkBytes += Buffer.byteLength(chunk.text);
      return { draft, title };
    });
    times.generate += clock() - started;

    started = clock();
    const lexical = parts.map(({ draft }) => lexicalFieldsOf({ ...draft, title }));
    times.tokenize += clock() - started;

    started = clock();
    const vectors = await embedAll(
      knowledgeBase.embedder,
      parts.map(({ draft }) => embeddingTextOf({ ...draft, title })),
    );
    times.embed += clock() - started;

    started = clock();
    const writes: ChunkWrite[] = parts.map(({ draft }, index) => ({
      draft,
      lexical: lexical[index]!,
      vector: vectors[index]!,
    }));
    await knowledgeBase.store.writeDocument({
      sourceId: source.id,
      uri: `synthetic/document-${documentIndex}.md`,
      title,
      contentHash: `synthetic-${documentIndex}`,
      language: 'markdown',
      bytes: parts.reduce((sum, { draft }) => sum + draft.text.length, 0),
      tags: [],
      chunks: writes,
    });
    times.write += clock() - started;

    started = clock();
    baseline.insertMany(
      parts.map(({ draft }) => [String(written + draft.ordinal), draft.text] as const),
    );
    times.baseline += clock() - started;

    written += size;
    onProgress?.(written);
  }
  return times;
}
