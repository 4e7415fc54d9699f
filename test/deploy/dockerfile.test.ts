/**
 * deploy/Dockerfile, read as text (there is no Docker engine here): stages, the
 * non-root user, the health check, the volume, the entry point, and every file it
 * copies from the build context exists and is not filtered out by its .dockerignore.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { commandWords, dockerfilePath, parseDockerfile, repositoryRoot } from './deploy-files.js';

const instructions = parseDockerfile(readFileSync(dockerfilePath, 'utf8'));
const stages = instructions.filter((instruction) => instruction.keyword === 'FROM');
const finalStage = stages.length - 1;
const final = instructions.filter((instruction) => instruction.stage === finalStage);

function stageIndex(name: string): number {
  return stages.findIndex((from) => new RegExp(`\\sAS\\s+${name}$`, 'i').test(from.arguments));
}

function inStage(stage: number, keyword: string): string[] {
  return instructions
    .filter((instruction) => instruction.stage === stage && instruction.keyword === keyword)
    .map((instruction) => instruction.arguments);
}

/** The stage a stage builds on, by name, or -1 for an image. */
function parentStage(stage: number): number {
  const base = /^(\S+)/.exec(stages[stage]?.arguments ?? '')?.[1] ?? '';
  return stageIndex(base);
}

/** Everything a stage runs, its parents' commands included. */
function runsOf(stage: number): string[] {
  const own = inStage(stage, 'RUN');
  const parent = parentStage(stage);
  return parent === -1 ? own : [...runsOf(parent), ...own];
}

interface Copy {
  readonly from: string | undefined;
  readonly sources: string[];
  readonly destination: string;
}

function copies(stage: number): Copy[] {
  return inStage(stage, 'COPY').map((text) => {
    const words = text.split(/\s+/);
    const flags = words.filter((word) => word.startsWith('--'));
    const paths = words.filter((word) => !word.startsWith('--'));
    const from = flags.find((flag) => flag.startsWith('--from='))?.slice('--from='.length);
    return { from, sources: paths.slice(0, -1), destination: paths.at(-1) ?? '' };
  });
}

