import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { proseRunTokens } from './code-examples.js';
import { LineIndex } from './line-index.js';
import { scanMarkdownBlocks } from './markdown-blocks.js';
import { estimateTokensInRange } from './token-estimate.js';

/** Lines of prose with the whitespace the scanner and the estimator treat differently. */
const line = fc
  .array(fc.constantFrom(...'ab Z_9.,;( \t\f\v\ré日、'.split(''), 'word', 'getUserById', '🎉'), {
    maxLength: 12,
  })
  .map((pieces) => pieces.join(''));
const markdown = fc.array(line, { minLength: 1, maxLength: 12 }).map((lines) => lines.join('\n'));

describe('proseRunTokens', () => {
  it('equals counting the whole run of consecutive prose blocks', () => {
    fc.assert(
      fc.property(markdown, (text) => {
        const blocks = scanMarkdownBlocks(new LineIndex(text));
        const tokens = blocks.map((block) => estimateTokensInRange(text, block.start, block.end));
        for (let first = 0; first < blocks.length; first++) {
          let sum = 0;
          for (let last = first; last < blocks.length; last++) {
            if (blocks[last]!.kind !== 'prose') break;
            sum += tokens[last]!;
            const whole = estimateTokensInRange(text, blocks[first]!.start, blocks[last]!.end);
            expect(proseRunTokens(text, blocks, first, last, sum)).toBe(whole);
          }
        }
      }),
      { numRuns: 2000 },
    );
  });
});
