/**
 * Tests of the benchmark helpers whose mistakes would silently skew results:
 * results-file sections, the Markdown corpus builder, the synthetic chunk
 * generator, the query mix, the FTS5 baseline, CPU profile summaries, the median
 * run and CPU by thread.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { buildMarkdownCorpus } from '../../bench/corpus/build-markdown-corpus.js';
import { compositionOf, walkFiles } from '../../bench/corpus/corpus-files.js';
import { summarizeCpuProfile } from '../../bench/lib/cpu-profile-summary.js';
import { freeTextMatch, openFts5Baseline } from '../../bench/lib/fts5-baseline.js';
import { type CorpusResult, medianRun, threadCpuLines } from '../../bench/lib/ingest-report.js';
import type { KnowledgeBaseRun } from '../../bench/lib/ingest-workers.js';
import type { Passage } from '../../bench/lib/passage-pool.js';
import { buildQueryMix, fixedIdentifierQueries } from '../../bench/lib/query-mix.js';
import { writeResultsSection } from '../../bench/lib/results-file.js';
import { SyntheticChunkSource } from '../../bench/lib/synthetic-chunks.js';
import { cpuSecondsOfStat, type ThreadCpu, ThreadCpuSampler } from '../../bench/lib/thread-cpu.js';

const folders: string[] = [];
function temporaryFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), 'bench-helpers-'));
  folders.push(folder);
  return folder;
}
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

const pool: Passage[] = Array.from({ length: 50 }, (_, index) => ({
  title: `Page ${index}`,
  headingPath: [`Guide ${index % 5}`, `\\_private\\_name ${index}`],
  text: Array.from(
    { length: 6 },
    (_, line) => `Line ${line} of passage ${index} calls readFileSync and helper_${index}.`,
  ).join('\n'),
  language: 'markdown',
  kind: 'text',
}));

describe('writeResultsSection', () => {
  it('appends a new section and replaces only its own section later', () => {
    const path = join(temporaryFolder(), 'RESULTS.md');
    writeFileSync(
      path,
      '# Results\n\n<!-- results:other:start -->\nkept\n<!-- results:other:end -->\n',
    );
    writeResultsSection('mine', 'first', path);
    writeResultsSection('mine', 'second', path);
    const text = readFileSync(path, 'utf8');
    expect(text).toContain('kept');
    expect(text).toContain('second');
    expect(text).not.toContain('first');
    expect(text.match(/results:mine:start/g)).toHaveLength(1);
  });
});

describe('buildMarkdownCorpus', () => {
  it('copies Markdown, converts HTML once, skips HTML rendered from Markdown, until the size is reached', () => {
    const root = temporaryFolder();
    const source = join(root, 'source');
    mkdirSync(join(source, 'docs'), { recursive: true });
    writeFileSync(join(source, 'docs', 'a.md'), '# A\n\n' + 'text '.repeat(200));
    writeFileSync(join(source, 'docs', 'a.html'), '<h1>A</h1><p>rendered from a.md</p>');
    writeFileSync(
      join(source, 'docs', 'manual.html'),
      '<html><head><title>Manual</title></head><body><p>Only in HTML.</p></body></html>',
    );
    writeFileSync(join(source, 'docs', 'notes.txt'), 'plain text is not part of it');
    const corpus = buildMarkdownCorpus({
      sources: [{ label: 'pack', root: source }],
      target: join(root, 'markdown'),
      minimumBytes: 3_000,
    });
    expect(corpus).toMatchObject({ distinctFiles: 2, convertedFiles: 1 });
    expect(corpus.copies).toBe(Math.ceil(3_000 / corpus.distinctBytes));
    const files = walkFiles(join(root, 'markdown'));
    expect(files).toHaveLength(2 * corpus.copies);
    expect(new Set(files).size).toBe(files.length);
    expect(compositionOf(files)).toEqual([
      { kind: '.md', files: 2 * corpus.copies, bytes: corpus.bytes },
    ]);
    const converted = readFileSync(
      join(root, 'markdown', 'copy-01', 'pack', 'docs', 'manual.html.md'),
      'utf8',
    );
    expect(converted).toBe('# Manual\n\nOnly in HTML.\n');
    expect(corpus.convertedBytes).toBe(Buffer.byteLength(converted));
  });

  it('refuses to build from sources without Markdown', () => {
    const root = temporaryFolder();
    expect(() =>
      buildMarkdownCorpus({
        sources: [{ label: 'x', root }],
        target: join(root, 'out'),
        minimumBytes: 10,
      }),
    ).toThrow(/no Markdown or HTML/);
  });
});

describe('SyntheticChunkSource', () => {
  it('is deterministic per seed and makes distinct, non-empty texts', () => {
    const first = new SyntheticChunkSource(pool, 3);
    const second = new SyntheticChunkSource(pool, 3);
    const texts = Array.from({ length: 200 }, () => first.next().text);
    expect(Array.from({ length: 200 }, () => second.next().text)).toEqual(texts);
    expect(texts.every((text) => text.length > 0)).toBe(true);
    expect(new Set(texts).size).toBeGreaterThan(150);
  });
});

describe('buildQueryMix', () => {
  it('has headings without Markdown escapes, identifiers and frequent-term queries', () => {
    const queries = buildQueryMix(pool, 5, 4);
    const headings = queries.filter((query) => query.kind === 'heading');
    expect(headings).toHaveLength(5);
    expect(headings.every((query) => !query.text.includes('\\'))).toBe(true);
    const identifiers = queries
      .filter((query) => query.kind === 'identifier')
      .map((query) => query.text);
    expect(identifiers).toEqual(expect.arrayContaining([...fixedIdentifierQueries]));
    expect(queries.some((query) => query.kind === 'frequent')).toBe(true);
  });
});

describe('FTS5 baseline', () => {
  it('ranks rows by bm25 and survives query punctuation', () => {
    const baseline = openFts5Baseline(join(temporaryFolder(), 'baseline.db'));
    baseline.insert('one', 'readFileSync reads a file');
    baseline.insertMany([
      ['two', 'nothing relevant here'],
      ['three', 'readFileSync readFileSync and more readFileSync'],
    ]);
    expect(baseline.search(freeTextMatch('readFileSync("x") OR'), 10)).toEqual(['three', 'one']);
    baseline.close();
    expect(freeTextMatch('!!')).toBe('');
  });
});

describe('summarizeCpuProfile', () => {
  it('splits self time by function and adds inclusive time under entry functions', () => {
    const path = join(temporaryFolder(), 'x.cpuprofile');
    const frame = (functionName: string) => ({ functionName, url: '', lineNumber: 0 });
    writeFileSync(
      path,
      JSON.stringify({
        nodes: [
          { id: 1, callFrame: frame('(root)'), children: [2] },
          { id: 2, callFrame: frame('writeDocument'), children: [3] },
          { id: 3, callFrame: frame('insertChunk') },
        ],
        samples: [2, 3, 3, 1],
        timeDeltas: [1000, 2000, 3000, 4000],
      }),
    );
    const summary = summarizeCpuProfile(path, ['writeDocument', 'absent']);
    expect(summary.totalMilliseconds).toBe(10);
    expect(summary.selfTime[0]).toEqual({ name: 'insertChunk', milliseconds: 5, share: 0.5 });
    expect(summary.inclusiveTime).toEqual([
      { name: 'writeDocument', milliseconds: 6, share: 0.6 },
      { name: 'absent', milliseconds: 0, share: 0 },
    ]);
  });
});

describe('medianRun', () => {
  it('picks the middle run by time and refuses an empty list', () => {
    const runs = [{ seconds: 3 }, { seconds: 1 }, { seconds: 2 }, { seconds: 9 }];
    expect(medianRun(runs, (run) => run.seconds)).toEqual({ seconds: 2 });
    expect(() => medianRun([], () => 0)).toThrow(/no runs/);
  });
});

describe('thread CPU', () => {
  it('reads user + system ticks after the command name, whatever it holds', () => {
    const fields = Array.from({ length: 20 }, (_, index) => String(index));
    fields[11] = '250'; // utime, field 14 of the line
    fields[12] = '50'; // stime, field 15
    expect(cpuSecondsOfStat(`4242 (node (worker) x) ${fields.join(' ')}`)).toBe(3);
  });

  it.runIf(process.platform === 'linux')(
    'puts CPU burnt on the calling thread there, not among the others',
    () => {
      const sampler = new ThreadCpuSampler(10);
      const until = process.cpuUsage();
      let spins = 0;
      while (process.cpuUsage(until).user < 200_000) spins += 1;
      const split = sampler.stop();
      expect(spins).toBeGreaterThan(0);
      expect(split?.callingThread).toBeGreaterThanOrEqual(0.1);
      expect(split?.otherThreads ?? Number.NaN).toBeLessThan(split?.callingThread ?? 0);
    },
  );

  it('reports the split of the median run per corpus, or says it is missing', () => {
    const run = (seconds: number, threadCpu: ThreadCpu | null) =>
      ({ seconds, threadCpu }) as unknown as KnowledgeBaseRun;
    const result = (name: string, runs: KnowledgeBaseRun[]) =>
      ({ name, knowledgeBase: runs }) as unknown as CorpusResult;
    const lines = threadCpuLines([
      result('markdown', [
        run(3, { callingThread: 9, otherThreads: 9 }),
        run(1, { callingThread: 1, otherThreads: 1 }),
        run(2, { callingThread: 4.5, otherThreads: 7.25 }),
      ]),
      result('mixed', [run(1, null)]),
    ]).split('\n');
    expect(lines[0]).toContain('markdown: CPU of the median first run by thread');
    expect(lines[0]).toContain('writing (calling) thread 4.50 s, other threads 7.25 s');
    expect(lines[1]).toBe('- mixed: CPU by thread not available (no /proc)');
  });
});
