/**
 * Throughput of Markdown chunking plus index tokenization on one core, in MB/s.
 * Not a test: run `node --import tsx bench/chunk-throughput.ts [megabytes] [file.md ...]`.
 * Without files it chunks a generated corpus of engineering Markdown (headings, prose
 * dense with identifiers, lists, tables, fenced code); given files are repeated up to
 * the size. Reports wall-clock MB/s and MB per CPU second (fairer on a busy machine).
 */

import { readFileSync } from 'node:fs';

import { chunkDocument } from '../src/knowledge/chunk/chunk-document.js';
import { tokenizeForIndex } from '../src/knowledge/text/lexical-tokenizer.js';

const WORDS = (
  'the service retries failed requests with exponential backoff and jitter so that a burst of ' +
  'errors does not overload the upstream dependency while the circuit breaker stays closed ' +
  'configure maxRetries and retryDelayMs in the client options or pass a custom RetryPolicy ' +
  'when the connection pool is exhausted the request waits for an idle socket before timing out ' +
  'use getUserById to load a record and snake_case_columns map to camelCase fields automatically'
).split(' ');

/** A deterministic pseudo-random generator, so every run chunks the same corpus. */
function generator(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state / 0x7fffffff;
  };
}

function sentence(random: () => number): string {
  const length = 8 + Math.floor(random() * 18);
  const words: string[] = [];
  for (let index = 0; index < length; index++) {
    words.push(WORDS[Math.floor(random() * WORDS.length)] as string);
  }
  const text = words.join(' ');
  return `${text[0]?.toUpperCase()}${text.slice(1)}.`;
}

function document(random: () => number, index: number): string {
  const parts = [`# Guide ${index}`, ''];
  for (let section = 0; section < 6; section++) {
    parts.push(`## Section ${section}: handling \`retryPolicy\` options`, '');
    for (let paragraph = 0; paragraph < 3; paragraph++) {
      const sentences = 2 + Math.floor(random() * 5);
      parts.push(Array.from({ length: sentences }, () => sentence(random)).join(' '), '');
    }
    parts.push('- first item with `maxRetries`', '- second item', '  - nested item', '');
    if (section % 2 === 0) {
      parts.push(
        '| option | default | meaning |',
        '| --- | --- | --- |',
        '| maxRetries | 3 | attempts |',
        '',
      );
    }
    parts.push(
      '```ts',
      'export async function fetchWithRetry(url: string, options: RetryOptions) {',
    );
    parts.push('  for (let attempt = 0; attempt < options.maxRetries; attempt++) {');
    parts.push(
      '    const response = await fetch(url);',
      '    if (response.ok) return response;',
      '  }',
    );
    parts.push("  throw new Error('gave up');", '}', '```', '');
  }
  return parts.join('\n');
}

/** Documents of about `megabytes`: the given files, repeated as needed, or generated ones. */
function corpus(megabytes: number, files: readonly string[]): string[] {
  const given = files.map((file) => readFileSync(file, 'utf8'));
  const random = generator(42);
  const documents: string[] = [];
  let size = 0;
  while (size < megabytes * 1_000_000) {
    const text =
      given.length > 0
        ? (given[documents.length % given.length] as string)
        : document(random, documents.length);
    documents.push(text);
    size += text.length;
  }
  return documents;
}

function megabytesPerSecond(bytes: number, milliseconds: number): string {
  return (bytes / 1_000_000 / (milliseconds / 1000)).toFixed(1);
}

const megabytes = Number(process.argv[2] ?? 20);
const documents = corpus(megabytes, process.argv.slice(3));
const bytes = documents.reduce((total, text) => total + Buffer.byteLength(text), 0);
console.log(`corpus: ${documents.length} documents, ${(bytes / 1_000_000).toFixed(1)} MB`);

/** CPU time of this process in milliseconds: fairer than wall time on a shared machine. */
function cpuMilliseconds(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

for (let round = 1; round <= 5; round++) {
  let chunkCount = 0;
  let chunkMilliseconds = 0;
  let tokenizeMilliseconds = 0;
  const wallStarted = performance.now();
  const cpuStarted = cpuMilliseconds();
  for (const text of documents) {
    const started = performance.now();
    const chunks = chunkDocument({
      text,
      format: 'markdown',
      language: 'markdown',
      title: 'bench',
    });
    const chunked = performance.now();
    for (const chunk of chunks) tokenizeForIndex(chunk.text);
    tokenizeMilliseconds += performance.now() - chunked;
    chunkMilliseconds += chunked - started;
    chunkCount += chunks.length;
  }
  const wall = performance.now() - wallStarted;
  const cpu = cpuMilliseconds() - cpuStarted;
  console.log(
    `round ${round}: ${chunkCount} chunks | wall: chunk ${megabytesPerSecond(bytes, chunkMilliseconds)} MB/s` +
      `, tokenize ${megabytesPerSecond(bytes, tokenizeMilliseconds)} MB/s` +
      `, chunk+tokenize ${megabytesPerSecond(bytes, wall)} MB/s` +
      ` | per CPU second: chunk+tokenize ${megabytesPerSecond(bytes, cpu)} MB/s`,
  );
}
