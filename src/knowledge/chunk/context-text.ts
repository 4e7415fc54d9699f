/**
 * Cuts explanatory text down to a token budget at a word boundary, keeping either its
 * beginning (a doc comment's summary) or its end (the sentence just before a code
 * block). Works on offsets into the document, never on new strings: estimating only
 * the document's own string keeps the estimator's optimised code on its fast path.
 */

import { isWhitespace } from './line-index.js';
import { estimateTokensInRange } from './token-estimate.js';

/** Budget for the context of a code chunk, in estimated tokens. */
export const CONTEXT_TOKENS = 120;

/**
 * The part of `text[start, end)` within `budget` tokens, cut at whitespace, keeping
 * its head or its tail, as offsets. `knownTokens` spares the first count.
 */
export function truncateRange(
  text: string,
  start: number,
  end: number,
  budget: number,
  keep: 'head' | 'tail',
  knownTokens = estimateTokensInRange(text, start, end),
): [number, number] {
  let tokens = knownTokens;
  let from = start;
  let to = end;
  while (tokens > budget && from < to) {
    const keepLength = Math.floor((((to - from) * budget) / tokens) * 0.9);
    if (keep === 'head') {
      let cut = from + keepLength;
      while (cut > from && !isWhitespace(text.charCodeAt(cut))) cut--;
      to = cut > from ? cut : from + keepLength;
      while (to > from && isWhitespace(text.charCodeAt(to - 1))) to--;
    } else {
      let cut = to - keepLength;
      while (cut < to && !isWhitespace(text.charCodeAt(cut - 1))) cut++;
      from = cut < to ? cut : to - keepLength;
      while (from < to && isWhitespace(text.charCodeAt(from))) from++;
    }
    tokens = estimateTokensInRange(text, from, to);
  }
  return [from, to];
}
