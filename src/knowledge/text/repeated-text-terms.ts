/**
 * Remembers the index terms of the last text it was asked about. The title of a
 * document is the same for every one of its chunks, and consecutive chunks usually
 * share their heading path, so tokenizing each field once per run of equal inputs
 * instead of once per chunk saves most of that work. The key is the exact input
 * string, so a hit returns what {@link tokenizeForIndex} would return.
 */

import { tokenizeForIndex } from './lexical-tokenizer.js';

/** {@link tokenizeForIndex} with a memory of one: the last input and its terms. */
export class RepeatedTextTerms {
  private lastText: string | null = null;
  private lastTerms = '';

  /** The index terms of `text`, reused when `text` equals the previous input. */
  termsOf(text: string): string {
    if (text !== this.lastText) {
      this.lastTerms = tokenizeForIndex(text);
      this.lastText = text;
    }
    return this.lastTerms;
  }
}
