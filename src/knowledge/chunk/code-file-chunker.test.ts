import { describe, expect, it } from 'vitest';

import type { ChunkDraft } from '../../core/knowledge-types.js';
import { chunkDocument, type ChunkOptions } from './chunk-document.js';
import { describeChunkProblems } from './chunk-invariants.js';

function code(
  language: string,
  lines: readonly string[],
  options: ChunkOptions = {},
): ChunkDraft[] {
  const text = lines.join('\n');
  const chunks = chunkDocument({ text, format: 'code', language, title: 'file' }, options);
  expect(describeChunkProblems(text, chunks, options.maxTokens ?? 700)).toEqual([]);
  expect(chunks.every((chunk) => chunk.kind === 'code' && chunk.language === language)).toBe(true);
  return chunks;
}

/** Options under which every declaration of the fixtures below gets its own chunk. */
const SMALL: ChunkOptions = { targetTokens: 32, maxTokens: 400 };

const TYPESCRIPT = [
  "import { readFile } from 'node:fs/promises';",
  "import type { User } from './user.js';",
  '',
  '/**',
  ' * Loads a user record from disk and parses it for the caller.',
  ' */',
  'export async function loadUser(path: string): Promise<User> {',
  "  const text = await readFile(path, 'utf8');",
  '  const parsed = JSON.parse(text) as User;',
  '  return parsed;',
  '}',
  '',
  '@Injectable()',
  '@Component({',
  "  selector: 'app-user',",
  '})',
  'export class UserCard {',
  '  constructor(private readonly user: User) {}',
  '  render(): string {',
  '    return `<div>${this.user.name}</div>`;',
  '  }',
  '}',
  '',
  '// Names the identifier type used across the whole code base.',
  'export type UserId = string & { readonly brand: unique symbol; readonly kind: "user" };',
];

