import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';

import { describe, expect, it } from 'vitest';

import { ArchonError } from '../../core/errors.js';
import {
  appendIndexTrailer,
  type IndexFileFacts,
  readIndexTrailer,
  trailerBytes,
} from './index-file-trailer.js';
import { KeyTable } from './key-table.js';
import { loadUsearchIndex } from './usearch-index.js';

const facts: IndexFileFacts = {
  dimensions: 384,
  quantization: 'f16',
  connectivity: 12,
  expansionAdd: 99,
  expansionSearch: 33,
};

function fileWith(content: Buffer | string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'archon-trailer-')), 'index.usearch');
  writeFileSync(path, content);
  return path;
}

function storageMessage(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(ArchonError.isInstance(error)).toBe(true);
    expect((error as ArchonError).code).toBe('STORAGE_ERROR');
    return (error as Error).message;
  }
  throw new Error('expected STORAGE_ERROR');
}

/** Rewrites trailer byte `offset` and recomputes the checksum, as a forger would. */
function forge(path: string, offset: number, value: number): void {
  const bytes = readFileSync(path);
  const trailerStart = bytes.length - trailerBytes;
  bytes[trailerStart + offset] = value;
  const checksum = crc32(
    bytes.subarray(trailerStart, trailerStart + 40),
    crc32(bytes.subarray(0, trailerStart)),
  );
  bytes.writeUInt32LE(checksum, trailerStart + 40);
  writeFileSync(path, bytes);
}

describe('index file trailer', () => {
  it('records the facts and the extension after the payload and reads them back', () => {
    const path = fileWith('payload bytes');
    appendIndexTrailer(path, facts, Buffer.from('extension'));
    expect(readFileSync(path).length).toBe(
      'payload bytes'.length + 'extension'.length + trailerBytes,
    );
    const sealed = readIndexTrailer(path);
    expect(sealed.facts).toEqual(facts);
    expect(sealed.extension.toString()).toBe('extension');
  });

  it('works for an empty payload and extension', () => {
    const path = fileWith('');
    appendIndexTrailer(path, { ...facts, quantization: 'i8' }, new Uint8Array(0));
    expect(readIndexTrailer(path).facts.quantization).toBe('i8');
    expect(readIndexTrailer(path).extension.length).toBe(0);
  });

  it('detects a damaged extension through the checksum', () => {
    const path = fileWith('payload');
    appendIndexTrailer(path, facts, Buffer.from('extension'));
    const bytes = readFileSync(path);
    bytes[8] = 0x58; // inside the extension
    writeFileSync(path, bytes);
    expect(storageMessage(() => readIndexTrailer(path))).toMatch(/checksum mismatch/);
  });

  it('detects a damaged trailer field through the checksum', () => {
    const path = fileWith('payload');
    appendIndexTrailer(path, facts, new Uint8Array(0));
    const bytes = readFileSync(path);
    bytes[bytes.length - trailerBytes + 12] = 7; // dimensions
    writeFileSync(path, bytes);
    expect(storageMessage(() => readIndexTrailer(path))).toMatch(/checksum mismatch/);
  });

  it('refuses an unknown format version or quantization code', () => {
    const versioned = fileWith('payload');
    appendIndexTrailer(versioned, facts, new Uint8Array(0));
    forge(versioned, 8, 9);
    expect(storageMessage(() => readIndexTrailer(versioned))).toMatch(
      /unsupported trailer format 9/,
    );

    const quantized = fileWith('payload');
    appendIndexTrailer(quantized, facts, new Uint8Array(0));
    forge(quantized, 16, 200);
    expect(storageMessage(() => readIndexTrailer(quantized))).toMatch(/unknown quantization/);
  });

  it('reports a path that cannot be read as a file', () => {
    const directory = mkdtempSync(join(tmpdir(), 'archon-trailer-'));
    expect(storageMessage(() => readIndexTrailer(directory))).toMatch(/cannot be read/);
  });

  it('lets the loader report a sealed file that usearch refuses', () => {
    // Zero rows of zero columns, then a header without usearch's magic.
    const path = fileWith(Buffer.concat([Buffer.alloc(8), Buffer.alloc(64, 0x41)]));
    appendIndexTrailer(path, facts, new KeyTable().serialize());
    expect(storageMessage(() => loadUsearchIndex(path, 384))).toMatch(/could not be loaded/);
  });

  it('lets the loader refuse a sealed file whose key table is malformed', () => {
    const path = fileWith('payload');
    appendIndexTrailer(path, facts, Buffer.from('not a key table'));
    expect(storageMessage(() => loadUsearchIndex(path, 384))).toMatch(/malformed key table/);
  });
});
