/**
 * Checkpoints of a workspace in a shadow git store: a separate git directory that
 * uses the workspace as its work tree and has its own index, objects and refs. The
 * user's `.git`, index and branches are never read for state nor written. Snapshots
 * form one linear history on the store's own branch; restoring an old one does not
 * move that branch, so later checkpoints stay reachable.
 */
import { ArchonError, ErrorCode } from '../../core/errors.js';
import { type ChangedFile, parseNameStatus } from './changed-file.js';
import { assertCheckpointId } from './checkpoint-id.js';
import { runShadowGit, type ShadowGitLocation } from './shadow-git.js';
import { prepareShadowStore, type ShadowStoreSetupOptions } from './shadow-store-setup.js';

export type ShadowCheckpointsOptions = ShadowStoreSetupOptions;

/** One snapshot as listed by {@link ShadowCheckpoints.list}, newest first. */
export interface CheckpointSummary {
  readonly id: string;
  readonly label: string;
  readonly createdAt: Date;
}

/** What a restore changed in the workspace (workspace-relative `/` paths). */
export interface RestoreResult {
  /** Files written back: modified since the snapshot, or deleted since and recreated. */
  readonly restored: string[];
  /** Files created after the snapshot, now removed. */
  readonly deleted: string[];
}

const diffOptions = ['--no-color', '--no-ext-diff', '--no-textconv', '--no-renames'];
const maximumLabelLength = 200;

/** Snapshots, restores and diffs of one workspace; see the module header. */
export class ShadowCheckpoints {
  /** Real path of the workspace. */
  readonly workspace: string;
  /** Real path of the shadow git directory. */
  readonly storeDirectory: string;
  private readonly location: ShadowGitLocation;
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(location: ShadowGitLocation) {
    this.location = location;
    this.workspace = location.workspace;
    this.storeDirectory = location.storeDirectory;
  }

  /** Opens the store of `workspace` at `storeDirectory`, creating it when absent. */
  static async open(options: ShadowCheckpointsOptions): Promise<ShadowCheckpoints> {
    return new ShadowCheckpoints(await prepareShadowStore(options));
  }

  /** Captures every file git would not ignore; returns the checkpoint id (a commit hash). */
  snapshot(label: string): Promise<string> {
    return this.serialized(async () => {
      await this.stageWorkspace();
      const tree = (await this.git(['write-tree'])).trim();
      const parent = await this.head();
      const commitArguments = ['commit-tree', tree, '-m', cleanLabel(label)];
      if (parent !== undefined) commitArguments.push('-p', parent);
      const id = (await this.git(commitArguments)).trim();
      const updateArguments = ['update-ref', '-m', 'checkpoint', 'HEAD', id];
      if (parent !== undefined) updateArguments.push(parent);
      await this.git(updateArguments);
      return id;
    });
  }

  /**
   * Puts the workspace back as it was at `checkpointId`: files changed since are
   * rewritten, files deleted since are recreated and files created since are removed.
   * Ignored files are never touched.
   */
  async restore(checkpointId: string): Promise<RestoreResult> {
    const id = assertCheckpointId(checkpointId);
    return this.serialized(async () => {
      await this.requireCheckpoint(id);
      await this.stageWorkspace();
      const changes = await this.nameStatus(['--cached', id]);
      await this.git(['read-tree', '--reset', '-u', id]);
      const restored: string[] = [];
      const deleted: string[] = [];
      for (const change of changes) {
        (change.change === 'added' ? deleted : restored).push(change.path);
      }
      return { restored, deleted };
    });
  }

  /** Unified diff from `fromId` to `toId`, or to the current workspace when `toId` is omitted. */
  async diff(fromId: string, toId?: string): Promise<string> {
    const range = this.range(fromId, toId);
    return this.serialized(async () => {
      await this.requireRange(range);
      if (range.length === 1) await this.stageWorkspace();
      return this.git([
        'diff',
        ...diffOptions,
        ...(range.length === 1 ? ['--cached'] : []),
        ...range,
      ]);
    });
  }

