/**
 * Reads the body of a successful `/embeddings` response into one Float32Array per input
 * text, in input order (servers may list them in any order; `index` says which is which).
 * The schema is minimal on purpose: only `data[].index` and `data[].embedding` matter.
 * Non-finite values pass through as NaN or Infinity so the vector check at the door
 * reports them as INVALID_EMBEDDING; a body of the wrong shape is PROVIDER_ERROR.
 */
import { z } from 'zod';

import { ArchonError, ErrorCode } from '../../../core/errors.js';

const responseSchema = z.object({
  data: z.array(
    z.object({
      index: z.number().int().nonnegative(),
      // An array of numbers (null is how some servers write NaN), or base64 of float32s.
      embedding: z.union([z.array(z.unknown()), z.string()]),
    }),
  ),
});

/** One vector per input, in input order, from the JSON `body`; `source` names the server. */
export function parseEmbeddingsResponse(
  body: string,
  count: number,
  source: string,
): Float32Array[] {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw failure(`${source} returned malformed JSON`);
  }
  const parsed = responseSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.join('.') || 'body';
    throw failure(
      `${source} returned an unexpected response at ${where}: ${issue?.message ?? 'invalid'}`,
    );
  }
  const { data } = parsed.data;
  if (data.length !== count) {
    throw failure(`${source} returned ${data.length} embeddings for ${count} texts`);
  }
  const vectors = new Array<Float32Array | undefined>(count);
  for (const item of data) {
    if (item.index >= count || vectors[item.index] !== undefined) {
      throw failure(`${source} returned a duplicate or out-of-range index ${item.index}`);
    }
    vectors[item.index] = toVector(item.embedding, source);
  }
  return vectors as Float32Array[];
}

function toVector(embedding: readonly unknown[] | string, source: string): Float32Array {
  if (typeof embedding === 'string') return fromBase64(embedding, source);
  const vector = new Float32Array(embedding.length);
  for (const [position, value] of embedding.entries()) {
    if (typeof value === 'number') vector[position] = value;
    else if (value === null) vector[position] = Number.NaN;
    else throw failure(`${source} returned a non-numeric embedding value at position ${position}`);
  }
  return vector;
}

function fromBase64(encoded: string, source: string): Float32Array {
  const bytes = Buffer.from(encoded, 'base64');
  if (bytes.length % 4 !== 0) {
    throw failure(`${source} returned a base64 embedding that is not whole float32 values`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  const vector = new Float32Array(bytes.length / 4);
  for (let position = 0; position < vector.length; position += 1) {
    vector[position] = view.getFloat32(position * 4, true);
  }
  return vector;
}

function failure(message: string): ArchonError {
  return new ArchonError(ErrorCode.ProviderError, message);
}
