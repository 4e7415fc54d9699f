/** `archon show <id>`: a document (by id) or a chunk (by numeric id) in full. */
import type { Command } from 'commander';

import { ArchonError, ErrorCode } from '../../core/errors.js';
import type { CliContext } from '../cli-context.js';

export function registerShowCommand(program: Command, context: CliContext): void {
  program
    .command('show')
    .description('show a document (document id) or a chunk (numeric chunk id) from search results')
    .argument('<id>', 'document id or chunk id')
    .option('--json', 'print as JSON')
    .action(async (id: string, options: { json?: boolean }) => {
      const knowledgeBase = await context.knowledgeBase();
      if (/^\d+$/.test(id)) {
        const [found] = await knowledgeBase.store.getChunks([Number(id)]);
        if (found === undefined)
          throw new ArchonError(ErrorCode.NotFound, `no chunk with id ${id}`);
        if (options.json === true) context.printJson(found);
        else {
          const { chunk, citation } = found;
          context.print(
            `${citation.uri}:${chunk.startLine}-${chunk.endLine} [${citation.sourceName}] ${citation.title}` +
              `${chunk.headingPath.length > 0 ? ` > ${chunk.headingPath.join(' > ')}` : ''}\n` +
              `${chunk.context !== '' ? `${chunk.context}\n\n` : ''}${chunk.text}`,
          );
        }
        return;
      }
      const { document, chunks } = await knowledgeBase.getDocument(id);
      if (options.json === true) {
        context.printJson({ document, chunks });
        return;
      }
      context.print(
        `${document.title}\n${document.uri} (${document.language}, ${document.bytes} bytes, ${chunks.length} chunks, ` +
          `sha256 ${document.contentHash.slice(0, 12)})\n`,
      );
      for (const chunk of chunks) {
        context.print(
          `--- chunk ${chunk.id} (${chunk.kind}, lines ${chunk.startLine}-${chunk.endLine}` +
            `${chunk.headingPath.length > 0 ? `, ${chunk.headingPath.join(' > ')}` : ''})\n${chunk.text}`,
        );
      }
    });
}