describe('chunkDocument on code: top-level declarations', () => {
  it('splits TypeScript at declarations with JSDoc, comments and decorators attached', () => {
    const chunks = code('typescript', TYPESCRIPT, SMALL);
    expect(chunks.map((chunk) => [chunk.startLine, chunk.endLine, chunk.headingPath])).toEqual([
      [1, 11, ['function loadUser']],
      [13, 22, ['class UserCard']],
      [24, 25, ['type UserId']],
    ]);
    expect(chunks.map((chunk) => chunk.context)).toEqual([
      'Loads a user record from disk and parses it for the caller.',
      '',
      'Names the identifier type used across the whole code base.',
    ]);
    expect(chunks[1]?.text.startsWith('@Injectable()\n@Component({')).toBe(true);
  });

  it('packs small neighbouring declarations and lists their names', () => {
    const chunks = code('typescript', TYPESCRIPT);
    expect(chunks).toHaveLength(1);
    expect(chunks[0]?.headingPath).toEqual(['function loadUser, class UserCard, type UserId']);
    expect(chunks[0]?.context).toBe('Loads a user record from disk and parses it for the caller.');
  });

  it.each<[string, string[], string]>([
    [
      'javascript',
      [
        "const fs = require('fs');",
        '',
        'function* ids() {',
        '  yield 1;',
        '}',
        '',
        "describe('loader', () => {",
        "  it('works', () => {});",
        '});',
      ],
      "const fs, function ids, describe 'loader'",
    ],
    [
      'python',
      [
        'import os',
        '',
        '# Reads settings.',
        '@lru_cache(maxsize=1)',
        'def settings():',
        '    """Settings from the environment."""',
        '    return os.environ',
        '',
        'class Repo(Base):',
        '    pass',
        '',
        'async def main():',
        '    await run()',
        '',
        "if __name__ == '__main__':",
        '    main()',
      ],
      "def settings, class Repo, def main, if __name__ == '__main__'",
    ],
    [
      'go',
      [
        'package repo',
        '',
        'import "fmt"',
        '',
        'type Repo struct {',
        '\tdb *DB',
        '}',
        '',
        '// Find looks a record up.',
        'func (r *Repo) Find(id int) error {',
        '\treturn nil',
        '}',
        '',
        'func main() {}',
      ],
      'type Repo, func (r *Repo) Find, func main',
    ],
    [
      'rust',
      [
        'use std::fmt;',
        '',
        '#[derive(Debug)]',
        'pub struct Point {',
        '    x: i32,',
        '}',
        '',
        'impl fmt::Display for Point {',
        '    fn fmt(&self) {}',
        '}',
        '',
        'pub(crate) async fn run() {}',
        '',
        'macro_rules! square {',
        '    ($x:expr) => ($x * $x);',
        '}',
      ],
      'struct Point, impl fmt::Display for Point, fn run, macro_rules! square',
    ],
    [
      'java',
      [
        'package app;',
        '',
        'import java.util.List;',
        '',
        '@Service',
        'public final class UserService {',
        '    private final Repo repo;',
        '}',
        '',
        'interface Repo {}',
      ],
      'class UserService, interface Repo',
    ],
    [
      'kotlin',
      [
        'package app',
        '',
        'data class User(val id: Long)',
        '',
        'fun greet(user: User) = "hi"',
        '',
        'object Registry {}',
      ],
      'class User, fun greet, object Registry',
    ],
    [
      'scala',
      [
        'package app',
        '',
        'case class User(id: Long)',
        '',
        'object Main {',
        '  def main(args: Array[String]): Unit = ()',
        '}',
        '',
        'trait Repo',
      ],
      'class User, object Main, trait Repo',
    ],
    [
      'swift',
      [
        'import Foundation',
        '',
        'struct User {}',
        '',
        '@MainActor',
        'final class Store {}',
        '',
        'extension User: Codable {}',
        '',
        'func greet() {}',
      ],
      'struct User, class Store, extension User, func greet',
    ],
    [
      'csharp',
      [
        'using System;',
        '',
        '[Serializable]',
        'public sealed class User {}',
        '',
        'public interface IRepo {}',
        '',
        'public record Point(int X, int Y);',
      ],
      'class User, interface IRepo, record Point',
    ],
    [
      'php',
      [
        '<?php',
        '',
        'namespace App;',
        '',
        '#[Entity]',
        'final class User {}',
        '',
        'function greet(): string { return "hi"; }',
        '',
        'interface Repo {}',
      ],
      'class User, function greet, interface Repo',
    ],
    [
      'ruby',
      [
        "require 'json'",
        '',
        '# A user.',
        'class User',
        'end',
        '',
        'module Helpers',
        'end',
        '',
        'def greet',
        "  'hi'",
        'end',
      ],
      'class User, module Helpers, def greet',
    ],
    [
      'c',
      [
        '#include <stdio.h>',
        '',
        'struct point {',
        '    int x;',
        '};',
        '',
        'static int',
        'add(int a, int b)',
        '{',
        '    return a + b;',
        '}',
        '',
        'int main(void) {',
        '    return add(1, 2);',
        '}',
      ],
      'struct point, add, main',
    ],
    [
      'cpp',
      [
        '#include <vector>',
        '',
        'namespace geo {',
        '',
        'template <typename T>',
        'class Box {};',
        '',
        'std::vector<int> make_values(int count) {',
        '    return {};',
        '}',
        '',
        '}  // namespace geo',
      ],
      'namespace geo, class Box, make_values',
    ],
  ])('recognises %s declarations', (language, lines, names) => {
    const chunks = code(language, lines);
    expect(chunks).toHaveLength(1);
    expect(chunks[0]?.headingPath).toEqual([names]);
  });

  it('accepts language aliases and reads Python docstrings as context', () => {
    const chunks = code(
      'py',
      ['def settings():', '    """Settings from the', '    environment."""', '    return {}'],
      SMALL,
    );
    expect(chunks[0]?.headingPath).toEqual(['def settings']);
    expect(chunks[0]?.context).toBe('Settings from the\nenvironment.');
  });

  it('keeps doc comments and docstrings within the context budget, from their start', () => {
    const sentence = 'This line documents one more aspect of the function in plain words.';
    const jsdoc = [
      '/**',
      ...Array.from({ length: 40 }, () => ` * ${sentence}`),
      ' */',
      'export function documented() {}',
    ];
    const [ts] = code('typescript', jsdoc);
    expect(ts?.context.startsWith(sentence)).toBe(true);
    expect(ts?.context.split('\n').length).toBeLessThan(20);
    const longLine = ['// ' + 'word '.repeat(400), 'export function once() {}'];
    expect(code('typescript', longLine)[0]?.context.length).toBeLessThan(800);
    const docstring = [
      'def documented():',
      '    """',
      ...Array.from({ length: 40 }, () => `    ${sentence}`),
      '    """',
      '    return 1',
    ];
    const [python] = code('python', docstring);
    expect(python?.context.startsWith(sentence)).toBe(true);
    expect(python?.context.split('\n').length).toBeLessThan(20);
  });

  it('gives no docstring context to a Python function without one', () => {
    expect(code('python', ['def plain(a,', '          b):', '    return a + b'])[0]?.context).toBe(
      '',
    );
    expect(code('python', ['def stub(): ...'])[0]?.context).toBe('');
  });

  it('lists at most four names for a chunk of many small declarations', () => {
    const lines = Array.from({ length: 7 }, (_, index) => `export const value${index} = ${index};`);
    expect(code('typescript', lines)[0]?.headingPath).toEqual([
      'const value0, const value1, const value2, const value3 +3 more',
    ]);
  });

  it('falls back to blank-line paragraphs for languages without rules', () => {
    const chunks = code(
      'yaml',
      ['server:', '  port: 8080', '', 'database:', '  url: postgres://db'],
      SMALL,
    );
    expect(chunks.map((chunk) => [chunk.headingPath, chunk.startLine, chunk.endLine])).toEqual([
      [[], 1, 5],
    ]);
  });

  it('returns no chunks for empty code', () => {
    expect(code('typescript', [''])).toEqual([]);
  });
});

