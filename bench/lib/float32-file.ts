/**
 * Binary matrix files shared with non-JavaScript tools (the Python baselines):
 * raw float32, little endian, row-major, no header. The reader must know the
 * number of columns; the row count follows from the file size.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { endianness } from 'node:os';

/** Writes `matrix` as little-endian float32 bytes. */
export function writeFloat32File(path: string, matrix: Float32Array): void {
  if (endianness() === 'LE') {
    writeFileSync(path, new Uint8Array(matrix.buffer, matrix.byteOffset, matrix.byteLength));
    return;
  }
  const bytes = new DataView(new ArrayBuffer(matrix.byteLength));
  matrix.forEach((value, index) => bytes.setFloat32(index * 4, value, true));
  writeFileSync(path, new Uint8Array(bytes.buffer));
}

/** Reads a file written by {@link writeFloat32File} (without copying on little-endian hosts). */
export function readFloat32File(path: string): Float32Array {
  const bytes = readFileSync(path);
  if (bytes.byteLength % 4 !== 0)
    throw new Error(`${path}: size ${bytes.byteLength} is not a multiple of 4`);
  if (endianness() === 'LE' && bytes.byteOffset % 4 === 0) {
    return new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const matrix = new Float32Array(bytes.byteLength / 4);
  for (let index = 0; index < matrix.length; index++)
    matrix[index] = view.getFloat32(index * 4, true);
  return matrix;
}
