/** `archon sources` and `archon remove <source>`: list and remove sources. */
import type { Command } from 'commander';

import type { CliContext } from '../cli-context.js';

export function registerSourceCommands(program: Command, context: CliContext): void {
  program
    .command('sources')
    .description('list sources with their sizes')
    .option('--json', 'print as JSON')
    .action(async (options: { json?: boolean }) => {
      const sources = await (await context.knowledgeBase()).listSources();
      if (options.json === true) {
        context.printJson({ sources });
        return;
      }
      if (sources.length === 0) {
        context.print('no sources yet: `archon ingest <path|url>` adds one');
        return;
      }
      for (const source of sources) {
        context.print(
          `${source.name} (${source.kind}): ${source.documentCount} documents, ${source.chunkCount} chunks, ` +
            `${(source.bytes / 1e6).toFixed(2)} MB; tags [${source.tags.join(', ')}]; updated ${source.updatedAt}\n` +
            `  id ${source.id}; from ${source.locations.join(', ')}`,
        );
      }
    });

  program
    .command('remove')
    .description('remove a source with all its documents')
    .argument('<source>', 'source name or id')
    .option('--json', 'print as JSON')
    .action(async (name: string, options: { json?: boolean }) => {
      const removed = await (await context.knowledgeBase()).removeSource(name);
      if (options.json === true) context.printJson(removed);
      else
        context.print(
          `removed source ${removed.source}: ${removed.documents} documents, ${removed.chunks} chunks`,
        );
    });
}
