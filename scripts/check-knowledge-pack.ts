/**
 * Checks the built-in knowledge pack: every ```ts / ```typescript block in
 * knowledge-pack/**\/*.md must type-check on its own under strict settings, every
 * document must open with a `# Title`, and every document the golden set names must
 * exist. The pack teaches by example, so a snippet that does not compile is a bug.
 *
 * Run: node --import tsx scripts/check-knowledge-pack.ts
 */
import {
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import ts from 'typescript';

/** One fenced TypeScript block lifted out of a Markdown document. */
interface Snippet {
  /** Document path relative to the repository root. */
  readonly document: string;
  /** 1-based line of the opening fence in the document. */
  readonly fenceLine: number;
  readonly source: string;
}

const repositoryRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const packRoot = join(repositoryRoot, 'knowledge-pack');
const typescriptLanguages = new Set(['ts', 'typescript']);
const fencePattern = /^(\s*)(`{3,}|~{3,})\s*([^\s`]*)/;

/** The settings every snippet must satisfy: the project's own strictness. */
const compilerOptions: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2023,
  lib: ['lib.es2023.d.ts'],
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  strict: true,
  noUncheckedIndexedAccess: true,
  noImplicitOverride: true,
  noImplicitReturns: true,
  noFallthroughCasesInSwitch: true,
  verbatimModuleSyntax: true,
  isolatedModules: true,
  skipLibCheck: true,
  noEmit: true,
  types: ['node'],
};

function listMarkdownFiles(directory: string): string[] {
  return readdirSync(directory, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.md'))
    .map((name) => join(directory, name))
    .sort();
}

/** Splits one document into its TypeScript blocks; other fences are skipped whole. */
function extractSnippets(document: string, text: string): Snippet[] {
  const snippets: Snippet[] = [];
  const lines = text.split('\n');
  let open: { marker: string; language: string; line: number; body: string[] } | undefined;
  for (const [index, line] of lines.entries()) {
    const match = fencePattern.exec(line);
    if (open === undefined) {
      if (match?.[2] !== undefined) {
        open = {
          marker: match[2],
          language: (match[3] ?? '').toLowerCase(),
          line: index + 1,
          body: [],
        };
      }
      continue;
    }
    const closes =
      match?.[2] !== undefined &&
      match[2].startsWith(open.marker) &&
      match[2][0] === open.marker[0] &&
      (match[3] ?? '') === '';
    if (!closes) {
      open.body.push(line);
      continue;
    }
    if (typescriptLanguages.has(open.language)) {
      snippets.push({ document, fenceLine: open.line, source: open.body.join('\n') });
    }
    open = undefined;
  }
  if (open !== undefined) {
    throw new Error(`${document}:${open.line}: code fence is never closed`);
  }
  return snippets;
}

function checkTitles(files: readonly string[]): string[] {
  const problems: string[] = [];
  for (const file of files) {
    const firstLine = readFileSync(file, 'utf8').split('\n', 1)[0] ?? '';
    if (!firstLine.startsWith('# ')) {
      problems.push(`${relative(repositoryRoot, file)}:1: document must start with "# Title"`);
    }
  }
  return problems;
}

/** Every golden query must be well formed and point only at documents that exist. */
function checkGoldenSet(files: readonly string[]): string[] {
  const known = new Set(files.map((file) => relative(repositoryRoot, file)));
  const goldenPath = join(packRoot, 'golden.jsonl');
  const problems: string[] = [];
  const lines = readFileSync(goldenPath, 'utf8').split('\n');
  for (const [index, line] of lines.entries()) {
    if (line.trim() === '') continue;
    const where = `knowledge-pack/golden.jsonl:${index + 1}`;
    let entry: unknown;
    try {
      entry = JSON.parse(line);
    } catch {
      problems.push(`${where}: not valid JSON`);
      continue;
    }
    const { query, relevant } = (entry ?? {}) as { query?: unknown; relevant?: unknown };
    if (typeof query !== 'string' || query.trim() === '' || !Array.isArray(relevant)) {
      problems.push(`${where}: needs a non-empty "query" string and a "relevant" array`);
      continue;
    }
    if (relevant.length === 0) problems.push(`${where}: "relevant" is empty`);
    for (const uri of relevant) {
      if (typeof uri !== 'string' || !known.has(uri))
        problems.push(`${where}: unknown document ${JSON.stringify(uri)}`);
    }
  }
  return problems;
}

function typeCheck(snippets: readonly Snippet[]): string[] {
  const workDirectory = mkdtempSync(join(tmpdir(), 'knowledge-pack-snippets-'));
  try {
    // Snippets import zod and node built-ins; resolve them from the project's modules.
    symlinkSync(join(repositoryRoot, 'node_modules'), join(workDirectory, 'node_modules'), 'dir');
    writeFileSync(join(workDirectory, 'package.json'), '{ "type": "module" }\n');
    const origins = new Map<string, Snippet>();
    for (const [index, snippet] of snippets.entries()) {
      const fileName = join(workDirectory, `snippet-${String(index).padStart(4, '0')}.ts`);
      writeFileSync(fileName, `${snippet.source}\nexport {};\n`);
      origins.set(fileName, snippet);
    }
    const program = ts.createProgram([...origins.keys()], {
      ...compilerOptions,
      typeRoots: [join(repositoryRoot, 'node_modules', '@types')],
    });
    return ts.getPreEmitDiagnostics(program).map((diagnostic) => {
      const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
      const snippet =
        diagnostic.file === undefined ? undefined : origins.get(diagnostic.file.fileName);
      if (
        diagnostic.file === undefined ||
        snippet === undefined ||
        diagnostic.start === undefined
      ) {
        return `TS${diagnostic.code}: ${message}`;
      }
      const { line } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
      const documentLine = snippet.fenceLine + line + 1;
      return `${snippet.document}:${documentLine} (block at line ${snippet.fenceLine}): TS${diagnostic.code}: ${message}`;
    });
  } finally {
    rmSync(workDirectory, { recursive: true, force: true });
  }
}

function main(): number {
  const files = listMarkdownFiles(packRoot);
  const snippets = files.flatMap((file) =>
    extractSnippets(relative(repositoryRoot, file), readFileSync(file, 'utf8')),
  );
  const problems = [...checkTitles(files), ...checkGoldenSet(files), ...typeCheck(snippets)];
  for (const problem of problems) console.error(problem);
  const summary = `${files.length} documents, ${snippets.length} TypeScript blocks`;
  if (problems.length > 0) {
    console.error(`knowledge pack check failed: ${problems.length} problem(s) in ${summary}`);
    return 1;
  }
  console.log(`knowledge pack check passed: ${summary}`);
  return 0;
}

process.exitCode = main();
