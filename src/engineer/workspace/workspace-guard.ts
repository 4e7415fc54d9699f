/**
 * The workspace guard: the only way the engineer's file tools turn a path the model
 * gave into a real file. Every path is checked lexically (path-syntax.ts), resolved
 * through the file system (real path of the target or of its nearest existing
 * parent) and must stay inside the real workspace root. `.git` and the project's
 * data folder are read-only. The design and its limits are in
 * docs/decisions/009-workspace-and-command-safety.md.
 */
import { realpath, stat } from 'node:fs/promises';

import { ArchonError, ErrorCode } from '../../core/errors.js';
import { isInsideDirectory, relativeInside } from './path-containment.js';
import { splitRequestedPath } from './path-syntax.js';
import { comparableSegments, defaultReadOnlyPaths, isInReadOnlyArea } from './read-only-areas.js';
import { type RealTarget, resolveRealTarget } from './real-target.js';
import { isTestFile } from './test-file-patterns.js';
import {
  readWorkspaceFile,
  type WorkspaceWriteResult,
  writeWorkspaceFile,
} from './workspace-file-access.js';
import { workspaceViolation } from './workspace-violation.js';

/** Options of {@link WorkspaceGuard.open}. */
export interface WorkspaceGuardOptions {
  /** Extra read-only areas, relative to the root; `.git` and `.archon` are always read-only. */
  readonly readOnly?: readonly string[];
}

/** Resolves and checks every path the agent reads or writes. */
export class WorkspaceGuard {
  /** Absolute real path of the workspace root. */
  readonly root: string;
  /** The read-only areas, relative to the root, as configured. */
  readonly readOnlyPaths: readonly string[];
  private readonly readOnlyAreas: readonly (readonly string[])[];

  private constructor(root: string, readOnlyPaths: readonly string[]) {
    this.root = root;
    this.readOnlyPaths = readOnlyPaths;
    this.readOnlyAreas = readOnlyPaths.map(comparableSegments);
  }

  /**
   * Opens a guard on an existing directory (its real path becomes the root).
   * @throws ArchonError PATH_NOT_FOUND when the root is missing, INVALID_INPUT when it
   * is not a directory or a read-only entry is not a plain relative path.
   */
  static async open(root: string, options: WorkspaceGuardOptions = {}): Promise<WorkspaceGuard> {
    if (typeof root !== 'string' || root.trim() === '' || root.includes('\0')) {
      throw new ArchonError(ErrorCode.InvalidInput, 'The workspace root must be a non-empty path.');
    }
    let real: string;
    try {
      real = await realpath(root);
    } catch (error) {
      throw new ArchonError(ErrorCode.PathNotFound, `The workspace ${root} does not exist.`, {
        details: { root },
        cause: error,
      });
    }
    if (!(await stat(real)).isDirectory()) {
      throw new ArchonError(ErrorCode.InvalidInput, `The workspace ${root} is not a directory.`, {
        details: { root },
      });
    }
    const extra = options.readOnly ?? [];
    for (const entry of extra) {
      try {
        splitRequestedPath(entry);
      } catch (error) {
        throw new ArchonError(
          ErrorCode.InvalidInput,
          `Read-only entry ${JSON.stringify(entry)} must be a plain path relative to the workspace.`,
          { cause: error },
        );
      }
    }
    return new WorkspaceGuard(real, [...new Set([...defaultReadOnlyPaths, ...extra])]);
  }

  /**
   * The real absolute path of an existing file or directory the agent may read.
   * @throws ArchonError WORKSPACE_VIOLATION when the path is refused, PATH_NOT_FOUND when missing.
   */
  async resolveForRead(path: string): Promise<string> {
    const target = await this.resolve(path);
    if (target.stats === undefined) {
      throw new ArchonError(ErrorCode.PathNotFound, `No file or directory at ${path}.`, {
        details: { path },
      });
    }
    this.refuseSpecialFile(path, target);
    return target.realPath;
  }

  /**
   * The real absolute path the agent may create or overwrite. The target may be
   * missing (its parents are then created inside the root). Read-only areas, special
   * files and files with more than one hard link are refused.
   * @throws ArchonError WORKSPACE_VIOLATION when the path is refused.
   */
  async resolveForWrite(path: string): Promise<string> {
    const segments = splitRequestedPath(path);
    if (segments.length === 0)
      throw workspaceViolation(path, 'the workspace root itself cannot be written');
    if (typeof path === 'string' && path.endsWith('/')) {
      throw workspaceViolation(path, 'a path ending in a slash names a directory, not a file');
    }
    if (segments.some((segment) => segment.startsWith('-'))) {
      throw workspaceViolation(path, "names starting with '-' would read as command options");
    }
    if (this.isInReadOnlyArea(segments)) throw workspaceViolation(path, 'this area is read-only');
    const target = await this.resolve(path, segments);
    if (this.isReadOnly(this.relativePath(target.realPath))) {
      throw workspaceViolation(path, 'it leads into a read-only area');
    }
    this.refuseSpecialFile(path, target);
    if (target.stats?.isFile() === true && target.stats.nlink > 1) {
      throw workspaceViolation(
        path,
        'the file has other hard links, which may lie outside the workspace',
      );
    }
    return target.realPath;
  }

  /** Reads a file through {@link resolveForRead}, refusing a symlink swapped in since. */
  async readFile(path: string): Promise<Buffer> {
    return readWorkspaceFile(this, path);
  }

  /** Writes a file through {@link resolveForWrite}, with checks on the opened descriptor. */
  async writeFile(path: string, content: string | Uint8Array): Promise<WorkspaceWriteResult> {
    return writeWorkspaceFile(this, path, content);
  }

  /** The workspace-relative form (forward slashes) of an absolute path inside the root. */
  relativePath(absolutePath: string): string {
    return relativeInside(this.root, absolutePath);
  }

  /** True when an absolute real path lies inside the root. */
  contains(absolutePath: string): boolean {
    return isInsideDirectory(this.root, absolutePath);
  }

  /** True when a workspace-relative path is a read-only area or inside one (case-insensitive). */
  isReadOnly(relativePath: string): boolean {
    return this.isInReadOnlyArea(relativePath.split('/'));
  }

  /** True when a workspace-relative path is a test file (edits to it are reported). */
  isTestFile(relativePath: string): boolean {
    return isTestFile(relativePath);
  }

  private isInReadOnlyArea(segments: readonly string[]): boolean {
    return isInReadOnlyArea(
      segments.filter((segment) => segment !== ''),
      this.readOnlyAreas,
    );
  }

  private async resolve(path: string, segments = splitRequestedPath(path)): Promise<RealTarget> {
    const target = await resolveRealTarget(this.root, segments, path);
    if (!isInsideDirectory(this.root, target.realPath)) {
      throw workspaceViolation(path, 'it resolves outside the workspace (through a symbolic link)');
    }
    return target;
  }

  private refuseSpecialFile(path: string, target: RealTarget): void {
    const stats = target.stats;
    if (stats !== undefined && !stats.isFile() && !stats.isDirectory()) {
      throw workspaceViolation(path, 'devices, pipes and sockets are not accessible');
    }
  }
}
