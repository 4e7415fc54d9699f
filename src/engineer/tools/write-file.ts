/**
 * writeFile: creates a file (and its missing parent folders) or replaces one whole.
 * When it replaces a CRLF file with text written with `\n`, the file stays CRLF.
 */
import { stat } from 'node:fs/promises';

import { ArchonError, ErrorCode } from '../../core/errors.js';
import { isTestFile } from '../workspace/test-file-patterns.js';
import { type FileChange, type FileToolContext, limitsOf } from './file-tool-context.js';
import { detectLineEndings, toCrlf } from './line-endings.js';
import { readTextFile, splitLines } from './text-file.js';
import { toWorkspacePath, workspaceRoot } from './workspace-paths.js';

export interface WriteFileInput {
  readonly path: string;
  /** The whole new content of the file. */
  readonly content: string;
}

export interface WriteFileResult extends FileChange {
  readonly bytes: number;
  readonly output: string;
}

/** Writes a file; see the module header. */
export async function writeFile(
  context: FileToolContext,
  input: WriteFileInput,
): Promise<WriteFileResult> {
  const limits = limitsOf(context);
  const size = Buffer.byteLength(input.content, 'utf8');
  if (size > limits.maxWriteBytes) {
    throw new ArchonError(
      ErrorCode.InvalidInput,
      `content is ${size} bytes, over the ${limits.maxWriteBytes}-byte write limit.`,
    );
  }
  const root = await workspaceRoot(context.workspace);
  const absolute = await context.guard.resolveForWrite(input.path);
  const path = toWorkspacePath(root, absolute);
  const existing = await stat(absolute).catch(() => undefined);
  if (existing?.isDirectory() === true) {
    throw new ArchonError(ErrorCode.InvalidInput, `${path} is a folder; give a file path.`);
  }
  let content = input.content;
  let keptCrlf = false;
  if (existing !== undefined && !content.includes('\r\n') && content.includes('\n')) {
    const previous = await readTextFile(absolute, path, limits.maxFileBytes).catch(() => undefined);
    if (previous !== undefined && detectLineEndings(previous.text) === 'crlf') {
      content = toCrlf(content);
      keptCrlf = true;
    }
  }
  await context.guard.writeFile(input.path, content);

  const testFile = isTestFile(path);
  context.onFileChange?.({ path, isTestFile: testFile, created: existing === undefined });
  const lineCount = splitLines(content).length;
  const output = [
    `${existing === undefined ? 'Created' : 'Replaced'} ${path} (${lineCount} ${lineCount === 1 ? 'line' : 'lines'}${keptCrlf ? ', CRLF line endings kept' : ''}).`,
  ];
  if (testFile) output.push(`Note: ${path} is a test file; this change is reported.`);
  return {
    path,
    isTestFile: testFile,
    created: existing === undefined,
    bytes: Buffer.byteLength(content, 'utf8'),
    output: output.join('\n'),
  };
}
