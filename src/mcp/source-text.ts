/** Sources and ingest summaries as short text lines for tool results. */
import type { SourceSummary } from '../core/knowledge-types.js';
import type { IngestSummary } from '../knowledge/ingest/ingest-documents.js';

/** Skipped items listed in an ingest summary; the rest are counted. */
const listedSkips = 20;

/** One line per source: name, kind, sizes, tags, where it came from. */
export function formatSources(sources: readonly SourceSummary[]): string {
  if (sources.length === 0) return 'No sources yet. Add one with add_source.';
  return sources
    .map((source) => {
      const tags = source.tags.length > 0 ? `; tags ${source.tags.join(', ')}` : '';
      const from = source.locations.length > 0 ? `; from ${source.locations.join(', ')}` : '';
      return (
        `${source.name} (${source.kind}, id ${source.id}): ${source.documentCount} documents, ` +
        `${source.chunkCount} chunks, ${formatBytes(source.bytes)}${tags}${from}`
      );
    })
    .join('\n');
}

/** What an ingest did, counts first, then the skipped items with their reasons. */
export function formatIngestSummary(summary: IngestSummary): string {
  const lines = [
    `Source ${summary.source}: ${summary.added} added, ${summary.updated} updated, ` +
      `${summary.unchanged} unchanged, ${summary.removed} removed, ${summary.skipped.length} skipped; ` +
      `${summary.chunks} chunks, ${formatBytes(summary.bytes)} in ${summary.seconds.toFixed(2)} s.`,
  ];
  for (const skipped of summary.skipped.slice(0, listedSkips)) {
    lines.push(`skipped ${skipped.location}: ${skipped.reason} (${skipped.message})`);
  }
  if (summary.skipped.length > listedSkips) {
    lines.push(`... and ${summary.skipped.length - listedSkips} more skipped`);
  }
  return lines.join('\n');
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
