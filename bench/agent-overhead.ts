/**
 * Overhead of the agent runtime (src/agent/) with a scripted model, so only our loop is
 * measured: time per step, 1,000 concurrent runs, and memory over 10,000 sequential runs.
 * Side by side, a bare loop drives the same FunctionModel and the same tool without the
 * runtime (no validation, budgets, events, loop detection or truncation). Each part runs
 * in its own Node.js process so its memory is its own.
 *
 *   node --import tsx bench/agent-overhead.ts [--runs 2000] [--concurrent 1000]
 *     [--sequential 10000] [--write-results]
 */
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

import { z } from 'zod';

import type { AgentMessage, ToolResultPart } from '../src/agent/agent-messages.js';
import {
  Agent,
  defineTool,
  FunctionModel,
  type ModelRequest,
  type ScriptedTurn,
} from '../src/agent/index.js';
import { parsePositiveInteger } from './lib/cli-options.js';
import { formatTable } from './lib/format-table.js';
import { formatLoadAverage } from './lib/load-average.js';
import { formatMachineInfo, machineInfo } from './lib/machine-info.js';
import { measureMemory, peakRssBytes } from './lib/memory.js';
import { mean, percentiles } from './lib/percentiles.js';
import { writeResultsSection } from './lib/results-file.js';
import { printWorkerResult, runWorker } from './lib/worker-process.js';

const script = fileURLToPath(import.meta.url);
const system = 'You look things up, one key per step, then answer.';
const prompt = 'Look up the keys and report.';
const usage = { inputTokens: 100, outputTokens: 10 };

const lookup = defineTool({
  name: 'lookup',
  description: 'Looks up one key.',
  inputSchema: z.object({ key: z.string(), index: z.number().int() }),
  execute: (input) => `value of ${input.key} #${input.index}`,
});
const agent = new Agent({
  name: 'bench',
  instructions: system,
  tools: [lookup],
  maxSteps: Infinity,
});

/** A scripted model: `steps - 1` tool calls (each with new arguments), then text. */
function scriptedModel(steps: number, yieldEachCall: boolean): FunctionModel {
  return new FunctionModel(
    async (request): Promise<ScriptedTurn> => {
      if (yieldEachCall) await new Promise((resolve) => setImmediate(resolve));
      let turn = 0;
      for (const message of request.messages) if (message.role === 'assistant') turn += 1;
      if (turn + 1 >= steps) return { parts: [{ type: 'text', text: 'all found' }], usage };
      return {
        parts: [{ type: 'tool-call', toolName: 'lookup', input: { key: `k${turn}`, index: turn } }],
        usage,
      };
    },
    { recordCalls: false },
  );
}

/** The baseline: the same model and tool in a plain loop, with none of the runtime's rules. */
async function bareRun(model: FunctionModel): Promise<string> {
  const messages: AgentMessage[] = [{ role: 'user', content: prompt }];
  const tools = [lookup.definition];
  for (;;) {
    const request: ModelRequest = { system, messages: messages.slice(), tools };
    const response = await model.doGenerate(request);
    messages.push({ role: 'assistant', parts: response.parts });
    const results: ToolResultPart[] = [];
    for (const part of response.parts) {
      if (part.type !== 'tool-call') continue;
      const output = String(await lookup.execute(part.input, undefined as never));
      results.push({
        toolCallId: part.toolCallId,
        toolName: part.toolName,
        output,
        isError: false,
      });
    }
    if (results.length === 0) return 'completed';
    messages.push({ role: 'tool', results });
  }
}

async function runtimeRun(model: FunctionModel): Promise<string> {
  return (await agent.run(prompt, { model })).stopReason;
}

type Engine = 'runtime' | 'bare loop';
const engines: Record<Engine, (model: FunctionModel) => Promise<string>> = {
  runtime: runtimeRun,
  'bare loop': bareRun,
};

interface StepRow {
  engine: Engine;
  steps: number;
  p50: number;
  p95: number;
  p99: number;
  mean: number;
}

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

