import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { loadFile } from './file-loader.js';
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

describe('loadFile', () => {
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
});

describe('errorCode', () => {
  it('names the errno code, or the error itself when it has none', () => {
    expect(errorCode(Object.assign(new Error('x'), { code: 'EACCES' }))).toBe('EACCES');
    expect(errorCode(new Error('plain'))).toBe('Error: plain');
    expect(errorCode(null)).toBe('null');
  });
});
