import { describe, expect, it } from 'vitest';

import type { ChunkDraft } from '../../core/knowledge-types.js';
import { chunkDocument, type ChunkOptions } from './chunk-document.js';
import { describeChunkProblems } from './chunk-invariants.js';

function markdown(text: string, options: ChunkOptions = {}): ChunkDraft[] {
  const chunks = chunkDocument(
    { text, format: 'markdown', language: 'markdown', title: 'Doc' },
    options,
  );
  expect(describeChunkProblems(text, chunks, options.maxTokens ?? 700)).toEqual([]);
  return chunks;
}

const textChunks = (chunks: ChunkDraft[]): ChunkDraft[] =>
  chunks.filter((chunk) => chunk.kind === 'text');
const codeChunks = (chunks: ChunkDraft[]): ChunkDraft[] =>
  chunks.filter((chunk) => chunk.kind === 'code');

function sentences(count: number, prefix = 'Sentence'): string {
  return Array.from(
    { length: count },
    (_, index) => `${prefix} ${index} explains one more detail of the retry policy.`,
  ).join(' ');
}

/** Four sections of a few words each, three heading levels. */
const shortGuide = [
  '# Guide',
  '',
  'Intro text.',
  '',
  '## Install',
  '',
  'Run it.',
  '',
  '### Linux',
  '',
  'Use apt.',
  '',
  '## Usage',
  '',
  'Call it.',
].join('\n');

