/**
 * The shape every approximate-nearest-neighbour measurement reports in,
 * whichever engine or language produced it (the Python baselines print the
 * same JSON), plus the comparison at matched recall: for each engine, the
 * fastest setting that reaches a recall target.
 */
import { formatBytes } from './memory.js';

/** One search setting of an engine (e.g. one expansion / ef value). */
export interface AnnSetting {
  /** What was varied, e.g. `ef=64`. */
  readonly label: string;
  readonly queriesPerSecond: number;
  /** Mean recall@k against exact search. */
  readonly recall: number;
  readonly p50Milliseconds?: number;
  readonly p99Milliseconds?: number;
}

/** One engine (or one configuration of it) on one dataset. */
export interface AnnReport {
  readonly engine: string;
  /** NaN when not measured (e.g. a second view of the same build). */
  readonly buildSeconds: number;
  /** Resident memory the index added (RSS after minus before); NaN when not measured. */
  readonly memoryBytes: number;
  readonly settings: readonly AnnSetting[];
}

/** The fastest setting of `report` whose recall is at least `target`, if any. */
export function fastestAtRecall(report: AnnReport, target: number): AnnSetting | undefined {
  let best: AnnSetting | undefined;
  for (const setting of report.settings) {
    if (setting.recall < target) continue;
    if (best === undefined || setting.queriesPerSecond > best.queriesPerSecond) best = setting;
  }
  return best;
}

/** Table rows (engine, setting, build, memory, q/s, p50, p99, recall), one per setting. */
export function annTableRows(reports: readonly AnnReport[]): (string | number)[][] {
  return reports.flatMap((report) =>
    report.settings.map((setting, position) => [
      report.engine,
      setting.label,
      position === 0 && Number.isFinite(report.buildSeconds) ? report.buildSeconds.toFixed(1) : '',
      position === 0 && Number.isFinite(report.memoryBytes) ? formatBytes(report.memoryBytes) : '',
      Math.round(setting.queriesPerSecond),
      setting.p50Milliseconds === undefined ? '' : setting.p50Milliseconds.toFixed(3),
      setting.p99Milliseconds === undefined ? '' : setting.p99Milliseconds.toFixed(3),
      setting.recall.toFixed(4),
    ]),
  );
}

/** Headers matching {@link annTableRows}. */
export const annTableHeaders = [
  'engine',
  'setting',
  'build s',
  'memory',
  'queries/s',
  'p50 ms',
  'p99 ms',
  'recall@10',
] as const;

/**
 * Combines reports of several rounds: build facts from whichever report has
 * them, and for each setting the round with the most queries per second.
 * Engines keep the order in which they first appear.
 */
export function mergeRounds(reports: readonly AnnReport[]): AnnReport[] {
  const merged = new Map<
    string,
    { buildSeconds: number; memoryBytes: number; settings: Map<string, AnnSetting> }
  >();
  for (const report of reports) {
    let entry = merged.get(report.engine);
    if (entry === undefined) {
      entry = { buildSeconds: Number.NaN, memoryBytes: Number.NaN, settings: new Map() };
      merged.set(report.engine, entry);
    }
    if (Number.isFinite(report.buildSeconds ?? Number.NaN))
      entry.buildSeconds = report.buildSeconds;
    if (Number.isFinite(report.memoryBytes ?? Number.NaN)) entry.memoryBytes = report.memoryBytes;
    for (const setting of report.settings) {
      const previous = entry.settings.get(setting.label);
      if (previous === undefined || setting.queriesPerSecond > previous.queriesPerSecond) {
        entry.settings.set(setting.label, setting);
      }
    }
  }
  return [...merged].map(([engine, entry]) => ({
    engine,
    buildSeconds: entry.buildSeconds,
    memoryBytes: entry.memoryBytes,
    settings: [...entry.settings.values()],
  }));
}
