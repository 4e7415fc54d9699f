/**
 * A stored run as the `get_run` tool shows it: state and stop reason first, then what
 * the report says (summary, checks, files changed) without the diff, which the agent
 * can read from the workspace itself.
 */
import type { RunRecord, StoredRunEvent } from '../core/run-store.js';

/** The report fields `get_run` reads; every one optional, as ask and implement reports differ. */
interface ReportView {
  readonly summary?: unknown;
  readonly answer?: unknown;
  readonly status?: unknown;
  readonly stopDetail?: unknown;
  readonly checksPassed?: unknown;
  readonly checks?: unknown;
  readonly filesChanged?: unknown;
}

interface CheckView {
  readonly command?: unknown;
  readonly exitCode?: unknown;
  readonly timedOut?: unknown;
}

interface FileView {
  readonly path?: unknown;
  readonly change?: unknown;
}

/** The fields of a run for structuredContent. */
export function runFields(run: RunRecord): Record<string, unknown> {
  const report = reportOf(run);
  return {
    id: run.id,
    kind: run.kind,
    state: run.state,
    stopReason: run.stopReason,
    model: run.model,
    workspace: run.workspace,
    createdAt: run.createdAt,
    updatedAt: run.updatedAt,
    ...(typeof report.summary === 'string' ? { summary: report.summary } : {}),
    ...(typeof report.checksPassed === 'boolean' ? { checksPassed: report.checksPassed } : {}),
    ...(Array.isArray(report.filesChanged) ? { filesChanged: filePaths(report.filesChanged) } : {}),
  };
}

/** Text for the agent; `events` (only read for a running run) tells how far it got. */
export function formatRun(run: RunRecord, events: readonly StoredRunEvent[] = []): string {
  const lines = [
    `Run ${run.id} (${run.kind}): ${run.state}${run.stopReason ? `, stop reason ${run.stopReason}` : ''}`,
    `model ${run.model}${run.workspace ? `; workspace ${run.workspace}` : ''}; started ${run.createdAt}, updated ${run.updatedAt}`,
  ];
  if (run.state === 'running') {
    const last = events.at(-1);
    lines.push(
      `progress: ${events.length} events${last ? `, last ${last.type}` : ''}; call get_run again later`,
    );
    return lines.join('\n');
  }
  const report = reportOf(run);
  if (typeof report.stopDetail === 'string' && report.stopDetail !== '') {
    lines.push(`detail: ${report.stopDetail}`);
  }
  const summary = typeof report.summary === 'string' ? report.summary : report.answer;
  if (typeof summary === 'string' && summary.trim() !== '')
    lines.push(`summary: ${summary.trim()}`);
  if (Array.isArray(report.checks) && report.checks.length > 0) {
    lines.push(
      `checks ${report.checksPassed === true ? 'passed' : 'failed'}: ${lastChecks(report.checks as CheckView[])}`,
    );
  }
  if (Array.isArray(report.filesChanged)) {
    const files = (report.filesChanged as FileView[]).map(
      (file) => `${String(file.change)} ${String(file.path)}`,
    );
    lines.push(`files changed: ${files.length === 0 ? 'none' : files.join(', ')}`);
  }
  if (run.kind === 'implement' && run.checkpointId !== null) {
    lines.push(`undo: archon undo ${run.id}`);
  }
  return lines.join('\n');
}

function reportOf(run: RunRecord): ReportView {
  return typeof run.report === 'object' && run.report !== null ? (run.report as ReportView) : {};
}

/** The last result of each distinct check command, in first-run order. */
function lastChecks(checks: readonly CheckView[]): string {
  const latest = new Map<string, CheckView>();
  for (const check of checks) latest.set(String(check.command), check);
  return [...latest.values()]
    .map(
      (check) =>
        `\`${String(check.command)}\` exit ${check.exitCode === null ? 'none' : String(check.exitCode)}${check.timedOut === true ? ' (timed out)' : ''}`,
    )
    .join(', ');
}

function filePaths(files: readonly unknown[]): string[] {
  return (files as FileView[]).map((file) => String(file.path));
}
