import { describe, expect, it } from 'vitest';

import type { AgentMessage } from './agent-messages.js';
import { compactionSummary, compactionSummaryMaxCharacters } from './compaction-summary.js';
import { ConversationContext } from './context-window.js';
import { estimateMessageTokens } from './token-estimate.js';

const user = (content: string): AgentMessage => ({ role: 'user', content });
const call = (
  id: string,
  toolName = 'read_file',
  input: unknown = { path: `${id}.ts` },
): AgentMessage => ({
  role: 'assistant',
  parts: [{ type: 'tool-call', toolCallId: id, toolName, input }],
});
const result = (
  id: string,
  output: string,
  isError = false,
  toolName = 'read_file',
): AgentMessage => ({
  role: 'tool',
  results: [{ toolCallId: id, toolName, output, isError }],
});

/** Every tool call has its result right after it, and every result follows its call. */
function expectPairsConsistent(messages: readonly AgentMessage[]): void {
  const open = new Set<string>();
  for (const message of messages) {
    if (message.role === 'assistant') {
      expect(open.size).toBe(0);
      for (const part of message.parts) if (part.type === 'tool-call') open.add(part.toolCallId);
    } else if (message.role === 'tool') {
      for (const part of message.results) {
        expect(open.has(part.toolCallId)).toBe(true);
        open.delete(part.toolCallId);
      }
    }
  }
  expect(open.size).toBe(0);
}

function conversation(turns: number, outputSize = 400): ConversationContext {
  const context = new ConversationContext();
  context.append(user('Fix the failing test.'));
  for (let turn = 1; turn <= turns; turn++) {
    context.append(call(`c${turn}`));
    context.append(result(`c${turn}`, 'x'.repeat(outputSize), turn % 3 === 0));
  }
  return context;
}

describe('ConversationContext', () => {
  it('sends the transcript unchanged while nothing is compacted', () => {
    const context = conversation(3);
    expect(context.modelMessages()).toEqual(context.transcript);
    expect(context.modelMessages()).not.toBe(context.transcript);
    const sum = context.transcript.reduce(
      (total, message) => total + estimateMessageTokens(message),
      0,
    );
    expect(context.estimatedTokens()).toBe(sum);
  });

  it('keeps the first message and the recent turns, summarizes the middle, and keeps pairs consistent', () => {
    const context = conversation(20); // about 2,100 tokens
    const outcome = context.compact(1200);
    expect(outcome).toBeDefined();
    const messages = context.modelMessages();
    expect(messages[0]).toEqual(user('Fix the failing test.'));
    expect(messages[1]!.role).toBe('user');
    expect((messages[1] as { content: string }).content).toContain('compacted by the runtime');
    expect(messages.at(-1)).toBe(context.transcript.at(-1));
    expect(messages[2]!.role).toBe('assistant');
    expectPairsConsistent(messages);
    expect(context.estimatedTokens()).toBeLessThanOrEqual(1200);
    expect(outcome!.tokensAfter).toBe(context.estimatedTokens());
    expect(outcome!.tokensBefore).toBeGreaterThan(outcome!.tokensAfter);
    // The transcript itself is never compacted.
    expect(context.transcript).toHaveLength(41);
  });

  it('compacts again later, summarizing everything removed so far', () => {
    const context = conversation(20);
    context.compact(1500);
    const firstKept = context.modelMessages().length;
    for (let turn = 21; turn <= 30; turn++) {
      context.append(call(`c${turn}`));
      context.append(result(`c${turn}`, 'y'.repeat(400)));
    }
    expect(context.compact(1500)).toBeDefined();
    const messages = context.modelMessages();
    expectPairsConsistent(messages);
    const summary = (messages[1] as { content: string }).content;
    expect(summary).toContain('read_file {"path":"c1.ts"}');
    expect(messages.length).toBeLessThan(firstKept + 20);
  });

  it('always keeps the last assistant turn and its results, even over budget', () => {
    const context = conversation(4, 8000);
    expect(context.compact(10)).toBeDefined();
    const messages = context.modelMessages();
    expect(messages).toHaveLength(4);
    expect(messages[2]).toBe(context.transcript[7]);
    expectPairsConsistent(messages);
    // Nothing more to compact now.
    expect(context.compact(10)).toBeUndefined();
  });

  it('cannot compact a conversation without an earlier turn', () => {
    const context = conversation(1);
    expect(context.compact(1)).toBeUndefined();
    expect(new ConversationContext().compact(1)).toBeUndefined();
  });

  it('never starts the kept part at a tool message', () => {
    const context = new ConversationContext();
    context.append(user('go'));
    for (let turn = 1; turn <= 6; turn++) {
      // Turn 3 writes a large file: the weight sits in the call, so dropping the call alone
      // would fit the budget while orphaning its result.
      context.append(
        call(`c${turn}`, 'write_file', { content: 'z'.repeat(turn === 3 ? 4000 : 40) }),
      );
      context.append(result(`c${turn}`, 'ok'));
      if (turn === 4) context.append(user('Plain text does not end this run.'));
    }
    for (let budget = 20; budget < 1500; budget += 37) {
      const copy = new ConversationContext();
      for (const message of context.transcript) copy.append(message);
      copy.compact(budget);
      expect(copy.modelMessages()[2]!.role).not.toBe('tool');
      expectPairsConsistent(copy.modelMessages());
    }
  });
});

describe('compactionSummary', () => {
  it('lists each tool call with its outcome and says no model was asked', () => {
    const messages = [
      user('go'),
      call('a', 'read_file', { path: 'src/a.ts' }),
      result('a', 'contents', false),
      call('b', 'run_checks', {}),
      result('b', 'Error: 2 tests failed\n  at foo', true, 'run_checks'),
      user('note'),
    ];
    const summary = compactionSummary(messages, 1, messages.length);
    expect(summary).toContain('5 messages were removed (no model summarized them)');
    expect(summary).toContain('- read_file {"path":"src/a.ts"} -> ok (8 characters)');
    expect(summary).toContain('- run_checks {} -> error: Error: 2 tests failed at foo');
    expect(summary).toContain('(1 runtime notes to you were removed too.)');
  });

  it('says when the removed turns made no tool calls, and notes calls without results', () => {
    expect(
      compactionSummary(
        [user('go'), { role: 'assistant', parts: [{ type: 'text', text: 'hm' }] }],
        1,
        2,
      ),
    ).toContain('They made no tool calls.');
    expect(compactionSummary([user('go'), call('a')], 1, 2)).toContain('-> no result');
  });

  it('stays within its size limit, listing the most recent calls', () => {
    const messages: AgentMessage[] = [user('go')];
    for (let index = 0; index < 200; index++) {
      messages.push(
        call(`c${index}`, 'read_file', { path: `a-very-long-directory-name/file-${index}.ts` }),
      );
      messages.push(result(`c${index}`, 'ok'));
    }
    const summary = compactionSummary(messages, 1, messages.length);
    expect(summary.length).toBeLessThanOrEqual(compactionSummaryMaxCharacters);
    expect(summary).toContain('file-199.ts');
    expect(summary).not.toContain('file-0.ts');
    expect(summary).toMatch(/\(\d+ earlier tool calls not listed\)/);
  });
});
