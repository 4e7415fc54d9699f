import { describe, expect, it } from 'vitest';

import type { EmbeddingModel, EmbedOptions } from '../../core/embedding-model.js';
import { ArchonError, ErrorCode } from '../../core/errors.js';
import { embedAll } from './embed-all.js';

/** A model of the contract that records its calls and can be told how to misbehave. */
function scriptedModel(
  behaviour: (
    texts: readonly string[],
    call: number,
    options?: EmbedOptions,
  ) => Promise<Float32Array[]> | Float32Array[],
  maxBatchSize = 3,
) {
  const calls: { texts: readonly string[]; signal: AbortSignal | undefined }[] = [];
  let active = 0;
  let peak = 0;
  const model: EmbeddingModel = {
    id: 'scripted:v1',
    dimensions: 2,
    maxBatchSize,
    async doEmbed(texts, options) {
      const call = calls.push({ texts, signal: options?.abortSignal }) - 1;
      active += 1;
      peak = Math.max(peak, active);
      try {
        await new Promise((resolve) => setTimeout(resolve, 1));
        return await behaviour(texts, call, options);
      } finally {
        active -= 1;
      }
    },
  };
  return { model, calls, peak: () => peak };
}

const lengthVectors = (texts: readonly string[]): Float32Array[] =>
  texts.map((text) => new Float32Array([text.length + 1, 1]));

