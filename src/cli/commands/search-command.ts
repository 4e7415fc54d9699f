/** `archon search <query>`: hybrid search with citations. */
import type { Command } from 'commander';

import { ArchonError, ErrorCode } from '../../core/errors.js';
import type { SearchMode, SearchResult } from '../../knowledge/search/hybrid-search.js';
import type { CliContext } from '../cli-context.js';
import { collectList, parseCount } from '../option-parsers.js';

interface SearchOptions {
  limit?: number;
  source?: string[];
  tag?: string[];
  language?: string[];
  code?: boolean;
  mode?: string;
  json?: boolean;
}

const modes: readonly SearchMode[] = ['hybrid', 'lexical', 'vector'];

export function registerSearchCommand(program: Command, context: CliContext): void {
  program
    .command('search')
    .description('search the knowledge base (BM25 + vectors, fused) and print cited passages')
    .argument('<query...>', 'what to look for')
    .option('-k, --limit <n>', 'number of results (default 8)', parseCount('-k', 200))
    .option('--source <name>', 'only this source (repeatable)', collectList)
    .option('--tag <tag>', 'only documents with this tag (repeatable)', collectList)
    .option('--language <language>', 'only chunks in this language (repeatable)', collectList)
    .option('--code', 'only code examples')
    .option('--mode <mode>', 'hybrid, lexical or vector (default hybrid)')
    .option('--json', 'print results as JSON')
    .action(async (words: string[], options: SearchOptions) => {
      const query = words.join(' ');
      const mode = parseMode(options.mode);
      const knowledgeBase = await context.knowledgeBase({ withPack: true });
      const results = await knowledgeBase.search({
        query,
        ...(options.limit !== undefined ? { limit: options.limit } : {}),
        mode,
        filter: {
          ...(options.source ? { sourceIds: options.source } : {}),
          ...(options.tag ? { tags: options.tag } : {}),
          ...(options.language ? { languages: options.language } : {}),
          ...(options.code === true ? { kind: 'code' as const } : {}),
        },
      });
      if (options.json === true) context.printJson({ query, results });
      else context.print(formatResults(query, results));
    });
}

function parseMode(value: string | undefined): SearchMode {
  if (value === undefined) return 'hybrid';
  if ((modes as readonly string[]).includes(value)) return value as SearchMode;
  throw new ArchonError(
    ErrorCode.InvalidInput,
    `--mode must be one of ${modes.join(', ')}, got '${value}'`,
  );
}

/** Human output: rank, citation, score parts, then the passage indented. */
export function formatResults(query: string, results: readonly SearchResult[]): string {
  if (results.length === 0) return `no results for "${query}"`;
  return results
    .map((result, index) => {
      const { citation } = result;
      const breadcrumbs =
        citation.headingPath.length > 0 ? ` > ${citation.headingPath.join(' > ')}` : '';
      const parts = [
        result.components.lexical ? `bm25 #${result.components.lexical.rank}` : undefined,
        result.components.vector ? `vector #${result.components.vector.rank}` : undefined,
      ].filter((part) => part !== undefined);
      const header =
        `${index + 1}. [${citation.sourceName}] ${citation.uri}:${citation.startLine}-${citation.endLine}` +
        `${breadcrumbs}\n   ${result.kind === 'code' ? `code (${result.language}), ` : ''}` +
        `score ${result.score.toFixed(4)} (${parts.join(', ')}), chunk ${result.chunkId}, document ${citation.documentId}` +
        (result.duplicates > 0 ? `, ${result.duplicates} near-duplicate(s) collapsed` : '');
      const excerpt = excerptOf(result.text)
        .split('\n')
        .map((line) => `   | ${line}`)
        .join('\n');
      return `${header}\n${excerpt}`;
    })
    .join('\n\n');
}

function excerptOf(text: string, maximumLines = 8): string {
  const lines = text.trim().split('\n');
  return lines.length <= maximumLines
    ? lines.join('\n')
    : `${lines.slice(0, maximumLines).join('\n')}\n...`;
}
