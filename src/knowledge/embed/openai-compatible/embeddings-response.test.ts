import { describe, expect, it } from 'vitest';

import { ErrorCode } from '../../../core/errors.js';
import { parseEmbeddingsResponse } from './embeddings-response.js';

const parse = (body: unknown, count: number): Float32Array[] =>
  parseEmbeddingsResponse(
    typeof body === 'string' ? body : JSON.stringify(body),
    count,
    'server S',
  );

function failure(body: unknown, count: number): { code?: string; message: string } {
  try {
    parse(body, count);
  } catch (error) {
    return error as { code?: string; message: string };
  }
  throw new Error('expected a failure');
}

describe('parseEmbeddingsResponse', () => {
  it('orders vectors by index and ignores extra fields', () => {
    const vectors = parse(
      {
        object: 'list',
        usage: { total_tokens: 3 },
        data: [
          { object: 'embedding', index: 1, embedding: [3, 4] },
          { object: 'embedding', index: 0, embedding: [1, 2] },
        ],
      },
      2,
    );
    expect(vectors.map((vector) => Array.from(vector))).toEqual([
      [1, 2],
      [3, 4],
    ]);
    expect(vectors[0]).toBeInstanceOf(Float32Array);
  });

  it('keeps null as NaN and overflow as Infinity for the vector check to refuse', () => {
    const [vector] = parse('{"data":[{"index":0,"embedding":[null,1e999,0.5]}]}', 1);
    expect(Number.isNaN(vector?.[0])).toBe(true);
    expect(vector?.[1]).toBe(Number.POSITIVE_INFINITY);
  });

  it('decodes base64 little-endian float32 embeddings', () => {
    const bytes = Buffer.alloc(8);
    bytes.writeFloatLE(0.25, 0);
    bytes.writeFloatLE(-2, 4);
    const [vector] = parse({ data: [{ index: 0, embedding: bytes.toString('base64') }] }, 1);
    expect(Array.from(vector ?? [])).toEqual([0.25, -2]);
  });

  it.each([
    ['{"data": [', 'server S returned malformed JSON'],
    [{ result: [] }, 'server S returned an unexpected response at data'],
    [{ data: [{ index: -1, embedding: [1] }] }, 'unexpected response at data.0.index'],
    [{ data: [{ index: 0, embedding: 5 }] }, 'unexpected response at data.0.embedding'],
    [{ data: [{ index: 0, embedding: ['1'] }] }, 'non-numeric embedding value at position 0'],
    [
      { data: [{ index: 0, embedding: Buffer.from([1, 2, 3]).toString('base64') }] },
      'not whole float32 values',
    ],
    ['[]', 'unexpected response at body'],
  ])('refuses %j', (body, message) => {
    const error = failure(body, 1);
    expect(error.code).toBe(ErrorCode.ProviderError);
    expect(error.message).toContain(message);
  });

  it('refuses a wrong count, a duplicate index and an index out of range', () => {
    expect(failure({ data: [] }, 1).message).toContain('returned 0 embeddings for 1 texts');
    const duplicate = {
      data: [
        { index: 0, embedding: [1] },
        { index: 0, embedding: [2] },
      ],
    };
    expect(failure(duplicate, 2).message).toContain('duplicate or out-of-range index 0');
    const outOfRange = {
      data: [
        { index: 0, embedding: [1] },
        { index: 2, embedding: [2] },
      ],
    };
    expect(failure(outOfRange, 2).message).toContain('duplicate or out-of-range index 2');
  });
});