  /** Files added, modified or deleted from `fromId` to `toId` (or to the current workspace). */
  async changedFiles(fromId: string, toId?: string): Promise<ChangedFile[]> {
    const range = this.range(fromId, toId);
    return this.serialized(async () => {
      await this.requireRange(range);
      if (range.length === 1) await this.stageWorkspace();
      return this.nameStatus([...(range.length === 1 ? ['--cached'] : []), ...range]);
    });
  }

  /** The most recent checkpoints, newest first. */
  list(limit = 50): Promise<CheckpointSummary[]> {
    const count = Math.max(1, Math.floor(limit));
    return this.serialized(async () => {
      if ((await this.head()) === undefined) return [];
      const output = await this.git([
        'log',
        `--max-count=${count}`,
        '--format=%H%x00%ct%x00%s%x00',
        'HEAD',
      ]);
      const fields = output.split('\0');
      const summaries: CheckpointSummary[] = [];
      for (let index = 0; index + 2 < fields.length; index += 3) {
        summaries.push({
          id: (fields[index] ?? '').trim(),
          createdAt: new Date(Number(fields[index + 1]) * 1000),
          label: fields[index + 2] ?? '',
        });
      }
      return summaries;
    });
  }

  private range(fromId: string, toId: string | undefined): string[] {
    const from = assertCheckpointId(fromId);
    return toId === undefined ? [from] : [from, assertCheckpointId(toId)];
  }

  private async requireRange(range: readonly string[]): Promise<void> {
    for (const id of range) await this.requireCheckpoint(id);
  }

  private async requireCheckpoint(id: string): Promise<void> {
    const { exitCode } = await runShadowGit(this.location, ['cat-file', '-e', `${id}^{commit}`], {
      allowedExitCodes: [1, 128],
    });
    if (exitCode !== 0) {
      throw new ArchonError(
        ErrorCode.NotFound,
        `Checkpoint ${id} does not exist in this workspace's store.`,
        {
          details: { checkpointId: id },
        },
      );
    }
  }

  private async head(): Promise<string | undefined> {
    const { stdout, exitCode } = await runShadowGit(
      this.location,
      ['rev-parse', '--verify', '--quiet', 'HEAD^{commit}'],
      { allowedExitCodes: [1, 128] },
    );
    return exitCode === 0 ? stdout.trim() : undefined;
  }

  /**
   * Brings the shadow index in line with the workspace. A nested git repository shows
   * up as an untracked `dir/`; git would record it as a link to another repository (or
   * fail when it has no commit), so nested repositories are left out.
   */
  private async stageWorkspace(): Promise<void> {
    const untracked = await this.git(['ls-files', '--others', '--exclude-standard', '-z']);
    const nestedRepositories = untracked
      .split('\0')
      .filter((path) => path.endsWith('/'))
      .map((path) => `:(exclude,literal)${path.slice(0, -1)}`);
    await this.git(['add', '--all', '--', '.', ...nestedRepositories]);
  }

  private async nameStatus(args: readonly string[]): Promise<ChangedFile[]> {
    return parseNameStatus(
      await this.git(['diff', '--name-status', '--no-renames', '-z', ...args]),
    );
  }

  private async git(args: readonly string[]): Promise<string> {
    return (await runShadowGit(this.location, args)).stdout;
  }

  /** One git operation at a time per instance: they share the shadow index. */
  private serialized<T>(operation: () => Promise<T>): Promise<T> {
    const result = this.queue.then(operation, operation);
    this.queue = result.catch(() => undefined);
    return result;
  }
}

function cleanLabel(label: string): string {
  const flat = String(label)
    .replace(/\p{Cc}+/gu, ' ')
    .trim()
    .slice(0, maximumLabelLength);
  return flat === '' ? 'checkpoint' : flat;
}