interface ConcurrentRow {
  engine: Engine;
  runs: number;
  seconds: number;
  completed: number;
  heapGrowthBytes: number;
  peakRssBytes: number;
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

interface MemoryRow {
  engine: Engine;
  runs: number;
  heapBytes: number;
  rssBytes: number;
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

const mebibytes = (bytes: number): string => (bytes / 1_048_576).toFixed(1);

function report(
  stepRows: readonly StepRow[],
  concurrentRows: readonly ConcurrentRow[],
  memoryRows: readonly MemoryRow[],
  runs: number,
  command: string,
  machine: string,
  loadAverages: string,
): string {
  const overheads = [...new Set(stepRows.map((row) => row.steps))].map((steps) => {
    const runtime = stepRows.find((row) => row.steps === steps && row.engine === 'runtime')!;
    const bare = stepRows.find((row) => row.steps === steps && row.engine === 'bare loop')!;
    return { steps, runtime, overhead: runtime.p50 - bare.p50 };
  });
  const growth = (engine: Engine): { heap: number; rss: number } => {
    const rows = memoryRows.filter((row) => row.engine === engine);
    return {
      heap: rows.at(-1)!.heapBytes - rows[0]!.heapBytes,
      rss: rows.at(-1)!.rssBytes - rows[0]!.rssBytes,
    };
  };
  const runtimeGrowth = growth('runtime');
  const concurrentRuntime = concurrentRows.find((row) => row.engine === 'runtime')!;
  const verdicts = [
    ...overheads.map(
      ({ steps, runtime, overhead }) =>
        `- ${steps}-step runs: runtime median ${runtime.p50.toFixed(3)} ms per step (${overhead.toFixed(3)} ms over the bare loop); ` +
        `target median < 1 ms ${runtime.p50 < 1 ? 'met' : 'NOT met'}.`,
    ),
    `- ${concurrentRuntime.runs.toLocaleString('en-US')} concurrent runs: ${concurrentRuntime.completed.toLocaleString('en-US')} completed in ` +
      `${concurrentRuntime.seconds.toFixed(2)} s (seed target: 100 runs under 10 s).`,
    `- Memory over ${memoryRows.at(-1)!.runs.toLocaleString('en-US')} sequential runs: heap ${mebibytes(runtimeGrowth.heap)} MiB, ` +
      `RSS ${mebibytes(runtimeGrowth.rss)} MiB growth; target < 50 MB ${Math.max(runtimeGrowth.heap, runtimeGrowth.rss) < 50_000_000 ? 'met' : 'NOT met'}.`,
  ];
  return [
    '## Agent runtime overhead',
    '',
    `Command: \`${command}\``,
    '',
    machine,
    `- Load average (1/5/15 min): ${loadAverages}`,
    '',
    'Workload: an agent with one zod-typed tool and a FunctionModel that calls it once per step with new',
    'arguments (so loop detection never fires), then answers in text; usage fixed at 100 input and 10 output',
    'tokens per request. "bare loop" sends the same requests to the same FunctionModel and runs the same',
    'tool without the runtime (no validation, budgets, events, loop detection, truncation or transcript).',
    `Per step = run time / steps, over ${runs.toLocaleString('en-US')} runs per row after 200 warm-up runs, the two`,
    'engines interleaved run by run. Wall clock, milliseconds.',
    '',
    formatTable(
      ['engine', 'steps per run', 'p50 ms/step', 'p95 ms/step', 'p99 ms/step', 'mean ms/step'],
      stepRows.map((row) => [row.engine, row.steps, row.p50, row.p95, row.p99, row.mean]),
    ),
    '',
    'Concurrent runs (5 steps each, started at once; the model yields to the event loop on every call so',
    'runs interleave; heap growth after a full GC once all finished; each engine in its own process):',
    '',
    formatTable(
      ['engine', 'runs', 'seconds', 'completed', 'heap growth MiB', 'peak RSS MiB'],
      concurrentRows.map((row) => [
        row.engine,
        row.runs,
        row.seconds,
        row.completed,
        mebibytes(row.heapGrowthBytes),
        mebibytes(row.peakRssBytes),
      ]),
    ),
    '',
    'Memory over sequential runs (5 steps each, results dropped; heap used and RSS after a forced full GC,',
    'measured from the first checkpoint after 200 warm-up runs):',
    '',
    formatTable(
      ['engine', 'runs so far', 'heap MiB', 'RSS MiB'],
      memoryRows.map((row) => [
        row.engine,
        row.runs,
        mebibytes(row.heapBytes),
        mebibytes(row.rssBytes),
      ]),
    ),
    '',
    ...verdicts,
  ].join('\n');
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
  const text = report(
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
