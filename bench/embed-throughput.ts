/**
 * Throughput of the offline hashing embedder: MB of text embedded per second on one
 * core, through the same `embedAll` path ingest uses. Not a test; run with
 * `node --import tsx bench/embed-throughput.ts [megabytes] [chunk-bytes]`.
 */
import { embedAll } from '../src/knowledge/embed/embed-all.js';
import { createHashingEmbedder } from '../src/knowledge/embed/hashing/hashing-embedder.js';

const megabytes = Number(process.argv[2] ?? 16);
const chunkBytes = Number(process.argv[3] ?? 2048);

const words = [
  'the',
  'embedding',
  'getUserById',
  'connection',
  'pool',
  'retry',
  'with',
  'exponential',
  'backoff',
  'HTTPServer',
  'snake_case_name',
  'chunk',
  'search',
  'index',
  'vector',
  'of',
  'configure',
  'database',
  'request',
  'response',
  'timeout',
  'error',
  'handler',
  'async',
  'function',
  'return',
  'value',
  'markdown',
  'heading',
  'paragraph',
  'code',
  'block',
  'café',
  'naïve',
  'ingest',
  'query',
  'latency',
  'p50',
  'throughput',
  'node.js',
  'TypeScript',
];

/** Markdown-like chunks of about `chunkBytes` each, from a fixed pseudo-random sequence. */
function makeChunks(totalBytes: number): string[] {
  let state = 12_345;
  const next = (limit: number): number => {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
    return state % limit;
  };
  const chunks: string[] = [];
  let produced = 0;
  while (produced < totalBytes) {
    let chunk = `## Section ${chunks.length}\n\n`;
    while (chunk.length < chunkBytes) {
      chunk += words[next(words.length)] ?? '';
      chunk += next(12) === 0 ? '.\n' : ' ';
    }
    chunks.push(chunk);
    produced += Buffer.byteLength(chunk);
  }
  return chunks;
}

const chunks = makeChunks(megabytes * 1024 * 1024);
const bytes = chunks.reduce((sum, chunk) => sum + Buffer.byteLength(chunk), 0);
const model = createHashingEmbedder();
await embedAll(model, chunks.slice(0, 200));

// Wall-clock rate, and the rate per CPU second, which stays meaningful on a busy machine.
const wallRates: number[] = [];
const cpuRates: number[] = [];
const megabytesEmbedded = bytes / 1024 / 1024;
for (let run = 0; run < 5; run += 1) {
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  await embedAll(model, chunks);
  const cpu = process.cpuUsage(cpuBefore);
  wallRates.push(megabytesEmbedded / ((performance.now() - started) / 1000));
  cpuRates.push(megabytesEmbedded / ((cpu.user + cpu.system) / 1e6));
}
const median = (values: number[]): string =>
  ([...values].sort((left, right) => left - right)[Math.floor(values.length / 2)] ?? 0).toFixed(1);
console.log(
  `${model.id} (${model.dimensions} dims): ${chunks.length} chunks of ~${chunkBytes} bytes, ` +
    `${megabytesEmbedded.toFixed(1)} MB; median ${median(wallRates)} MB/s wall-clock, ` +
    `${median(cpuRates)} MB per CPU second`,
);
