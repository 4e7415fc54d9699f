/**
 * editFile: replaces one exact, unique occurrence of `oldText` (or every occurrence
 * with `replaceAll`). Exactness is the safety: a failed match changes nothing and tells
 * the model what the file really says. The file's line endings, byte order mark and
 * final line break are kept.
 */
import { ArchonError, ErrorCode } from '../../core/errors.js';
import { isTestFile } from '../workspace/test-file-patterns.js';
import {
  lineNumbersOf,
  noMatchMessage,
  numberedRange,
  severalMatchesMessage,
} from './edit-feedback.js';
import { type FileChange, type FileToolContext, limitsOf } from './file-tool-context.js';
import { detectLineEndings, endsWithLineBreak, toCrlf, toLf } from './line-endings.js';
import { readTextFile, splitLines } from './text-file.js';
import { toWorkspacePath, workspaceRoot } from './workspace-paths.js';

export interface EditFileInput {
  readonly path: string;
  /** Exact text to replace, including indentation. */
  readonly oldText: string;
  readonly newText: string;
  /** Replace every occurrence instead of requiring exactly one. */
  readonly replaceAll?: boolean;
}

export interface EditFileResult extends FileChange {
  readonly replacements: number;
  /** 1-based line where the first replacement starts. */
  readonly firstLine: number;
  readonly output: string;
}

const byteOrderMark = '\uFEFF';

/** Edits a file; see the module header. */
export async function editFile(
  context: FileToolContext,
  input: EditFileInput,
): Promise<EditFileResult> {
  if (input.oldText === '') {
    throw new ArchonError(
      ErrorCode.InvalidInput,
      'oldText is empty; to create or replace a whole file use writeFile.',
    );
  }
  if (input.oldText === input.newText) {
    throw new ArchonError(
      ErrorCode.InvalidInput,
      'newText is the same as oldText; nothing would change.',
    );
  }
  const limits = limitsOf(context);
  const root = await workspaceRoot(context.workspace);
  const absolute = await context.guard.resolveForWrite(input.path);
  const path = toWorkspacePath(root, absolute);
  const file = await readTextFile(absolute, path, limits.maxFileBytes);
  if (file.cut) {
    throw new ArchonError(
      ErrorCode.InvalidInput,
      `${path} is ${file.size} bytes, over the ${limits.maxFileBytes}-byte edit limit.`,
    );
  }
  const style = detectLineEndings(file.text);
  const text = style === 'crlf' ? toLf(file.text) : file.text;
  const { oldText, newText } = matchingForms(text, style, input);
  const offsets = occurrences(text, oldText);
  if (offsets.length === 0) {
    throw new ArchonError(ErrorCode.InvalidInput, noMatchMessage(path, text, oldText), {
      details: { path, reason: 'no-match' },
    });
  }
  if (offsets.length > 1 && input.replaceAll !== true) {
    throw new ArchonError(
      ErrorCode.InvalidInput,
      severalMatchesMessage(path, text, offsets, oldText),
      {
        details: { path, reason: 'several-matches', matches: offsets.length },
      },
    );
  }
  let edited = text.split(oldText).join(newText);
  if (endsWithLineBreak(text) && edited !== '' && !endsWithLineBreak(edited)) edited += '\n';
  if (style === 'crlf') edited = toCrlf(edited);
  await context.guard.writeFile(
    input.path,
    file.hasByteOrderMark ? byteOrderMark + edited : edited,
  );

  const [firstLine = 1] = lineNumbersOf(text, offsets);
  const testFile = isTestFile(path);
  context.onFileChange?.({ path, isTestFile: testFile, created: false });
  return {
    path,
    isTestFile: testFile,
    created: false,
    replacements: offsets.length,
    firstLine,
    output: describe(
      path,
      offsets.length,
      firstLine,
      toLf(edited),
      splitLines(newText).length,
      testFile,
    ),
  };
}

/**
 * The forms of oldText/newText to use against the file's text. A CRLF file is matched
 * in LF form; otherwise the text as written is tried first, then with its line breaks
 * switched, so a model that copied `\r\n` (or dropped it) still matches.
 */
function matchingForms(
  text: string,
  style: string,
  input: EditFileInput,
): { oldText: string; newText: string } {
  if (style === 'crlf') return { oldText: toLf(input.oldText), newText: toLf(input.newText) };
  if (text.includes(input.oldText)) return input;
  const lf = toLf(input.oldText);
  if (lf !== input.oldText && text.includes(lf))
    return { oldText: lf, newText: toLf(input.newText) };
  const crlf = toCrlf(input.oldText);
  if (crlf !== input.oldText && text.includes(crlf))
    return { oldText: crlf, newText: toCrlf(input.newText) };
  return input;
}

function occurrences(text: string, needle: string): number[] {
  const offsets: number[] = [];
  for (
    let index = text.indexOf(needle);
    index !== -1;
    index = text.indexOf(needle, index + needle.length)
  ) {
    offsets.push(index);
  }
  return offsets;
}

function describe(
  path: string,
  count: number,
  firstLine: number,
  edited: string,
  newLineCount: number,
  testFile: boolean,
): string {
  const lines = [
    count === 1
      ? `Edited ${path}: replaced 1 occurrence at line ${firstLine}.`
      : `Edited ${path}: replaced ${count} occurrences, the first at line ${firstLine}.`,
  ];
  if (count === 1) {
    const editedLines = splitLines(edited);
    const first = Math.max(1, firstLine - 2);
    const last = Math.min(editedLines.length, firstLine + Math.max(newLineCount, 1) + 1);
    if (last >= first) lines.push(numberedRange(editedLines, first, last, 14));
  }
  if (testFile) lines.push(`Note: ${path} is a test file; this change is reported.`);
  return lines.join('\n');
}
