/**
 * The engineer's own tools beyond file editing: run the checks, run a command under
 * the policy, and search the knowledge base (passages or code examples) with citations.
 */
import { z } from 'zod';

import { defineTool, type ToolContext } from '../agent/index.js';
import type { SearchResult } from '../knowledge/search/hybrid-search.js';
import { runChecks } from './check-runner.js';
import { type CommandResult, runCommand } from './commands/command-runner.js';
import type { EngineerDependencies } from './engineer-dependencies.js';

type Context = ToolContext<EngineerDependencies>;

export const runChecksTool = defineTool({
  name: 'run_checks',
  description:
    'Run the task checks (tests, type-check, lint). Returns each exit code and the output tail.',
  inputSchema: z.object({}),
  async execute(_input, context: Context) {
    const records = await runChecks(context.dependencies, 'tool', context.abortSignal);
    return records
      .map(
        (record) =>
          `$ ${record.command}\nexit ${record.exitCode ?? 'none'}${record.timedOut ? ' (timed out)' : ''}\n${record.outputTail}`,
      )
      .join('\n\n');
  },
});

export const runCommandTool = defineTool({
  name: 'run_command',
  description:
    'Run a shell command in the workspace under the command policy (no network, no recursive deletes, nothing outside the workspace).',
  inputSchema: z.object({ command: z.string().min(1).max(4000) }),
  async execute({ command }, context: Context) {
    const result: CommandResult = await runCommand(command, {
      ...context.dependencies.commandOptions,
      abortSignal: context.abortSignal,
    });
    context.dependencies.records.commands.push(result);
    return `exit ${result.exitCode ?? 'none'}${result.timedOut ? ' (timed out)' : ''}\n${result.stdout}${result.stderr === '' ? '' : `\nstderr:\n${result.stderr}`}`;
  },
});

const searchInput = z.object({
  query: z.string().min(1).max(500),
  limit: z.number().int().min(1).max(20).optional(),
});

export const searchKnowledgeTool = defineTool({
  name: 'search_knowledge',
  description: 'Search the engineering knowledge base and team docs. Returns cited passages.',
  inputSchema: searchInput,
  async execute({ query, limit }, context: Context) {
    const results = await context.dependencies.knowledge.search({ query, limit: limit ?? 5 });
    return formatHits(results, context);
  },
});

export const searchCodeExamplesTool = defineTool({
  name: 'search_code_examples',
  description: 'Search code examples in the knowledge base, each with the prose explaining it.',
  inputSchema: searchInput,
  async execute({ query, limit }, context: Context) {
    const results = await context.dependencies.knowledge.search({
      query,
      limit: limit ?? 5,
      filter: { kind: 'code' },
    });
    return formatHits(results, context);
  },
});

function formatHits(results: readonly SearchResult[], context: Context): string {
  if (results.length === 0) return 'No results. Try other words or identifiers.';
  return results
    .map((result) => {
      const { citation } = result;
      context.dependencies.records.cited.add(citation.uri);
      const where = `${citation.uri}:${citation.startLine}-${citation.endLine}`;
      const path = citation.headingPath.length > 0 ? ` (${citation.headingPath.join(' > ')})` : '';
      const context_ = result.context === '' ? '' : `${result.context}\n`;
      return `[${where}]${path}\n${context_}${result.text}`;
    })
    .join('\n\n---\n\n');
}
