/**
 * listFiles: the files of the workspace or one folder, honouring `.gitignore` and
 * leaving out `.git` and `node_modules`, one path per line so each can be passed to
 * readFile as it is.
 */
import { ArchonError, ErrorCode } from '../../core/errors.js';
import { existingEntry } from './existing-entry.js';
import { type FileToolContext, limitsOf } from './file-tool-context.js';
import { positiveWholeNumber } from './input-checks.js';
import { globFilter } from './path-glob.js';
import { toWorkspacePath, workspaceRoot } from './workspace-paths.js';
import { type WalkState, walkWorkspace } from './workspace-walk.js';

export interface ListFilesInput {
  /** Folder to list, relative to the workspace; the whole workspace when omitted. */
  readonly path?: string;
  /** Glob filter, e.g. `*.ts` or `test/**`. */
  readonly glob?: string;
  /** Most paths to return. */
  readonly limit: number;
}

export interface ListFilesResult {
  readonly files: string[];
  /** Files that matched, including those beyond `limit`. */
  readonly total: number;
  readonly truncated: boolean;
  /** What the model reads. */
  readonly output: string;
}

/** Lists files; see the module header. */
export async function listFiles(
  context: FileToolContext,
  input: ListFilesInput,
): Promise<ListFilesResult> {
  const limits = limitsOf(context);
  const limit = positiveWholeNumber(input.limit, 'limit');
  const root = await workspaceRoot(context.workspace);
  const resolved = await context.guard.resolveForRead(input.path ?? '.');
  const folder = toWorkspacePath(root, resolved);
  if (!(await existingEntry(resolved, folder)).isDirectory()) {
    throw new ArchonError(
      ErrorCode.InvalidInput,
      `${folder} is a file, not a folder; use readFile to read it.`,
    );
  }
  const start = folder === '.' ? '' : folder;
  const accept = globFilter(input.glob, start);
  const state: WalkState = { stoppedEarly: false, visited: 0 };
  const walk = {
    root,
    folder: start,
    maxVisitedEntries: limits.maxVisitedEntries,
    abortSignal: context.abortSignal,
  };
  const files: string[] = [];
  let total = 0;
  for await (const file of walkWorkspace(walk, state)) {
    if (!accept(file.path)) continue;
    total += 1;
    if (files.length < limit) files.push(file.path);
  }
  const truncated = total > files.length || state.stoppedEarly;
  return { files, total, truncated, output: describe(files, total, folder, input.glob, state) };
}

function describe(
  files: readonly string[],
  total: number,
  folder: string,
  glob: string | undefined,
  state: WalkState,
): string {
  const where = folder === '.' ? 'the workspace' : folder;
  if (files.length === 0) {
    return `No files in ${where}${glob === undefined ? '' : ` match ${glob}`}.`;
  }
  const notes: string[] = [];
  if (total > files.length)
    notes.push(`[${total - files.length} more files not shown; narrow with path or glob.]`);
  if (state.stoppedEarly)
    notes.push(`[Stopped after ${state.visited} entries; list a smaller folder.]`);
  return [...files, ...notes].join('\n');
}
