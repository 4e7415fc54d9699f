/**
 * What the loop does with a model response: emit its text, then either run the tool
 * calls it asked for, or end the run on final text; with structured output, plain text
 * and empty responses are sent back as notes that count against the output budget.
 */
import type { ModelResponse } from './language-model.js';
import type { RunState } from './run-state.js';
import { runToolCallRound } from './tool-call-round.js';

/** Notes the runtime sends the model. */
export const runtimeNotes = {
  emptyResponse: 'Your last response was empty. Answer, or call a tool.',
  textInsteadOfFinalResult:
    'Plain text does not end this run: call the final_result tool with your final answer.',
} as const;

/** Handles the response of the current step. */
export async function handleResponse<Deps, Output>(
  run: RunState<Deps, Output>,
  response: ModelResponse,
): Promise<void> {
  const step = run.usage.steps;
  const parts = response.parts.filter((part) => part.type !== 'text' || part.text !== '');
  let text = '';
  for (const part of parts) {
    if (part.type !== 'text') continue;
    text += part.text;
    run.log.emit('text', { step, text: part.text });
  }
  run.lastText = text === '' ? undefined : text;
  if (parts.length === 0) {
    run.warn('empty-response', `the model's response in step ${step} was empty`);
    sendNote(run, runtimeNotes.emptyResponse);
    return;
  }
  run.append({ role: 'assistant', parts });
  const calls = parts.filter((part) => part.type === 'tool-call');
  if (calls.length > 0) return runToolCallRound(run, calls);
  if (run.blueprint.finalResult !== undefined) {
    sendNote(run, runtimeNotes.textInsteadOfFinalResult);
    return;
  }
  run.acceptOutput(text as Output);
  run.finish('completed', `the model gave its final answer in step ${step}`);
}

/** Tells the model its output was not accepted, within the output retry budget. */
function sendNote<Deps, Output>(run: RunState<Deps, Output>, note: string): void {
  run.append({ role: 'user', content: note });
  run.countOutputRetry(note);
}
