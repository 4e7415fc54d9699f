/**
 * Where the benchmark corpora live. Everything under bench/.data is fetched or
 * built at bench time and ignored by git: the corpora are never committed.
 */
import { join, resolve } from 'node:path';

/** bench/.data, the scratch folder of every benchmark. */
export const benchDataDirectory = resolve(import.meta.dirname, '..', '.data');

/** Downloaded Debian packages (.deb files). */
export const debianPackageDirectory = join(benchDataDirectory, 'debs');

/** The mixed corpus: one extracted tree per Debian documentation package. */
export const mixedCorpusDirectory = join(benchDataDirectory, 'mixed');

/** The Markdown-only corpus: copies of every Markdown file, under distinct paths. */
export const markdownCorpusDirectory = join(benchDataDirectory, 'markdown');

/** The repository's own Markdown, added to the Markdown corpus. */
export const knowledgePackDirectory = resolve(import.meta.dirname, '..', '..', 'knowledge-pack');

/**
 * Debian documentation packages of the mixed corpus: HTML manuals, Markdown and
 * JSON API references, reStructuredText sources and man pages, about 100 MB unpacked.
 */
export const debianDocumentationPackages: readonly string[] = [
  'nodejs-doc',
  'postgresql-doc-15',
  'python3.11-doc',
];
