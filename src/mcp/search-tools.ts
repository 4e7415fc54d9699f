/**
 * `search_knowledge` and `search_code_examples`: hybrid search of the knowledge base
 * (the engineering pack plus what the user ingested), returned as cited passages.
 */
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';

import type { SearchFilter } from '../core/knowledge-types.js';
import { normalizeLanguage } from '../knowledge/chunk/code-language-names.js';
import type { McpDependencies } from './mcp-dependencies.js';
import { formatSearchResults } from './search-result-text.js';
import { text } from './tool-input.js';
import { runTool, textResult } from './tool-results.js';

/** Results per call unless the agent asks for more; passages are a few hundred tokens each. */
export const defaultSearchLimit = 5;
export const maximumSearchLimit = 20;

const query = text(2000).describe('What to look for');
const limit = z
  .number()
  .int()
  .min(1)
  .max(maximumSearchLimit)
  .optional()
  .describe(`Results (default ${defaultSearchLimit})`);
const source = text(200).optional().describe('Only this source (name or id)');

// Built once: every stateless HTTP request registers the tools on a fresh server.
const searchKnowledgeInput = {
  query,
  limit,
  source,
  code_only: z.boolean().optional().describe('Only code examples'),
};
const searchCodeExamplesInput = {
  query,
  limit,
  language: text(50).optional().describe('Only this language, e.g. typescript'),
  source,
};

/** Registers both search tools on `server`. */
export function registerSearchTools(server: McpServer, dependencies: McpDependencies): void {
  const { knowledgeBase, onUnexpectedError } = dependencies;

  server.registerTool(
    'search_knowledge',
    {
      description:
        'Search engineering knowledge and ingested docs (keyword + semantic). Returns cited passages (uri:lines, document id).',
      inputSchema: searchKnowledgeInput,
      annotations: { readOnlyHint: true },
    },
    (input) =>
      runTool('search_knowledge', onUnexpectedError, async () => {
        const results = await knowledgeBase.search({
          query: input.query,
          limit: input.limit ?? defaultSearchLimit,
          filter: filterOf(input.source, input.code_only === true ? 'code' : undefined),
        });
        return textResult(formatSearchResults(input.query, results));
      }),
  );

  server.registerTool(
    'search_code_examples',
    {
      description: 'Search code examples only, each with the prose that explains it.',
      inputSchema: searchCodeExamplesInput,
      annotations: { readOnlyHint: true },
    },
    (input) =>
      runTool('search_code_examples', onUnexpectedError, async () => {
        const results = await knowledgeBase.search({
          query: input.query,
          limit: input.limit ?? defaultSearchLimit,
          filter: {
            ...filterOf(input.source, 'code'),
            ...(input.language === undefined
              ? {}
              : { languages: [normalizeLanguage(input.language)] }),
          },
        });
        return textResult(formatSearchResults(input.query, results));
      }),
  );
}

function filterOf(source: string | undefined, kind: 'code' | undefined): SearchFilter {
  return {
    ...(source === undefined ? {} : { sourceIds: [source] }),
    ...(kind === undefined ? {} : { kind }),
  };
}
