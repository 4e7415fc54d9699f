/**
 * readFile: a text file with numbered lines (`cat -n` style), a range at a time. Long
 * files, long lines and huge files are cut with a note that says how to read on, so one
 * call never floods the context.
 */
import { ArchonError, ErrorCode } from '../../core/errors.js';
import { type FileToolContext, limitsOf } from './file-tool-context.js';
import { positiveWholeNumber } from './input-checks.js';
import { numberLine, readTextFile, splitLines } from './text-file.js';
import { toWorkspacePath, workspaceRoot } from './workspace-paths.js';

export interface ReadFileInput {
  readonly path: string;
  /** First line to show, from 1. */
  readonly startLine?: number;
  /** Last line to show, inclusive. */
  readonly endLine?: number;
}

export interface ReadFileResult {
  readonly path: string;
  /** Range shown; both 0 for an empty file. */
  readonly startLine: number;
  readonly endLine: number;
  /** Lines in the part of the file that was loaded. */
  readonly totalLines: number;
  /** True when lines of the requested range, or of the file, were left out. */
  readonly truncated: boolean;
  readonly output: string;
}

/** Reads a file; see the module header. */
export async function readFile(
  context: FileToolContext,
  input: ReadFileInput,
): Promise<ReadFileResult> {
  const limits = limitsOf(context);
  const root = await workspaceRoot(context.workspace);
  const absolute = await context.guard.resolveForRead(input.path);
  const path = toWorkspacePath(root, absolute);
  const file = await readTextFile(absolute, path, limits.maxFileBytes);
  const lines = splitLines(file.text);
  const sizeNote = file.cut
    ? `[File is ${file.size} bytes; only the first ${limits.maxFileBytes} were read. Use grep to find lines further on.]`
    : undefined;
  if (lines.length === 0) {
    return {
      path,
      startLine: 0,
      endLine: 0,
      totalLines: 0,
      truncated: file.cut,
      output: sizeNote ?? `(${path} is empty)`,
    };
  }
  const startLine = lineNumber(input.startLine, 'startLine') ?? 1;
  const requestedEnd = lineNumber(input.endLine, 'endLine');
  if (requestedEnd !== undefined && requestedEnd < startLine) {
    throw new ArchonError(
      ErrorCode.InvalidInput,
      `endLine (${requestedEnd}) is before startLine (${startLine}).`,
    );
  }
  if (startLine > lines.length) {
    throw new ArchonError(
      ErrorCode.InvalidInput,
      `startLine ${startLine} is past the end of ${path}, which has ${lines.length} lines.`,
    );
  }
  const lastWanted = Math.min(requestedEnd ?? lines.length, lines.length);
  const width = String(lastWanted).length;
  const shown: string[] = [];
  let characters = 0;
  let endLine = startLine - 1;
  while (endLine < lastWanted && shown.length < limits.maxReadLines) {
    const text = numberLine(endLine + 1, width, lines[endLine] ?? '', limits.maxLineLength);
    if (characters + text.length > limits.maxOutputCharacters && shown.length > 0) break;
    shown.push(text);
    characters += text.length + 1;
    endLine += 1;
  }
  const notes: string[] = [];
  if (endLine < lastWanted) {
    notes.push(
      `[Showing lines ${startLine}-${endLine} of ${lines.length}. Read on with startLine=${endLine + 1}.]`,
    );
  }
  if (sizeNote !== undefined) notes.push(sizeNote);
  return {
    path,
    startLine,
    endLine,
    totalLines: lines.length,
    truncated: endLine < lastWanted || file.cut,
    output: [...shown, ...notes].join('\n'),
  };
}

function lineNumber(value: number | undefined, name: string): number | undefined {
  return value === undefined ? undefined : positiveWholeNumber(value, name);
}
