import { describe, expect, it } from 'vitest';

import { normalizeLanguage } from './code-language-names.js';

describe('normalizeLanguage', () => {
  it.each([
    ['ts', 'typescript'],
    ['TSX', 'typescript'],
    ['js', 'javascript'],
    ['py', 'python'],
    ['bash', 'shell'],
    ['sh', 'shell'],
    ['shell', 'shell'],
    ['console', 'shell'],
    ['yml', 'yaml'],
    ['c++', 'cpp'],
    ['C#', 'csharp'],
    ['{.python .numberLines}', 'python'],
    ['ts title="app.ts"', 'typescript'],
    ['python:main.py', 'python'],
    ['', 'text'],
    ['   ', 'text'],
    ['mermaid', 'mermaid'],
    ['.', 'text'],
  ])('%j -> %s', (info, language) => {
    expect(normalizeLanguage(info)).toBe(language);
  });
});
