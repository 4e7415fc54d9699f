/** `archon runs`, `archon runs show <id>` and `archon undo <run>`. */
import type { Command } from 'commander';

import { ArchonError, ErrorCode } from '../../core/errors.js';
import type { RunRecord } from '../../core/run-store.js';
import { undoRun } from '../../engineer/undo-run.js';
import type { CliContext } from '../cli-context.js';

export function registerRunsCommands(program: Command, context: CliContext): void {
  const runs = program
    .command('runs')
    .description('list implement and ask runs, newest first')
    .enablePositionalOptions()
    .option('--json', 'print as JSON')
    .action(async (options: { json?: boolean }) => {
      const list = await (await context.runStore()).listRuns({ limit: 100 });
      if (options.json === true) context.printJson({ runs: list });
      else if (list.length === 0) context.print('no runs yet');
      else for (const run of list) context.print(describeRun(run));
    });

  runs
    .command('show')
    .description('show one run: its report and events')
    .argument('<id>', 'run id')
    .option('--json', 'print as JSON')
    .action(async (id: string, options: { json?: boolean }) => {
      const store = await context.runStore();
      const run = await store.getRun(id);
      if (run === null)
        throw new ArchonError(ErrorCode.NotFound, `no run with id '${id}' (see \`archon runs\`)`);
      const events = await store.listRunEvents(id);
      if (options.json === true) {
        context.printJson({ run, events });
        return;
      }
      context.print(describeRun(run));
      context.print(`input:\n${run.input.trim()}\n`);
      context.print(`events: ${events.length}`);
      if (run.report !== null) context.print(`report:\n${JSON.stringify(run.report, null, 2)}`);
    });

  program
    .command('undo')
    .description('restore the workspace of an implement run to how it was before the run')
    .argument('<run>', 'run id')
    .option('--json', 'print as JSON')
    .action(async (id: string, options: { json?: boolean }) => {
      const result = await undoRun(
        { runs: await context.runStore(), home: context.settings.home },
        id,
      );
      if (options.json === true) context.printJson(result);
      else
        context.print(
          `restored ${result.workspace} to before run ${id}: ${result.restored.length} files restored, ${result.deleted.length} deleted`,
        );
    });
}

function describeRun(run: RunRecord): string {
  const firstLine = run.input.trim().split('\n')[0] ?? '';
  return `${run.id} ${run.kind} ${run.state}${run.stopReason ? ` (${run.stopReason})` : ''} ${run.createdAt} ${run.model}: ${firstLine.slice(0, 80)}`;
}
