/**
 * Decides from a file's name alone whether the knowledge base reads it and how: as
 * Markdown, plain text, or code in a named language. Deciding by name means unsupported
 * files are skipped without a single byte being read.
 */
import { posix, win32 } from 'node:path';

import type { DocumentFormat } from '../loaded-document.js';
import { codeLanguageByExtension, codeLanguageByFileName } from './code-languages.js';

/** How a supported file is read. HTML is 'markdown' because it is converted on load. */
export interface DetectedLanguage {
  readonly language: string;
  readonly format: DocumentFormat;
}

const markdown: DetectedLanguage = { language: 'markdown', format: 'markdown' };
const html: DetectedLanguage = { language: 'html', format: 'markdown' };

const textLanguageByExtension: ReadonlyMap<string, string> = new Map([
  ['.txt', 'text'],
  ['.text', 'text'],
  ['.rst', 'restructuredtext'],
  ['.adoc', 'asciidoc'],
  ['.asciidoc', 'asciidoc'],
  ['.org', 'org'],
  ['.tex', 'latex'],
  ['.json', 'json'],
  ['.jsonc', 'json'],
  ['.json5', 'json'],
  ['.yaml', 'yaml'],
  ['.yml', 'yaml'],
  ['.toml', 'toml'],
  ['.xml', 'xml'],
  ['.ini', 'ini'],
  ['.cfg', 'ini'],
  ['.properties', 'properties'],
]);

const markupByExtension: ReadonlyMap<string, DetectedLanguage> = new Map([
  ['.md', markdown],
  ['.markdown', markdown],
  ['.mdx', markdown],
  ['.mdown', markdown],
  ['.mkd', markdown],
  ['.html', html],
  ['.htm', html],
  ['.xhtml', html],
]);

/** Extension-less project documents, read as plain text (lower-cased names). */
const plainTextFileNames: ReadonlySet<string> = new Set([
  'readme',
  'license',
  'licence',
  'copying',
  'notice',
  'authors',
  'contributors',
  'contributing',
  'changelog',
  'changes',
  'history',
  'news',
  'install',
  'todo',
]);

/**
 * Generated lockfiles: machine-written, huge and useless to search, so they count as
 * unsupported even though their extension (.json, .yaml) is.
 */
const lockFileNames: ReadonlySet<string> = new Set([
  'package-lock.json',
  'npm-shrinkwrap.json',
  'pnpm-lock.yaml',
  'composer.lock',
  'yarn.lock',
]);

/**
 * The language and format of a file from its name: known names first (`Dockerfile`,
 * `Makefile`, `README`), then `Dockerfile.<variant>`, then the lower-cased extension.
 * Returns null for anything the knowledge base does not read (images, archives,
 * lockfiles, dotfiles such as `.env`).
 */
export function detectLanguage(path: string): DetectedLanguage | null {
  const name = win32.basename(path).toLowerCase();
  if (lockFileNames.has(name)) return null;
  if (plainTextFileNames.has(name)) return { language: 'text', format: 'text' };
  const byName = codeLanguageByFileName.get(name);
  if (byName !== undefined) return { language: byName, format: 'code' };
  if (name.startsWith('dockerfile.')) return { language: 'dockerfile', format: 'code' };
  const extension = posix.extname(name);
  if (extension === '') return null;
  const markup = markupByExtension.get(extension);
  if (markup !== undefined) return markup;
  const textLanguage = textLanguageByExtension.get(extension);
  if (textLanguage !== undefined) return { language: textLanguage, format: 'text' };
  const codeLanguage = codeLanguageByExtension.get(extension);
  if (codeLanguage !== undefined) return { language: codeLanguage, format: 'code' };
  return null;
}
