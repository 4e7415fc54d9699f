/**
 * The behaviour every EmbeddingModel must show, as one suite run against each
 * implementation (the hashing embedder, the OpenAI-compatible client on a fake server,
 * and any model added later): right shape, finite and non-zero vectors, determinism,
 * order within a batch, empty and unicode texts, batching through `embedAll`, cancellation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { EmbeddingModel } from '../../src/core/embedding-model.js';
import { ArchonError, ErrorCode } from '../../src/core/errors.js';
import { embedAll } from '../../src/knowledge/embed/embed-all.js';

export interface EmbeddingModelUnderTest {
  readonly model: EmbeddingModel;
  readonly cleanup: () => Promise<void>;
}

const unicodeTexts = [
  'Crème brûlée and naïve façades',
  '数据库连接池的配置方法',
  'データベース接続プール',
  'Соединение с базой данных',
  'اتصال قاعدة البيانات',
  'deploy 🚀 then celebrate 🎉',
  'e\u0301 versus \u00e9',
  'lone surrogate \ud800 inside',
  '\u200b\u00a0\t\n',
];

/** Registers the conformance suite for the model `factory` builds (once per suite). */
export function runEmbeddingModelConformance(
  name: string,
  factory: () => Promise<EmbeddingModelUnderTest>,
): void {
  describe(`EmbeddingModel conformance: ${name}`, () => {
    let underTest: EmbeddingModelUnderTest | undefined;
    const model = (): EmbeddingModel => {
      if (!underTest) throw new Error('factory did not run');
      return underTest.model;
    };

    beforeAll(async () => {
      underTest = await factory();
    });
    afterAll(async () => {
      await underTest?.cleanup();
    });

    it('declares a non-empty id, a positive dimension and a positive batch size', () => {
      expect(model().id).toMatch(/\S/);
      expect(Number.isInteger(model().dimensions) && model().dimensions > 0).toBe(true);
      expect(Number.isInteger(model().maxBatchSize) && model().maxBatchSize > 0).toBe(true);
    });

    it('returns one finite, non-zero vector of the declared length per text', async () => {
      const texts = ['alpha beta', 'connection pool settings', 'x'].slice(0, model().maxBatchSize);
      const vectors = await model().doEmbed(texts);
      expect(vectors).toHaveLength(texts.length);
      for (const vector of vectors) expectUsable(vector, model().dimensions);
    });

    it('gives the same text the same vector, across calls and within a batch', async () => {
      const text = 'Retry with capped exponential backoff and full jitter.';
      const [first] = await embedAll(model(), [text]);
      const [second] = await embedAll(model(), [text]);
      expect(second).toEqual(first);
      const both = await embedAll(model(), [text, text], { concurrency: 1 });
      expect(cosine(both[0], both[1])).toBeCloseTo(1, 5);
      expect(cosine(both[0], first)).toBeCloseTo(1, 5);
    });

    it('keeps the order of texts within a batch and gives different texts different vectors', async () => {
      const texts = ['sqlite full text search', 'kubernetes deployment', 'unit tests with vitest'];
      const batch = await model().doEmbed(texts.slice(0, model().maxBatchSize));
      for (const [index, text] of texts.slice(0, model().maxBatchSize).entries()) {
        const [alone] = await model().doEmbed([text]);
        expect(cosine(batch[index], alone)).toBeGreaterThan(0.9999);
      }
      const [left, right] = await embedAll(model(), texts.slice(0, 2));
      expect(cosine(left, right)).toBeLessThan(0.99);
    });

    it('handles the empty string and whitespace-only text', async () => {
      const vectors = await embedAll(model(), ['', ' ', 'text', '']);
      for (const vector of vectors) expectUsable(vector, model().dimensions);
      expect(vectors[3]).toEqual(vectors[0]);
    });

    it('handles unicode text of many scripts, emoji, combining marks and lone surrogates', async () => {
      const vectors = await embedAll(model(), unicodeTexts);
      expect(vectors).toHaveLength(unicodeTexts.length);
      for (const vector of vectors) expectUsable(vector, model().dimensions);
      expect(cosine(vectors[1], vectors[3])).toBeLessThan(0.99);
    });

    it('is driven by embedAll in batches of at most maxBatchSize, in input order', async () => {
      const base = model();
      const batchSizes: number[] = [];
      const recording: EmbeddingModel = {
        id: base.id,
        dimensions: base.dimensions,
        maxBatchSize: base.maxBatchSize,
        doEmbed: (texts, options) => {
          batchSizes.push(texts.length);
          return base.doEmbed(texts, options);
        },
      };
      const count = base.maxBatchSize * 2 + 1;
      const texts = Array.from(
        { length: count },
        (_, index) => `document number ${index} about topic ${index % 7}`,
      );
      const vectors = await embedAll(recording, texts, { concurrency: 3 });
      expect(vectors).toHaveLength(count);
      expect(batchSizes.reduce((sum, size) => sum + size, 0)).toBe(count);
      expect(Math.max(...batchSizes)).toBeLessThanOrEqual(base.maxBatchSize);
      for (const index of [0, base.maxBatchSize, count - 1]) {
        const [alone] = await embedAll(base, [texts[index] ?? '']);
        expect(cosine(vectors[index], alone)).toBeGreaterThan(0.9999);
      }
    });

    it('returns unit vectors through embedAll', async () => {
      const vectors = await embedAll(model(), ['one', 'two words', 'three short words']);
      for (const vector of vectors) expect(Math.sqrt(dot(vector, vector))).toBeCloseTo(1, 5);
    });

    it('returns no vectors for no texts', async () => {
      expect(await embedAll(model(), [])).toEqual([]);
    });

    it('rejects with CANCELLED when the abort signal has already fired', async () => {
      const controller = new AbortController();
      controller.abort();
      await expect(model().doEmbed(['text'], { abortSignal: controller.signal })).rejects.toSatisfy(
        (error: unknown) => ArchonError.isInstance(error) && error.code === ErrorCode.Cancelled,
      );
      await expect(
        embedAll(model(), ['text'], { abortSignal: controller.signal }),
      ).rejects.toMatchObject({
        code: ErrorCode.Cancelled,
      });
    });
  });
}

function expectUsable(vector: Float32Array | undefined, dimensions: number): void {
  expect(vector).toBeInstanceOf(Float32Array);
  expect(vector?.length).toBe(dimensions);
  const values = Array.from(vector ?? []);
  expect(values.every((value) => Number.isFinite(value))).toBe(true);
  expect(Math.sqrt(values.reduce((sum, value) => sum + value * value, 0))).toBeGreaterThan(1e-6);
}

function dot(left: Float32Array, right: Float32Array): number {
  let sum = 0;
  for (let index = 0; index < left.length; index += 1)
    sum += (left[index] ?? 0) * (right[index] ?? 0);
  return sum;
}

function cosine(left: Float32Array | undefined, right: Float32Array | undefined): number {
  if (!left || !right) throw new Error('missing vector');
  return dot(left, right) / Math.sqrt(dot(left, left) * dot(right, right));
}
