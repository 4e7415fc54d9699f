/**
 * Ingest throughput of the knowledge base, end to end through `openKnowledgeBase`
 * and `KnowledgeBase.ingest` (offline hashing embedder, no knowledge pack), over a
 * Markdown-only corpus and a mixed corpus of real documentation (HTML converted to
 * Markdown). Side by side: a plain FTS5 baseline over the same files, a re-run over
 * unchanged files, and a stage-by-stage breakdown. Each measurement runs in its own
 * process so peak RSS is its own.
 *
 *   node --import tsx bench/ingest-throughput.ts [--corpora markdown,mixed] [--repeat 3]
 *     [--profile] [--write-results]
 */
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

import { benchDataDirectory } from './corpus/corpus-locations.js';
import { describeCorpora, prepareCorpora } from './corpus/prepare-corpora.js';
import { parsePositiveInteger } from './lib/cli-options.js';
import { summarizeCpuProfile } from './lib/cpu-profile-summary.js';
import { formatTable } from './lib/format-table.js';
import {
  type CorpusResult,
  medianMegabytesPerSecond,
  skippedLines,
  stageTable,
  threadCpuLines,
  throughputTable,
} from './lib/ingest-report.js';
import type { StageMeasurement } from './lib/ingest-stages.js';
import {
  type BaselineRun,
  baselineWorker,
  type KnowledgeBaseRun,
  knowledgeBaseWorker,
  stagesWorker,
} from './lib/ingest-workers.js';
import { formatLoadAverage } from './lib/load-average.js';
import { formatMachineInfo, machineInfo } from './lib/machine-info.js';
import { writeResultsSection } from './lib/results-file.js';
import { printWorkerResult, runWorker } from './lib/worker-process.js';

const script = fileURLToPath(import.meta.url);
const corpusNames = ['markdown', 'mixed'] as const;
type CorpusName = (typeof corpusNames)[number];
const targetMegabytesPerSecond = 10;
const profiledFunctions = [
  'loadFile',
  'htmlToMarkdown',
  'chunkDocument',
  'lexicalFieldsOf',
  'vectorize',
  'writeDocument',
  'prepareVectorIndex',
  'listFingerprints',
];

/** Runs one ingest under `node --cpu-prof` and summarizes where its time went. */
async function profileCorpus(name: CorpusName, root: string): Promise<string> {
  const directory = join(benchDataDirectory, 'profiles', `ingest-${name}`);
  rmSync(directory, { recursive: true, force: true });
  mkdirSync(directory, { recursive: true });
  await runWorker<KnowledgeBaseRun>(script, 'knowledge-base', ['--root', root], {
    nodeFlags: ['--cpu-prof', '--cpu-prof-dir', directory],
  });
  const file = readdirSync(directory).find((entry) => entry.endsWith('.cpuprofile'));
  if (file === undefined) return `no profile was written to ${directory}`;
  const summary = summarizeCpuProfile(join(directory, file), profiledFunctions);
  const entry = (row: { name: string; milliseconds: number; share: number }) => [
    row.name,
    Math.round(row.milliseconds),
    100 * row.share,
  ];
  return [
    `CPU profile of the ${name} ingest (node --cpu-prof; first run and re-run together, ` +
      `${Math.round(summary.totalMilliseconds)} ms sampled; bench/.data/profiles/ingest-${name}/${file}):`,
    '',
    formatTable(['inclusive under', 'ms', '%'], summary.inclusiveTime.map(entry)),
    '',
    formatTable(['self time (top functions)', 'ms', '%'], summary.selfTime.map(entry)),
  ].join('\n');
}

/** Repeats a worker `count` times. */
async function repeatWorker<Run>(count: number, name: string, root: string): Promise<Run[]> {
  const runs: Run[] = [];
  for (let index = 0; index < count; index++) {
    runs.push(await runWorker<Run>(script, name, ['--root', root]));
  }
  return runs;
}

