/**
 * The agent-overhead workload: one agent with one zod-typed tool, a FunctionModel that
 * calls it once per step with new arguments and then answers, and the bare loop that
 * drives the same model and tool without the runtime (the baseline).
 */
import { z } from 'zod';

import type { AgentMessage, ToolResultPart } from '../../src/agent/agent-messages.js';
import {
  Agent,
  defineTool,
  FunctionModel,
  type ModelRequest,
  type ScriptedTurn,
} from '../../src/agent/index.js';

export const system = 'You look things up, one key per step, then answer.';
export const prompt = 'Look up the keys and report.';
const usage = { inputTokens: 100, outputTokens: 10 };

const lookup = defineTool({
  name: 'lookup',
  description: 'Looks up one key.',
  inputSchema: z.object({ key: z.string(), index: z.number().int() }),
  execute: (input) => `value of ${input.key} #${input.index}`,
});
const agent = new Agent({
  name: 'bench',
  instructions: system,
  tools: [lookup],
  maxSteps: Infinity,
});

/** A scripted model: `steps - 1` tool calls (each with new arguments), then text. */
export function scriptedModel(steps: number, yieldEachCall: boolean): FunctionModel {
  return new FunctionModel(
    async (request): Promise<ScriptedTurn> => {
      if (yieldEachCall) await new Promise((resolve) => setImmediate(resolve));
      let turn = 0;
      for (const message of request.messages) if (message.role === 'assistant') turn += 1;
      if (turn + 1 >= steps) return { parts: [{ type: 'text', text: 'all found' }], usage };
      return {
        parts: [{ type: 'tool-call', toolName: 'lookup', input: { key: `k${turn}`, index: turn } }],
        usage,
      };
    },
    { recordCalls: false },
  );
}

/** The baseline: the same model and tool in a plain loop, with none of the runtime's rules. */
async function bareRun(model: FunctionModel): Promise<string> {
  const messages: AgentMessage[] = [{ role: 'user', content: prompt }];
  const tools = [lookup.definition];
  for (;;) {
    const request: ModelRequest = { system, messages: messages.slice(), tools };
    const response = await model.doGenerate(request);
    messages.push({ role: 'assistant', parts: response.parts });
    const results: ToolResultPart[] = [];
    for (const part of response.parts) {
      if (part.type !== 'tool-call') continue;
      const output = String(await lookup.execute(part.input, undefined as never));
      results.push({
        toolCallId: part.toolCallId,
        toolName: part.toolName,
        output,
        isError: false,
      });
    }
    if (results.length === 0) return 'completed';
    messages.push({ role: 'tool', results });
  }
}

async function runtimeRun(model: FunctionModel): Promise<string> {
  return (await agent.run(prompt, { model })).stopReason;
}

export type Engine = 'runtime' | 'bare loop';
export const engines: Record<Engine, (model: FunctionModel) => Promise<string>> = {
  runtime: runtimeRun,
  'bare loop': bareRun,
};
