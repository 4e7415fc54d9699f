import { describe, expect, it } from 'vitest';
import { z } from 'zod';

import { Agent } from './agent.js';
import type { AgentMessage } from './agent-messages.js';
import { defineTool } from './agent-tool.js';
import type { ModelRequest } from './language-model.js';
import { FunctionModel } from './testing/function-model.js';
import { textTurn, toolCallTurn } from './testing/model-turns.js';
import { estimateRequestTokens } from './token-estimate.js';

/** Returns `size` characters for each call, so tests control how fast the context grows. */
const fetchTool = defineTool({
  name: 'fetch',
  description: 'Fetches a page.',
  inputSchema: z.object({ page: z.number(), size: z.number() }),
  execute: (input) => `${input.page}:`.padEnd(input.size, '.'),
});
const agent = new Agent({ name: 'reader', instructions: 'Read pages.', tools: [fetchTool] });

function expectPairsConsistent(messages: readonly AgentMessage[]): void {
  const open = new Set<string>();
  for (const message of messages) {
    if (message.role === 'assistant') {
      expect(open.size).toBe(0);
      for (const part of message.parts) if (part.type === 'tool-call') open.add(part.toolCallId);
    } else if (message.role === 'tool') {
      for (const result of message.results) {
        expect(open.delete(result.toolCallId)).toBe(true);
      }
    }
  }
  expect(open.size).toBe(0);
}

const isCompacted = (request: ModelRequest): boolean =>
  request.messages[1]?.role === 'user' &&
  request.messages[1].content.startsWith('[Earlier turns compacted');

describe('context compaction', () => {
  it('compacts older turns near the window, keeping the prompt, recent turns and consistent pairs', async () => {
    const model = new FunctionModel((_request, { callIndex }) =>
      callIndex < 30
        ? toolCallTurn({ toolName: 'fetch', input: { page: callIndex, size: 800 } })
        : textTurn('done'),
    );
    const result = await agent.run('Read every page.', {
      model,
      context: { contextWindowTokens: 4000 },
    });
    expect(result.stopReason).toBe('completed');
    expect(model.calls.some(isCompacted)).toBe(true);
    for (const request of model.calls) {
      expect(request.messages[0]).toEqual({ role: 'user', content: 'Read every page.' });
      expectPairsConsistent(request.messages);
      // Never over the window; the summary says how it was made.
      expect(estimateRequestTokens(request)).toBeLessThanOrEqual(4000 * 0.75);
      if (isCompacted(request))
        expect((request.messages[1] as { content: string }).content).toContain(
          'no model summarized them',
        );
    }
    // The last request still has the latest result.
    const last = model.calls.at(-1)!;
    expect(last.messages.at(-1)).toEqual(result.transcript.at(-2));
    // The transcript keeps everything.
    expect(result.transcript).toHaveLength(1 + 30 * 2 + 1);
    const warnings = result.events.filter(
      (event) => event.type === 'warning' && event.kind === 'context-compacted',
    );
    expect(warnings.length).toBeGreaterThan(0);
    expect(warnings[0]).toMatchObject({
      message: expect.stringMatching(
        /^compacted \d+ earlier messages into a summary: estimated request \d+ -> \d+ tokens \(window 4000\)$/,
      ),
    });
  });

  it('counts the pending tool output: compacts for the request that carries a large new result', async () => {
    // Window 4,000 tokens; threshold 3,000. One output may take 4,000 characters (a quarter).
    const sizes = [3900, 3900, 2000, 3900];
    const model = new FunctionModel((_request, { callIndex }) =>
      callIndex < sizes.length
        ? toolCallTurn({ toolName: 'fetch', input: { page: callIndex, size: sizes[callIndex]! } })
        : textTurn('done'),
    );
    const result = await agent.run('go', { model, context: { contextWindowTokens: 4000 } });
    expect(result.stopReason).toBe('completed');
    const compactedFrom = model.calls.findIndex(isCompacted);
    // Request 4 (before the big output) is not compacted; request 5 (carrying it) is.
    expect(compactedFrom).toBe(4);
    const withBigOutput = model.calls[4]!;
    const lastMessage = withBigOutput.messages.at(-1)!;
    expect(lastMessage.role === 'tool' && lastMessage.results[0]!.output.length).toBe(3900);
    // Without the pending output the conversation was under the threshold; with it, over.
    const pendingTokens = Math.ceil((3900 + 'fetch'.length + 'call-4-1'.length) / 4) + 4;
    const fullBefore = estimateRequestTokens({
      ...withBigOutput,
      messages: result.transcript.slice(0, 9),
    });
    expect(fullBefore - pendingTokens).toBeLessThan(3000);
    expect(fullBefore).toBeGreaterThan(3000);
    expectPairsConsistent(withBigOutput.messages);
  });

  it('uses the model window when no limit is set, and caps one output at a quarter of the window', async () => {
    const model = new FunctionModel(
      (_request, { callIndex }) =>
        callIndex < 6
          ? toolCallTurn({ toolName: 'fetch', input: { page: callIndex, size: 3000 } })
          : textTurn('done'),
      { contextWindow: 2000 },
    );
    const result = await agent.run('go', { model });
    expect(model.calls.some(isCompacted)).toBe(true);
    const firstResult = result.transcript[2] as Extract<AgentMessage, { role: 'tool' }>;
    expect(firstResult.results[0]!.output).toContain('[output truncated');
    expect(firstResult.results[0]!.output.length).toBeLessThan(2000 + 400);
  });

  it('warns when even the compacted request is over the window', async () => {
    const huge = new Agent({ name: 'huge', instructions: 'x'.repeat(12_000), tools: [fetchTool] });
    const model = FunctionModel.sequence([
      toolCallTurn({ toolName: 'fetch', input: { page: 1, size: 10 } }),
      textTurn('done'),
    ]);
    const result = await huge.run('go', { model, context: { contextWindowTokens: 2000 } });
    expect(result.stopReason).toBe('completed');
    expect(
      result.events.some(
        (event) => event.type === 'warning' && event.kind === 'context-over-window',
      ),
    ).toBe(true);
  });

  it('never compacts without a known window', async () => {
    const model = new FunctionModel((_request, { callIndex }) =>
      callIndex < 10
        ? toolCallTurn({ toolName: 'fetch', input: { page: callIndex, size: 10_000 } })
        : textTurn('done'),
    );
    await agent.run('go', { model });
    expect(model.calls.some(isCompacted)).toBe(false);
  });
});
