import { describe, expect, it } from 'vitest';

import { ArchonError, ErrorCode } from '../../core/errors.js';
import { chunkDocument } from './chunk-document.js';
import type { ChunkInput } from './chunk-options.js';
import { resolveChunkLimits } from './chunk-options.js';

const input: ChunkInput = { text: 'Some text.', format: 'text', language: 'text', title: 'T' };

function failure(run: () => unknown): ArchonError {
  try {
    run();
  } catch (error) {
    if (ArchonError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected an ArchonError');
}

describe('chunk options', () => {
  it('defaults to a target of 350 and a maximum of 700 tokens', () => {
    expect(resolveChunkLimits()).toEqual({
      targetTokens: 350,
      maxTokens: 700,
      mergeSectionsBelow: 175,
    });
    expect(resolveChunkLimits({ targetTokens: 1000 })).toEqual({
      targetTokens: 1000,
      maxTokens: 1000,
      mergeSectionsBelow: 500,
    });
    expect(resolveChunkLimits({ maxTokens: 200, mergeSectionsBelow: 0 })).toEqual({
      targetTokens: 200,
      maxTokens: 200,
      mergeSectionsBelow: 0,
    });
  });

  it.each([
    [{ targetTokens: 10 }, 'targetTokens must be an integer of at least 32'],
    [{ targetTokens: 100.5 }, 'targetTokens must be an integer of at least 32'],
    [
      { targetTokens: 400, maxTokens: 300 },
      'maxTokens must be an integer no smaller than targetTokens',
    ],
    [{ maxTokens: Number.NaN }, 'targetTokens must be an integer of at least 32'],
    [{ mergeSectionsBelow: -1 }, 'mergeSectionsBelow must be an integer from 0 to targetTokens'],
    [{ mergeSectionsBelow: 351 }, 'mergeSectionsBelow must be an integer from 0 to targetTokens'],
    [{ mergeSectionsBelow: 1.5 }, 'mergeSectionsBelow must be an integer from 0 to targetTokens'],
  ])('rejects the budget %j', (options, message) => {
    const error = failure(() => chunkDocument(input, options));
    expect(error.code).toBe(ErrorCode.InvalidInput);
    expect(error.message).toBe(message);
  });

  it.each([
    [null, 'chunk input must be an object'],
    [{ ...input, text: 42 }, 'chunk input text must be a string'],
    [{ ...input, format: 'html' }, 'chunk input format must be markdown, text or code'],
    [{ ...input, language: undefined }, 'chunk input language must be a string'],
    [{ ...input, title: 7 }, 'chunk input title must be a string'],
  ])('rejects the input %j with a clear message', (bad, message) => {
    const error = failure(() => chunkDocument(bad as unknown as ChunkInput));
    expect(error.code).toBe(ErrorCode.InvalidInput);
    expect(error.message).toBe(message);
  });
});
