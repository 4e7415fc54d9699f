/**
 * Fetches the mixed corpus: `apt-get download` of Debian documentation packages,
 * `dpkg-deb -x` of each into its own folder, then every `.gz` file gunzipped in
 * place (Debian compresses large docs). Idempotent: a package already extracted
 * is left alone, so a second bench run costs nothing.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

import { walkFiles } from './corpus-files.js';

/** Makes sure every package is downloaded and extracted under `mixedDirectory/<package>`. */
export function fetchDebianDocs(
  packages: readonly string[],
  debDirectory: string,
  mixedDirectory: string,
): void {
  mkdirSync(debDirectory, { recursive: true });
  mkdirSync(mixedDirectory, { recursive: true });
  for (const packageName of packages) {
    const target = join(mixedDirectory, packageName);
    if (existsSync(join(target, '.extracted'))) continue;
    const deb = downloadPackage(packageName, debDirectory);
    rmSync(target, { recursive: true, force: true });
    run('dpkg-deb', ['-x', deb, target]);
    gunzipTree(target);
    writeFileSync(join(target, '.extracted'), `${deb}\n`);
  }
}

/** Downloads one package, running `apt-get update` once if the lists are stale. */
function downloadPackage(packageName: string, debDirectory: string): string {
  const existing = findDeb(packageName, debDirectory);
  if (existing !== undefined) return existing;
  process.stderr.write(`corpus: apt-get download ${packageName}\n`);
  let result = spawnSync('apt-get', ['download', packageName], {
    cwd: debDirectory,
    encoding: 'utf8',
  });
  if (result.status !== 0) {
    process.stderr.write('corpus: apt-get download failed; running apt-get update once\n');
    run('apt-get', ['update', '-qq']);
    result = spawnSync('apt-get', ['download', packageName], {
      cwd: debDirectory,
      encoding: 'utf8',
    });
  }
  const downloaded = findDeb(packageName, debDirectory);
  if (result.status !== 0 || downloaded === undefined) {
    throw new Error(
      `apt-get download ${packageName} failed: ${(result.stderr ?? '').trim().split('\n').pop() ?? ''}`,
    );
  }
  return downloaded;
}

function findDeb(packageName: string, debDirectory: string): string | undefined {
  const name = readdirSync(debDirectory).find(
    (entry) => entry.startsWith(`${packageName}_`) && entry.endsWith('.deb'),
  );
  return name === undefined ? undefined : join(debDirectory, name);
}

/** Replaces every `name.gz` under `root` by `name`. */
function gunzipTree(root: string): void {
  for (const path of walkFiles(root)) {
    if (!path.endsWith('.gz')) continue;
    writeFileSync(path.slice(0, -3), gunzipSync(readFileSync(path)));
    rmSync(path);
  }
}

function run(command: string, args: readonly string[]): void {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(
      `${command} ${args.join(' ')} failed (${result.error?.message ?? result.status}): ${(result.stderr ?? '').trim()}`,
    );
  }
}
