/**
 * `ask`: answers a question from the knowledge base with citations. The passages are
 * retrieved first; a model, when configured, writes the answer from them and cites
 * them by number; without one, the passages are the answer.
 */
import { randomUUID } from 'node:crypto';

import { Agent, type LanguageModel, type RunUsage } from '../agent/index.js';
import { ArchonError, ErrorCode } from '../core/errors.js';
import type { RunStore } from '../core/run-store.js';
import type { SearchResult } from '../knowledge/search/hybrid-search.js';
import type { KnowledgeSearch } from './engineer-dependencies.js';

export interface AskRequest {
  readonly question: string;
  readonly model?: LanguageModel;
  readonly limit?: number;
  readonly abortSignal?: AbortSignal;
}

export interface AskAnswer {
  readonly runId: string;
  /** The model's answer, or null when answered with passages alone. */
  readonly answer: string | null;
  readonly passages: readonly SearchResult[];
  readonly usage: RunUsage | null;
}

const answerAgent = new Agent<undefined, string>({
  name: 'knowledge-answerer',
  instructions:
    'Answer the question using only the numbered passages. Cite every claim with its passage number like [2]. ' +
    'If the passages do not answer it, say so plainly. Be concise and concrete; include code when it helps.',
  maxSteps: 2,
});

/** Answers `question`; stores the run (kind `ask`) with its passages and answer. */
export async function askQuestion(
  environment: { knowledge: KnowledgeSearch; runs: RunStore },
  request: AskRequest,
): Promise<AskAnswer> {
  const question = request.question.trim();
  if (question === '')
    throw new ArchonError(ErrorCode.InvalidInput, 'the question must not be empty');
  const runId = randomUUID();
  const modelName = request.model ? `${request.model.provider}:${request.model.modelId}` : 'none';
  await environment.runs.createRun({
    id: runId,
    kind: 'ask',
    workspace: null,
    input: question,
    model: modelName,
  });
  const passages = await environment.knowledge.search({
    query: question,
    limit: request.limit ?? 6,
  });

  if (request.model === undefined || passages.length === 0) {
    const answer: AskAnswer = { runId, answer: null, passages, usage: null };
    await environment.runs.updateRun(runId, {
      state: 'succeeded',
      stopReason: 'passages-only',
      report: answer,
    });
    return answer;
  }
  const prompt = `${numberedPassages(passages)}\n\nQuestion: ${question}`;
  const result = await answerAgent.run(prompt, {
    model: request.model,
    runId,
    ...(request.abortSignal ? { abortSignal: request.abortSignal } : {}),
  });
  const completed = result.stopReason === 'completed';
  const answer: AskAnswer = {
    runId,
    answer: completed ? (result.output ?? '') : null,
    passages,
    usage: result.usage,
  };
  await environment.runs.saveTranscript(runId, {
    systemPrompt: result.systemPrompt,
    messages: result.transcript,
  });
  await environment.runs.updateRun(runId, {
    state: completed ? 'succeeded' : result.stopReason === 'cancelled' ? 'cancelled' : 'failed',
    stopReason: result.stopReason,
    report: answer,
  });
  if (!completed)
    throw new ArchonError(
      ErrorCode.ProviderError,
      `the model did not answer: ${result.stopDetail}`,
    );
  return answer;
}

function numberedPassages(passages: readonly SearchResult[]): string {
  return passages
    .map((passage, index) => {
      const { citation } = passage;
      return `[${index + 1}] ${citation.uri}:${citation.startLine}-${citation.endLine} (${citation.title})\n${passage.text}`;
    })
    .join('\n\n');
}
