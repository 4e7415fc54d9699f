/**
 * Approximate nearest-neighbour benchmark: Archon's usearch index against exact
 * search and against hnswlib and FAISS, on the same vectors, at matched recall.
 *
 *   node --import tsx bench/ann-recall.ts [--sizes 10000,100000] [--dims 384]
 *     [--queries 500] [--ef 16,24,32,48,64,96,128,160,192,256] [--passes 2] [--rounds 3]
 *     [--quantizations i8,f16] [--variants gaussian,hashing,passages] [--embedder hash:v2]
 *     [--skip-baselines]
 *     [--million] [--skip-sqlite] [--python /usr/bin/python3]
 *     [--write-results] [--section ann-recall]
 *
 * Every index is built once (usearch in a fresh worker process for clean
 * memory readings; the baselines in Python, bench/baselines/ann_baselines.py,
 * Debian packages python3-hnswlib, python3-faiss, python3-numpy) and saved.
 * Then `--rounds` query rounds alternate between the engines, each loading its
 * saved index, and each setting keeps its fastest round: on a shared machine a
 * busy moment then cannot favour one engine. Builds use every core; queries
 * run on one thread everywhere. The hashing-embedder variant runs usearch i8,
 * hnswlib and exact FAISS only, to keep the default run near 10 minutes.
 * `--million` adds 1M vectors (usearch i8 only; about 25 minutes on 2 busy cores). Also times the exact sqlite-vec scan the store
 * uses below its HNSW threshold.
 */
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

import {
  hashingEmbedderId,
  hashingEmbedderIds,
  isHashingEmbedderId,
} from '../src/knowledge/embed/hashing/hashing-embedder.js';
import { usearchDefaults } from '../src/storage/vector/usearch-defaults.js';
import { type AnnDataset, writeAnnFiles } from './lib/ann-dataset.js';
import {
  type AnnReport,
  annTableHeaders,
  annTableRows,
  fastestAtRecall,
  mergeRounds,
} from './lib/ann-report.js';
import { gaussianDataset, hashingDataset, passagesDataset } from './lib/ann-synthetic-datasets.js';
import {
  buildUsearch,
  queryUsearch,
  type UsearchBuildResult,
  type UsearchQueryResult,
  type UsearchRunOptions,
} from './lib/ann-usearch-run.js';
import { parsePositiveInteger, parsePositiveIntegerList } from './lib/cli-options.js';
import { formatTable } from './lib/format-table.js';
import { runJsonProcess } from './lib/json-process.js';
import { formatMachineInfo, machineInfo } from './lib/machine-info.js';
import { formatBytes } from './lib/memory.js';
import { percentiles } from './lib/percentiles.js';
import { writeResultsSection } from './lib/results-file.js';
import { measureSqliteVectorScan } from './lib/sqlite-vector-scan.js';
import { printWorkerResult, runWorker } from './lib/worker-process.js';

const k = 10;
const script = resolve(import.meta.dirname, 'ann-recall.ts');
const workDirectory = resolve(import.meta.dirname, '.data', 'ann');
const baselineScript = resolve(import.meta.dirname, 'baselines', 'ann_baselines.py');
const longTimeout = { timeoutMs: 3 * 60 * 60_000 };

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '10000,100000' },
    dims: { type: 'string', default: '384' },
    queries: { type: 'string', default: '500' },
    ef: { type: 'string', default: '16,24,32,48,64,96,128,160,192,256' },
    passes: { type: 'string', default: '2' },
    rounds: { type: 'string', default: '3' },
    quantizations: { type: 'string', default: 'i8,f16' },
    variants: { type: 'string', default: 'gaussian,hashing' },
    embedder: { type: 'string', default: hashingEmbedderId },
    'skip-baselines': { type: 'boolean', default: false },
    million: { type: 'boolean', default: false },
    python: { type: 'string', default: process.env.ARCHON_BENCH_PYTHON ?? '/usr/bin/python3' },
    'skip-sqlite': { type: 'boolean', default: false },
    'write-results': { type: 'boolean', default: false },
    section: { type: 'string', default: 'ann-recall' },
    worker: { type: 'string' },
    options: { type: 'string' },
  },
});
const dimensions = parsePositiveInteger(values.dims, 'dims');
const efValues = parsePositiveIntegerList(values.ef, 'ef');
const passes = parsePositiveInteger(values.passes, 'passes');
const rounds = parsePositiveInteger(values.rounds, 'rounds');
const filterShare = 0.1;

