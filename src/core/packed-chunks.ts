/**
 * A document's prepared chunks packed into one ArrayBuffer: their strings as UTF-8
 * bytes, their numbers and their vectors. Preparation threads send chunks this way, so
 * the buffer is moved to the writing thread instead of copied field by field, and a
 * store that can bind bytes (SQLite) writes the strings without ever decoding them.
 * `unpack` gives the plain chunks back for stores and callers that want strings.
 *
 * Layout: a table of Int32 slots per chunk (numbers, then offset and length of each
 * string), the UTF-8 bytes of every string, and the vectors as Float32 rows, each part
 * 4-byte aligned. Strings are encoded as UTF-8 is everywhere (lone surrogates become
 * U+FFFD), which is also what SQLite stores when it is given the string itself.
 */
import type { ChunkWrite } from './chunk-write.js';
import type { ChunkKind } from './knowledge-types.js';

/** The string fields of a chunk, in their order in the slot table. */
export const packedStringFields = [
  'text',
  'context',
  'headingPath',
  'language',
  'title',
  'headings',
  'body',
] as const;

/** A string field of a packed chunk; `headingPath` is the JSON array of the headings. */
export type PackedStringField = (typeof packedStringFields)[number];

/** The transferable state of {@link PackedChunks}: what crosses a thread boundary. */
export interface PackedChunksState {
  readonly buffer: ArrayBuffer;
  readonly count: number;
  readonly dimensions: number;
}

const kinds: readonly ChunkKind[] = ['text', 'code'];
const numberSlots = 5;
const slotsPerChunk = numberSlots + 2 * packedStringFields.length;
/** Slot of each string field's offset within a chunk's slots (its length follows). */
const fieldSlot = Object.fromEntries(
  packedStringFields.map((field, index) => [field, numberSlots + 2 * index]),
) as Record<PackedStringField, number>;

/** Packed chunks of one document; see the module header. */
export class PackedChunks {
  readonly #state: PackedChunksState;
  readonly #slots: Int32Array;
  readonly #vectorsStart: number;

  private constructor(state: PackedChunksState) {
    const { buffer, count, dimensions } = state;
    this.#state = state;
    this.#slots = new Int32Array(buffer, 0, count * slotsPerChunk);
    this.#vectorsStart = buffer.byteLength - count * dimensions * Float32Array.BYTES_PER_ELEMENT;
  }

  /**
   * Packs `chunks`, whose vectors must all have the same length; a chunk of an unknown
   * kind or with a heading path that is not a list of strings is refused (RangeError).
   * Chunks already packed come back as they are.
   */
  static pack(chunks: readonly ChunkWrite[] | PackedChunks): PackedChunks {
    if (PackedChunks.isPacked(chunks)) return chunks;
    const dimensions = chunks[0]?.vector.length ?? 0;
    const strings = chunks.map(stringsOf);
    const slotBytes = chunks.length * slotsPerChunk * Int32Array.BYTES_PER_ELEMENT;
    // Each string is encoded once, into scratch space sized for the worst case (3 UTF-8
    // bytes per UTF-16 code unit), and the bytes are copied into place in one go: no
    // separate pass to measure them first.
    let units = 0;
    for (const fields of strings) for (const value of fields) units += value.length;
    const scratch = scratchBytes(units * 3);
    try {
      const slots = new Int32Array(chunks.length * slotsPerChunk);
      let stringBytes = 0;
      chunks.forEach((chunk, index) => {
        const base = index * slotsPerChunk;
        const { draft } = chunk;
        slots[base] = draft.ordinal;
        slots[base + 1] = kindCode(draft.kind, index);
        slots[base + 2] = draft.startLine;
        slots[base + 3] = draft.endLine;
        slots[base + 4] = draft.tokenCount;
        (strings[index] as string[]).forEach((value, field) => {
          const written = value === '' ? 0 : scratch.write(value, stringBytes, 'utf8');
          slots[base + numberSlots + 2 * field] = slotBytes + stringBytes;
          slots[base + numberSlots + 2 * field + 1] = written;
          stringBytes += written;
        });
        if (chunk.vector.length !== dimensions) {
          throw new RangeError(
            `chunk ${index} has a vector of ${chunk.vector.length} values, not ${dimensions}`,
          );
        }
      });
      const vectorsStart = slotBytes + align4(stringBytes);
      const buffer = new ArrayBuffer(
        vectorsStart + chunks.length * dimensions * Float32Array.BYTES_PER_ELEMENT,
      );
      new Int32Array(buffer, 0, slots.length).set(slots);
      new Uint8Array(buffer, slotBytes, stringBytes).set(scratch.subarray(0, stringBytes));
      const vectors = new Float32Array(buffer, vectorsStart, chunks.length * dimensions);
      chunks.forEach((chunk, index) => vectors.set(chunk.vector, index * dimensions));
      return new PackedChunks({ buffer, count: chunks.length, dimensions });
    } finally {
      releaseScratch();
    }
  }

