/**
 * `list_sources`, `add_source` and `read_document`. `add_source` runs the ingest
 * within the call and answers with its summary (the agent usually wants to search
 * the new source next); while it runs, progress notifications go to clients that sent
 * a progress token, and a cancelled request stops the ingest.
 */
import { isAbsolute } from 'node:path';

import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';

import { ArchonError, ErrorCode } from '../core/errors.js';
import type { IngestProgress } from '../knowledge/ingest/ingest-documents.js';
import { refreshVectorIndexInSlices } from '../knowledge/refresh-in-slices.js';
import { formatDocument } from './document-text.js';
import type { McpDependencies } from './mcp-dependencies.js';
import { formatIngestSummary, formatSources } from './source-text.js';
import { lineNumber, text, textList } from './tool-input.js';
import { runTool, textResult } from './tool-results.js';

/** Least time between two progress notifications of one ingest. */
const progressIntervalMs = 250;

// Built once: every stateless HTTP request registers the tools on a fresh server.
const addSourceInput = {
  target: text(4096).describe('Absolute path or http(s) URL'),
  name: text(200).optional().describe('Source name'),
  tags: textList(50, 100).optional(),
};
const readDocumentInput = {
  id: text(200),
  start_line: lineNumber.optional(),
  end_line: lineNumber.optional(),
};

/** Registers the source and document tools on `server`. */
export function registerSourceTools(server: McpServer, dependencies: McpDependencies): void {
  const { knowledgeBase, onUnexpectedError } = dependencies;

  server.registerTool(
    'list_sources',
    {
      description: 'List knowledge sources with their sizes.',
      annotations: { readOnlyHint: true },
    },
    () =>
      runTool('list_sources', onUnexpectedError, async () =>
        textResult(formatSources(await knowledgeBase.listSources())),
      ),
  );

  server.registerTool(
    'add_source',
    {
      description:
        'Ingest a folder, file or URL (page, sitemap.xml, llms.txt) as a source; adding it again updates it. Returns the summary when done.',
      inputSchema: addSourceInput,
    },
    (input, extra) =>
      runTool('add_source', onUnexpectedError, async () => {
        const target = checkTarget(input.target, dependencies.checkPath);
        const progressToken = extra._meta?.progressToken;
        let lastSent = Number.NEGATIVE_INFINITY;
        const onProgress = (progress: IngestProgress): void => {
          const now = performance.now();
          if (progressToken === undefined || now - lastSent < progressIntervalMs) return;
          lastSent = now;
          void extra
            .sendNotification({
              method: 'notifications/progress',
              params: {
                progressToken,
                progress: progress.documents,
                message: `${progress.documents} documents, ${progress.bytes} bytes: ${progress.location}`,
              },
            })
            .catch(() => undefined);
        };
        const summary = await knowledgeBase.ingest({
          targets: [target],
          ...(input.name === undefined ? {} : { source: input.name }),
          ...(input.tags === undefined ? {} : { tags: input.tags }),
          ...(dependencies.urlPolicy ? { urlPolicy: dependencies.urlPolicy } : {}),
          abortSignal: extra.signal,
          onProgress,
        });
        // New vectors are searchable at once (scanned exactly); fold them into the
        // approximate index in the background, a slice per event-loop turn.
        refreshVectorIndexInSlices(knowledgeBase).catch(() => undefined);
        return textResult(formatIngestSummary(summary), {
          source: summary.source,
          added: summary.added,
          updated: summary.updated,
          unchanged: summary.unchanged,
          removed: summary.removed,
          skipped: summary.skipped.length,
          chunks: summary.chunks,
          bytes: summary.bytes,
        });
      }),
  );

  server.registerTool(
    'read_document',
    {
      description:
        'Read a document by id (from search results), optionally lines start_line..end_line.',
      inputSchema: readDocumentInput,
      annotations: { readOnlyHint: true },
    },
    (input) =>
      runTool('read_document', onUnexpectedError, async () => {
        if (
          input.start_line !== undefined &&
          input.end_line !== undefined &&
          input.end_line < input.start_line
        ) {
          throw new ArchonError(ErrorCode.InvalidInput, 'end_line must not be before start_line');
        }
        const { document, chunks } = await knowledgeBase.getDocument(input.id);
        return textResult(
          formatDocument(document, chunks, {
            ...(input.start_line === undefined ? {} : { startLine: input.start_line }),
            ...(input.end_line === undefined ? {} : { endLine: input.end_line }),
          }),
        );
      }),
  );
}

/**
 * A URL, or an absolute path the server's path policy allows: a relative path would
 * resolve against the server's working directory.
 */
function checkTarget(target: string, checkPath: McpDependencies['checkPath']): string {
  if (/^https?:\/\//i.test(target)) return target;
  if (isAbsolute(target)) return checkPath === undefined ? target : checkPath(target, 'target');
  throw new ArchonError(
    ErrorCode.InvalidInput,
    `target must be an absolute path or an http(s) URL, got '${target}'`,
  );
}
