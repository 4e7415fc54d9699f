import { describe, expect, it } from 'vitest';

import { extractMarkdownLinks, llmsTxtKind } from './llms-txt-reader.js';

describe('extractMarkdownLinks', () => {
  it('finds inline links and autolinks in order, resolved and deduplicated, images excluded', () => {
    const markdown = [
      '# Title',
      '- [Guide](/docs/guide.md): the guide',
      '- [Escaped \\] bracket](api.md "API title")',
      '- ![logo](/logo.png)',
      'See <https://other.example/x> and [again](/docs/guide.md) and [angle](<spaced.md>).',
      '[broken](http://[x) [mail](mailto:a@b.c)',
    ].join('\n');
    expect(extractMarkdownLinks(markdown, 'https://example.com/docs/llms.txt')).toEqual([
      'https://example.com/docs/guide.md',
      'https://example.com/docs/api.md',
      'https://other.example/x',
      'https://example.com/docs/spaced.md',
      'mailto:a@b.c',
    ]);
  });

  it('returns nothing for text without links', () => {
    expect(extractMarkdownLinks('plain [not a link] (nor this)', 'https://example.com/')).toEqual(
      [],
    );
  });
});

describe('llmsTxtKind', () => {
  it('tells llms.txt from llms-full.txt by the last path segment', () => {
    expect(llmsTxtKind('https://example.com/llms.txt')).toBe('index');
    expect(llmsTxtKind('https://example.com/docs/LLMS-FULL.txt')).toBe('full');
    expect(llmsTxtKind('https://example.com/llms.txt/x')).toBeNull();
    expect(llmsTxtKind('https://example.com/')).toBeNull();
  });
});
