import { describe, expect, it } from 'vitest';

import { codeLanguageByExtension, codeLanguageByFileName } from './code-languages.js';
import { detectLanguage } from './format-detection.js';

describe('detectLanguage', () => {
  it.each([
    ['guide.md', 'markdown', 'markdown'],
    ['guide.markdown', 'markdown', 'markdown'],
    ['page.mdx', 'markdown', 'markdown'],
    ['index.html', 'html', 'markdown'],
    ['index.htm', 'html', 'markdown'],
    ['notes.txt', 'text', 'text'],
    ['manual.rst', 'restructuredtext', 'text'],
    ['manual.adoc', 'asciidoc', 'text'],
    ['config.json', 'json', 'text'],
    ['config.yaml', 'yaml', 'text'],
    ['config.yml', 'yaml', 'text'],
    ['Cargo.toml', 'toml', 'text'],
    ['README', 'text', 'text'],
    ['LICENSE', 'text', 'text'],
    ['main.ts', 'typescript', 'code'],
    ['view.tsx', 'typescript', 'code'],
    ['main.js', 'javascript', 'code'],
    ['view.jsx', 'javascript', 'code'],
    ['main.mjs', 'javascript', 'code'],
    ['main.cjs', 'javascript', 'code'],
    ['main.py', 'python', 'code'],
    ['main.go', 'go', 'code'],
    ['main.rs', 'rust', 'code'],
    ['Main.java', 'java', 'code'],
    ['Main.kt', 'kotlin', 'code'],
    ['main.c', 'c', 'code'],
    ['main.h', 'c', 'code'],
    ['main.cpp', 'cpp', 'code'],
    ['main.hpp', 'cpp', 'code'],
    ['Program.cs', 'csharp', 'code'],
    ['main.rb', 'ruby', 'code'],
    ['index.php', 'php', 'code'],
    ['main.swift', 'swift', 'code'],
    ['Main.scala', 'scala', 'code'],
    ['run.sh', 'shell', 'code'],
    ['run.bash', 'shell', 'code'],
    ['schema.sql', 'sql', 'code'],
    ['init.lua', 'lua', 'code'],
    ['Dockerfile', 'dockerfile', 'code'],
    ['Dockerfile.dev', 'dockerfile', 'code'],
    ['Containerfile', 'dockerfile', 'code'],
    ['Makefile', 'makefile', 'code'],
    ['GNUmakefile', 'makefile', 'code'],
    ['rules.mk', 'makefile', 'code'],
    ['CMakeLists.txt', 'cmake', 'code'],
    ['Gemfile', 'ruby', 'code'],
    ['Jenkinsfile', 'groovy', 'code'],
  ])('reads %s as %s (%s)', (name, language, format) => {
    expect(detectLanguage(name)).toEqual({ language, format });
  });

  it('maps every code extension and code file name in the tables to code', () => {
    expect(codeLanguageByExtension.size).toBeGreaterThan(80);
    for (const [extension, language] of codeLanguageByExtension) {
      expect(detectLanguage(`src/file${extension}`)).toEqual({ language, format: 'code' });
    }
    for (const [name, language] of codeLanguageByFileName) {
      expect(detectLanguage(`/repo/${name}`)).toEqual({ language, format: 'code' });
    }
  });

  it('ignores case in extensions and known names', () => {
    expect(detectLanguage('NOTES.MD')).toEqual({ language: 'markdown', format: 'markdown' });
    expect(detectLanguage('readme')).toEqual({ language: 'text', format: 'text' });
    expect(detectLanguage('makefile')).toEqual({ language: 'makefile', format: 'code' });
  });

  it('uses only the last path segment, with either separator', () => {
    expect(detectLanguage('/a/b.md/c.py')?.language).toBe('python');
    expect(detectLanguage('C:\\docs\\guide.md')?.language).toBe('markdown');
    expect(detectLanguage('docs.md/README')?.language).toBe('text');
  });

  it.each([
    'photo.png',
    'archive.zip',
    'archive.tar.gz',
    'font.woff2',
    'program.exe',
    'data.csv',
    'notes',
    '.env',
    '.gitignore',
    'package-lock.json',
    'pnpm-lock.yaml',
    'yarn.lock',
    '',
  ])('returns null for %j', (name) => {
    expect(detectLanguage(name)).toBeNull();
  });
});
