/**
 * The chunker's entry point: reads a document as Markdown, plain text or code and
 * returns its chunks in line order with ordinals 0..n-1. Input is expected with LF
 * line breaks (loaders normalise); CRLF is turned into LF here as a safety net, which
 * keeps line numbers unchanged.
 */

import type { ChunkDraft } from '../../core/knowledge-types.js';
import type { ChunkInput, ChunkLimits, ChunkOptions, PendingChunk } from './chunk-options.js';
import { checkChunkInput, resolveChunkLimits } from './chunk-options.js';
import { chunkCodeFile } from './code-file-chunker.js';
import { LineIndex } from './line-index.js';
import { chunkMarkdown } from './markdown-chunker.js';
import { chunkParagraphs } from './plain-text-chunker.js';
import { PROSE_LEVELS } from './range-splitter.js';
import { holdDocumentText, releaseDocumentText } from './token-estimate.js';

export type { ChunkInput, ChunkOptions } from './chunk-options.js';

/** Text chunks and code examples merged by start line; at equal lines text comes first. */
function mergeByLine(
  text: readonly PendingChunk[],
  examples: readonly PendingChunk[],
): PendingChunk[] {
  const merged: PendingChunk[] = [];
  let textIndex = 0;
  let exampleIndex = 0;
  while (textIndex < text.length || exampleIndex < examples.length) {
    const nextText = text[textIndex];
    const nextExample = examples[exampleIndex];
    if (
      nextExample === undefined ||
      (nextText !== undefined && nextText.startLine <= nextExample.startLine)
    ) {
      merged.push(nextText as PendingChunk);
      textIndex++;
    } else {
      merged.push(nextExample);
      exampleIndex++;
    }
  }
  return merged;
}

/**
 * Splits a document into chunks: Markdown along headings (plus one 'code' chunk per
 * code example), plain text by paragraphs, code by declarations. Every chunk stays
 * within `maxTokens` estimated tokens (default 700) and is packed up to
 * `targetTokens` (default 350). Empty or blank input gives [].
 * @throws ArchonError INVALID_INPUT for a malformed input or impossible budget.
 */
export function chunkDocument(input: ChunkInput, options?: ChunkOptions): ChunkDraft[] {
  checkChunkInput(input);
  const limits = resolveChunkLimits(options);
  const source = input.text.includes('\r\n') ? input.text.replace(/\r\n/g, '\n') : input.text;
  if (source.trim() === '') return [];
  holdDocumentText(source);
  try {
    const pending = chunkLines(new LineIndex(source), input, limits);
    return pending.map((chunk, ordinal) => ({ ordinal, ...chunk }));
  } finally {
    releaseDocumentText();
  }
}

/** The chunks of a non-blank document, by format, before ordinals. */
function chunkLines(lines: LineIndex, input: ChunkInput, limits: ChunkLimits): PendingChunk[] {
  if (input.format === 'markdown') {
    const chunks = chunkMarkdown(lines, input.language, limits);
    return mergeByLine(chunks.text, chunks.examples);
  }
  if (input.format === 'code') return chunkCodeFile(lines, input.language, limits);
  const pending: PendingChunk[] = [];
  const facts = { kind: 'text' as const, language: input.language, headingPath: [], context: '' };
  chunkParagraphs(lines, 0, lines.count - 1, facts, PROSE_LEVELS, false, limits, pending);
  return pending;
}
