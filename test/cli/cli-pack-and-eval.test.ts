/**
 * The built-in engineering pack end to end: ingested on first use, checked by
 * `archon doctor`, and held to a retrieval-quality floor by `archon eval`.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import type { RetrievalReport } from '../../src/knowledge/eval/evaluate-retrieval.js';
import { createArchonRunner } from '../support/run-archon.js';

const golden = join(import.meta.dirname, '..', '..', 'knowledge-pack', 'golden.jsonl');

describe('engineering pack', () => {
  const archon = createArchonRunner({ withPack: true });

  it('is ingested on first search and passes doctor', async () => {
    const search = await archon.run(['search', 'readiness', 'probe', 'kubernetes', '--json']);
    expect(search.code).toBe(0);
    const results = search.json<{ results: { citation: { sourceName: string; uri: string } }[] }>()
      .results;
    expect(results[0]?.citation.sourceName).toBe('engineering-pack');
    expect(results[0]?.citation.uri).toMatch(/^knowledge-pack\//);

    const doctor = await archon.run(['doctor', '--json']);
    expect(doctor.code).toBe(0);
    const report = doctor.json<{ ok: boolean; checks: { name: string; ok: boolean }[] }>();
    expect(report.ok).toBe(true);
    expect(report.checks.map((check) => check.name)).toEqual([
      'settings',
      'store',
      'embedding model',
      'integrity',
      'knowledge pack',
      'search',
    ]);
    expect((await archon.run(['doctor'])).stdout).toMatch(/all checks passed/);
  });

  it('meets the retrieval floor on the golden set (recall@10 >= 0.85, MRR >= 0.7)', async () => {
    const run = await archon.run(['eval', golden, '-k', '10', '--json']);
    expect(run.code).toBe(0);
    const report = run.json<RetrievalReport>();
    expect(report.queries).toBeGreaterThanOrEqual(60);
    expect(report.recallAtK).toBeGreaterThanOrEqual(0.85);
    expect(report.mrr).toBeGreaterThanOrEqual(0.7);
    expect(report.ndcgAtK).toBeGreaterThan(0.6);
  });

  it('fails eval below a floor and on a bad golden file', async () => {
    const unreachable = join(mkdtempSync(join(tmpdir(), 'archon-eval-')), 'golden.jsonl');
    writeFileSync(
      unreachable,
      '{"query": "kubernetes readiness", "relevant": ["knowledge-pack/nothing/here.md"]}\n',
    );
    const below = await archon.run(['eval', unreachable, '--min-recall', '0.5']);
    expect(below.code).toBe(1);
    expect(below.stdout).toMatch(/missed \(recall 0\.00\)/);
    expect(below.stderr).toMatch(/below the floor 0\.5 \[QUALITY_BELOW_FLOOR\]/);
    const badFloor = await archon.run(['eval', unreachable, '--min-recall', '2']);
    expect(badFloor.code).toBe(2);
    const missing = await archon.run(['eval', '/no/such/golden.jsonl']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/golden set not found/);
  });

  it('reports a broken installation through doctor with exit code 1', async () => {
    const broken = createArchonRunner({ withPack: true });
    expect((await broken.run(['search', 'cache'])).code).toBe(0);
    const doctor = await broken.run(['doctor', '--json'], { ARCHON_EMBEDDING: 'hash:64' });
    expect(doctor.code).toBe(1);
    const report = doctor.json<{ checks: { name: string; ok: boolean; detail: string }[] }>();
    expect(report.checks.find((check) => check.name === 'embedding model')).toMatchObject({
      ok: false,
      detail: expect.stringMatching(/EMBEDDING_MISMATCH/),
    });
    expect((await broken.run(['doctor'], { ARCHON_EMBEDDING: 'hash:64' })).stdout).toMatch(
      /FAIL embedding model/,
    );
  });
});

describe('the archon binary', () => {
  it('runs as a real process and exits with the documented codes', () => {
    const home = mkdtempSync(join(tmpdir(), 'archon-bin-'));
    const binary = join(import.meta.dirname, '..', '..', 'bin', 'archon.js');
    const environment = { ...process.env, ARCHON_HOME: home };
    const sources = spawnSync(process.execPath, [binary, 'sources', '--json'], {
      env: environment,
      encoding: 'utf8',
    });
    expect(sources.stderr).toBe('');
    expect(sources.status).toBe(0);
    expect(JSON.parse(sources.stdout)).toEqual({ sources: [] });
    const bad = spawnSync(process.execPath, [binary, 'search', ''], {
      env: environment,
      encoding: 'utf8',
    });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/^archon: search query must not be empty \[INVALID_INPUT\]\n$/);
  });
});
