import { describe, expect, it } from 'vitest';

import type { ChunkWrite } from './chunk-write.js';
import { PackedChunks, plainChunks } from './packed-chunks.js';

function chunkOf(ordinal: number, text: string, overrides: Partial<ChunkWrite['draft']> = {}) {
  const vector = Float32Array.from({ length: 4 }, (_, index) => ordinal + index / 10);
  return {
    draft: {
      ordinal,
      kind: 'text' as const,
      text,
      headingPath: ['Guide', `Part ${ordinal}`],
      startLine: ordinal * 10 + 1,
      endLine: ordinal * 10 + 7,
      language: 'markdown',
      tokenCount: ordinal + 3,
      context: '',
      ...overrides,
    },
    lexical: { title: 'guide', headings: `part ${ordinal}`, body: text.toLowerCase() },
    vector,
  } satisfies ChunkWrite;
}

describe('PackedChunks', () => {
  const chunks: ChunkWrite[] = [
    chunkOf(0, 'Plain ASCII text'),
    chunkOf(1, 'Ünïcode · 数据 · 🚀 emoji', { headingPath: ['Überblick', '🚀'] }),
    chunkOf(2, 'const x = 1;', { kind: 'code', language: 'typescript', context: 'Why: x.' }),
    chunkOf(3, '', { headingPath: [], endLine: 3 }),
  ];

  it('unpacks to exactly the chunks it packed', () => {
    const packed = PackedChunks.pack(chunks);
    expect(packed.length).toBe(4);
    expect(packed.dimensions).toBe(4);
    expect(packed.unpack()).toEqual(chunks);
    expect(plainChunks(packed)).toEqual(chunks);
    expect(plainChunks(chunks)).toEqual(chunks);
  });

  it('gives the UTF-8 bytes and vectors as views into its one buffer', () => {
    const packed = PackedChunks.pack(chunks);
    const text = packed.bytes(1, 'text');
    expect(text.equals(Buffer.from('Ünïcode · 数据 · 🚀 emoji', 'utf8'))).toBe(true);
    expect(text.buffer).toBe(packed.state.buffer);
    expect(packed.string(1, 'headingPath')).toBe('["Überblick","🚀"]');
    expect(packed.string(2, 'context')).toBe('Why: x.');
    expect(packed.bytes(3, 'text').length).toBe(0);
    expect(packed.kind(2)).toBe('code');
    expect([packed.ordinal(3), packed.startLine(3), packed.endLine(3)]).toEqual([3, 31, 3]);
    expect(packed.tokenCount(1)).toBe(4);
    const vector = packed.vector(2);
    expect(vector.buffer).toBe(packed.state.buffer);
    expect([...vector]).toEqual([...(chunks[2] as ChunkWrite).vector]);
  });

  it('survives a move to another thread through its state', () => {
    const packed = PackedChunks.pack(chunks);
    const { buffer } = packed.state;
    const moved = structuredClone(packed.state, { transfer: [buffer] });
    expect(buffer.byteLength).toBe(0);
    expect(PackedChunks.revive(moved).unpack()).toEqual(chunks);
  });

  it('stores a lone surrogate as U+FFFD, as any UTF-8 encoding does', () => {
    const packed = PackedChunks.pack([chunkOf(0, 'a\uD800b')]);
    expect(packed.string(0, 'text')).toBe('a\uFFFDb');
  });

  it('packs a document larger than its reusable scratch space, and small ones after it', () => {
    // 6 MB of 3-byte characters: past the 16 MiB of scratch kept between calls.
    const huge = chunkOf(0, '数'.repeat(2_000_000) + ' 🚀 end');
    const packed = PackedChunks.pack([huge]);
    expect(packed.string(0, 'text')).toBe(huge.draft.text);
    expect(packed.bytes(0, 'text').length).toBe(6_000_000 + 9);
    expect(PackedChunks.pack(chunks).unpack()).toEqual(chunks);
  });

  it('returns chunks that are already packed as they are', () => {
    const packed = PackedChunks.pack(chunks);
    expect(PackedChunks.pack(packed)).toBe(packed);
  });

  it('packs no chunks into an empty buffer', () => {
    const packed = PackedChunks.pack([]);
    expect(packed.length).toBe(0);
    expect(packed.unpack()).toEqual([]);
  });

  it('refuses malformed chunks and indexes out of range', () => {
    expect(() => PackedChunks.pack([chunkOf(0, 'x', { kind: 'image' as never })])).toThrow(
      /chunk 0 has kind image/,
    );
    expect(() =>
      PackedChunks.pack([chunkOf(0, 'x'), chunkOf(1, 'y', { headingPath: 'H' as never })]),
    ).toThrow(/chunk 1 has a heading path/);
    const short = { ...chunkOf(1, 'y'), vector: new Float32Array(3) };
    expect(() => PackedChunks.pack([chunkOf(0, 'x'), short])).toThrow(/3 values, not 4/);
    const packed = PackedChunks.pack([chunkOf(0, 'x')]);
    expect(() => packed.ordinal(1)).toThrow(/no chunk 1 among 1/);
    expect(() => packed.bytes(-1, 'text')).toThrow(RangeError);
    expect(PackedChunks.isPacked(packed)).toBe(true);
    expect(PackedChunks.isPacked([])).toBe(false);
  });
});
