/**
 * Overhead of the agent runtime (src/agent/) with a scripted model, so only our loop is
 * measured: time per step, 1,000 concurrent runs, and memory over 10,000 sequential runs.
 * Side by side, a bare loop drives the same FunctionModel and the same tool without the
 * runtime (no validation, budgets, events, loop detection or truncation). Each part runs
 * in its own Node.js process so its memory is its own.
 *
 *   node --import tsx bench/agent-overhead.ts [--runs 2000] [--concurrent 1000]
 *     [--sequential 10000] [--write-results]
 */ import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

import {
  agentOverheadReport,
  type ConcurrentRow,
  type MemoryRow,
  type StepRow,
} from './lib/agent-report.js';
import { type Engine, engines, scriptedModel } from './lib/agent-workload.js';
import { parsePositiveInteger } from './lib/cli-options.js';
import { formatLoadAverage } from './lib/load-average.js';
import { formatMachineInfo, machineInfo } from './lib/machine-info.js';
import { measureMemory, peakRssBytes } from './lib/memory.js';
import { mean, percentiles } from './lib/percentiles.js';
import { writeResultsSection } from './lib/results-file.js';
import { printWorkerResult, runWorker } from './lib/worker-process.js';

const script = fileURLToPath(import.meta.url);

/** Milliseconds per step over `runs` runs of `steps` steps, both engines interleaved. */
async function stepWorker(runs: number, stepCounts: readonly number[]): Promise<StepRow[]> {
  const rows: StepRow[] = [];
  for (const steps of stepCounts) {
    const model = scriptedModel(steps, false);
    const samples: Record<Engine, number[]> = { runtime: [], 'bare loop': [] };
    for (let round = 0; round < runs + 200; round++) {
      for (const engine of Object.keys(engines) as Engine[]) {
        const requestsBefore = model.requestCount;
        const started = performance.now();
        const outcome = await engines[engine](model);
        if (round >= 200) samples[engine].push((performance.now() - started) / steps);
        if (outcome !== 'completed' || model.requestCount - requestsBefore !== steps) {
          throw new Error(`${engine}: a run did not complete in ${steps} steps (${outcome})`);
        }
      }
    }
    for (const engine of Object.keys(engines) as Engine[]) {
      const [p50, p95, p99] = percentiles(samples[engine], [50, 95, 99]) as [
        number,
        number,
        number,
      ];
      rows.push({ engine, steps, p50, p95, p99, mean: mean(samples[engine]) });
    }
  }
  return rows;
}

/** `count` runs of 5 steps at once; the model yields on each call so runs interleave. */
async function concurrentWorker(engine: Engine, count: number): Promise<ConcurrentRow> {
  const model = scriptedModel(5, true);
  await Promise.all(Array.from({ length: 50 }, () => engines[engine](model)));
  const before = measureMemory();
  const started = performance.now();
  const outcomes = await Promise.all(Array.from({ length: count }, () => engines[engine](model)));
  const seconds = (performance.now() - started) / 1000;
  return {
    engine,
    runs: count,
    seconds,
    completed: outcomes.filter((outcome) => outcome === 'completed').length,
    heapGrowthBytes: measureMemory().heapUsedBytes - before.heapUsedBytes,
    peakRssBytes: peakRssBytes(),
  };
}

/** Heap and RSS (after a full GC) at checkpoints over `count` sequential 5-step runs. */
async function memoryWorker(engine: Engine, count: number): Promise<MemoryRow[]> {
  const model = scriptedModel(5, false);
  for (let run = 0; run < 200; run++) await engines[engine](model);
  const checkpoints = new Set([0, count / 10, count / 4, count / 2, count].map(Math.round));
  const rows: MemoryRow[] = [];
  for (let run = 0; run <= count; run++) {
    if (checkpoints.has(run)) {
      const reading = measureMemory();
      rows.push({
        engine,
        runs: run,
        heapBytes: reading.heapUsedBytes,
        rssBytes: reading.rssBytes,
      });
    }
    if (run < count) await engines[engine](model);
  }
  return rows;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      worker: { type: 'string' },
      engine: { type: 'string' },
      count: { type: 'string' },
      runs: { type: 'string', default: '2000' },
      concurrent: { type: 'string', default: '1000' },
      sequential: { type: 'string', default: '10000' },
      'write-results': { type: 'boolean', default: false },
      command: { type: 'string' },
    },
  });
  const runs = parsePositiveInteger(values.runs, 'runs');
  const engine = values.engine as Engine;
  if (values.worker === 'steps') return printWorkerResult(await stepWorker(runs, [10, 50]));
  if (values.worker === 'concurrent') {
    return printWorkerResult(
      await concurrentWorker(engine, parsePositiveInteger(values.count ?? '', 'count')),
    );
  }
  if (values.worker === 'memory') {
    return printWorkerResult(
      await memoryWorker(engine, parsePositiveInteger(values.count ?? '', 'count')),
    );
  }
  const concurrent = parsePositiveInteger(values.concurrent, 'concurrent');
  const sequential = parsePositiveInteger(values.sequential, 'sequential');
  const machine = formatMachineInfo(machineInfo());
  const loadBefore = formatLoadAverage();
  console.error(`agent: ${runs} runs of 10 and 50 steps per engine`);
  const stepRows = await runWorker<StepRow[]>(script, 'steps', ['--runs', String(runs)]);
  const concurrentRows: ConcurrentRow[] = [];
  const memoryRows: MemoryRow[] = [];
  for (const name of Object.keys(engines) as Engine[]) {
    console.error(`agent: ${concurrent} concurrent runs, ${name}`);
    concurrentRows.push(
      await runWorker<ConcurrentRow>(script, 'concurrent', [
        '--engine',
        name,
        '--count',
        String(concurrent),
      ]),
    );
    console.error(`agent: ${sequential} sequential runs for memory, ${name}`);
    memoryRows.push(
      ...(await runWorker<MemoryRow[]>(script, 'memory', [
        '--engine',
        name,
        '--count',
        String(sequential),
      ])),
    );
  }
  const command =
    values.command ??
    `node --import tsx bench/agent-overhead.ts ${process.argv.slice(2).join(' ')}`;
  const loadAverages = `${loadBefore} before, ${formatLoadAverage()} after`;
  const text = agentOverheadReport(
    stepRows,
    concurrentRows,
    memoryRows,
    runs,
    command.trim(),
    machine,
    loadAverages,
  );
  console.log(text);
  if (values['write-results']) writeResultsSection('agent-overhead', text);
}

await main();