async function main(): Promise<void> {
  if (values.worker !== undefined) {
    const options = JSON.parse(values.options ?? '{}') as UsearchRunOptions;
    printWorkerResult(
      values.worker === 'usearch-build' ? buildUsearch(options) : queryUsearch(options),
    );
    return;
  }
  const sizes = parsePositiveIntegerList(values.sizes, 'sizes');
  const queryCount = parsePositiveInteger(values.queries, 'queries');
  const quantizations = values.quantizations.split(',').map((name) => name.trim());
  const command = `node --import tsx bench/ann-recall.ts ${process.argv.slice(2).join(' ')}`.trim();
  const sections = [
    `## ANN index (usearch HNSW) vs exact, hnswlib and FAISS\n\n${formatMachineInfo(machineInfo())}\n- Command: \`${command}\``,
    [
      `Method: ${queryCount} held-out queries per dataset (100 at 1M), top-${k}, recall against an exact f32 scan.`,
      `Queries run on ONE thread everywhere: usearch one call per query through N-API, the Python baselines one batch call per setting (which spares them per-call overhead).`,
      `Builds use all cores. ${rounds} query rounds alternate between engines, ${passes} passes each; every setting keeps its fastest pass.`,
      `Index settings: usearch connectivity ${usearchDefaults.connectivity}, expansionAdd ${usearchDefaults.expansionAdd}, default expansionSearch ${usearchDefaults.expansionSearch}; hnswlib and FAISS HNSW use M=${usearchDefaults.connectivity}, efConstruction=${usearchDefaults.expansionAdd}.`,
      `"VectorIndex" rows go through the product API (validation, int8 packing, result objects); "native" rows call the usearch binding directly for the expansionSearch sweep.`,
      `"memory" is the RSS the build added (data not included).`,
    ].join(' '),
  ];
  const variants = values.variants.split(',').map((name) => name.trim());
  const known = ['gaussian', 'hashing', 'passages', 'none'];
  const unknown = variants.filter((name) => !known.includes(name));
  if (unknown.length > 0)
    throw new Error(`--variants takes ${known.join(', ')}, got ${unknown.join(', ')}`);
  const embedderId = values.embedder;
  if (!isHashingEmbedderId(embedderId)) {
    throw new Error(`--embedder takes ${hashingEmbedderIds.join(' or ')}, got ${embedderId}`);
  }
  for (const variant of variants.filter((name) => name !== 'none')) {
    for (const size of sizes) {
      console.error(`ann: preparing ${variant} ${size} x ${dimensions}`);
      const request = { size, dimensions, queryCount, k, embedderId };
      const dataset =
        variant === 'hashing'
          ? await hashingDataset(request)
          : variant === 'passages'
            ? await passagesDataset(request)
            : gaussianDataset(size, dimensions, queryCount, k);
      const hashing = variant !== 'gaussian';
      sections.push(
        await measureDataset(
          dataset,
          hashing ? ['i8'] : quantizations,
          values['skip-baselines']
            ? ''
            : hashing
              ? 'hnswlib,faiss-flat'
              : 'hnswlib,faiss-hnsw,faiss-flat',
        ),
      );
      console.log(sections.at(-1));
    }
  }
  if (values.million) {
    console.error('ann: preparing 1M vectors (several minutes)');
    sections.push(await measureDataset(gaussianDataset(1_000_000, dimensions, 100, k), ['i8'], ''));
    console.log(sections.at(-1));
  }
  if (!values['skip-sqlite']) {
    sections.push(sqliteScanSection());
    console.log(sections.at(-1));
  }
  if (values['write-results']) writeResultsSection(values.section, sections.join('\n\n'));
}

async function measureDataset(
  dataset: AnnDataset,
  quantizations: readonly string[],
  /** Python engines to run (comma-separated), '' for none. */
  baselines: string,
): Promise<string> {
  const files = writeAnnFiles(dataset, workDirectory);
  const indexDirectory = join(workDirectory, dataset.name);
  const optionsFor = (quantization: string): UsearchRunOptions => ({
    files,
    dimensions,
    quantization: quantization as UsearchRunOptions['quantization'],
    indexPath: join(indexDirectory, `usearch-${quantization}.usearch`),
    efValues,
    passes,
    k,
    filterShare,
  });
  const usearchWorker = <Result>(name: string, quantization: string): Promise<Result> => {
    console.error(`ann: ${name} ${quantization} on ${dataset.name}`);
    return runWorker<Result>(
      script,
      name,
      ['--options', JSON.stringify(optionsFor(quantization))],
      longTimeout,
    );
  };
  const python = async (mode: string): Promise<AnnReport[]> => {
    console.error(`ann: baselines ${mode} on ${dataset.name}`);
    const answer = (await runJsonProcess(
      values.python,
      [
        baselineScript,
        mode,
        ...['--data', files.dataPath, '--queries', files.queriesPath, '--truth', files.truthPath],
        ...['--index-dir', indexDirectory, '--dimensions', String(dimensions), '--k', String(k)],
        ...['--ef', efValues.join(','), '--passes', String(passes)],
        ...['--connectivity', String(usearchDefaults.connectivity)],
        ...['--expansion-add', String(usearchDefaults.expansionAdd), '--engines', baselines],
      ],
      longTimeout,
    )) as { reports: AnnReport[] };
    return answer.reports.map((report) => ({
      ...report,
      buildSeconds: report.buildSeconds ?? Number.NaN,
      memoryBytes: report.memoryBytes ?? Number.NaN,
    }));
  };

  const reports: AnnReport[] = [exactReport(dataset)];
  const notes: string[] = [];
  for (const quantization of quantizations) {
    const build = await usearchWorker<UsearchBuildResult>('usearch-build', quantization);
    reports.push(build.report);
    notes.push(
      `usearch ${quantization}: index file ${formatBytes(build.fileBytes)}, saved in ${build.saveSeconds.toFixed(2)} s`,
    );
  }
  if (baselines !== '') reports.push(...(await python('build')));
  for (let round = 0; round < rounds; round++) {
    for (const quantization of quantizations) {
      const result = await usearchWorker<UsearchQueryResult>('usearch-query', quantization);
      reports.push(...result.reports);
      if (round === 0) {
        notes.push(
          `usearch ${quantization}: loaded (checksum + load) in ${result.loadSeconds.toFixed(2)} s, adding ${formatBytes(result.loadedMemoryBytes)} RSS`,
        );
      }
    }
    if (baselines !== '') reports.push(...(await python('query')));
  }
  const merged = mergeRounds(reports).sort(
    (left, right) => engineRank(left.engine) - engineRank(right.engine),
  );
  const count = dataset.data.length / dimensions;
  return [
    `### ${dataset.name}: ${count.toLocaleString('en-US')} vectors, ${dimensions} dimensions`,
    formatTable([...annTableHeaders], annTableRows(merged)),
    matchedRecallTable(merged.filter((report) => !report.engine.includes('accept'))),
    notes.map((note) => `- ${note}`).join('\n'),
  ].join('\n\n');
}