async function failureOf(promise: Promise<unknown>): Promise<ArchonError> {
  try {
    await promise;
  } catch (error) {
    if (ArchonError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a failure');
}

describe('embedAll', () => {
  it('batches by maxBatchSize, keeps order and returns unit vectors', async () => {
    const { model, calls } = scriptedModel(lengthVectors);
    const texts = ['a', 'bb', 'ccc', 'dddd', 'eeeee', 'ffffff', 'g'];
    const vectors = await embedAll(model, texts);
    expect(calls.map((call) => call.texts)).toEqual([
      ['a', 'bb', 'ccc'],
      ['dddd', 'eeeee', 'ffffff'],
      ['g'],
    ]);
    for (const [index, vector] of vectors.entries()) {
      const length = (texts[index]?.length ?? 0) + 1;
      const norm = Math.hypot(length, 1);
      expect(vector[0]).toBeCloseTo(length / norm, 6);
      expect(vector[1]).toBeCloseTo(1 / norm, 6);
    }
  });

  it('runs at most `concurrency` batches at once (2 unless set)', async () => {
    const texts = Array.from({ length: 30 }, (_, index) => `t${index}`);
    const byDefault = scriptedModel(lengthVectors);
    await embedAll(byDefault.model, texts);
    expect(byDefault.peak()).toBe(2);
    const single = scriptedModel(lengthVectors);
    await embedAll(single.model, texts, {
      concurrency: 1,
      abortSignal: new AbortController().signal,
    });
    expect(single.peak()).toBe(1);
    const wide = scriptedModel(lengthVectors);
    await embedAll(wide.model, texts, { concurrency: 4 });
    expect(wide.peak()).toBe(4);
  });

  it('returns nothing and calls nothing for no texts', async () => {
    const { model, calls } = scriptedModel(lengthVectors);
    expect(await embedAll(model, [])).toEqual([]);
    expect(calls).toHaveLength(0);
  });

  it('refuses texts that are not strings', async () => {
    const { model } = scriptedModel(lengthVectors);
    expect((await failureOf(embedAll(model, ['a', null as unknown as string]))).message).toContain(
      'text 1 to embed is a null',
    );
    expect((await failureOf(embedAll(model, 'abc' as unknown as string[]))).code).toBe(
      ErrorCode.InvalidInput,
    );
  });

  it.each([0, 65, 1.5])('refuses concurrency %d', async (concurrency) => {
    const { model } = scriptedModel(lengthVectors);
    expect((await failureOf(embedAll(model, ['a'], { concurrency }))).code).toBe(
      ErrorCode.InvalidConfig,
    );
  });

  it('refuses a model with an unusable maxBatchSize', async () => {
    const { model } = scriptedModel(lengthVectors, 0);
    expect((await failureOf(embedAll(model, ['a']))).code).toBe(ErrorCode.InvalidConfig);
  });

  it('reports the wrong number of vectors as PROVIDER_ERROR', async () => {
    const { model } = scriptedModel((texts) => lengthVectors(texts).slice(1));
    const failure = await failureOf(embedAll(model, ['a', 'b']));
    expect(failure.code).toBe(ErrorCode.ProviderError);
    expect(failure.message).toBe('scripted:v1 returned 1 vectors for 2 texts');
    const { model: notAList } = scriptedModel(() => 'nope' as unknown as Float32Array[]);
    expect((await failureOf(embedAll(notAList, ['a']))).message).toContain(
      'returned no list of vectors',
    );
  });

  it('checks every vector: length, finiteness, zero', async () => {
    const cases: [Float32Array, string][] = [
      [new Float32Array([1, 2, 3]), ErrorCode.EmbeddingMismatch],
      [new Float32Array([Number.NaN, 1]), ErrorCode.InvalidEmbedding],
      [new Float32Array([0, 0]), ErrorCode.InvalidEmbedding],
    ];
    for (const [bad, code] of cases) {
      const { model } = scriptedModel((texts) =>
        texts.map((text) => (text === 'bad' ? bad : new Float32Array([1, 0]))),
      );
      const failure = await failureOf(embedAll(model, ['ok', 'ok', 'ok', 'ok', 'bad']));
      expect(failure.code).toBe(code);
      expect(failure.message).toContain('vector of text 4 from scripted:v1');
    }
  });

  it('wraps a plain error from the model as PROVIDER_ERROR and keeps ArchonErrors', async () => {
    const { model } = scriptedModel(() => {
      throw new Error('socket hang up');
    });
    const failure = await failureOf(embedAll(model, ['a']));
    expect(failure.code).toBe(ErrorCode.ProviderError);
    expect(failure.message).toBe('socket hang up');
    const { model: timingOut } = scriptedModel(() => {
      throw new ArchonError(ErrorCode.Timeout, 'slow');
    });
    expect((await failureOf(embedAll(timingOut, ['a']))).code).toBe(ErrorCode.Timeout);
  });

  it('stops scheduling and aborts batches in flight after the first failure', async () => {
    const abortedInFlight: boolean[] = [];
    const { model, calls } = scriptedModel(async (texts, call, options) => {
      if (call === 0) throw new ArchonError(ErrorCode.ProviderError, 'first batch failed');
      await new Promise((resolve) => setTimeout(resolve, 20));
      abortedInFlight.push(options?.abortSignal?.aborted ?? false);
      return lengthVectors(texts);
    }, 1);
    const failure = await failureOf(embedAll(model, ['a', 'b', 'c', 'd', 'e', 'f']));
    expect(failure.message).toBe('first batch failed');
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(calls).toHaveLength(2);
    expect(abortedInFlight).toEqual([true]);
  });

  it('reports CANCELLED when the caller aborts, before or during the work', async () => {
    const before = new AbortController();
    before.abort();
    const idle = scriptedModel(lengthVectors);
    expect(
      (await failureOf(embedAll(idle.model, ['a'], { abortSignal: before.signal }))).code,
    ).toBe(ErrorCode.Cancelled);
    expect(idle.calls).toHaveLength(0);

    const during = new AbortController();
    const busy = scriptedModel(async (texts, _call, options) => {
      during.abort();
      if (options?.abortSignal?.aborted) throw new Error('aborted by signal');
      return lengthVectors(texts);
    }, 1);
    const failure = await failureOf(
      embedAll(busy.model, ['a', 'b', 'c'], { abortSignal: during.signal, concurrency: 1 }),
    );
    expect(failure.code).toBe(ErrorCode.Cancelled);
    expect(busy.calls).toHaveLength(1);
  });
});
