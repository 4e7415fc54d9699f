/** `archon ingest <path|url>...`: ingest files, folders or web pages into a source. */
import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';

import type { IngestSummary } from '../../knowledge/ingest/ingest-documents.js';
import type { CliContext } from '../cli-context.js';
import { collectList, parseNonNegative } from '../option-parsers.js';

interface IngestOptions {
  source?: string;
  tags?: string[];
  include?: string[];
  exclude?: string[];
  prune?: boolean;
  depth?: number;
  json?: boolean;
}

export function registerIngestCommand(program: Command, context: CliContext): void {
  program
    .command('ingest')
    .description('ingest files, folders or URLs (a page, sitemap.xml, llms.txt) into a source')
    .argument('<targets...>', 'paths or URLs')
    .option('--source <name>', 'source name (default: folder name or host)')
    .option('--tags <list>', 'comma-separated tags for the documents', collectList)
    .option('--include <glob>', 'only files matching this glob (repeatable)', collectList)
    .option('--exclude <glob>', 'skip files matching this glob (repeatable)', collectList)
    .option('--prune', 'remove documents of the source that no longer exist')
    .option(
      '--depth <n>',
      'follow same-site links this deep from a start page',
      parseNonNegative('--depth'),
    )
    .option('--json', 'print the summary as JSON')
    .action(async (targets: string[], options: IngestOptions) => {
      const knowledgeBase = await context.knowledgeBase();
      const bar = options.json !== true && context.io.interactive ? startProgressBar() : undefined;
      let summary: IngestSummary;
      try {
        summary = await knowledgeBase.ingest({
          targets,
          ...(options.source !== undefined ? { source: options.source } : {}),
          ...(options.tags !== undefined ? { tags: options.tags } : {}),
          ...(options.include !== undefined ? { include: options.include } : {}),
          ...(options.exclude !== undefined ? { exclude: options.exclude } : {}),
          ...(options.depth !== undefined ? { depth: options.depth } : {}),
          prune: options.prune === true,
          ...(bar
            ? {
                onProgress: (progress) =>
                  bar.update(progress.documents, { megabytes: (progress.bytes / 1e6).toFixed(1) }),
              }
            : {}),
        });
      } finally {
        bar?.stop();
      }
      // The documents are durable and searchable now; indexing is a separate, timed step.
      const index = await knowledgeBase.refreshVectorIndex();
      if (options.json === true) {
        context.printJson({
          ...summary,
          indexSeconds: index.seconds,
          vectorIndex: index.vectorIndex,
        });
      } else {
        context.print(formatIngestSummary(summary));
        context.print(
          `vector index (${index.vectorIndex}) updated in ${index.seconds.toFixed(2)} s`,
        );
      }
    });
}

function startProgressBar(): SingleBar {
  const bar = new SingleBar({
    format: 'ingesting: {value} documents, {megabytes} MB',
    stream: process.stderr,
    clearOnComplete: true,
    hideCursor: true,
  });
  bar.start(0, 0, { megabytes: '0.0' });
  return bar;
}

/** Human summary: counts first, then each skipped item with its reason. */
export function formatIngestSummary(summary: IngestSummary): string {
  const lines = [
    `source ${summary.source}: ${summary.added} added, ${summary.updated} updated, ` +
      `${summary.unchanged} unchanged, ${summary.removed} removed, ${summary.skipped.length} skipped; ` +
      `${summary.chunks} chunks, ${(summary.bytes / 1e6).toFixed(2)} MB in ${summary.seconds.toFixed(2)} s`,
  ];
  for (const skipped of summary.skipped.slice(0, 50)) {
    lines.push(`  skipped ${skipped.location}: ${skipped.reason} (${skipped.message})`);
  }
  if (summary.skipped.length > 50)
    lines.push(`  ... and ${summary.skipped.length - 50} more skipped`);
  return lines.join('\n');
}
