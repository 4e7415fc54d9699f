import { describe, expect, it } from 'vitest';

import type { SearchResult } from '../knowledge/search/hybrid-search.js';
import { citationLocation, formatSearchResults } from './search-result-text.js';

function hit(overrides: Partial<SearchResult> = {}): SearchResult {
  return {
    chunkId: 7,
    kind: 'text',
    language: 'markdown',
    text: 'Use backoff with jitter.\n',
    context: '',
    score: 0.5,
    components: {},
    duplicates: 0,
    citation: {
      sourceId: 's1',
      sourceName: 'docs',
      documentId: 'd1',
      uri: 'docs/retry.md',
      title: 'Retries',
      headingPath: ['Retries', 'Backoff'],
      startLine: 3,
      endLine: 9,
    },
    ...overrides,
  };
}

describe('formatSearchResults', () => {
  it('says so when nothing matched', () => {
    expect(formatSearchResults('zebra', [])).toBe('No results for "zebra".');
  });

  it('gives each hit a citation line, then the passage', () => {
    const text = formatSearchResults('retry', [
      hit(),
      hit({ citation: { ...hit().citation, headingPath: [] } }),
    ]);
    expect(text).toBe(
      '[1] docs/retry.md:3-9 Retries > Backoff (source docs, document d1)\nUse backoff with jitter.\n\n' +
        '[2] docs/retry.md:3-9 (source docs, document d1)\nUse backoff with jitter.',
    );
    expect(citationLocation(hit())).toBe('docs/retry.md:3-9');
  });

  it('puts code in a fence after its explaining prose', () => {
    const code = hit({
      kind: 'code',
      language: 'typescript',
      context: 'Retry like so:',
      text: 'retry(fn);\n',
    });
    expect(formatSearchResults('q', [code])).toContain(
      'Retry like so:\n```typescript\nretry(fn);\n```',
    );
  });

  it('keeps a fence the chunk already has, and outgrows backticks inside the code', () => {
    const fenced = hit({ kind: 'code', text: '```js\nx()\n```' });
    expect(formatSearchResults('q', [fenced])).toMatch(/\)\n```js\nx\(\)\n```$/);
    const ticks = hit({ kind: 'code', language: 'text', text: 'echo ```' });
    expect(formatSearchResults('q', [ticks])).toMatch(/\)\n````\necho ```\n````$/);
  });
});
