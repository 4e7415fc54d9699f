/**
 * Short ways to write a scripted model turn: `textTurn('done')`,
 * `toolCallTurn({ toolName: 'read_file', input: { path: 'a.ts' } })`. Tool call ids and
 * usage may be left out; the scripted models fill them in.
 */
import type { AssistantPart } from '../agent-messages.js';
import type { FinishReason, ModelUsage } from '../language-model.js';

/** A tool call in a script; the id is optional. */
export interface ScriptedToolCall {
  readonly type?: 'tool-call';
  readonly toolName: string;
  readonly input: unknown;
  readonly toolCallId?: string;
}

/** One scripted model response; missing usage is estimated and the finish reason inferred. */
export interface ScriptedTurn {
  readonly parts: readonly (AssistantPart | (ScriptedToolCall & { readonly type: 'tool-call' }))[];
  readonly usage?: ModelUsage;
  readonly finishReason?: FinishReason;
}

/** A turn that answers with `text`. */
export function textTurn(text: string, usage?: ModelUsage): ScriptedTurn {
  return { parts: [{ type: 'text', text }], ...(usage === undefined ? {} : { usage }) };
}

/** A turn that calls the given tools (in one response, in order). */
export function toolCallTurn(...calls: readonly ScriptedToolCall[]): ScriptedTurn {
  return { parts: calls.map((call) => ({ ...call, type: 'tool-call' as const })) };
}