describe('chunkDocument on Markdown: sections', () => {
  it('splits along headings and records the breadcrumb of each chunk', () => {
    const text = shortGuide;
    const chunks = markdown(text, { mergeSectionsBelow: 0 });
    expect(chunks.map((chunk) => chunk.headingPath)).toEqual([
      ['Guide'],
      ['Guide', 'Install'],
      ['Guide', 'Install', 'Linux'],
      ['Guide', 'Usage'],
    ]);
    expect(chunks.map((chunk) => [chunk.startLine, chunk.endLine])).toEqual([
      [1, 3],
      [5, 7],
      [9, 11],
      [13, 15],
    ]);
    expect(chunks[1]?.text).toBe('## Install\n\nRun it.');
    expect(chunks.every((chunk) => chunk.language === 'markdown' && chunk.context === '')).toBe(
      true,
    );
  });

  it('carries a heading with no body of its own into the next section', () => {
    const chunks = markdown('# Guide\n\n## Intro\n\nFirst words.\n\n## Empty\n', {
      mergeSectionsBelow: 0,
    });
    expect(chunks.map((chunk) => chunk.text)).toEqual([
      '# Guide\n\n## Intro\n\nFirst words.',
      '## Empty',
    ]);
    expect(chunks[0]?.headingPath).toEqual(['Guide', 'Intro']);
    expect(chunks[1]?.headingPath).toEqual(['Guide', 'Empty']);
  });

  it('gives text before the first heading an empty breadcrumb', () => {
    const chunks = markdown('Preface line.\n\n# Title\n\nBody.', { mergeSectionsBelow: 0 });
    expect(chunks.map((chunk) => chunk.headingPath)).toEqual([[], ['Title']]);
  });

  it('reads setext headings, but not a rule under a list', () => {
    const text = [
      'Title',
      '=====',
      '',
      'Body.',
      '',
      'Sub',
      '---',
      '',
      '- one',
      '- two',
      '---',
      '',
      'After.',
    ].join('\n');
    const chunks = markdown(text, { mergeSectionsBelow: 0 });
    expect(chunks.map((chunk) => chunk.headingPath)).toEqual([['Title'], ['Title', 'Sub']]);
    expect(chunks[1]?.text).toContain('- two\n---\n\nAfter.');
  });

  it('merges consecutive short sections while the run stays within the target', () => {
    const text = shortGuide;
    const chunks = markdown(text);
    expect(chunks).toHaveLength(1);
    expect(chunks[0]?.text).toBe(text);
    expect(chunks[0]?.headingPath).toEqual(['Guide']);
    expect([chunks[0]?.startLine, chunks[0]?.endLine]).toEqual([1, 15]);
  });

  it('keeps the heading path the merged sections share, and stops at the target', () => {
    const long = sentences(20, 'Long');
    const text = [
      '# API',
      '',
      '## alloc',
      '',
      'Allocates.',
      '',
      '## concat',
      '',
      'Joins.',
      '',
      '## from',
      '',
      long,
      '',
      '## slice',
      '',
      'Cuts.',
    ].join('\n');
    const chunks = markdown(text, { targetTokens: 200 });
    expect(chunks.map((chunk) => chunk.headingPath)).toEqual([
      ['API'],
      ['API', 'from'],
      ['API', 'slice'],
    ]);
    expect(chunks[0]?.text).toContain('## concat\n\nJoins.');
    expect(chunks[1]?.text.startsWith('## from')).toBe(true);
  });

  it('does not merge a section into a run already half the target long', () => {
    const text = ['# One', '', sentences(18), '', '# Two', '', 'Short.'].join('\n');
    const chunks = markdown(text, { targetTokens: 380 });
    expect(markdown(text, { targetTokens: 380, mergeSectionsBelow: 380 })).toHaveLength(1);
    expect(chunks.map((chunk) => chunk.headingPath)).toEqual([['One'], ['Two']]);
  });

  it('does not read a rule under a numbered list, quote or table as a setext underline', () => {
    for (const container of ['1. first', '2) second', '> quoted', '| a | b |', '* starred']) {
      const chunks = markdown(`# Top\n\n${container}\n---\n\nAfter.`);
      expect(chunks.map((chunk) => chunk.headingPath)).toEqual([['Top']]);
    }
    expect(markdown('12 monkeys\n---\n\nText.')[0]?.headingPath).toEqual(['12 monkeys']);
  });

  it('cleans inline markup and closing hashes out of heading titles', () => {
    const chunks = markdown('## The `chunkDocument()` [API](./api.md) and **options** ##\n\nText.');
    expect(chunks[0]?.headingPath).toEqual(['The chunkDocument() API and options']);
  });

  it('only takes 1 to 6 hashes followed by a space as a heading', () => {
    const chunks = markdown('#hashtag\n\n####### seven\n\n    # indented code\n\nText.');
    expect(chunks).toHaveLength(1);
    expect(chunks[0]?.headingPath).toEqual([]);
  });

  it('skips YAML and TOML front matter but keeps line numbers of the original', () => {
    const yaml = markdown('---\ntitle: Hidden\ntags: [a]\n---\n\n# Shown\n\nBody.');
    expect(yaml).toHaveLength(1);
    expect(yaml[0]?.text).not.toContain('Hidden');
    expect(yaml[0]?.startLine).toBe(6);
    const toml = markdown('+++\ntitle = "Hidden"\n+++\nBody.');
    expect(toml[0]?.text).toBe('Body.');
    const dots = markdown('---\ntitle: x\n...\nBody.');
    expect(dots[0]?.text).toBe('Body.');
  });

  it('treats an unclosed front matter opener as text', () => {
    const chunks = markdown('---\nnot front matter\n\nMore.');
    expect(chunks[0]?.text).toContain('not front matter');
  });

  it('accepts CRLF input and keeps line numbers', () => {
    const chunks = chunkDocument(
      {
        text: '# A\r\n\r\nFirst.\r\n\r\n# B\r\n\r\nSecond.\r\n',
        format: 'markdown',
        language: 'markdown',
        title: '',
      },
      { mergeSectionsBelow: 0 },
    );
    expect(chunks.map((chunk) => [chunk.text, chunk.startLine, chunk.endLine])).toEqual([
      ['# A\n\nFirst.', 1, 3],
      ['# B\n\nSecond.', 5, 7],
    ]);
  });

  it('returns no chunks for empty or blank input', () => {
    expect(markdown('')).toEqual([]);
    expect(markdown(' \n\n\t\n')).toEqual([]);
    expect(markdown('---\ntitle: only front matter\n---\n')).toEqual([]);
  });

  it('packs small blocks up to the target and starts a new chunk after it', () => {
    const paragraphs = Array.from({ length: 12 }, (_, index) => sentences(3, `Paragraph ${index}`));
    const chunks = markdown(`# Notes\n\n${paragraphs.join('\n\n')}`, {
      targetTokens: 100,
      maxTokens: 200,
    });
    expect(chunks.length).toBeGreaterThan(3);
    for (const chunk of chunks) {
      expect(chunk.headingPath).toEqual(['Notes']);
      expect(chunk.tokenCount).toBeLessThanOrEqual(200);
    }
    expect(chunks[0]?.text.startsWith('# Notes\n\nParagraph 0')).toBe(true);
  });
});

