/**
 * Cuts explanatory text down to a token budget at a word boundary, keeping either its
 * beginning (a doc comment's summary) or its end (the sentence just before a code block).
 */

import { estimateTokens } from './token-estimate.js';

/** Budget for the context of a code chunk, in estimated tokens. */
export const CONTEXT_TOKENS = 120;

/**
 * `text` within `budget` tokens, cut at whitespace, keeping its head or its tail.
 * `knownTokens` spares the count when the caller has it.
 */
export function truncateToTokens(
  text: string,
  budget: number,
  keep: 'head' | 'tail',
  knownTokens = estimateTokens(text),
): string {
  let tokens = knownTokens;
  let result = text;
  while (tokens > budget && result.length > 0) {
    const keepLength = Math.floor(((result.length * budget) / tokens) * 0.9);
    if (keep === 'head') {
      const cut = result.lastIndexOf(' ', keepLength);
      result = result.slice(0, cut > 0 ? cut : keepLength).trimEnd();
    } else {
      const from = result.length - keepLength;
      const cut = result.indexOf(' ', from);
      result = result.slice(cut >= 0 && cut < result.length - 1 ? cut + 1 : from).trimStart();
    }
    tokens = estimateTokens(result);
  }
  return result;
}
