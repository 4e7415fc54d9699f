/**
 * The message that stands in for compacted turns. It is built from the transcript alone
 * (no model call): the tool calls made in the removed turns, in order, each with its
 * outcome, within a fixed size so the summary itself cannot grow without bound.
 */
import type { AgentMessage, ToolResultPart } from './agent-messages.js';
import { canonicalJson } from './loop-detector.js';
import { oneLine } from './text-preview.js';

/** Upper bound on the summary text, in characters. */
export const compactionSummaryMaxCharacters = 3000;

const argumentPreviewCharacters = 100;
const errorPreviewCharacters = 100;

/** The summary of `messages[from, to)` (the removed turns). */
export function compactionSummary(
  messages: readonly AgentMessage[],
  from: number,
  to: number,
): string {
  const results = new Map<string, ToolResultPart>();
  for (let index = from; index < to; index++) {
    const message = messages[index]!;
    if (message.role === 'tool') {
      for (const result of message.results) results.set(result.toolCallId, result);
    }
  }
  const lines: string[] = [];
  let notes = 0;
  for (let index = from; index < to; index++) {
    const message = messages[index]!;
    if (message.role === 'user') notes += 1;
    if (message.role !== 'assistant') continue;
    for (const part of message.parts) {
      if (part.type !== 'tool-call') continue;
      const outcome = describeOutcome(results.get(part.toolCallId));
      lines.push(
        `- ${part.toolName} ${oneLine(canonicalJson(part.input), argumentPreviewCharacters)} -> ${outcome}`,
      );
    }
  }
  const header =
    `[Earlier turns compacted by the runtime to stay within the context window: ${to - from} ` +
    `messages were removed (no model summarized them). ` +
    (lines.length === 0
      ? 'They made no tool calls.'
      : `Tool calls made in them, in order, with outcomes:`);
  const footer =
    (notes > 0 ? `(${notes} runtime notes to you were removed too.) ` : '') +
    'Call a tool again if you need its output.]';
  let budget = compactionSummaryMaxCharacters - header.length - footer.length - 80;
  const kept: string[] = [];
  for (let index = lines.length - 1; index >= 0; index--) {
    const line = lines[index]!;
    if (line.length + 1 > budget) break;
    budget -= line.length + 1;
    kept.push(line);
  }
  kept.reverse();
  const omitted = lines.length - kept.length;
  const omittedLine = omitted > 0 ? [`- (${omitted} earlier tool calls not listed)`] : [];
  return [header, ...omittedLine, ...kept, footer].join('\n');
}

function describeOutcome(result: ToolResultPart | undefined): string {
  if (result === undefined) return 'no result';
  if (!result.isError) return `ok (${result.output.length.toLocaleString('en-US')} characters)`;
  return `error: ${oneLine(result.output, errorPreviewCharacters)}`;
}