  /** Wraps state received from another thread (see {@link PackedChunks.state}). */
  static revive(state: PackedChunksState): PackedChunks {
    return new PackedChunks(state);
  }

  /** Whether `chunks` is packed rather than a plain list. */
  static isPacked(chunks: unknown): chunks is PackedChunks {
    return chunks instanceof PackedChunks;
  }

  /** The plain state to post to another thread, with `state.buffer` in the transfer list. */
  get state(): PackedChunksState {
    return this.#state;
  }

  /** Number of chunks. */
  get length(): number {
    return this.#state.count;
  }

  /** Dimensions of every vector. */
  get dimensions(): number {
    return this.#state.dimensions;
  }

  /** Position of chunk `index` within its document. */
  ordinal(index: number): number {
    return this.#slot(index, 0);
  }

  /** Kind of chunk `index`. */
  kind(index: number): ChunkKind {
    return kinds[this.#slot(index, 1)] as ChunkKind;
  }

  /** First line of chunk `index`. */
  startLine(index: number): number {
    return this.#slot(index, 2);
  }

  /** Last line of chunk `index`. */
  endLine(index: number): number {
    return this.#slot(index, 3);
  }

  /** Estimated tokens of chunk `index`. */
  tokenCount(index: number): number {
    return this.#slot(index, 4);
  }

  /** The UTF-8 bytes of one string field of chunk `index`, as a view (no copy). */
  bytes(index: number, field: PackedStringField): Buffer {
    const slot = fieldSlot[field];
    return Buffer.from(this.#state.buffer, this.#slot(index, slot), this.#slot(index, slot + 1));
  }

  /** One string field of chunk `index`, decoded. */
  string(index: number, field: PackedStringField): string {
    return this.bytes(index, field).toString('utf8');
  }

  /** The vector of chunk `index`, as a view (no copy). */
  vector(index: number): Float32Array {
    const { buffer, dimensions } = this.#state;
    return new Float32Array(
      buffer,
      this.#vectorsStart + index * dimensions * Float32Array.BYTES_PER_ELEMENT,
      dimensions,
    );
  }

  /** The chunks as plain objects, strings decoded and vectors copied. */
  unpack(): ChunkWrite[] {
    return Array.from({ length: this.length }, (_, index) => ({
      draft: {
        ordinal: this.ordinal(index),
        kind: this.kind(index),
        text: this.string(index, 'text'),
        headingPath: JSON.parse(this.string(index, 'headingPath')) as string[],
        startLine: this.startLine(index),
        endLine: this.endLine(index),
        language: this.string(index, 'language'),
        tokenCount: this.tokenCount(index),
        context: this.string(index, 'context'),
      },
      lexical: {
        title: this.string(index, 'title'),
        headings: this.string(index, 'headings'),
        body: this.string(index, 'body'),
      },
      vector: this.vector(index).slice(),
    }));
  }

  #slot(index: number, slot: number): number {
    if (!Number.isInteger(index) || index < 0 || index >= this.length) {
      throw new RangeError(`no chunk ${index} among ${this.length}`);
    }
    return this.#slots[index * slotsPerChunk + slot] as number;
  }
}

function kindCode(kind: ChunkKind, index: number): number {
  const code = kinds.indexOf(kind);
  if (code < 0) throw new RangeError(`chunk ${index} has kind ${String(kind)}`);
  return code;
}

function stringsOf(chunk: ChunkWrite, index: number): string[] {
  const { draft, lexical } = chunk;
  const { headingPath } = draft;
  if (!Array.isArray(headingPath) || !headingPath.every((part) => typeof part === 'string')) {
    throw new RangeError(`chunk ${index} has a heading path that is not a list of strings`);
  }
  return [
    draft.text,
    draft.context,
    JSON.stringify(draft.headingPath),
    draft.language,
    lexical.title,
    lexical.headings,
    lexical.body,
  ];
}

function align4(bytes: number): number {
  return (bytes + 3) & ~3;
}

/** `chunks` as a plain list: unpacked when packed, copied otherwise. */
export function plainChunks(chunks: readonly ChunkWrite[] | PackedChunks): ChunkWrite[] {
  return PackedChunks.isPacked(chunks) ? chunks.unpack() : [...chunks];
}

/** Scratch space for encoding strings, reused across calls on one thread. */
let scratch = Buffer.alloc(0);
/** Scratch larger than this (a huge document) is dropped after use. */
const retainedScratchBytes = 16 * 1024 * 1024;

function scratchBytes(size: number): Buffer {
  if (scratch.length < size) scratch = Buffer.allocUnsafe(Math.max(size, 64 * 1024));
  return scratch;
}

function releaseScratch(): void {
  if (scratch.length > retainedScratchBytes) scratch = Buffer.alloc(0);
}
