/**
 * The runtime image installs production dependencies only (`npm ci --omit=dev`), so
 * no module the built code loads may come from devDependencies. Type-only imports
 * are erased by the compiler and do not count.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative } from 'node:path';

import { describe, expect, it } from 'vitest';

import { repositoryRoot } from './deploy-files.js';

interface PackageJson {
  readonly dependencies: Record<string, string>;
  readonly devDependencies: Record<string, string>;
}

const packageJson = JSON.parse(
  readFileSync(join(repositoryRoot, 'package.json'), 'utf8'),
) as PackageJson;

/** The package a bare specifier names: `@scope/name/sub` -> `@scope/name`. */
function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
}

/** Bare module specifiers loaded at run time by one TypeScript source. */
function runtimeImports(source: string): string[] {
  const specifiers: string[] = [];
  const statement =
    /(?:^|\n)\s*(import|export)\s+(type\s+)?(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/g;
  for (const match of source.matchAll(statement)) {
    if (match[2] !== undefined) continue;
    specifiers.push(match[3] ?? '');
  }
  for (const match of source.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g))
    specifiers.push(match[1] ?? '');
  for (const match of source.matchAll(/\brequire(?:\.resolve)?\(\s*['"]([^'"]+)['"]\s*\)/g)) {
    specifiers.push(match[1] ?? '');
  }
  return specifiers.filter((specifier) => !specifier.startsWith('.') && !specifier.startsWith('/'));
}

/**
 * Imports reached only when the code runs from its `.ts` sources (tests, benchmarks),
 * never from the build: the preparation worker loads tsx's loader to start a `.ts`
 * entry. The build-mode path is exercised by test/knowledge/prepare-worker-build.test.ts.
 */
const sourceOnlyImports = new Map([
  ['src/knowledge/ingest/prepare/worker-preparer.ts', 'tsx/esm/api'],
]);

describe('production dependencies', () => {
  it('reads runtime imports and ignores type-only ones', () => {
    const source = [
      "import { a } from 'kept';",
      "import type { B } from 'erased';",
      "export { c } from '@scope/pkg/sub';",
      "export type { D } from 'erased-too';",
      "import './local.js';",
      "const lazy = await import('lazy-pkg');",
      "import {\n  e,\n  type F,\n} from 'multi-line';",
      "import 'side-effect';",
    ].join('\n');
    expect(runtimeImports(source)).toEqual([
      'kept',
      '@scope/pkg/sub',
      'multi-line',
      'side-effect',
      'lazy-pkg',
    ]);
    expect(packageOf('@scope/pkg/sub')).toBe('@scope/pkg');
    expect(packageOf('hono/route')).toBe('hono');
  });

  it('src/ loads only Node built-ins and production dependencies at run time', () => {
    const builtins = new Set(builtinModules);
    const files = readdirSync(join(repositoryRoot, 'src'), {
      withFileTypes: true,
      recursive: true,
    }).filter(
      (entry) => entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts'),
    );
    expect(files.length).toBeGreaterThan(10);
    const problems: string[] = [];
    for (const entry of files) {
      const path = join(entry.parentPath, entry.name);
      const file = relative(repositoryRoot, path);
      for (const specifier of runtimeImports(readFileSync(path, 'utf8'))) {
        const name = packageOf(specifier);
        if (specifier.startsWith('node:') || builtins.has(name)) continue;
        if (sourceOnlyImports.get(file) === specifier) continue;
        if (name in packageJson.dependencies) continue;
        const where = name in packageJson.devDependencies ? 'a devDependency' : 'not a dependency';
        problems.push(`${file}: '${specifier}' is ${where}`);
      }
    }
    expect(problems).toEqual([]);
  });
});
