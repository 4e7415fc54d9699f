/**
 * Reads a provider's stream to the end and rebuilds the whole answer: text deltas
 * joined per text block, complete tool calls, usage and finish reason from the final
 * part. The runtime works on whole turns; streaming only changes how they travel.
 */
import type {
  LanguageModelV3Content,
  LanguageModelV3FinishReason,
  LanguageModelV3StreamPart,
  LanguageModelV3Usage,
} from '@ai-sdk/provider';

import type { ProviderResult } from './response-mapping.js';

/** A stream that ended with an `error` part; thrown with the part's error as cause. */
export class StreamErrorPart extends Error {
  override readonly name = 'StreamErrorPart';
}

/** The aggregated result; throws what the stream reported as an error. */
export async function collectStream(
  stream: ReadableStream<LanguageModelV3StreamPart>,
): Promise<ProviderResult> {
  const content: LanguageModelV3Content[] = [];
  const textBlocks = new Map<string, { type: 'text'; text: string }>();
  let usage: LanguageModelV3Usage | undefined;
  let finishReason: LanguageModelV3FinishReason | undefined;
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value: part } = await reader.read();
      if (done) break;
      switch (part.type) {
        case 'text-start':
        case 'text-delta': {
          let block = textBlocks.get(part.id);
          if (block === undefined) {
            block = { type: 'text', text: '' };
            textBlocks.set(part.id, block);
            content.push(block);
          }
          if (part.type === 'text-delta') block.text += part.delta;
          break;
        }
        case 'tool-call':
          content.push(part);
          break;
        case 'finish':
          usage = part.usage;
          finishReason = part.finishReason;
          break;
        case 'error':
          throw new StreamErrorPart(errorMessage(part.error), { cause: part.error });
        default:
          break;
      }
    }
  } catch (error) {
    // Stop the download; the answer is no use without its end.
    await reader.cancel(error).catch(() => undefined);
    throw error;
  } finally {
    reader.releaseLock();
  }
  return { content, usage, finishReason };
}

function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'object' && error !== null) {
    const message = (error as { message?: unknown }).message;
    if (typeof message === 'string') return message;
  }
  return typeof error === 'string' ? error : 'the stream reported an error';
}
