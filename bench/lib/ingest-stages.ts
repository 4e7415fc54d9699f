/**
 * The ingest pipeline taken apart: the same functions the knowledge base calls
 * (file loader, chunker, lexical tokenizer, embedder, store write), run one
 * stage at a time over the whole corpus, so each stage's share of the time is
 * measured without a profiler. The stages run in sequence here, as they do per
 * document in the real pipeline, so the sum is close to the end-to-end time. The
 * last stage is the vector index preparation ingest runs once at its end.
 */
import { readFileSync } from 'node:fs';

import type { Settings } from '../../src/config/settings-schema.js';
import type { ChunkDraft } from '../../src/core/knowledge-types.js';
import { chunkDocument } from '../../src/knowledge/chunk/chunk-document.js';
import { embedAll } from '../../src/knowledge/embed/embed-all.js';
import { embeddingTextOf, lexicalFieldsOf } from '../../src/knowledge/ingest/chunk-texts.js';
import { loadPaths } from '../../src/knowledge/ingest/files/index.js';
import { htmlToMarkdown } from '../../src/knowledge/ingest/html/html-to-markdown.js';
import type { LoadedDocument } from '../../src/knowledge/ingest/loaded-document.js';
import { openKnowledgeBase } from '../../src/knowledge/open-knowledge-base.js';
import type { IngestableFile } from './ingestable-files.js';

/** Seconds spent in each stage over the whole corpus. */
export interface StageSeconds {
  readonly load: number;
  readonly chunk: number;
  readonly tokenize: number;
  readonly embed: number;
  readonly write: number;
  /** store.prepareVectorIndex after the writes (HNSW build at or above the threshold). */
  readonly index: number;
  /** HTML to Markdown alone, timed again on the raw HTML files (part of load). */
  readonly htmlToMarkdown: number;
}

/** Result of {@link measureIngestStages}. */
export interface StageMeasurement {
  readonly seconds: StageSeconds;
  readonly documents: number;
  readonly chunks: number;
  readonly bytes: number;
  readonly htmlBytes: number;
}

/** Runs each stage over every document of `root` into a fresh store under `settings.home`. */
export async function measureIngestStages(
  root: string,
  settings: Settings,
  htmlFiles: readonly IngestableFile[],
): Promise<StageMeasurement> {
  const clock = (): number => performance.now() / 1000;
  let started = clock();
  const documents: LoadedDocument[] = [];
  for await (const result of loadPaths([root], { maxFileBytes: settings.ingest.maxFileBytes })) {
    if (result.kind === 'document') documents.push(result.document);
  }
  const load = clock() - started;

  started = clock();
  const chunking = {
    targetTokens: settings.ingest.targetTokens,
    maxTokens: settings.ingest.maxTokens,
  };
  const drafts: ChunkDraft[][] = documents.map((document) =>
    chunkDocument(
      {
        text: document.text,
        format: document.format,
        language: document.language,
        title: document.title,
      },
      chunking,
    ),
  );
  const parts = drafts.map((list, index) => {
    const title = documents[index]!.title;
    return list.map((draft) => ({ ...draft, title }));
  });
  const chunk = clock() - started;

  started = clock();
  const lexical = parts.map((list) => list.map(lexicalFieldsOf));
  const tokenize = clock() - started;

  const knowledgeBase = await openKnowledgeBase(settings);
  await knowledgeBase.ensureEmbeddingSpec();
  started = clock();
  const vectors: Float32Array[][] = [];
  for (const list of parts) {
    vectors.push(
      await embedAll(knowledgeBase.embedder, list.map(embeddingTextOf), {
        concurrency: settings.embedding.concurrency,
      }),
    );
  }
  const embed = clock() - started;

  const source = await knowledgeBase.store.upsertSource({
    name: 'stages',
    kind: 'files',
    locations: [root],
    tags: [],
  });
  started = clock();
  for (const [index, document] of documents.entries()) {
    await knowledgeBase.store.writeDocument({
      sourceId: source.id,
      uri: document.uri,
      title: document.title,
      contentHash: document.contentHash,
      language: document.language,
      bytes: document.bytes,
      tags: [],
      chunks: drafts[index]!.map((draft, ordinal) => ({
        draft,
        lexical: lexical[index]![ordinal]!,
        vector: vectors[index]![ordinal]!,
      })),
    });
  }
  const write = clock() - started;
  started = clock();
  await knowledgeBase.store.prepareVectorIndex?.();
  const index = clock() - started;
  await knowledgeBase.close();

  let htmlSeconds = 0;
  let htmlBytes = 0;
  for (const file of htmlFiles) {
    const text = readFileSync(file.path, 'utf8');
    htmlBytes += file.bytes;
    const before = clock();
    htmlToMarkdown(text);
    htmlSeconds += clock() - before;
  }

  return {
    seconds: { load, chunk, tokenize, embed, write, index, htmlToMarkdown: htmlSeconds },
    documents: documents.length,
    chunks: drafts.reduce((sum, list) => sum + list.length, 0),
    bytes: documents.reduce((sum, document) => sum + document.bytes, 0),
    htmlBytes,
  };
}