describe('chunkDocument on code: large declarations', () => {
  const method = (name: string): string[] => [
    '    /** Finds records by ' + name + ' and maps them to domain objects for callers. */',
    '    @Override',
    `    public List<User> ${name}(String value) {`,
    `        List<User> result = repository.query("select * from users where ${name} = ?", value);`,
    '        return result.stream().map(mapper::toDomain).collect(Collectors.toList());',
    '    }',
  ];
  const javaClass = [
    'package app;',
    '',
    '/** Application service for users. */',
    'public class UserService {',
    '    private final Repository repository;',
    '',
    ...method('findByName'),
    '',
    ...method('findByEmail'),
    '',
    ...method('findByCity'),
    '',
    ...method('findByCountry'),
    '}',
  ];

  it('splits a class too large for one chunk into its members', () => {
    const chunks = code('java', javaClass, { targetTokens: 64, maxTokens: 120 });
    expect(chunks.length).toBeGreaterThanOrEqual(4);
    const paths = chunks.map((chunk) => chunk.headingPath.join(' > '));
    expect(paths).toContain('class UserService > repository, findByName');
    expect(paths).toContain('class UserService > findByCountry');
    expect(chunks[0]?.text.startsWith('package app;')).toBe(true);
    const country = chunks.find((chunk) => chunk.headingPath.join(' ').includes('findByCountry'));
    expect(country?.text.startsWith('    /** Finds records by findByCountry')).toBe(true);
    expect(country?.text.endsWith('}\n}') || country?.text.endsWith('    }\n}')).toBe(true);
    expect(country?.context).toContain('Finds records by findByCountry');
  });

  it('splits a C# namespace into classes and a large class into members', () => {
    const members = Array.from({ length: 6 }, (_, index) => [
      `        public async Task<User> LoadUser${index}Async(int id)`,
      '        {',
      `            var user = await repository.FindAsync(id, cancellationToken: token${index});`,
      '            return user ?? throw new NotFoundException(nameof(User));',
      '        }',
      '',
    ]).flat();
    const lines = [
      'namespace App',
      '{',
      '    public class Small {}',
      '',
      '    public class Big',
      '    {',
      ...members,
      '    }',
      '}',
    ];
    const chunks = code('csharp', lines, { targetTokens: 64, maxTokens: 120 });
    const paths = chunks.map((chunk) => chunk.headingPath.join(' > '));
    expect(paths.some((path) => path.startsWith('namespace App > class Big > LoadUser'))).toBe(
      true,
    );
  });

  it('splits a large function at blank lines and keeps its name', () => {
    const body = Array.from({ length: 12 }, (_, index) => [
      `  const step${index} = await pipeline.run('stage-${index}', { retries: 3, timeoutMs: 5000 });`,
      `  report.add(step${index});`,
      '',
    ]).flat();
    const chunks = code(
      'typescript',
      ['export async function runAll(): Promise<void> {', ...body, '}'],
      { targetTokens: 64, maxTokens: 120 },
    );
    expect(chunks.length).toBeGreaterThan(3);
    expect(chunks.every((chunk) => chunk.headingPath.join() === 'function runAll')).toBe(true);
    expect(chunks[1]?.text.startsWith('  const step')).toBe(true);
  });

  it('splits a minified line without losing a character', () => {
    const minified = `var a=${Array.from({ length: 3000 }, (_, index) => `f${index}(x)`).join(',')};`;
    const chunks = code('javascript', [minified], { targetTokens: 64, maxTokens: 120 });
    expect(chunks.length).toBeGreaterThan(10);
    expect(chunks.map((chunk) => chunk.text).join('')).toBe(minified);
  });

  it('follows multi-line Python decorators and class members', () => {
    const methods = Array.from({ length: 5 }, (_, index) => [
      '    @app.route(',
      `        "/items/${index}",`,
      '    )',
      `    def item_${index}(self, request: Request) -> Response:`,
      `        return self.render("item_${index}.html", items=self.repository.list(limit=${index}))`,
      '',
    ]).flat();
    const lines = ['class ItemViews(View):', '    """Views over items."""', '', ...methods];
    const chunks = code('python', lines, { targetTokens: 48, maxTokens: 100 });
    const member = chunks.find((chunk) => chunk.headingPath.join(' ').includes('def item_3'));
    expect(member?.text.startsWith('    @app.route(\n        "/items/3"')).toBe(true);
    expect(member?.headingPath[0]).toBe('class ItemViews');
  });
});
