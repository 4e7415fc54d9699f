import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { LoadResult } from '../loaded-document.js';
import { documentFromBytes, loadFile, readFileBytesSync } from './file-loader.js';
import { errorCode } from './file-system-errors.js';
import type { FileToLoad } from './walk-items.js';

let folder: string;

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'archon-loader-'));
});
afterEach(() => rm(folder, { recursive: true, force: true }));

function fileAt(location: string, language = 'text'): FileToLoad {
  return {
    location,
    realPath: location,
    uri: 'x',
    fileName: 'x',
    language,
    format: language === 'markdown' ? 'markdown' : 'text',
  };
}

type Loader = (
  file: FileToLoad,
  maxFileBytes: number,
  isUnchanged?: () => boolean,
) => Promise<LoadResult> | LoadResult;

/** The blocking read on one thread, then the decoding wherever the bytes move to. */
const readThenDecode: Loader = (file, maxFileBytes, isUnchanged) => {
  const read = readFileBytesSync(file, maxFileBytes, isUnchanged);
  if (read.kind !== 'bytes') return read;
  expect(read.bytes.byteOffset).toBe(0);
  return documentFromBytes(file, read.bytes, read.contentHash);
};

const loaders: { name: string; load: Loader }[] = [
  { name: 'loadFile', load: loadFile },
  { name: 'readFileBytesSync + documentFromBytes', load: readThenDecode },
];

describe.each(loaders)('$name', ({ load: loadOne }) => {
  const loadFile = async (...args: Parameters<Loader>): Promise<LoadResult> => loadOne(...args);

  it('loads a file into a document', async () => {
    const location = join(folder, 'a.md');
    await writeFile(location, '# A\n');
    expect(await loadFile(fileAt(location, 'markdown'), 100)).toMatchObject({
      kind: 'document',
      document: { title: 'A', text: '# A\n', bytes: 4 },
    });
  });

  it('reports a file that vanished after the walk as unreadable', async () => {
    const location = join(folder, 'gone.md');
    expect(await loadFile(fileAt(location), 100)).toEqual({
      kind: 'skipped',
      skipped: { location, reason: 'unreadable', message: 'Cannot read file (ENOENT)' },
    });
  });

  it('reports a named pipe as not a regular file instead of blocking on it', async () => {
    const location = join(folder, 'pipe.txt');
    execFileSync('mkfifo', [location]);
    expect(await loadFile(fileAt(location), 100)).toMatchObject({
      skipped: { reason: 'unsupported', message: 'Not a regular file' },
    });
  });

  it.runIf(process.platform === 'linux')(
    'checks the size again after reading, for files whose stat size is wrong',
    async () => {
      // procfs reports size 0 for files that have content.
      expect(await loadFile(fileAt('/proc/self/status'), 10)).toMatchObject({
        skipped: { reason: 'too-large' },
      });
    },
  );

  it.runIf(process.platform === 'linux')(
    'reads all of a file whose stat size is wrong when it fits',
    async () => {
      const loaded = await loadFile(fileAt('/proc/self/status'), 1_000_000);
      expect(loaded).toMatchObject({ kind: 'document' });
      if (loaded.kind !== 'document') return;
      expect(loaded.document.text).toMatch(/^Name:/);
      expect(loaded.document.text).toContain('\nPid:');
      expect(loaded.document.bytes).toBe(Buffer.byteLength(loaded.document.text));
    },
  );

  it('reads a file larger than the first read buffer whole, and hashes it', async () => {
    const location = join(folder, 'big.txt');
    const text = 'line of text\n'.repeat(5000);
    await writeFile(location, text);
    const loaded = await loadFile(fileAt(location), 1_000_000);
    expect(loaded).toMatchObject({ kind: 'document', document: { text, bytes: text.length } });
    if (loaded.kind !== 'document') return;
    expect(loaded.document.contentHash).toBe(createHash('sha256').update(text).digest('hex'));
  });

  it('says unchanged when the check accepts the hash, and skips a file at the limit + 1', async () => {
    const location = join(folder, 'a.txt');
    await writeFile(location, 'hello');
    const unchanged = await loadFile(fileAt(location), 100, () => true);
    expect(unchanged).toMatchObject({ kind: 'unchanged', unchanged: { bytes: 5 } });
    expect(await loadFile(fileAt(location), 5)).toMatchObject({ kind: 'document' });
    expect(await loadFile(fileAt(location), 4)).toMatchObject({ skipped: { reason: 'too-large' } });
  });
});

describe('errorCode', () => {
  it('names the errno code, or the error itself when it has none', () => {
    expect(errorCode(Object.assign(new Error('x'), { code: 'EACCES' }))).toBe('EACCES');
    expect(errorCode(new Error('plain'))).toBe('Error: plain');
    expect(errorCode(null)).toBe('null');
  });
});
