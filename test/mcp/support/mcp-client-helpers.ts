/** Small helpers for tests that drive the Archon MCP server with the official client. */
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';

export interface ToolAnswer {
  readonly text: string;
  readonly isError: boolean;
  readonly structured: Record<string, unknown> | undefined;
}

/** Calls a tool and returns its text, error flag and structured content. */
export async function callTool(
  client: Client,
  name: string,
  input: Record<string, unknown> = {},
  options: { onprogress?: (progress: { progress: number; message?: string }) => void } = {},
): Promise<ToolAnswer> {
  const result = await client.callTool({ name, arguments: input }, undefined, options);
  const content = result.content as { type: string; text?: string }[];
  return {
    text: content.map((part) => part.text ?? '').join('\n'),
    isError: result.isError === true,
    structured: result.structuredContent as Record<string, unknown> | undefined,
  };
}

/** The first document id cited in a search answer. */
export function firstDocumentId(text: string): string {
  const match = /document ([0-9a-f]{32})/.exec(text);
  if (match?.[1] === undefined) throw new Error(`no document id in:\n${text}`);
  return match[1];
}

/** Polls `get_run` until the run is no longer running (bounded by `attempts`, not time). */
export async function waitForRun(
  client: Client,
  runId: string,
  attempts = 600,
): Promise<ToolAnswer> {
  for (let attempt = 0; attempt < attempts; attempt++) {
    const answer = await callTool(client, 'get_run', { id: runId });
    if (answer.structured?.state !== 'running') return answer;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`run ${runId} still running after ${attempts} polls`);
}
