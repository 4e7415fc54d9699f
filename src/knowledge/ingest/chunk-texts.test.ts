import { describe, expect, it } from 'vitest';

import { tokenizeForIndex } from '../text/lexical-tokenizer.js';
import { type ChunkTextParts, lexicalFieldsOf } from './chunk-texts.js';

function freshFields(parts: ChunkTextParts): ReturnType<typeof lexicalFieldsOf> {
  return {
    title: tokenizeForIndex(parts.title),
    headings: tokenizeForIndex(parts.headingPath.join(' ')),
    body: tokenizeForIndex(parts.context === '' ? parts.text : `${parts.context}\n${parts.text}`),
  };
}

describe('lexicalFieldsOf', () => {
  it('gives every chunk of a run the fields a fresh tokenization gives', () => {
    const chunks: ChunkTextParts[] = [
      { title: 'Guide', headingPath: ['Setup', 'npm'], context: '', text: 'Run npm install.' },
      { title: 'Guide', headingPath: ['Setup', 'npm'], context: 'Then:', text: 'npm run build' },
      { title: 'Guide', headingPath: ['Setup', 'pnpm'], context: '', text: 'pnpm install' },
      { title: 'Guide', headingPath: ['Setup pnpm'], context: '', text: 'Same joined path.' },
      { title: 'Guide', headingPath: [], context: '', text: 'No headings.' },
      { title: 'Other', headingPath: [], context: '', text: 'Another document.' },
      { title: 'Guide', headingPath: ['Setup', 'npm'], context: '', text: 'Back again.' },
    ];
    for (const chunk of chunks) expect(lexicalFieldsOf(chunk)).toEqual(freshFields(chunk));
  });
});