describe('chunkDocument on Markdown: code blocks', () => {
  it('never cuts inside a fence that fits, and ignores headings inside fences', () => {
    const text = [
      '# Setup',
      '',
      'Install:',
      '',
      '```bash',
      '# not a heading',
      'npm install archon',
      '```',
      '',
      'Done.',
    ].join('\n');
    const chunks = markdown(text);
    expect(textChunks(chunks)).toHaveLength(1);
    expect(textChunks(chunks)[0]?.text).toBe(text);
  });

  it('keeps a ``` fence inside a ~~~ fence as code', () => {
    const text = [
      '## Nesting',
      '',
      'Write this:',
      '',
      '~~~~markdown',
      '```js',
      'console.log(1);',
      '```',
      '# still code',
      '~~~~',
      '',
      'After.',
    ].join('\n');
    const chunks = markdown(text);
    expect(textChunks(chunks)).toHaveLength(1);
    const [example] = codeChunks(chunks);
    expect(example?.text).toBe('```js\nconsole.log(1);\n```\n# still code');
    expect(example?.language).toBe('markdown');
    expect([example?.startLine, example?.endLine]).toEqual([6, 9]);
  });

  it('runs an unterminated fence to the end of the document', () => {
    const text = [
      '# Broken',
      '',
      'Example:',
      '',
      '```python',
      'def run():',
      '    return 1',
      '',
      '# comment, not heading',
    ].join('\n');
    const chunks = markdown(text);
    expect(textChunks(chunks).map((chunk) => chunk.headingPath)).toEqual([['Broken']]);
    const [example] = codeChunks(chunks);
    expect(example?.text).toBe('def run():\n    return 1\n\n# comment, not heading');
    expect(example?.endLine).toBe(9);
  });

  it('splits a huge code block at line boundaries into valid fenced pieces', () => {
    const body = Array.from(
      { length: 120 },
      (_, index) => `  const value${index} = compute(${index}, options.retryCount);`,
    );
    const text = ['# Big', '', 'The whole file:', '', '```ts', ...body, '```', '', 'End.'].join(
      '\n',
    );
    const chunks = markdown(text, { targetTokens: 120, maxTokens: 240 });
    const pieces = textChunks(chunks).filter((chunk) => chunk.text.includes('const value'));
    expect(pieces.length).toBeGreaterThan(3);
    for (const piece of pieces) {
      const fenced = piece.text.slice(piece.text.indexOf('```ts'));
      expect(fenced.startsWith('```ts\n')).toBe(true);
      expect(fenced.trimEnd().endsWith('\n```') || piece.text.endsWith('```\n\nEnd.')).toBe(true);
      expect(fenced.split('```').length).toBe(3);
    }
    const examples = codeChunks(chunks);
    expect(examples.length).toBeGreaterThan(3);
    expect(examples.map((chunk) => chunk.text).join('\n')).toBe(body.join('\n'));
    expect(examples.every((chunk) => chunk.context === 'The whole file:')).toBe(true);
  });

  it('keeps the pieces of one huge line of code in separate valid fences', () => {
    for (const body of ['x'.repeat(5000), 'ab1,'.repeat(2000), 'word '.repeat(1000)]) {
      const pieces = textChunks(
        markdown(`\`\`\`\n${body}\n\`\`\``, { targetTokens: 64, maxTokens: 128 }),
      );
      expect(pieces.length).toBeGreaterThan(5);
      for (const piece of pieces) expect(piece.text).toMatch(/^```\n[^`]+\n```$/);
    }
  });

  it('counts a chunk exactly when cut word pieces share it with a split fence', () => {
    const body = Array.from(
      { length: 60 },
      (_, index) => `call(${index}, "value number ${index}");`,
    );
    for (const length of [1290, 1303, 1316, 2000]) {
      const text = ['q'.repeat(length), '', '```js', ...body, '```'].join('\n');
      expect(markdown(text, { targetTokens: 64, maxTokens: 128 }).length).toBeGreaterThan(4);
    }
  });

  it('closes every piece of a huge unterminated fence with a synthetic fence', () => {
    const body = Array.from(
      { length: 80 },
      (_, index) => `line ${index} of a log output that never ends`,
    );
    const chunks = markdown(['```', ...body].join('\n'), { targetTokens: 100, maxTokens: 200 });
    const pieces = textChunks(chunks);
    expect(pieces.length).toBeGreaterThan(2);
    for (const piece of pieces) {
      expect(piece.text.startsWith('```\n')).toBe(true);
      expect(piece.text.endsWith('\n```')).toBe(true);
    }
  });

  it('splits code without repeating fences when the fence lines are too long to repeat', () => {
    const info = `ts ${'title="a-very-long-attribute-value" '.repeat(12)}`;
    const body = Array.from(
      { length: 60 },
      (_, index) => `call(${index}, 'argument number ${index}');`,
    );
    const chunks = markdown(['```' + info, ...body, '```'].join('\n'), {
      targetTokens: 100,
      maxTokens: 200,
    });
    expect(textChunks(chunks).length).toBeGreaterThan(2);
  });

  it('attaches the explaining paragraph to a code example as context', () => {
    const text = [
      '## Usage',
      '',
      'Create a client first.',
      '',
      'To fetch a user, call `get` with its id:',
      '',
      '```ts',
      'const user = await client.get(id);',
      'console.log(user.name);',
      '```',
    ].join('\n');
    const [example] = codeChunks(markdown(text));
    expect(example).toMatchObject({
      kind: 'code',
      text: 'const user = await client.get(id);\nconsole.log(user.name);',
      headingPath: ['Usage'],
      startLine: 8,
      endLine: 9,
      language: 'typescript',
      context: 'Create a client first.\n\nTo fetch a user, call `get` with its id:',
    });
  });

  it('takes context from the paragraph after a code block with no prose before it', () => {
    const text = [
      '## Example',
      '',
      '```py',
      'import archon',
      'archon.run()',
      '```',
      '',
      'This starts the engine.',
      '',
      '```sh',
      'archon doctor',
      'archon ingest docs',
      '```',
    ].join('\n');
    const examples = codeChunks(markdown(text));
    expect(examples.map((example) => [example.language, example.context])).toEqual([
      ['python', 'This starts the engine.'],
      ['shell', 'This starts the engine.'],
    ]);
  });

  it('gives no context to a code block between a heading and another code block', () => {
    const text = ['## A', '', '```js', 'one\ntwo', '```', '```py', 'three\nfour', '```'].join('\n');
    expect(codeChunks(markdown(text)).map((example) => example.context)).toEqual(['', '']);
  });

  it('keeps the end of a long explanation, the part nearest the code', () => {
    const text = [
      sentences(40),
      '',
      'Finally run this:',
      '',
      '```bash',
      'archon ingest ./docs',
      'archon search retry',
      '```',
    ].join('\n');
    const [example] = codeChunks(markdown(text));
    expect(example?.context.endsWith('Finally run this:')).toBe(true);
    expect(example?.context.length).toBeLessThan(700);
  });

  it('keeps the start of a long explanation that follows the code', () => {
    const text = [
      '```bash',
      'archon ingest ./docs',
      'archon search retry',
      '```',
      '',
      `Start here. ${sentences(40)}`,
    ].join('\n');
    const [example] = codeChunks(markdown(text));
    expect(example?.context.startsWith('Start here.')).toBe(true);
    expect(example?.context.length).toBeLessThan(700);
  });

  it('skips trivial one-line code blocks but keeps long one-liners', () => {
    const text = [
      '```',
      'npm i archon',
      '```',
      '',
      '```js',
      'const result = await chunkDocument({ text, format: "markdown", language: "markdown", title });',
      '```',
      '',
      '```',
      '',
      '```',
    ].join('\n');
    const examples = codeChunks(markdown(text));
    expect(examples.map((example) => example.language)).toEqual(['javascript']);
  });

  it('makes adjacent fences of one language one example, fence lines included', () => {
    const text = [
      '## Read a file',
      '',
      'Both module systems:',
      '',
      '```mjs',
      "import { readFile } from 'node:fs/promises';",
      '```',
      '',
      '```cjs',
      "const { readFile } = require('node:fs/promises');",
      '```',
      '',
      '```python',
      "open('a').read()",
      'print(1)',
      '```',
    ].join('\n');
    const examples = codeChunks(markdown(text));
    expect(
      examples.map((example) => [example.language, example.startLine, example.endLine]),
    ).toEqual([
      ['javascript', 6, 10],
      ['python', 14, 15],
    ]);
    expect(examples[0]?.text).toBe(
      "import { readFile } from 'node:fs/promises';\n```\n\n```cjs\nconst { readFile } = require('node:fs/promises');",
    );
    expect(examples[0]?.context).toBe('Both module systems:');
  });

  it('keeps adjacent fences apart when together they pass the target', () => {
    const body = Array.from({ length: 30 }, (_, index) => `call${index}(argument, other);`);
    const text = ['```js', ...body, '```', '', '```js', ...body, '```'].join('\n');
    const examples = codeChunks(markdown(text, { targetTokens: 200 }));
    expect(examples).toHaveLength(2);
  });

  it('removes list indentation from code examples inside list items', () => {
    const text = [
      '1. Install:',
      '',
      '   ```bash',
      '   npm install archon',
      '     --save',
      '   ```',
    ].join('\n');
    const [example] = codeChunks(markdown(text));
    expect(example?.text).toBe('npm install archon\n  --save');
    expect([example?.startLine, example?.endLine]).toEqual([4, 5]);
  });

  it('normalises fence languages', () => {
    const fence = (info: string): string => `\`\`\`${info}\nfirst line\nsecond line\n\`\`\``;
    const text = ['ts', 'py', '{.sh}', 'yml', '', 'C#', 'js title="a.js"'].map(fence).join('\n\n');
    expect(codeChunks(markdown(text)).map((example) => example.language)).toEqual([
      'typescript',
      'python',
      'shell',
      'yaml',
      'text',
      'csharp',
      'javascript',
    ]);
  });

  it('orders code examples among text chunks by line with ordinals 0..n-1', () => {
    const text = [
      '# One',
      '',
      'Intro.',
      '',
      '```js',
      'a();\nb();',
      '```',
      '',
      '# Two',
      '',
      '```js',
      'c();\nd();',
      '```',
    ].join('\n');
    const chunks = markdown(text, { mergeSectionsBelow: 0 });
    expect(chunks.map((chunk) => [chunk.ordinal, chunk.kind, chunk.startLine])).toEqual([
      [0, 'text', 1],
      [1, 'code', 6],
      [2, 'text', 10],
      [3, 'code', 13],
    ]);
  });

  it('does not take inline code with backticks in its info string for a fence', () => {
    const chunks = markdown('``` not a fence ```\n\n# Heading\n\nText.', {
      mergeSectionsBelow: 0,
    });
    expect(codeChunks(chunks)).toEqual([]);
    expect(chunks.map((chunk) => chunk.headingPath)).toEqual([[], ['Heading']]);
  });
});

describe('chunkDocument on Markdown: oversized prose', () => {
  it('splits a huge paragraph at sentence boundaries within the maximum', () => {
    const chunks = markdown(`# Long\n\n${sentences(200)}`, { targetTokens: 100, maxTokens: 150 });
    expect(chunks.length).toBeGreaterThan(10);
    for (const chunk of chunks) {
      expect(chunk.text.endsWith('policy.')).toBe(true);
      expect(chunk.headingPath).toEqual(['Long']);
      expect(chunk.startLine).toBe(chunk.text.startsWith('#') ? 1 : 3);
    }
  });

  it('splits a huge list at line boundaries', () => {
    const items = Array.from(
      { length: 200 },
      (_, index) => `- item ${index} with a few words but no full stop`,
    );
    const chunks = markdown(items.join('\n'), { targetTokens: 64, maxTokens: 128 });
    expect(chunks.length).toBeGreaterThan(10);
    expect(chunks.every((chunk) => chunk.text.startsWith('- item'))).toBe(true);
    expect(chunks.map((chunk) => chunk.text).join('\n')).toBe(items.join('\n'));
  });

  it('splits a huge line without sentence marks at words, and a huge word anywhere', () => {
    const words = Array.from({ length: 900 }, (_, index) => `word${index}`).join(' ');
    const blob = 'QUJD'.repeat(3000);
    const chunks = markdown(`${words}\n\n${blob}`, { targetTokens: 64, maxTokens: 128 });
    expect(chunks.length).toBeGreaterThan(20);
    const withoutSpaces = (value: string): string => value.replace(/\s+/g, '');
    expect(
      chunks.map((chunk) => withoutSpaces(chunk.text)).join('') === withoutSpaces(words + blob),
    ).toBe(true);
  });

  it('counts pieces cut without whitespace between them exactly when they share a chunk', () => {
    const cjk = Array.from(
      { length: 800 },
      (_, index) => `日本語の文${'я'.repeat(index % 3)}。`,
    ).join('');
    for (const options of [{ targetTokens: 64, maxTokens: 128 }, {}]) {
      expect(markdown(`intro\n\n${cjk}\n\nend`, options).length).toBeGreaterThan(1);
    }
  });

  it('never splits a surrogate pair when cutting a huge run of emoji', () => {
    const chunks = markdown('🎉'.repeat(500), { targetTokens: 40, maxTokens: 60 });
    expect(chunks.length).toBeGreaterThan(5);
    for (const chunk of chunks) expect(chunk.text).toMatch(/^(🎉)+$/u);
  });
});
