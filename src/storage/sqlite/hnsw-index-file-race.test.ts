/**
 * The fingerprint saveIndexFile returns must name the file it wrote, even when
 * another process renames its own file over the path right after this one's
 * rename: the database records that fingerprint as the saved file.
 */
import type * as fs from 'node:fs';
import { writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { fingerprintOf, saveIndexFile } from './hnsw-index-file.js';
import { loadUsearchFactory } from './sqlite-usearch-factory.js';

const race = vi.hoisted(() => ({ target: null as string | null }));

vi.mock('node:fs', async (importOriginal) => {
  const actual = await importOriginal<typeof fs>();
  return {
    ...actual,
    renameSync: (from: string, to: string) => {
      actual.renameSync(from, to);
      if (to !== race.target) return;
      race.target = null;
      const intruder = `${to}.intruder`;
      actual.writeFileSync(intruder, 'another process saved this file');
      actual.renameSync(intruder, to);
    },
  };
});

describe('HNSW index file saved while another process saves', () => {
  let directory: string;

  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'archon-hnsw-race-'));
  });
  afterEach(async () => {
    race.target = null;
    await rm(directory, { recursive: true, force: true });
  });

  it('returns the fingerprint of its own file, not of the one renamed over it', async () => {
    const factory = await loadUsearchFactory();
    const index = factory.create(4);
    index.add([1], [Float32Array.from([1, 0, 0, 0])]);
    const path = join(directory, 'a.hnsw');
    writeFileSync(path, 'an older file');
    race.target = path;
    const saved = saveIndexFile(index, path);
    expect(race.target).toBeNull();
    expect(saved).not.toBe(fingerprintOf(path));
    expect(saved).toMatch(/^\d+:\d+:\d+$/);
  });
});