describe('deploy/Dockerfile', () => {
  it('is multi-stage: named stages, the last one the runtime', () => {
    expect(stages.length).toBeGreaterThanOrEqual(3);
    for (const from of stages) expect(from.arguments).toMatch(/\sAS\s+[a-z-]+$/i);
    expect(stages[finalStage]?.arguments).toMatch(/\sAS\s+runtime$/i);
  });

  it('builds with npm ci and npm run build, and ships production dependencies from npm ci --omit=dev', () => {
    const build = stageIndex('build');
    expect(runsOf(build).join('\n')).toMatch(/npm ci\b/);
    expect(runsOf(build).join('\n')).toMatch(/npm run build/);
    const nodeModules = copies(finalStage).find((copy) =>
      copy.destination.endsWith('node_modules'),
    );
    const dependencyStage = stageIndex(nodeModules?.from ?? '');
    expect(dependencyStage).toBeGreaterThan(-1);
    expect(runsOf(dependencyStage).join('\n')).toMatch(/npm ci --omit=dev/);
    const dist = copies(finalStage).find((copy) => copy.sources.includes('/app/dist'));
    expect(dist?.from).toBe('build');
  });

  it('runs nothing in the runtime stage that installs dev dependencies or a compiler', () => {
    const runtimeRuns = inStage(finalStage, 'RUN').join('\n');
    expect(runtimeRuns).not.toMatch(/npm (ci|install)/);
    expect(runtimeRuns).not.toMatch(/\b(g\+\+|gcc|make|python3)\b/);
    expect(stages[finalStage]?.arguments).toMatch(/^\$\{NODE_IMAGE\}|^node:/);
  });

  it('uses a slim Node 20 or 22 base shared by every stage', () => {
    const argument = instructions.find(
      (instruction) =>
        instruction.keyword === 'ARG' && instruction.arguments.startsWith('NODE_IMAGE='),
    );
    expect(argument?.arguments).toMatch(/^NODE_IMAGE=node:(20|22)[\w.-]*-slim$/);
    for (const [index, from] of stages.entries()) {
      if (parentStage(index) === -1) expect(from.arguments).toMatch(/^\$\{NODE_IMAGE\}\s/);
    }
  });

  it('runs as a numeric non-root user', () => {
    const users = inStage(finalStage, 'USER');
    expect(users).toHaveLength(1);
    const [user, group] = (users[0] ?? '').split(':');
    expect(Number(user)).toBeGreaterThan(0);
    expect(Number(group)).toBeGreaterThan(0);
    const lastUserIndex = final.findLastIndex((instruction) => instruction.keyword === 'USER');
    const lastRunIndex = final.findLastIndex((instruction) => instruction.keyword === 'RUN');
    expect(lastUserIndex).toBeGreaterThan(lastRunIndex);
  });

  it('checks health with node running deploy/healthcheck.js, which the image contains', () => {
    const [healthcheck] = inStage(finalStage, 'HEALTHCHECK');
    expect(healthcheck).toMatch(/--timeout=\d+s/);
    const command = /CMD\s+(.*)$/.exec(healthcheck ?? '')?.[1] ?? '';
    expect(commandWords(command)).toEqual(['node', 'deploy/healthcheck.js']);
    expect(copies(finalStage)).toContainEqual({
      from: undefined,
      sources: ['deploy/healthcheck.js'],
      destination: './deploy/healthcheck.js',
    });
  });

  it('keeps data in the /data volume named by ARCHON_HOME and exposes port 8000', () => {
    expect(inStage(finalStage, 'VOLUME')).toEqual(['/data']);
    expect(inStage(finalStage, 'ENV').join(' ')).toMatch(/\bARCHON_HOME=\/data\b/);
    expect(inStage(finalStage, 'EXPOSE')).toEqual(['8000']);
  });

  it('starts `node bin/archon.js serve --host 0.0.0.0 --port 8000` under an init process', () => {
    const entrypoint = commandWords(inStage(finalStage, 'ENTRYPOINT')[0] ?? '[]');
    const command = commandWords(inStage(finalStage, 'CMD')[0] ?? '[]');
    expect(entrypoint.slice(-2)).toEqual(['node', 'bin/archon.js']);
    expect(entrypoint.slice(0, 2)).toEqual(['/usr/bin/tini', '--']);
    expect(inStage(finalStage, 'RUN').join('\n')).toMatch(/install[^\n]*\btini\b/);
    expect(command).toEqual(['serve', '--host', '0.0.0.0', '--port', '8000']);
    const workdir = inStage(finalStage, 'WORKDIR').at(-1);
    expect(workdir).toBe('/app');
  });

  it('copies every file the published package needs into the runtime', () => {
    const packageJson = JSON.parse(readFileSync(join(repositoryRoot, 'package.json'), 'utf8')) as {
      files: string[];
    };
    const copied = copies(finalStage).flatMap((copy) =>
      copy.sources.map((source) => source.replace(/^\/app\//, '')),
    );
    for (const file of [...packageJson.files, 'package.json', 'node_modules']) {
      expect(copied, file).toContain(file);
    }
  });

  it('copies from the build context only files that exist and that .dockerignore keeps', () => {
    const ignored = readFileSync(`${dockerfilePath}.dockerignore`, 'utf8')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '' && !line.startsWith('#'));
    const contextCopies = stages.flatMap((_from, stage) => copies(stage));
    expect(contextCopies.length).toBeGreaterThan(0);
    for (const copy of contextCopies) {
      if (copy.from !== undefined) {
        expect(stageIndex(copy.from), `stage ${copy.from}`).toBeGreaterThan(-1);
        continue;
      }
      for (const source of copy.sources) {
        expect(existsSync(join(repositoryRoot, source)), `${source} exists`).toBe(true);
        const topLevel = source.split('/')[0] ?? '';
        expect(ignored, `${source} is not ignored`).not.toContain(topLevel);
        expect(ignored, `${source} is not ignored`).not.toContain(source);
      }
    }
  });

  it('ignores local state and secrets in the build context', () => {
    const ignored = readFileSync(`${dockerfilePath}.dockerignore`, 'utf8');
    for (const entry of ['.git', 'node_modules', 'dist', '.env']) {
      expect(ignored.split('\n')).toContain(entry);
    }
  });
});

describe('parseDockerfile', () => {
  it('joins continued lines, skips comments and counts stages', () => {
    const parsed = parseDockerfile(
      '# c\nARG X=1\nFROM a AS one\nRUN a \\\n  # inner\n  && b\nfrom b AS two\n',
    );
    expect(parsed).toEqual([
      { keyword: 'ARG', arguments: 'X=1', stage: -1 },
      { keyword: 'FROM', arguments: 'a AS one', stage: 0 },
      { keyword: 'RUN', arguments: 'a && b', stage: 0 },
      { keyword: 'FROM', arguments: 'b AS two', stage: 1 },
    ]);
    expect(() => parseDockerfile('RUN a \\')).toThrow(/continued line/);
  });
});
