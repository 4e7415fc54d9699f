/**
 * The HTML parser and converter are large CommonJS modules; an ingest thread that sees no
 * HTML must not pay for loading them. Checked in a fresh process, since this one may
 * have loaded them already for other tests.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

const fileLoader = fileURLToPath(new URL('../files/file-loader.ts', import.meta.url));
const converter = fileURLToPath(new URL('./html-to-markdown.ts', import.meta.url));

const script = `
import { createRequire } from 'node:module';
const loaded = () =>
  Object.keys(createRequire(import.meta.url).cache)
    .filter((path) => /[\\\\/](turndown|turndown-plugin-gfm|domino)[\\\\/]/.test(path)).length;
await import(${JSON.stringify(fileLoader)});
const { htmlToMarkdown } = await import(${JSON.stringify(converter)});
const before = loaded();
const { markdown } = htmlToMarkdown('<h1>Retries</h1><p>Back off <code>retry(3)</code>.</p>');
console.log(JSON.stringify({ before, after: loaded(), markdown }));
`;

describe('HTML modules', () => {
  it('load on the first page converted, not with the file loader', () => {
    const output = execFileSync(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '--eval', script],
      { encoding: 'utf8' },
    );
    const { before, after, markdown } = JSON.parse(output) as {
      before: number;
      after: number;
      markdown: string;
    };
    expect(before).toBe(0);
    expect(after).toBeGreaterThanOrEqual(3);
    expect(markdown).toContain('# Retries');
    expect(markdown).toContain('`retry(3)`');
  });
});
