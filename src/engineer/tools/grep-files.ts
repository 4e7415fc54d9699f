/**
 * grep: lines matching a JavaScript regular expression across the workspace (or one
 * folder or file), as `path:line:text`. It honours `.gitignore`, skips binary files,
 * symbolic links and files over the size limit, and stops at `limit` matches.
 */
import { open } from 'node:fs/promises';

import { existingEntry } from './existing-entry.js';
import { type FileToolContext, limitsOf } from './file-tool-context.js';
import { positiveWholeNumber } from './input-checks.js';
import { globFilter } from './path-glob.js';
import { compileSearchPattern } from './search-pattern.js';
import { cutLine, looksBinary, readFlags, splitLines } from './text-file.js';
import { toWorkspacePath, workspaceRoot } from './workspace-paths.js';
import { type WalkedFile, type WalkState, walkWorkspace } from './workspace-walk.js';

export interface GrepInput {
  /** JavaScript regular expression, tested against each line. */
  readonly pattern: string;
  /** Folder or file to search, relative to the workspace; the whole workspace when omitted. */
  readonly path?: string;
  /** Glob filter on file paths, e.g. `*.ts`. */
  readonly glob?: string;
  /** Default true. */
  readonly caseSensitive?: boolean;
  /** Most matching lines to return. */
  readonly limit: number;
}

/** One matching line. */
export interface GrepMatch {
  readonly path: string;
  readonly line: number;
  readonly text: string;
}

export interface GrepResult {
  readonly matches: GrepMatch[];
  readonly filesSearched: number;
  /** True when the limit stopped the search or files were skipped for size. */
  readonly truncated: boolean;
  readonly output: string;
}

const shownLineLength = 300;

/** Searches files; see the module header. */
export async function grep(context: FileToolContext, input: GrepInput): Promise<GrepResult> {
  const limits = limitsOf(context);
  const expression = compileSearchPattern(input.pattern, input.caseSensitive ?? true);
  const limit = positiveWholeNumber(input.limit, 'limit');
  const root = await workspaceRoot(context.workspace);
  const resolved = await context.guard.resolveForRead(input.path ?? '.');
  const target = toWorkspacePath(root, resolved);
  const isFolder = (await existingEntry(resolved, target)).isDirectory();
  const state: WalkState = { stoppedEarly: false, visited: 0 };
  const files: AsyncIterable<WalkedFile> | WalkedFile[] = isFolder
    ? walkWorkspace(
        {
          root,
          folder: target === '.' ? '' : target,
          maxVisitedEntries: limits.maxVisitedEntries,
          abortSignal: context.abortSignal,
        },
        state,
      )
    : [{ path: target, absolute: resolved, isSymbolicLink: false }];
  const accept = isFolder ? globFilter(input.glob, target === '.' ? '' : target) : () => true;

  const matches: GrepMatch[] = [];
  let filesSearched = 0;
  let tooLarge = 0;
  let limitReached = false;
  for await (const file of files) {
    if (file.isSymbolicLink || !accept(file.path)) continue;
    const bytes = await readSearchable(file.absolute, limits.maxFileBytes);
    if (bytes === 'too-large') {
      tooLarge += 1;
      continue;
    }
    if (bytes === undefined || looksBinary(bytes)) continue;
    filesSearched += 1;
    const lines = splitLines(bytes.toString('utf8'));
    for (let index = 0; index < lines.length; index += 1) {
      const line = lines[index] ?? '';
      if (!expression.test(line)) continue;
      if (matches.length === limit) {
        limitReached = true;
        break;
      }
      matches.push({ path: file.path, line: index + 1, text: line });
    }
    if (limitReached) break;
  }
  const truncated = limitReached || tooLarge > 0 || state.stoppedEarly;
  return {
    matches,
    filesSearched,
    truncated,
    output: describe(input, target, matches, { limitReached, tooLarge, state }),
  };
}

function describe(
  input: GrepInput,
  target: string,
  matches: readonly GrepMatch[],
  notes: { limitReached: boolean; tooLarge: number; state: WalkState },
): string {
  const lines = matches.map(
    (match) => `${match.path}:${match.line}:${cutLine(match.text, shownLineLength)}`,
  );
  if (matches.length === 0) {
    lines.push(
      `No matches for /${input.pattern}/ in ${target === '.' ? 'the workspace' : target}${input.glob === undefined ? '' : ` (${input.glob})`}.`,
    );
  }
  if (notes.limitReached)
    lines.push(`[Stopped at ${matches.length} matches; narrow the pattern, path or glob.]`);
  if (notes.tooLarge > 0)
    lines.push(`[${notes.tooLarge} files over the size limit were not searched.]`);
  if (notes.state.stoppedEarly)
    lines.push(`[Stopped after ${notes.state.visited} entries; search a smaller folder.]`);
  return lines.join('\n');
}

/** The file's bytes, `'too-large'` past the limit, or undefined when it cannot be read. */
async function readSearchable(
  absolute: string,
  maxBytes: number,
): Promise<Buffer | 'too-large' | undefined> {
  let handle;
  try {
    handle = await open(absolute, readFlags);
  } catch {
    return undefined;
  }
  try {
    if ((await handle.stat()).size > maxBytes) return 'too-large';
    return await handle.readFile();
  } catch {
    return undefined;
  } finally {
    await handle.close();
  }
}
