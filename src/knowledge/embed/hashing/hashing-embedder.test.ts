import { describe, expect, it } from 'vitest';

import { ArchonError, ErrorCode } from '../../../core/errors.js';
import {
  createHashingEmbedder,
  hashingEmbedderId,
  hashingEmbedderIds,
  isHashingEmbedderId,
} from './hashing-embedder.js';

const model = createHashingEmbedder();

async function vectorOf(text: string, embedder = model): Promise<Float32Array> {
  const [vector] = await embedder.doEmbed([text]);
  if (!vector) throw new Error('no vector');
  return vector;
}

async function similarity(left: string, right: string): Promise<number> {
  const [a, b] = await Promise.all([vectorOf(left), vectorOf(right)]);
  let sum = 0;
  for (let index = 0; index < a.length; index += 1) sum += (a[index] ?? 0) * (b[index] ?? 0);
  return sum;
}

async function failureOf(promise: Promise<unknown>): Promise<ArchonError> {
  try {
    await promise;
  } catch (error) {
    if (ArchonError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a failure');
}

describe('createHashingEmbedder', () => {
  it('is hash:v2 with 384 dimensions unless told otherwise, and hash:v1 on request', () => {
    expect(model.id).toBe(hashingEmbedderId);
    expect(model.id).toBe('hash:v2');
    expect(model.dimensions).toBe(384);
    expect(createHashingEmbedder({ dimensions: 64 }).dimensions).toBe(64);
    expect(createHashingEmbedder({ dimensions: 64 }).id).toBe('hash:v2');
    expect(createHashingEmbedder({ id: 'hash:v1' }).id).toBe('hash:v1');
    expect(hashingEmbedderIds.every(isHashingEmbedderId)).toBe(true);
    expect(isHashingEmbedderId('hash:v3')).toBe(false);
  });

  it('refuses an unknown version', () => {
    expect(() => createHashingEmbedder({ id: 'hash:v9' as 'hash:v1' })).toThrow(
      expect.objectContaining({ code: ErrorCode.InvalidConfig }) as Error,
    );
  });

  it.each([7, 65_537, 1.5, Number.NaN, '384'])('refuses dimensions %j', (dimensions) => {
    expect(() => createHashingEmbedder({ dimensions: dimensions as number })).toThrow(
      expect.objectContaining({ code: ErrorCode.InvalidConfig }) as Error,
    );
  });

  it('returns unit vectors', async () => {
    for (const text of ['a', 'getUserById', 'a much longer sentence about connection pools']) {
      const vector = await vectorOf(text);
      const norm = Math.sqrt(vector.reduce((sum, value) => sum + value * value, 0));
      expect(norm).toBeCloseTo(1, 6);
    }
  });

  it.each([
    ['hash:v1', -497.316368],
    ['hash:v2', -492.991877],
  ] as const)(
    'makes the same vectors on every run and machine (pinned checksums of %s)',
    async (id, sentenceChecksum) => {
      const checksum = (vector: Float32Array): number =>
        vector.reduce((sum, value, index) => sum + (index + 1) * value, 0);
      const sentence =
        'The getUserById handler retries HTTPServer requests with exponential backoff.';
      const embedder = createHashingEmbedder({ id });
      const texts = [sentence, '', 'Crème brûlée 数据库 🚀'];
      const [first, empty, unicode] = await embedder.doEmbed(texts);
      expect(checksum(first ?? new Float32Array())).toBeCloseTo(sentenceChecksum, 3);
      expect(first?.filter((value) => value !== 0)).toHaveLength(128);
      expect(checksum(empty ?? new Float32Array())).toBeCloseTo(-18, 6);
      expect(checksum(unicode ?? new Float32Array())).toBeCloseTo(196.723686, 3);
    },
  );

  it('gives the same vectors from separate instances and after a huge text', async () => {
    const other = createHashingEmbedder();
    const text = 'Deterministic vectors for identical text';
    const before = await vectorOf(text);
    const huge = Array.from({ length: 60_000 }, (_, index) => `word${index}`).join(' ');
    await vectorOf(huge, other);
    expect(await vectorOf(text, other)).toEqual(before);
  });

  it('handles words longer than its reusable buffer', async () => {
    const long = 'x'.repeat(5_000) + 'Tail';
    const vector = await vectorOf(long);
    expect(vector.every((value) => Number.isFinite(value))).toBe(true);
    expect(await vectorOf(long, createHashingEmbedder())).toEqual(vector);
  });
});

describe('empty and featureless text', () => {
  it('maps the empty string to one fixed signed feature, never a zero vector', async () => {
    const empty = await vectorOf('');
    const nonZero = empty.filter((value) => value !== 0);
    expect(nonZero).toHaveLength(1);
    expect(Math.abs(nonZero[0] ?? 0)).toBe(1);
    expect(await vectorOf('')).toEqual(empty);
  });

  it('maps text without letters or digits to a feature of its raw text', async () => {
    const dashes = await vectorOf('---');
    const stars = await vectorOf('*** !!!');
    expect(dashes.filter((value) => value !== 0)).toHaveLength(1);
    expect(dashes).not.toEqual(stars);
    expect(dashes).not.toEqual(await vectorOf(''));
  });
});

describe('what it captures', () => {
  it('splits identifiers into their words: getUserById is close to "get user by id"', async () => {
    const spelled = await similarity('getUserById', 'get user by id');
    expect(spelled).toBeGreaterThan(0.8);
    expect(spelled).toBeGreaterThan(
      (await similarity('getUserById', 'delete order by name')) + 0.4,
    );
    expect(await similarity('getUserById', 'get_user_by_id')).toBeCloseTo(1, 5);
    expect(await similarity('getUserById', 'get-user-by-id')).toBeCloseTo(1, 5);
    expect(await similarity('getUserById', 'getuserbyid')).toBeGreaterThan(0.2);
  });

  it('splits acronyms before a capitalized word but keeps plural acronyms whole', async () => {
    expect(await similarity('HTTPServer', 'http server')).toBeGreaterThan(0.8);
    expect(await similarity('XMLHttpRequest', 'xml http request')).toBeGreaterThan(0.8);
    expect(await similarity('parseURLs', 'parse urls')).toBeGreaterThan(0.8);
    expect(await similarity('v2Api', 'v2 api')).toBeGreaterThan(0.8);
  });

  it('ignores case', async () => {
    expect(await similarity('Database Connection', 'database connection')).toBeCloseTo(1, 5);
    expect(await similarity('ÉCOLE', 'école')).toBeCloseTo(1, 5);
  });

  it('puts similar texts closer than unrelated ones', async () => {
    const cases: [string, string, string][] = [
      [
        'How do I configure the database connection pool?',
        'Configuring database connection pooling',
        'The cat sat on the mat in the afternoon sun',
      ],
      [
        'retry failed requests with exponential backoff',
        'retries use exponential back-off after failures',
        'render the React component tree on the server',
      ],
      [
        'hybrid search fuses BM25 and vector rankings',
        'fusing lexical BM25 ranking with vector search',
        'deploying containers to a Kubernetes cluster',
      ],
    ];
    for (const [anchor, similar, unrelated] of cases) {
      const near = await similarity(anchor, similar);
      const far = await similarity(anchor, unrelated);
      expect(near).toBeGreaterThan(far + 0.25);
    }
  });

  it('tolerates typos and word forms through character n-grams', async () => {
    const typo = await similarity('configuration', 'configuraton');
    expect(typo).toBeGreaterThan(0.4);
    expect(typo).toBeGreaterThan((await similarity('configuration', 'deployment')) + 0.3);
    expect(await similarity('embedding', 'embeddings')).toBeGreaterThan(0.4);
  });

  it('weights word order through bigrams: a swap is close but not identical', async () => {
    const swapped = await similarity('dog bites man', 'man bites dog');
    expect(swapped).toBeGreaterThan(0.6);
    expect(swapped).toBeLessThan(0.99);
  });

  it('does not let shared stopwords make unrelated texts similar', async () => {
    expect(
      await similarity('the history of the roman empire', 'the price of the new laptop'),
    ).toBeLessThan(0.2);
  });

  it('does not know synonyms (a limit, stated in the decision record)', async () => {
    expect(await similarity('car', 'automobile')).toBeLessThan(0.2);
  });
});

describe('doEmbed', () => {
  it('refuses more than maxBatchSize texts', async () => {
    const texts = Array.from({ length: model.maxBatchSize + 1 }, () => 'x');
    expect((await failureOf(model.doEmbed(texts))).code).toBe(ErrorCode.InvalidInput);
  });

  it('refuses a text that is not a string', async () => {
    const failure = await failureOf(model.doEmbed(['fine', 42 as unknown as string]));
    expect(failure.code).toBe(ErrorCode.InvalidInput);
    expect(failure.message).toContain('text 1');
  });

  it('stops with CANCELLED when the signal has fired', async () => {
    const controller = new AbortController();
    controller.abort();
    const failure = await failureOf(model.doEmbed(['x'], { abortSignal: controller.signal }));
    expect(failure.code).toBe(ErrorCode.Cancelled);
  });
});
