/** `archon eval <golden.jsonl>`: retrieval quality (recall@k, MRR, nDCG@k) on a golden set. */
import type { Command } from 'commander';

import { ArchonError, ErrorCode } from '../../core/errors.js';
import { evaluateRetrieval } from '../../knowledge/eval/evaluate-retrieval.js';
import { readGoldenSet } from '../../knowledge/eval/golden-set.js';
import type { CliContext } from '../cli-context.js';
import { collectList, parseCount, parseFraction } from '../option-parsers.js';

interface EvalOptions {
  limit?: number;
  source?: string[];
  minRecall?: number;
  json?: boolean;
}

export function registerEvalCommand(program: Command, context: CliContext): void {
  program
    .command('eval')
    .description(
      'measure retrieval quality on a JSONL golden set: {"query": "...", "relevant": ["uri", ...]}',
    )
    .argument('<golden>', 'path of the golden set (.jsonl)')
    .option('-k, --limit <n>', 'cut-off k (default 10)', parseCount('-k', 100))
    .option('--source <name>', 'search only this source (repeatable)', collectList)
    .option(
      '--min-recall <fraction>',
      'exit 1 if recall@k is below this',
      parseFraction('--min-recall'),
    )
    .option('--json', 'print the report as JSON')
    .action(async (path: string, options: EvalOptions) => {
      const golden = readGoldenSet(path);
      const k = options.limit ?? 10;
      const knowledgeBase = await context.knowledgeBase({ withPack: true });
      const report = await evaluateRetrieval(
        (request) => knowledgeBase.search(request),
        golden,
        k,
        options.source ? { sourceIds: options.source } : undefined,
      );
      if (options.json === true) context.printJson(report);
      else {
        for (const query of report.perQuery.filter((entry) => entry.recall < 1)) {
          context.print(`missed (recall ${query.recall.toFixed(2)}): ${query.query}`);
        }
        context.print(
          `${report.queries} queries, k=${k}: recall@${k} ${report.recallAtK.toFixed(3)}, ` +
            `MRR ${report.mrr.toFixed(3)}, nDCG@${k} ${report.ndcgAtK.toFixed(3)}`,
        );
      }
      if (options.minRecall !== undefined && report.recallAtK < options.minRecall) {
        throw new ArchonError(
          ErrorCode.QualityBelowFloor,
          `recall@${k} ${report.recallAtK.toFixed(3)} is below the floor ${options.minRecall}`,
        );
      }
    });
}
