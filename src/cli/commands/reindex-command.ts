/** `archon reindex`: re-embed everything with the configured embedding model. */
import type { Command } from 'commander';

import type { CliContext } from '../cli-context.js';

export function registerReindexCommand(program: Command, context: CliContext): void {
  program
    .command('reindex')
    .description('re-embed every chunk with the configured embedding model (after changing it)')
    .option('--json', 'print the summary as JSON')
    .action(async (options: { json?: boolean }) => {
      const knowledgeBase = await context.knowledgeBase();
      const summary = await knowledgeBase.reindex((done) => {
        if (options.json !== true && context.io.interactive)
          context.io.stderr(`\rre-embedded ${done} chunks`);
      });
      if (options.json !== true && context.io.interactive) context.io.stderr('\n');
      if (options.json === true) context.printJson(summary);
      else
        context.print(
          `re-embedded ${summary.chunks} chunks with ${summary.modelId} (${summary.dimensions} dimensions) ` +
            `in ${summary.seconds.toFixed(2)} s`,
        );
    });
}
