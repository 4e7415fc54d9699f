/**
 * Lexical path checks on command arguments and redirection targets. Every path is
 * resolved against the workspace root: a relative path that climbs out from the
 * root also climbs out from any directory inside it, so this is the strictest
 * reading whatever `cd` did before. Symlinks are not followed here (the policy is
 * lexical); the sandbox and the guard cover that (see decision 009).
 */
import { posix } from 'node:path';

import { comparableSegments, isInReadOnlyArea } from '../workspace/read-only-areas.js';
import { globCouldClimb } from './glob-pattern.js';
import type { ShellWord } from './shell-syntax.js';

/** What the path checks need to know about the workspace. */
export interface PathRules {
  /** Absolute real path of the workspace root. */
  readonly root: string;
  /** Read-only areas as comparable segments. */
  readonly readOnlyAreas: readonly (readonly string[])[];
  /** Absolute paths outside the workspace that commands which only read may name. */
  readonly readablePaths: readonly string[];
}

/** Device files any command may read, and redirections may write, outside the workspace. */
const harmlessDevices = new Set([
  '/dev/null',
  '/dev/zero',
  '/dev/random',
  '/dev/urandom',
  '/dev/stdin',
  '/dev/stdout',
  '/dev/stderr',
]);
const writableDevices = new Set(['/dev/null', '/dev/stdout', '/dev/stderr']);

/** The strings inside a word that may be paths: the word, the value after `=`, a value glued to a short option. */
export function pathCandidates(text: string): string[] {
  const candidates: string[] = [];
  const equals = text.indexOf('=');
  if (!text.startsWith('-')) candidates.push(text);
  if (equals > 0) candidates.push(text.slice(equals + 1));
  else if (/^-[A-Za-z]./u.test(text)) candidates.push(text.slice(2));
  return candidates;
}

/** True when a string names something outside the current directory tree on its own: absolute, `~` or with `..`. */
export function isPathLike(candidate: string): boolean {
  return (
    candidate.startsWith('/') || candidate.startsWith('~') || candidate.split('/').includes('..')
  );
}

/** Where a candidate leads, lexically, from the root; undefined for `~` paths (a home directory). */
function lexicalTarget(rules: PathRules, candidate: string): string | undefined {
  if (candidate.startsWith('~')) return undefined;
  return posix.resolve(rules.root, candidate);
}

function insideRoot(rules: PathRules, target: string): boolean {
  return (
    target === rules.root ||
    target.startsWith(rules.root.endsWith('/') ? rules.root : `${rules.root}/`)
  );
}

function inReadOnlyArea(rules: PathRules, target: string): boolean {
  const relative = posix.relative(rules.root, target);
  return isInReadOnlyArea(comparableSegments(relative), rules.readOnlyAreas);
}

/** Why `candidate` (from `word`) may not be written, or undefined when it may. */
export function writeDenial(
  rules: PathRules,
  word: ShellWord,
  candidate: string,
  devicesAllowed: boolean,
): string | undefined {
  if (word.tilde || candidate.startsWith('~'))
    return `${quoted(candidate)} names a home directory outside the workspace`;
  if (word.glob && globCouldClimb(word.globPattern))
    return `${quoted(candidate)} may expand to '..' and leave the workspace`;
  const target = lexicalTarget(rules, candidate) as string;
  if (!insideRoot(rules, target)) {
    if (devicesAllowed && writableDevices.has(target)) return undefined;
    return `${quoted(candidate)} is outside the workspace`;
  }
  if (inReadOnlyArea(rules, target)) return `${quoted(candidate)} is in a read-only area`;
  return undefined;
}

/** Why a path-like `candidate` may not be read, or undefined when it may. */
export function readDenial(
  rules: PathRules,
  word: ShellWord,
  candidate: string,
): string | undefined {
  if (word.tilde || candidate.startsWith('~'))
    return `${quoted(candidate)} names a home directory outside the workspace`;
  if (word.glob && globCouldClimb(word.globPattern))
    return `${quoted(candidate)} may expand to '..' and leave the workspace`;
  const target = lexicalTarget(rules, candidate) as string;
  if (insideRoot(rules, target) || harmlessDevices.has(target)) return undefined;
  const readable = rules.readablePaths.map((path) => path.replace(/\/+$/u, '') || '/');
  if (
    readable.some((path) => target === path || target.startsWith(path === '/' ? '/' : `${path}/`))
  )
    return undefined;
  return `${quoted(candidate)} is outside the workspace`;
}

/** Why a directory (for `cd`, `-C`, `--chdir`) may not be entered, or undefined when it may. */
export function directoryDenial(rules: PathRules, word: ShellWord): string | undefined {
  if (word.expanded || word.brace || word.glob)
    return `the directory ${quoted(word.text)} is computed at run time`;
  const denial = writeDenial(rules, word, word.text, false);
  return denial === undefined ? undefined : `cannot change directory: ${denial}`;
}

function quoted(text: string): string {
  return JSON.stringify(text.length > 80 ? `${text.slice(0, 80)}…` : text);
}