/** Table order: exact, usearch (by quantization), hnswlib, FAISS; stable within a group. */
function engineRank(engine: string): number {
  const groups = ['exact', 'usearch i8', 'usearch f16', 'usearch f32', 'hnswlib', 'faiss'];
  const rank = groups.findIndex((prefix) => engine.startsWith(prefix));
  return rank === -1 ? groups.length : rank;
}

function exactReport(dataset: AnnDataset): AnnReport {
  const [p50 = Number.NaN, p99 = Number.NaN] = percentiles(dataset.exactLatencies, [50, 99]);
  const totalMilliseconds = dataset.exactLatencies.reduce((sum, value) => sum + value, 0);
  return {
    engine: 'exact JS scan (f32)',
    buildSeconds: 0,
    memoryBytes: dataset.data.byteLength,
    settings: [
      {
        label: 'brute force',
        queriesPerSecond: (dataset.exactLatencies.length / totalMilliseconds) * 1000,
        recall: 1,
        p50Milliseconds: p50,
        p99Milliseconds: p99,
      },
    ],
  };
}

/** Fastest setting of each engine at recall >= 0.95 and >= 0.99, and the ratio to hnswlib. */
function matchedRecallTable(reports: readonly AnnReport[]): string {
  const targets = [0.95, 0.99];
  const hnswlib = reports.find((report) => report.engine.startsWith('hnswlib'));
  const rows = reports.map((report) => [
    report.engine,
    ...targets.flatMap((target) => {
      const best = fastestAtRecall(report, target);
      const reference = hnswlib === undefined ? undefined : fastestAtRecall(hnswlib, target);
      if (best === undefined) return ['not reached', '', ''];
      const ratio =
        reference === undefined
          ? ''
          : `${((best.queriesPerSecond / reference.queriesPerSecond) * 100).toFixed(0)}%`;
      return [
        `${best.label} (${best.recall.toFixed(3)})`,
        Math.round(best.queriesPerSecond),
        ratio,
      ];
    }),
  ]);
  return `At matched recall (fastest setting reaching the target; "vs hnswlib" = queries/s relative to hnswlib at the same target):\n\n${formatTable(
    [
      'engine',
      'recall >= 0.95',
      'queries/s',
      'vs hnswlib',
      'recall >= 0.99',
      'queries/s',
      'vs hnswlib',
    ],
    rows,
  )}`;
}

function sqliteScanSection(): string {
  console.error('ann: sqlite-vec exact scan');
  const dataset = gaussianDataset(40_000, dimensions, 50, k);
  const timings = measureSqliteVectorScan(
    dataset.data,
    dataset.queries,
    dimensions,
    [1000, 2500, 5000, 7500, 10_000, 20_000, 40_000],
    30,
  );
  return [
    `### Exact scan in SQLite (sqlite-vec \`vec_distance_cosine\`, ORDER BY distance LIMIT ${k}), ${dimensions} dimensions`,
    formatTable(
      ['vectors', 'p50 ms', 'p95 ms', 'vectors/s'],
      timings.map((timing) => [
        timing.rows,
        timing.p50Milliseconds.toFixed(2),
        timing.p95Milliseconds.toFixed(2),
        Math.round(timing.vectorsPerSecond),
      ]),
    ),
  ].join('\n\n');
}

await main();
