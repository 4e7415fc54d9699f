/**
 * Writes one benchmark's section of bench/RESULTS.md. Each section sits
 * between its own start and end markers, so reruns replace only that section
 * and sections written by other benchmarks stay untouched.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** bench/RESULTS.md. */
export const resultsFilePath = resolve(import.meta.dirname, '..', 'RESULTS.md');

/** Replaces (or appends) the section named `name` with `body`. */
export function writeResultsSection(name: string, body: string, path = resultsFilePath): void {
  const start = `<!-- results:${name}:start -->`;
  const end = `<!-- results:${name}:end -->`;
  const section = `${start}\n${body.trim()}\n${end}`;
  const current = existsSync(path) ? readFileSync(path, 'utf8') : '# Benchmark results\n';
  const startIndex = current.indexOf(start);
  const endIndex = current.indexOf(end);
  const next =
    startIndex !== -1 && endIndex > startIndex
      ? `${current.slice(0, startIndex)}${section}${current.slice(endIndex + end.length)}`
      : `${current.trimEnd()}\n\n${section}\n`;
  writeFileSync(path, next);
}
