/**
 * Keeps one tool output from flooding the context: long output keeps its head and its
 * tail (errors tend to sit at the end) and gets a note in the middle saying exactly which
 * characters and lines were cut and how to read them.
 */

/** Default longest tool output the model reads, in characters. */
export const defaultMaxToolOutputCharacters = 16_000;

/** Says how to get the cut part; tools may give a more precise hint. */
export const defaultTruncationHint =
  'To read the cut part, call the tool again for a smaller piece (for example a line range or a narrower query).';

/** A possibly shortened output. */
export interface TruncatedOutput {
  readonly text: string;
  readonly truncated: boolean;
  /** Characters left out (0 when nothing was cut). */
  readonly cutCharacters: number;
}

const headShare = 0.75;
const lineSnapShare = 0.2;

/**
 * Returns `output` unchanged when it fits in `maxCharacters`; otherwise its first and last
 * characters (about three quarters head, one quarter tail, snapped to line ends when one
 * is near) with a note between them.
 */
export function truncateToolOutput(
  output: string,
  maxCharacters: number,
  hint: string = defaultTruncationHint,
): TruncatedOutput {
  if (output.length <= maxCharacters) return { text: output, truncated: false, cutCharacters: 0 };
  const headBudget = Math.floor(maxCharacters * headShare);
  const tailBudget = maxCharacters - headBudget;
  let headEnd = headBudget;
  const lastNewline = output.lastIndexOf('\n', headBudget - 1);
  if (lastNewline >= headBudget * (1 - lineSnapShare)) headEnd = lastNewline + 1;
  let tailStart = output.length - tailBudget;
  const nextNewline = output.indexOf('\n', tailStart);
  if (nextNewline !== -1 && nextNewline + 1 - tailStart <= tailBudget * lineSnapShare) {
    tailStart = nextNewline + 1;
  }
  headEnd = avoidSplitPair(output, headEnd);
  tailStart = avoidSplitPair(output, tailStart);
  const firstCutLine = lineAt(output, headEnd);
  const lastCutLine = lineAt(output, tailStart - 1);
  const totalLines = lineAt(output, output.length - 1);
  const cut = tailStart - headEnd;
  const note =
    `[output truncated: characters ${format(headEnd + 1)}-${format(tailStart)} ` +
    `(lines ${format(firstCutLine)}-${format(lastCutLine)}) of ${format(output.length)} characters ` +
    `(${format(totalLines)} lines) were cut. ${hint}]`;
  return {
    text: `${output.slice(0, headEnd).replace(/\n$/, '')}\n\n${note}\n\n${output.slice(tailStart)}`,
    truncated: true,
    cutCharacters: cut,
  };
}

/** Moves a cut that would fall between the halves of a surrogate pair one character back. */
function avoidSplitPair(text: string, index: number): number {
  const code = text.charCodeAt(index);
  return code >= 0xdc00 && code <= 0xdfff && index > 0 ? index - 1 : index;
}

/** 1-based line number of character `index`. */
function lineAt(text: string, index: number): number {
  let line = 1;
  let position = text.indexOf('\n');
  while (position !== -1 && position < index) {
    line += 1;
    position = text.indexOf('\n', position + 1);
  }
  return line;
}

function format(value: number): string {
  return value.toLocaleString('en-US');
}
