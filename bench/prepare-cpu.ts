/**
 * CPU of preparing Markdown documents for the store (chunk, lexical fields, hash:v2
 * vectors: what each ingest worker thread does per document), the base commit and the
 * working tree side by side in one run. Each tree runs in its own worker process,
 * rounds alternating (and their order flipping), over the same corpus; the base tree's
 * `src` is extracted with `git archive`. CPU seconds (process.cpuUsage) are the
 * measure, medians over all passes: steadier than wall time on a shared machine. The
 * table also says how many documents came out identical (drafts, lexical fields and
 * vector bytes) in both trees.
 *
 *   node --import tsx bench/prepare-cpu.ts [--base <commit>] [--rounds 3] [--passes 1]
 *     [--corpus bench/.data/markdown] [--profile] [--write-results]
 */
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

import { benchDataDirectory, markdownCorpusDirectory } from './corpus/corpus-locations.js';
import { parsePositiveInteger } from './lib/cli-options.js';
import { summarizeCpuProfile } from './lib/cpu-profile-summary.js';
import { formatTable } from './lib/format-table.js';
import { baseAndWorkingTrees, repositoryRoot } from './lib/git-trees.js';
import { formatLoadAverage } from './lib/load-average.js';
import { formatMachineInfo, machineInfo } from './lib/machine-info.js';
import { percentiles } from './lib/percentiles.js';
import {
  measurePreparation,
  type PrepareMeasurement,
  type PreparePass,
} from './lib/prepare-measure.js';
import { writeResultsSection } from './lib/results-file.js';
import { printWorkerResult, runWorker } from './lib/worker-process.js';

const script = fileURLToPath(import.meta.url);
const stages = ['chunk', 'lexical', 'embed', 'prepare', 'prepareWall'] as const;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      worker: { type: 'string' },
      root: { type: 'string' },
      base: { type: 'string' },
      corpus: { type: 'string', default: markdownCorpusDirectory },
      rounds: { type: 'string', default: '3' },
      passes: { type: 'string', default: '1' },
      profile: { type: 'boolean', default: false },
      'write-results': { type: 'boolean', default: false },
      section: { type: 'string', default: 'prepare-cpu' },
    },
  });
  const passes = parsePositiveInteger(values.passes, 'passes');
  if (values.worker === 'prepare') {
    printWorkerResult(await measurePreparation(values.root ?? '', values.corpus, passes));
    return;
  }
  const rounds = parsePositiveInteger(values.rounds, 'rounds');
  const machine = formatMachineInfo(machineInfo());
  const loadBefore = formatLoadAverage();
  const { base, trees } = baseAndWorkingTrees('prepare-cpu', values.base);
  const results = trees.map(() => [] as PrepareMeasurement[]);
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? [0, 1] : [1, 0];
    for (const index of order) {
      const tree = trees[index]!;
      console.error(`prepare-cpu: round ${round + 1}, ${tree.name}`);
      results[index]!.push(
        await runWorker<PrepareMeasurement>(script, 'prepare', [
          '--root',
          tree.root,
          '--corpus',
          values.corpus,
          '--passes',
          String(passes),
        ]),
      );
    }
  }
  const baseDigests = results[0]![0]!.digests;
  const first = results[0]![0]!;
  const medians = results.map((measurements) => medianPass(measurements));
  const rows = trees.map((tree, index) => {
    const median = medians[index]!;
    const same = Math.min(
      ...results[index]!.map((measurement) => sameDigests(measurement.digests, baseDigests)),
    );
    return [
      tree.name,
      ...stages.map((stage) => median[stage].toFixed(2)),
      (first.bytes / 1e6 / median.prepare).toFixed(1),
      index === 0 ? '' : `${(100 * (1 - median.prepare / medians[0]!.prepare)).toFixed(1)}%`,
      `${same.toLocaleString('en-US')} / ${baseDigests.length.toLocaleString('en-US')}`,
    ];
  });
  const table = formatTable(
    [
      'tree',
      'chunk CPU s',
      'lexical CPU s',
      'embed CPU s',
      'prepare CPU s',
      'prepare wall s',
      'MB/s (CPU)',
      'CPU saved',
      'documents identical to base',
    ],
    rows,
  );
  const passCount = results[0]!.length * passes;
  const text = [
    `## Document preparation CPU (chunk + lexical + embed): base vs this tree`,
    '',
    `Command: \`node --import tsx bench/prepare-cpu.ts --base ${base} --rounds ${rounds} --passes ${passes}\``,
    '',
    machine,
    `- Load average (1 / 5 / 15 min): ${loadBefore} before, ${formatLoadAverage()} after`,
    `- Corpus: ${values.corpus.replace(repositoryRoot + '/', '')}, ${first.documents.toLocaleString('en-US')} documents, ${(first.bytes / 1e6).toFixed(1)} MB, ${first.chunks.toLocaleString('en-US')} chunks; hash:v2 embedder (384 dimensions), 350 / 700 token chunks.`,
    `- Each tree in its own worker process, ${rounds} rounds alternating, each after a warm-up of 300 documents; medians of ${passCount} passes per tree. Stage columns time chunkDocument, lexicalFieldsOf and embedAll(embeddingTextOf) per document; prepare times prepareDocument (what an ingest worker thread runs) in a separate loop. CPU = user + system of the worker process. Identical = same digest of every chunk's draft fields, lexical fields and vector bytes.`,
    '',
    table,
    ...(values.profile ? ['', await profileWorkingTree(trees[1]!.root, values.corpus)] : []),
  ].join('\n');
  console.log(text);
  if (values['write-results']) writeResultsSection(values.section, text);
}

/** One more pass of the working tree under `node --cpu-prof` (not in the table): self time. */
async function profileWorkingTree(root: string, corpus: string): Promise<string> {
  const directory = join(benchDataDirectory, 'profiles', 'prepare-cpu');
  rmSync(directory, { recursive: true, force: true });
  mkdirSync(directory, { recursive: true });
  await runWorker(script, 'prepare', ['--root', root, '--corpus', corpus, '--passes', '1'], {
    nodeFlags: ['--cpu-prof', '--cpu-prof-dir', directory],
  });
  const file = readdirSync(directory).find((entry) => entry.endsWith('.cpuprofile'));
  if (file === undefined) return `no profile was written to ${directory}`;
  const summary = summarizeCpuProfile(join(directory, file), [], 25, repositoryRoot);
  return [
    `CPU profile of this tree's worker (node --cpu-prof, ${Math.round(summary.totalMilliseconds)} ms sampled; bench/.data/profiles/prepare-cpu/${file}):`,
    '',
    formatTable(
      ['self time (top functions)', 'ms', '%'],
      summary.selfTime.map((row) => [row.name, Math.round(row.milliseconds), 100 * row.share]),
    ),
  ].join('\n');
}

/** How many documents have the same digest in both lists (0 when the corpora differ). */
function sameDigests(digests: readonly string[], baseDigests: readonly string[]): number {
  if (digests.length !== baseDigests.length) return 0;
  return digests.filter((digest, index) => digest === baseDigests[index]).length;
}

/** Per stage, the median over every pass of every round. */
function medianPass(measurements: readonly PrepareMeasurement[]): PreparePass {
  const passes = measurements.flatMap((measurement) => measurement.passes);
  const median = (stage: keyof PreparePass): number =>
    percentiles(
      passes.map((pass) => pass[stage]),
      [50],
    )[0]!;
  return {
    chunk: median('chunk'),
    lexical: median('lexical'),
    embed: median('embed'),
    prepare: median('prepare'),
    prepareWall: median('prepareWall'),
  };
}

await main();
