/** `archon ask <question>`: an answer from the knowledge base, with citations. */
import type { Command } from 'commander';

import { askQuestion } from '../../engineer/ask-question.js';
import type { CliContext } from '../cli-context.js';
import { parseCount } from '../option-parsers.js';

interface AskOptions {
  model?: boolean | string;
  limit?: number;
  json?: boolean;
}

export function registerAskCommand(program: Command, context: CliContext): void {
  program
    .command('ask')
    .description('answer a question from the knowledge base with citations')
    .argument('<question...>', 'the question')
    .option('-k, --limit <n>', 'passages to retrieve (default 6)', parseCount('-k', 50))
    .option('--model <provider:model>', 'language model (default: ARCHON_MODEL)')
    .option('--no-model', 'answer with the retrieved passages alone')
    .option('--json', 'print as JSON')
    .action(async (words: string[], options: AskOptions) => {
      const question = words.join(' ');
      const model =
        options.model === false
          ? undefined
          : context.languageModel(typeof options.model === 'string' ? options.model : undefined);
      const knowledgeBase = await context.knowledgeBase({ withPack: true });
      const answer = await askQuestion(
        { knowledge: knowledgeBase, runs: await context.runStore() },
        {
          question,
          ...(model ? { model } : {}),
          ...(options.limit !== undefined ? { limit: options.limit } : {}),
        },
      );
      if (options.json === true) {
        context.printJson(answer);
        return;
      }
      if (answer.answer !== null) context.print(`${answer.answer}\n`);
      answer.passages.forEach((passage, index) => {
        const { citation } = passage;
        context.print(
          `[${index + 1}] ${citation.uri}:${citation.startLine}-${citation.endLine} (${citation.sourceName})` +
            (answer.answer === null ? `\n${passage.text.trim()}\n` : ''),
        );
      });
      if (answer.passages.length === 0) context.print('no passages found for this question');
    });
}
