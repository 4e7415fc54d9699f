/**
 * The one way callers embed texts: splits them into batches the model accepts, runs a
 * bounded number of batches at once, checks every vector the model returns and hands
 * back unit vectors in input order. The first failure cancels the batches in flight.
 */
import pLimit from 'p-limit';

import type { EmbeddingModel } from '../../core/embedding-model.js';
import { ArchonError, ErrorCode, toArchonError } from '../../core/errors.js';
import { integerOption } from './option-checks.js';
import { assertValidAndNormalize } from './vector-validation.js';

/** Options of {@link embedAll}. */
export interface EmbedAllOptions {
  /** Batches embedded at the same time; 2 unless set. */
  readonly concurrency?: number;
  readonly abortSignal?: AbortSignal;
}

/**
 * Embeds `texts` with `model`, one unit vector per text, in order. Throws INVALID_INPUT
 * for a non-string text, CANCELLED when `abortSignal` aborts, PROVIDER_ERROR when the
 * model returns the wrong number of vectors, EMBEDDING_MISMATCH or INVALID_EMBEDDING
 * for a vector of the wrong length, non-finite values or zero length.
 */
export async function embedAll(
  model: EmbeddingModel,
  texts: readonly string[],
  options: EmbedAllOptions = {},
): Promise<Float32Array[]> {
  checkTexts(texts);
  const concurrency = integerOption('embedding concurrency', options.concurrency ?? 2, 1, 64);
  const batchSize = integerOption(`maxBatchSize of ${model.id}`, model.maxBatchSize, 1, 1_000_000);
  throwIfCancelled(options.abortSignal);
  if (texts.length === 0) return [];
  // One batch (most documents): nothing runs beside it, so no limiter and no shared signal.
  if (texts.length <= batchSize) {
    return embedBatch(model, texts, 0, options.abortSignal, options.abortSignal);
  }

  const failed = new AbortController();
  const abortSignal = options.abortSignal
    ? AbortSignal.any([options.abortSignal, failed.signal])
    : failed.signal;
  const limit = pLimit({ concurrency, rejectOnClear: true });
  const results: Float32Array[] = new Array<Float32Array>(texts.length);

  const runBatch = async (start: number): Promise<void> => {
    throwIfCancelled(options.abortSignal);
    // Another batch failed and its error is the one reported: this one need not run.
    if (failed.signal.aborted)
      throw new ArchonError(ErrorCode.Cancelled, 'embedding was cancelled');
    try {
      const batch = texts.slice(start, start + batchSize);
      const vectors = await embedBatch(model, batch, start, abortSignal, options.abortSignal);
      for (const [offset, vector] of vectors.entries()) results[start + offset] = vector;
    } catch (error) {
      // Abort at once, not when Promise.all settles: p-limit starts the next batch first.
      failed.abort();
      throw error;
    }
  };

  const starts: number[] = [];
  for (let start = 0; start < texts.length; start += batchSize) starts.push(start);
  try {
    await Promise.all(starts.map((start) => limit(runBatch, start)));
  } catch (error) {
    limit.clearQueue();
    throw error;
  }
  return results;
}

/** One checked batch: the model's vectors, validated and normalized, or an ArchonError. */
async function embedBatch(
  model: EmbeddingModel,
  batch: readonly string[],
  start: number,
  abortSignal: AbortSignal | undefined,
  callerSignal: AbortSignal | undefined,
): Promise<Float32Array[]> {
  let vectors: Float32Array[];
  try {
    vectors = await model.doEmbed(batch, abortSignal === undefined ? {} : { abortSignal });
  } catch (error) {
    throwIfCancelled(callerSignal);
    throw toArchonError(error, ErrorCode.ProviderError);
  }
  checkCount(model, vectors, batch.length);
  for (const [offset, vector] of vectors.entries()) {
    assertValidAndNormalize(
      vector,
      model.dimensions,
      `vector of text ${start + offset} from ${model.id}`,
    );
  }
  return vectors;
}

function checkTexts(texts: readonly string[]): void {
  if (!Array.isArray(texts)) {
    throw new ArchonError(ErrorCode.InvalidInput, 'texts to embed must be an array of strings');
  }
  for (const [index, text] of texts.entries()) {
    if (typeof text !== 'string') {
      throw new ArchonError(
        ErrorCode.InvalidInput,
        `text ${index} to embed is a ${text === null ? 'null' : typeof text}, not a string`,
      );
    }
  }
}

function checkCount(model: EmbeddingModel, vectors: unknown, expected: number): void {
  const count = Array.isArray(vectors) ? vectors.length : undefined;
  if (count !== expected) {
    throw new ArchonError(
      ErrorCode.ProviderError,
      `${model.id} returned ${count ?? 'no list of'} vectors for ${expected} texts`,
      { details: { expected, actual: count ?? null } },
    );
  }
}

function throwIfCancelled(abortSignal: AbortSignal | undefined): void {
  if (abortSignal?.aborted) throw new ArchonError(ErrorCode.Cancelled, 'embedding was cancelled');
}
