import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { parseGoldenSet, readGoldenSet } from './golden-set.js';

describe('golden set', () => {
  it('parses JSON lines, skipping blanks and comments', () => {
    const queries = parseGoldenSet(
      '# comment\n{"query": "pool", "relevant": ["a.md"]}\n\n{"query": " cache ", "relevant": ["b.md", "c.md"]}\n',
    );
    expect(queries).toEqual([
      { line: 2, query: 'pool', relevant: ['a.md'] },
      { line: 4, query: 'cache', relevant: ['b.md', 'c.md'] },
    ]);
  });

  it('names the bad line', () => {
    expect(() => parseGoldenSet('{"query": "x", "relevant": ["a"]}\nnot json', 'g.jsonl')).toThrow(
      /g\.jsonl:2: not valid JSON/,
    );
    expect(() => parseGoldenSet('{"query": "", "relevant": ["a"]}')).toThrow(/:1: expected/);
    expect(() => parseGoldenSet('{"query": "x", "relevant": []}')).toThrow(/:1: expected/);
    expect(() => parseGoldenSet('\n# only comments\n')).toThrow(/no queries/);
  });

  it('reads a file and reports a missing one', () => {
    const directory = mkdtempSync(join(tmpdir(), 'archon-golden-'));
    const path = join(directory, 'golden.jsonl');
    writeFileSync(path, '{"query": "x", "relevant": ["a"]}\n');
    expect(readGoldenSet(path)).toHaveLength(1);
    expect(() => readGoldenSet(join(directory, 'missing.jsonl'))).toThrow(/golden set not found/);
  });
});
