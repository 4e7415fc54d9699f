/**
 * `npm run bench`: runs the default benchmarks one after another, each in its
 * own process, and lets each write its section of bench/RESULTS.md. About 11
 * minutes on a 2-core machine (more when it is busy); the 1M-chunk search run is opt-in:
 *
 *   npm run bench -- [--only ingest,search,http,ann] [--sizes 10000,100000,1000000] [--profile]
 *
 * `ann` (bench/ann-recall.ts, the vector index against hnswlib and FAISS) runs only when named.
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';

interface Bench {
  readonly name: string;
  readonly script: string;
  readonly args: readonly string[];
  /** Run without --only; the others run only when named. */
  readonly byDefault: boolean;
  /** Whether the script records the command it was started by (`--command`). */
  readonly takesCommand: boolean;
}

const { values } = parseArgs({
  options: {
    only: { type: 'string' },
    sizes: { type: 'string' },
    profile: { type: 'boolean', default: false },
  },
});
const command = `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`;
const benches: Bench[] = [
  {
    name: 'ingest',
    script: 'ingest-throughput.ts',
    args: values.profile ? ['--profile'] : [],
    byDefault: true,
    takesCommand: true,
  },
  {
    name: 'search',
    script: 'search-latency.ts',
    args: values.sizes === undefined ? [] : ['--sizes', values.sizes],
    byDefault: true,
    takesCommand: true,
  },
  {
    // POST /v1/search under autocannon at 100k chunks (the store is built once under bench/.data).
    name: 'http',
    script: 'http-search.ts',
    args: [],
    byDefault: true,
    takesCommand: true,
  },
  {
    // The ANN comparison (usearch vs hnswlib and FAISS): long, so only when named.
    name: 'ann',
    script: 'ann-recall.ts',
    args: [],
    byDefault: false,
    takesCommand: false,
  },
];
const only = values.only?.split(',').map((name) => name.trim());
const unknown = only?.filter((name) => !benches.some((bench) => bench.name === name)) ?? [];
if (unknown.length > 0) {
  console.error(
    `--only: unknown bench ${unknown.join(', ')} (known: ${benches.map((bench) => bench.name).join(', ')})`,
  );
  process.exit(2);
}

let failed = 0;
const started = performance.now();
const chosen = benches.filter((entry) =>
  only === undefined ? entry.byDefault : only.includes(entry.name),
);
for (const bench of chosen) {
  console.error(`\n=== bench ${bench.name}: ${bench.script} ${bench.args.join(' ')}`);
  const benchStarted = performance.now();
  const result = spawnSync(
    process.execPath,
    [
      ...process.execArgv,
      resolve(import.meta.dirname, bench.script),
      ...bench.args,
      '--write-results',
      ...(bench.takesCommand ? ['--command', command] : []),
    ],
    { stdio: 'inherit' },
  );
  const seconds = ((performance.now() - benchStarted) / 1000).toFixed(0);
  if (result.status !== 0) {
    failed += 1;
    console.error(
      `=== bench ${bench.name} FAILED (${result.error?.message ?? `exit ${result.status}`}) after ${seconds} s`,
    );
  } else {
    console.error(`=== bench ${bench.name} done in ${seconds} s`);
  }
}
console.error(
  `\nall benches done in ${((performance.now() - started) / 1000).toFixed(0)} s; results in bench/RESULTS.md`,
);
process.exit(failed > 0 ? 1 : 0);
