/**
 * What we append to every saved usearch file: an extension block (our own
 * data: the key table) and a fixed-size trailer. usearch reads its own format
 * and ignores bytes after it, but it trusts what it reads: a truncated or
 * damaged file can crash the process inside the native loader. The trailer
 * lets us refuse such a file before usearch sees it (lengths and a CRC-32 of
 * everything) and records what a loader needs to rebuild the same index:
 * dimensions, quantization and the graph settings usearch does not save.
 *
 * File: [usearch payload][extension][trailer]. Trailer, little endian, 48 bytes:
 *   0 magic "ARCHONVI" | 8 format u32 | 12 dimensions u32 | 16 quantization u8 (+3 spare)
 *   20 connectivity u32 | 24 expansionAdd u32 | 28 expansionSearch u32
 *   32 payload bytes u64 | 40 CRC-32 of payload, extension and trailer bytes 0-39 u32
 *   44 extension bytes u32
 */
import { closeSync, fstatSync, fsyncSync, openSync, readSync, writeSync } from 'node:fs';
import { crc32 } from 'node:zlib';

import { ArchonError, ErrorCode } from '../../core/errors.js';
import type { NativeScalarKind } from './usearch-binding.js';

/** What the trailer records about the index in front of it. */
export interface IndexFileFacts {
  readonly dimensions: number;
  readonly quantization: NativeScalarKind;
  readonly connectivity: number;
  readonly expansionAdd: number;
  readonly expansionSearch: number;
}

/** A checked file: its facts and the extension block saved with it. */
export interface SealedIndexFile {
  readonly facts: IndexFileFacts;
  readonly extension: Buffer;
}

const magic = 'ARCHONVI';
const formatVersion = 1;
/** Size of the trailer in bytes. */
export const trailerBytes = 48;
const quantizationCodes: readonly NativeScalarKind[] = ['f32', 'f16', 'i8'];
const chunkBytes = 4 * 1024 * 1024;

/**
 * Appends `extension` and the trailer for `facts` to the usearch file at
 * `path` (the payload is the whole file so far), then syncs it to disk.
 */
export function appendIndexTrailer(
  path: string,
  facts: IndexFileFacts,
  extension: Uint8Array,
): void {
  const descriptor = openSync(path, 'r+');
  try {
    const payloadBytes = fstatSync(descriptor).size;
    writeSync(descriptor, extension, 0, extension.length, payloadBytes);
    const trailer = Buffer.alloc(trailerBytes);
    trailer.write(magic, 0, 'latin1');
    trailer.writeUInt32LE(formatVersion, 8);
    trailer.writeUInt32LE(facts.dimensions, 12);
    trailer.writeUInt8(quantizationCodes.indexOf(facts.quantization), 16);
    trailer.writeUInt32LE(facts.connectivity, 20);
    trailer.writeUInt32LE(facts.expansionAdd, 24);
    trailer.writeUInt32LE(facts.expansionSearch, 28);
    trailer.writeBigUInt64LE(BigInt(payloadBytes), 32);
    trailer.writeUInt32LE(extension.length, 44);
    const bodyChecksum = checksumOf(descriptor, payloadBytes + extension.length);
    trailer.writeUInt32LE(crc32(trailer.subarray(0, 40), bodyChecksum), 40);
    writeSync(descriptor, trailer, 0, trailerBytes, payloadBytes + extension.length);
    fsyncSync(descriptor);
  } finally {
    closeSync(descriptor);
  }
}

/**
 * Reads and checks the trailer of the file at `path`: present, consistent
 * with the file's length, checksum intact. Throws STORAGE_ERROR naming the
 * problem otherwise. The caller checks the dimensions it expects.
 */
export function readIndexTrailer(path: string): SealedIndexFile {
  let descriptor: number;
  try {
    descriptor = openSync(path, 'r');
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    throw storageError(path, missing ? 'does not exist' : 'cannot be opened', error);
  }
  try {
    return checkFile(path, descriptor);
  } catch (error) {
    if (ArchonError.isInstance(error)) throw error;
    throw storageError(path, 'cannot be read', error);
  } finally {
    closeSync(descriptor);
  }
}

function checkFile(path: string, descriptor: number): SealedIndexFile {
  const fileBytes = fstatSync(descriptor).size;
  if (fileBytes < trailerBytes) throw storageError(path, 'is too short to be a vector index');
  const trailer = Buffer.alloc(trailerBytes);
  readSync(descriptor, trailer, 0, trailerBytes, fileBytes - trailerBytes);
  if (trailer.toString('latin1', 0, 8) !== magic) {
    throw storageError(
      path,
      'is not an Archon vector index (no trailer; truncated or foreign file)',
    );
  }
  const version = trailer.readUInt32LE(8);
  if (version !== formatVersion)
    throw storageError(path, `has unsupported trailer format ${version}`);
  const payloadBytes = Number(trailer.readBigUInt64LE(32));
  const extensionBytes = trailer.readUInt32LE(44);
  const expectedBytes = payloadBytes + extensionBytes + trailerBytes;
  if (expectedBytes !== fileBytes) {
    throw storageError(path, `has ${fileBytes} bytes but its trailer expects ${expectedBytes}`);
  }
  const bodyChecksum = checksumOf(descriptor, payloadBytes + extensionBytes);
  if (crc32(trailer.subarray(0, 40), bodyChecksum) !== trailer.readUInt32LE(40)) {
    throw storageError(path, 'is corrupt (checksum mismatch)');
  }
  const quantization = quantizationCodes[trailer.readUInt8(16)];
  if (quantization === undefined) throw storageError(path, 'records an unknown quantization');
  const extension = Buffer.alloc(extensionBytes);
  readSync(descriptor, extension, 0, extensionBytes, payloadBytes);
  return {
    facts: {
      dimensions: trailer.readUInt32LE(12),
      quantization,
      connectivity: trailer.readUInt32LE(20),
      expansionAdd: trailer.readUInt32LE(24),
      expansionSearch: trailer.readUInt32LE(28),
    },
    extension,
  };
}

/** CRC-32 of the first `length` bytes, read in chunks so large files need little memory. */
function checksumOf(descriptor: number, length: number): number {
  const buffer = Buffer.allocUnsafe(Math.min(chunkBytes, Math.max(length, 1)));
  let checksum = 0;
  for (let position = 0; position < length;) {
    const read = readSync(
      descriptor,
      buffer,
      0,
      Math.min(buffer.length, length - position),
      position,
    );
    if (read === 0) break;
    checksum = crc32(buffer.subarray(0, read), checksum);
    position += read;
  }
  return checksum;
}

function storageError(path: string, problem: string, cause?: unknown): ArchonError {
  return new ArchonError(ErrorCode.StorageError, `vector index file ${path} ${problem}`, {
    details: { path },
    cause,
  });
}
