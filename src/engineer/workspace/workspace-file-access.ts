/**
 * Reading and writing through the guard while closing the gap between "checked"
 * and "used" (TOCTOU). The final name is opened with O_NOFOLLOW, so a symlink put
 * there after the check is refused; the opened descriptor's own path
 * (/proc/self/fd on Linux) is then checked against the root, so a parent directory
 * swapped for a symlink is caught too; and a write only truncates after all checks
 * pass. Files are written in place, which keeps their mode and owner.
 */
import { constants } from 'node:fs';
import { type FileHandle, mkdir, open, readlink, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';

import { ArchonError, ErrorCode } from '../../core/errors.js';
import { errorCode } from './real-target.js';
import { isTestFile } from './test-file-patterns.js';
import { workspaceViolation } from './workspace-violation.js';

/** What the guard needs to offer for safe file access (WorkspaceGuard does). */
export interface GuardedPaths {
  resolveForRead(path: string): Promise<string>;
  resolveForWrite(path: string): Promise<string>;
  contains(absolutePath: string): boolean;
  isReadOnly(relativePath: string): boolean;
  relativePath(absolutePath: string): string;
}

/** The outcome of a guarded write. */
export interface WorkspaceWriteResult {
  /** Absolute real path written. */
  readonly path: string;
  /** The same, relative to the workspace root. */
  readonly relativePath: string;
  /** True when the file did not exist before. */
  readonly created: boolean;
  /** True when the file is a test file: edits to tests are reported. */
  readonly testFile: boolean;
  readonly bytes: number;
}

// O_NOFOLLOW and O_NONBLOCK exist on Linux and macOS; elsewhere they are 0 and the
// descriptor check below still runs where /proc exists.
const noFollow = constants.O_NOFOLLOW ?? 0;
const noBlock = constants.O_NONBLOCK ?? 0;

/** Reads a whole regular file inside the workspace. */
export async function readWorkspaceFile(guard: GuardedPaths, path: string): Promise<Buffer> {
  const real = await guard.resolveForRead(path);
  const handle = await openChecked(path, real, constants.O_RDONLY | noFollow | noBlock);
  try {
    await checkDescriptor(guard, handle, path, false);
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}

/** Creates or overwrites a regular file inside the workspace, creating its parents. */
export async function writeWorkspaceFile(
  guard: GuardedPaths,
  path: string,
  content: string | Uint8Array,
): Promise<WorkspaceWriteResult> {
  const real = await guard.resolveForWrite(path);
  await mkdir(dirname(real), { recursive: true }).catch((error: unknown) => {
    throw new ArchonError(
      ErrorCode.InvalidInput,
      `Cannot create the folders of ${path} (${errorCode(error) ?? 'error'}).`,
      {
        details: { path },
        cause: error,
      },
    );
  });
  const writeFlags = constants.O_WRONLY | noFollow | noBlock;
  let created = true;
  let handle: FileHandle;
  try {
    handle = await openChecked(path, real, writeFlags | constants.O_CREAT | constants.O_EXCL);
  } catch (error) {
    if (errorCode(error) !== 'EEXIST') throw error;
    created = false;
    handle = await openChecked(path, real, writeFlags);
  }
  try {
    await checkDescriptor(guard, handle, path, true, created);
    await handle.truncate(0);
    const data = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    await handle.write(data, 0, data.length, 0);
    const relativePath = guard.relativePath(real);
    return {
      path: real,
      relativePath,
      created,
      testFile: isTestFile(relativePath),
      bytes: data.length,
    };
  } finally {
    await handle.close();
  }
}

async function openChecked(path: string, real: string, flags: number): Promise<FileHandle> {
  try {
    return await open(real, flags, 0o666);
  } catch (error) {
    const code = errorCode(error);
    if (code === 'ELOOP') throw workspaceViolation(path, 'a symbolic link appeared at the path');
    if (code === 'ENXIO')
      throw workspaceViolation(path, 'devices, pipes and sockets are not accessible');
    if (code === 'EEXIST') throw error;
    if (code === 'EISDIR') {
      throw new ArchonError(ErrorCode.InvalidInput, `${path} is a directory, not a file.`, {
        details: { path },
      });
    }
    throw new ArchonError(ErrorCode.InvalidInput, `Cannot open ${path} (${code ?? 'error'}).`, {
      details: { path },
      cause: error,
    });
  }
}

async function checkDescriptor(
  guard: GuardedPaths,
  handle: FileHandle,
  path: string,
  forWrite: boolean,
  created = false,
): Promise<void> {
  const stats = await handle.stat();
  if (!stats.isFile()) {
    throw stats.isDirectory()
      ? new ArchonError(ErrorCode.InvalidInput, `${path} is a directory, not a file.`, {
          details: { path },
        })
      : workspaceViolation(path, 'devices, pipes and sockets are not accessible');
  }
  if (forWrite && stats.nlink > 1) {
    throw workspaceViolation(
      path,
      'the file has other hard links, which may lie outside the workspace',
    );
  }
  const actual = await descriptorPath(handle);
  if (actual === undefined) return;
  const outside = !guard.contains(actual);
  if (outside || (forWrite && guard.isReadOnly(guard.relativePath(actual)))) {
    if (created) await unlink(actual).catch(() => undefined);
    throw workspaceViolation(
      path,
      'the opened file lies outside the writable workspace (it changed during the check)',
    );
  }
}

/** The path the kernel reports for an open descriptor, where /proc exists. */
async function descriptorPath(handle: FileHandle): Promise<string | undefined> {
  try {
    return await readlink(`/proc/self/fd/${handle.fd}`);
  } catch {
    return undefined;
  }
}
