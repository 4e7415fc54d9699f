/**
 * `implement` starts an implement run and returns its id at once (runs take minutes,
 * longer than clients wait for a tool call); `get_run` reports where a run stands.
 */
import { isAbsolute } from 'node:path';

import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';

import { modelConfigurationHelp } from '../agent/providers/model-name.js';
import { ArchonError, ErrorCode } from '../core/errors.js';
import type { McpDependencies } from './mcp-dependencies.js';
import { formatRun, runFields } from './run-text.js';
import { text, textList } from './tool-input.js';
import { runTool, textResult } from './tool-results.js';

// Built once: every stateless HTTP request registers the tools on a fresh server.
const implementInput = {
  spec: text(100_000).describe('What to build or fix (Markdown)'),
  workspace: text(4096).describe('Absolute path of the repository'),
  checks: textList(20, 1000).optional().describe('Commands that must pass, e.g. "npm test"'),
};
const getRunInput = { id: text(200) };

/** Registers `implement` and `get_run` on `server`. */
export function registerRunTools(server: McpServer, dependencies: McpDependencies): void {
  const { runs, startImplement, onUnexpectedError } = dependencies;

  server.registerTool(
    'implement',
    {
      description:
        'Start implementing a spec in a workspace; Archon edits and iterates until the checks pass. Returns a run id for get_run.',
      inputSchema: implementInput,
    },
    (input) =>
      runTool('implement', onUnexpectedError, async () => {
        if (startImplement === undefined) {
          throw new ArchonError(
            ErrorCode.InvalidConfig,
            `no language model configured: ${modelConfigurationHelp}`,
          );
        }
        if (!isAbsolute(input.workspace)) {
          throw new ArchonError(
            ErrorCode.InvalidInput,
            `workspace must be an absolute path, got '${input.workspace}'`,
          );
        }
        const { runId } = await startImplement({
          spec: input.spec,
          workspace: input.workspace,
          checks: input.checks ?? [],
        });
        return textResult(`Started run ${runId}. Call get_run with this id for its state.`, {
          runId,
        });
      }),
  );

  server.registerTool(
    'get_run',
    {
      description: 'State, stop reason and report summary of a run.',
      inputSchema: getRunInput,
      annotations: { readOnlyHint: true },
    },
    (input) =>
      runTool('get_run', onUnexpectedError, async () => {
        const run = await runs.getRun(input.id);
        if (run === null) {
          throw new ArchonError(ErrorCode.NotFound, `no run with id '${input.id}'`, {
            details: { id: input.id },
          });
        }
        const events = run.state === 'running' ? await runs.listRunEvents(run.id) : [];
        return textResult(formatRun(run, events), runFields(run));
      }),
  );
}
