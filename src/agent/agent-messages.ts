/**
 * Our own conversation format. Transcripts are stored and replayed in it, and model
 * adapters translate it to and from each provider's, so no vendor type leaks past
 * the adapter.
 */

export interface TextPart {
  readonly type: 'text';
  readonly text: string;
}

export interface ToolCallPart {
  readonly type: 'tool-call';
  readonly toolCallId: string;
  readonly toolName: string;
  /** Arguments as the model sent them (parsed JSON, not yet validated). */
  readonly input: unknown;
}

export type AssistantPart = TextPart | ToolCallPart;

export interface ToolResultPart {
  readonly toolCallId: string;
  readonly toolName: string;
  /** What the model reads back: the tool's output, or the error telling it what to fix. */
  readonly output: string;
  readonly isError: boolean;
}

export type AgentMessage =
  | { readonly role: 'user'; readonly content: string }
  | { readonly role: 'assistant'; readonly parts: readonly AssistantPart[] }
  | { readonly role: 'tool'; readonly results: readonly ToolResultPart[] };
