/**
 * Reads the deployment files for the deploy tests: every Kubernetes document under
 * deploy/kubernetes (recursively) and the Dockerfile as a list of instructions.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

import { parseAllDocuments } from 'yaml';

export const repositoryRoot = fileURLToPath(new URL('../..', import.meta.url));
export const kubernetesDirectory = join(repositoryRoot, 'deploy', 'kubernetes');
export const dockerfilePath = join(repositoryRoot, 'deploy', 'Dockerfile');

/** One YAML document of a manifest file. */
export interface ManifestDocument {
  /** Path relative to the repository root. */
  readonly file: string;
  readonly object: Record<string, unknown>;
}

function yamlFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return yamlFiles(path);
    return /\.ya?ml$/.test(entry.name) ? [path] : [];
  });
}

/** Every document of every manifest; throws on a YAML error, naming the file. */
export function readManifests(): ManifestDocument[] {
  return yamlFiles(kubernetesDirectory).flatMap((path) => {
    const file = relative(repositoryRoot, path);
    return parseAllDocuments(readFileSync(path, 'utf8')).flatMap((document) => {
      if (document.errors.length > 0) {
        throw new Error(`${file}: ${document.errors.map((error) => error.message).join('; ')}`);
      }
      const object: unknown = document.toJS();
      if (object === null || object === undefined) return [];
      return [{ file, object: object as Record<string, unknown> }];
    });
  });
}

/** One Dockerfile instruction: its keyword (upper case), its arguments and its stage. */
export interface DockerInstruction {
  readonly keyword: string;
  readonly arguments: string;
  /** Index of the build stage it belongs to (-1 before the first FROM). */
  readonly stage: number;
}

/** Splits a Dockerfile into instructions, joining continued lines and dropping comments. */
export function parseDockerfile(text: string): DockerInstruction[] {
  const instructions: DockerInstruction[] = [];
  let pending = '';
  let stage = -1;
  for (const rawLine of text.split('\n')) {
    const line = rawLine.trim();
    if (pending === '' && (line === '' || line.startsWith('#'))) continue;
    if (line.startsWith('#')) continue;
    if (line.endsWith('\\')) {
      pending += `${line.slice(0, -1).trim()} `;
      continue;
    }
    const full = `${pending}${line}`.trim();
    pending = '';
    if (full === '') continue;
    const match = /^(\S+)\s*(.*)$/.exec(full);
    const keyword = (match?.[1] ?? '').toUpperCase();
    if (keyword === 'FROM') stage += 1;
    instructions.push({ keyword, arguments: match?.[2] ?? '', stage });
  }
  if (pending !== '') throw new Error('Dockerfile ends inside a continued line');
  return instructions;
}

/** The words of an exec-form (`["a", "b"]`) or shell-form argument string. */
export function commandWords(argumentsText: string): string[] {
  const text = argumentsText.trim();
  if (text.startsWith('[')) return JSON.parse(text) as string[];
  return text.split(/\s+/).filter((word) => word.length > 0);
}
