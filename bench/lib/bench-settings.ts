/**
 * Settings for a benchmark knowledge base: a fresh temporary ARCHON_HOME, the
 * offline hashing embedder and no built-in knowledge pack, built through the
 * real `loadSettings` so defaults match what users get.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { loadSettings } from '../../src/config/load-settings.js';
import type { Settings } from '../../src/config/settings-schema.js';

/** A temporary home and the settings that point at it. */
export interface BenchHome {
  readonly home: string;
  readonly settings: Settings;
  /** Deletes the home and everything in it. */
  remove(): void;
}

/** Bench settings for the knowledge base under `home`: offline embedder, no pack. */
export function benchSettings(home: string): Settings {
  const loaded = loadSettings({ ARCHON_HOME: home, ARCHON_EMBEDDING: 'hash' }, { home });
  return { ...loaded, knowledgePack: false };
}

/** Creates an empty temporary ARCHON_HOME (`prefix` names it) with bench settings. */
export function createBenchHome(prefix: string): BenchHome {
  const home = mkdtempSync(join(tmpdir(), `archon-bench-${prefix}-`));
  const settings = benchSettings(home);
  return { home, settings, remove: () => rmSync(home, { recursive: true, force: true }) };
}
