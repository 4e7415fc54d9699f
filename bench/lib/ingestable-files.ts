/**
 * The files of a folder that the knowledge base's file loader would read: a
 * supported name (the loader's own `detectLanguage`) and a size within the
 * limit. The FTS5 baseline ingests exactly these, so both sides see the same input.
 */
import { statSync } from 'node:fs';

import { detectLanguage } from '../../src/knowledge/ingest/files/index.js';
import { walkFiles } from '../corpus/corpus-files.js';

/** A file the loader accepts, with its size. */
export interface IngestableFile {
  readonly path: string;
  readonly bytes: number;
  readonly language: string;
}

/** Every accepted file under `root`, in walk order. */
export function ingestableFiles(root: string, maxFileBytes: number): IngestableFile[] {
  const files: IngestableFile[] = [];
  for (const path of walkFiles(root)) {
    const detected = detectLanguage(path);
    if (detected === null) continue;
    const bytes = statSync(path).size;
    if (bytes > maxFileBytes) continue;
    files.push({ path, bytes, language: detected.language });
  }
  return files;
}
