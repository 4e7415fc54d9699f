/**
 * What the chunker takes: the document's text, how to read it, and the token budget
 * per chunk. Validation lives here so every chunker can trust its input.
 */

import { ArchonError, ErrorCode } from '../../core/errors.js';
import type { ChunkDraft } from '../../core/knowledge-types.js';

/** A document ready to chunk. */
export interface ChunkInput {
  readonly text: string;
  readonly format: 'markdown' | 'text' | 'code';
  /** The document's language: 'markdown', 'text', 'typescript', 'python', ... */
  readonly language: string;
  readonly title: string;
}

/** Token budget per chunk, in estimated cl100k tokens. */
export interface ChunkOptions {
  /** Size chunks are packed up to. Default 350 (or maxTokens, if that is smaller). */
  readonly targetTokens?: number;
  /** Size no chunk exceeds. Default 700 (or targetTokens, if that is larger). */
  readonly maxTokens?: number;
  /**
   * Markdown sections shorter than this share a chunk with the sections after them,
   * while the whole stays within targetTokens. Default half the target; 0 keeps every
   * section in chunks of its own.
   */
  readonly mergeSectionsBelow?: number;
}

/** Options with defaults applied and checked. */
export interface ChunkLimits {
  readonly targetTokens: number;
  readonly maxTokens: number;
  readonly mergeSectionsBelow: number;
}

/** A chunk before the document-wide ordinal is assigned. */
export type PendingChunk = Omit<ChunkDraft, 'ordinal'>;

/** Smallest target the chunker accepts: below it, fences and headings cannot fit. */
export const SMALLEST_TARGET_TOKENS = 32;
const DEFAULT_TARGET_TOKENS = 350;
const DEFAULT_MAX_TOKENS = 700;
const FORMATS: ReadonlySet<string> = new Set(['markdown', 'text', 'code']);

function invalid(message: string, details: Record<string, unknown>): ArchonError {
  return new ArchonError(ErrorCode.InvalidInput, message, { details });
}

/** Applies defaults and rejects budgets the chunker cannot honour. */
export function resolveChunkLimits(options: ChunkOptions = {}): ChunkLimits {
  const targetTokens =
    options.targetTokens ?? Math.min(DEFAULT_TARGET_TOKENS, options.maxTokens ?? Infinity);
  const maxTokens = options.maxTokens ?? Math.max(DEFAULT_MAX_TOKENS, targetTokens);
  if (!Number.isInteger(targetTokens) || targetTokens < SMALLEST_TARGET_TOKENS) {
    throw invalid(`targetTokens must be an integer of at least ${SMALLEST_TARGET_TOKENS}`, {
      targetTokens,
    });
  }
  if (!Number.isInteger(maxTokens) || maxTokens < targetTokens) {
    throw invalid('maxTokens must be an integer no smaller than targetTokens', {
      targetTokens,
      maxTokens,
    });
  }
  const mergeSectionsBelow = options.mergeSectionsBelow ?? Math.floor(targetTokens / 2);
  if (
    !Number.isInteger(mergeSectionsBelow) ||
    mergeSectionsBelow < 0 ||
    mergeSectionsBelow > targetTokens
  ) {
    throw invalid('mergeSectionsBelow must be an integer from 0 to targetTokens', {
      targetTokens,
      mergeSectionsBelow,
    });
  }
  return { targetTokens, maxTokens, mergeSectionsBelow };
}

/** Rejects input that is not a {@link ChunkInput}, with a message naming the field. */
export function checkChunkInput(input: ChunkInput): void {
  if (typeof input !== 'object' || input === null) {
    throw invalid('chunk input must be an object', {});
  }
  if (typeof input.text !== 'string') throw invalid('chunk input text must be a string', {});
  if (!FORMATS.has(input.format)) {
    throw invalid(`chunk input format must be markdown, text or code`, { format: input.format });
  }
  if (typeof input.language !== 'string') {
    throw invalid('chunk input language must be a string', {});
  }
  if (typeof input.title !== 'string') throw invalid('chunk input title must be a string', {});
}
