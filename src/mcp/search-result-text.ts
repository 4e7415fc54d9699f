/**
 * Search hits as the agent reads them: one citation line (uri:lines, source, heading
 * path, document id for `read_document`), then the passage. Code examples come in a
 * fence with their explaining prose first. Nothing else: every token is paid for.
 */
import type { SearchResult } from '../knowledge/search/hybrid-search.js';

/** The hits of one query as text; a one-line note when there are none. */
export function formatSearchResults(query: string, results: readonly SearchResult[]): string {
  if (results.length === 0) return `No results for "${query}".`;
  return results.map((result, index) => formatHit(result, index + 1)).join('\n\n');
}

/** `uri:start-end`, the form agents cite. */
export function citationLocation(result: SearchResult): string {
  const { citation } = result;
  return `${citation.uri}:${citation.startLine}-${citation.endLine}`;
}

function formatHit(result: SearchResult, rank: number): string {
  const { citation } = result;
  const headings = citation.headingPath.length > 0 ? ` ${citation.headingPath.join(' > ')}` : '';
  const header = `[${rank}] ${citationLocation(result)}${headings} (source ${citation.sourceName}, document ${citation.documentId})`;
  if (result.kind !== 'code') return `${header}\n${result.text.trim()}`;
  const context = result.context.trim();
  return `${header}\n${context === '' ? '' : `${context}\n`}${fenced(result.text, result.language)}`;
}

function fenced(code: string, language: string): string {
  const trimmed = code.replace(/^\n+|\s+$/g, '');
  if (trimmed.startsWith('```') || trimmed.startsWith('~~~')) return trimmed;
  const longestRun = Math.max(2, ...[...trimmed.matchAll(/`+/g)].map((match) => match[0].length));
  const fence = '`'.repeat(longestRun + 1);
  return `${fence}${language === 'text' ? '' : language}\n${trimmed}\n${fence}`;
}