async function runWorkerMode(name: string, root: string): Promise<void> {
  if (!existsSync(root)) throw new Error(`--root ${root} does not exist`);
  if (name === 'knowledge-base') printWorkerResult(await knowledgeBaseWorker(root));
  else if (name === 'baseline') printWorkerResult(baselineWorker(root));
  else if (name === 'stages') printWorkerResult(await stagesWorker(root));
  else throw new Error(`unknown worker ${name}`);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      worker: { type: 'string' },
      root: { type: 'string' },
      corpora: { type: 'string', default: corpusNames.join(',') },
      repeat: { type: 'string', default: '3' },
      profile: { type: 'boolean', default: false },
      'write-results': { type: 'boolean', default: false },
      command: { type: 'string' },
    },
  });
  if (values.worker !== undefined) return runWorkerMode(values.worker, values.root ?? '');
  const repeat = parsePositiveInteger(values.repeat, 'repeat');
  const selected = values.corpora.split(',').map((name) => name.trim()) as CorpusName[];
  for (const name of selected) {
    if (!corpusNames.includes(name)) throw new Error(`--corpora: unknown corpus ${name}`);
  }
  const machine = formatMachineInfo(machineInfo());
  const loadBefore = formatLoadAverage();
  const corpora = prepareCorpora();
  const corpusDescription = describeCorpora(corpora);
  console.log(`${machine}\n\n${corpusDescription}\n`);

  const results: CorpusResult[] = [];
  for (const name of selected) {
    const root = name === 'markdown' ? corpora.markdown.root : corpora.mixed.root;
    // The mixed corpus takes minutes per run (HTML conversion): measured once.
    const runs = name === 'markdown' ? repeat : 1;
    console.error(`ingest: ${name} corpus, knowledge base (${runs} run(s))`);
    const knowledgeBase = await repeatWorker<KnowledgeBaseRun>(runs, 'knowledge-base', root);
    console.error(`ingest: ${name} corpus, FTS5 baseline (${runs} run(s))`);
    const baseline = await repeatWorker<BaselineRun>(runs, 'baseline', root);
    console.error(`ingest: ${name} corpus, stage breakdown`);
    const stages = await runWorker<StageMeasurement>(script, 'stages', ['--root', root]);
    const profile = values.profile ? await profileCorpus(name, root) : undefined;
    results.push({ name, knowledgeBase, baseline, stages, ...(profile ? { profile } : {}) });
  }

  const markdown = results.find((result) => result.name === 'markdown');
  const rate = markdown === undefined ? undefined : medianMegabytesPerSecond(markdown);
  const endToEnd =
    markdown === undefined ? undefined : medianMegabytesPerSecond(markdown, { withIndex: true });
  const verdict =
    rate === undefined || endToEnd === undefined
      ? ''
      : `Markdown target >= ${targetMegabytesPerSecond} MB/s: ingest (documents durable and searchable) ` +
        `${rate.toFixed(2)} MB/s, ${rate >= targetMegabytesPerSecond ? 'met' : 'NOT met'}; ` +
        `with the HNSW index refresh that follows it ${endToEnd.toFixed(2)} MB/s, ` +
        `${endToEnd >= targetMegabytesPerSecond ? 'met' : 'NOT met'}.`;
  const command =
    values.command ??
    `node --import tsx bench/ingest-throughput.ts ${process.argv.slice(2).join(' ')}`;
  const report = [
    '## Ingest throughput',
    '',
    `Command: \`${command.trim()}\``,
    '',
    machine,
    `- Load average (1/5/15 min): ${loadBefore} before, ${formatLoadAverage()} after`,
    '',
    corpusDescription,
    '',
    'MB = 10^6 bytes of raw files as read (HTML counted before conversion). Every row runs in its own',
    'process; the Markdown rows show the median of the runs, with the range of MB/s over all runs.',
    "Peak RSS is the process's high-water mark (re-run row: after both runs). Offline hashing embedder",
    '(hash:v2, 384 dimensions), knowledge pack disabled, default chunking (350/700 tokens). DB = the',
    'SQLite files after closing.',
    '',
    throughputTable(results),
    '',
    skippedLines(results),
    threadCpuLines(results),
    '',
    verdict,
    '',
    'Stage breakdown: the same functions the pipeline calls, one stage at a time over the whole corpus',
    '(load = walk, read, decode, hash, HTML to Markdown; tokenize = lexical fields; embed includes building',
    'the embedding text; write = store.writeDocument, one transaction per document, on one thread; index =',
    'store.prepareVectorIndex, the step after ingest: an HNSW build at or above hnswThreshold). The real',
    'pipeline overlaps preparation (chunk, tokenize, embed, on a worker thread) with writing, and commits',
    'ready documents together, so its wall time is below this sum.',
    'One run each.',
    '',
    stageTable(results),
    ...results.flatMap((result) => (result.profile ? ['', result.profile] : [])),
  ].join('\n');
  console.log(report);
  if (values['write-results']) writeResultsSection('ingest-throughput', report);
}

await main();
