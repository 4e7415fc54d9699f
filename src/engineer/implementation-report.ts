/**
 * The final report of an implement run, as JSON and as Markdown: what was done, the
 * files changed with the diff, every check with its exit code, the knowledge cited,
 * tokens and cost, and why the run stopped.
 */
import type { RunUsage, StopReason } from '../agent/index.js';
import type { CheckRecord } from './engineer-dependencies.js';

export interface ChangedFileReport {
  readonly path: string;
  readonly change: 'added' | 'modified' | 'deleted';
  readonly isTestFile: boolean;
}

export interface ImplementationReport {
  readonly runId: string;
  readonly status: 'succeeded' | 'failed' | 'cancelled';
  readonly stopReason: StopReason;
  readonly stopDetail: string;
  readonly model: string;
  readonly workspace: string;
  readonly summary: string;
  readonly checksPassed: boolean;
  readonly checks: readonly CheckRecord[];
  readonly filesChanged: readonly ChangedFileReport[];
  readonly testFilesEdited: readonly string[];
  readonly diff: string;
  readonly knowledgeCited: readonly string[];
  readonly usage: RunUsage;
  readonly checkpointId: string;
}

/** The report as Markdown, for people. */
export function renderReportMarkdown(report: ImplementationReport): string {
  const lines = [
    `# Implementation report ${report.runId}`,
    '',
    `- status: **${report.status}** (${report.stopReason}: ${report.stopDetail})`,
    `- model: ${report.model}; workspace: ${report.workspace}`,
    `- usage: ${report.usage.inputTokens} input + ${report.usage.outputTokens} output tokens, ` +
      `$${report.usage.costUsd.toFixed(4)}, ${report.usage.requests} requests, ${report.usage.toolCalls} tool calls`,
    `- undo: \`archon undo ${report.runId}\``,
    '',
    '## Summary',
    '',
    report.summary === '' ? '(the model gave no summary)' : report.summary,
    '',
    '## Checks (run by Archon)',
    '',
    ...(report.checks.length === 0
      ? ['No checks were run.']
      : report.checks.map(
          (check) =>
            `- \`${check.command}\`: exit ${check.exitCode ?? 'none'}${check.timedOut ? ' (timed out)' : ''} ` +
            `(${check.trigger}, ${check.durationMs} ms)`,
        )),
    '',
    '## Files changed',
    '',
    ...(report.filesChanged.length === 0
      ? ['None.']
      : report.filesChanged.map(
          (file) => `- ${file.change}: ${file.path}${file.isTestFile ? ' (test file)' : ''}`,
        )),
    '',
    '## Knowledge cited',
    '',
    ...(report.knowledgeCited.length === 0
      ? ['None.']
      : report.knowledgeCited.map((uri) => `- ${uri}`)),
    '',
    '## Diff',
    '',
    '```diff',
    report.diff.trimEnd(),
    '```',
    '',
  ];
  return lines.join('\n');
}
