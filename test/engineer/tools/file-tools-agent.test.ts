/**
 * The file tools inside a real agent run: a scripted model drives them through the
 * runtime's loop against a temporary workspace guarded by the real WorkspaceGuard,
 * and reads back exactly what a real model would.
 */
import { mkdtemp, readFile, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { Agent } from '../../../src/agent/agent.js';
import type { ToolResultPart } from '../../../src/agent/agent-messages.js';
import { FunctionModel } from '../../../src/agent/testing/function-model.js';
import { textTurn, toolCallTurn } from '../../../src/agent/testing/model-turns.js';
import {
  type FileToolDependencies,
  fileTools,
  type PlanToolDependencies,
  updatePlanTool,
} from '../../../src/engineer/tools/engineer-file-tools.js';
import type { FileChange } from '../../../src/engineer/tools/file-tool-context.js';
import { PlanBoard } from '../../../src/engineer/tools/plan-board.js';
import { WorkspaceGuard } from '../../../src/engineer/workspace/workspace-guard.js';

type Dependencies = FileToolDependencies & PlanToolDependencies;

let root: string;

beforeEach(async () => {
  root = await realpath(await mkdtemp(join(tmpdir(), 'archon-file-tools-agent-')));
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

function toolResults(request: { messages: readonly { role: string }[] }): ToolResultPart[] {
  const last = request.messages.at(-1) as { role: string; results?: ToolResultPart[] } | undefined;
  return last?.role === 'tool' ? (last.results ?? []) : [];
}

describe('file tools in an agent run', () => {
  it('lists, reads, fails an edit, corrects it, writes a test, greps and plans', async () => {
    await writeFile(
      join(root, 'math.ts'),
      'export function add(a: number, b: number) {\n  return a - b;\n}\n',
    );
    await writeFile(join(root, '.gitignore'), 'dist/\n');
    const seen: ToolResultPart[][] = [];
    const script = [
      toolCallTurn(
        { toolName: 'update_plan', input: { items: [{ text: 'Fix add', status: 'in_progress' }] } },
        { toolName: 'list_files', input: {} },
        { toolName: 'read_file', input: { path: 'math.ts' } },
      ),
      toolCallTurn({
        toolName: 'edit_file',
        input: { path: 'math.ts', oldText: 'return a-b;', newText: 'return a + b;' },
      }),
      toolCallTurn({
        toolName: 'edit_file',
        input: { path: 'math.ts', oldText: '  return a - b;', newText: '  return a + b;' },
      }),
      toolCallTurn(
        {
          toolName: 'write_file',
          input: { path: 'test/math.test.ts', content: "import { add } from '../math';\n" },
        },
        { toolName: 'grep', input: { pattern: 'add\\(' } },
        { toolName: 'write_file', input: { path: '../escape.txt', content: 'no' } },
        { toolName: 'read_file', input: { path: '.git/config', startLine: 0 } },
      ),
      textTurn('done'),
    ];
    const model = new FunctionModel((request, info) => {
      seen.push(toolResults(request));
      return script[info.callIndex] ?? textTurn('done');
    });
    const changes: FileChange[] = [];
    const agent = new Agent<Dependencies>({
      name: 'engineer',
      instructions: 'Fix the code.',
      tools: [...fileTools, updatePlanTool],
    });
    const plan = new PlanBoard();
    const guard = await WorkspaceGuard.open(root);
    const result = await agent.run('Fix add.', {
      model,
      dependencies: {
        workspace: root,
        guard,
        plan,
        onFileChange: (change) => changes.push(change),
      },
    });

    expect(result.stopReason).toBe('completed');
    const [planned, listed, read] = seen[1] ?? [];
    expect(planned?.output).toBe('Plan (0/1 done):\n[>] Fix add');
    expect(listed?.output).toBe('.gitignore\nmath.ts');
    expect(read?.output).toBe(
      '1\texport function add(a: number, b: number) {\n2\t  return a - b;\n3\t}',
    );
    const failedEdit = seen[2]?.[0];
    expect(failedEdit?.isError).toBe(true);
    expect(failedEdit?.output).toContain('oldText was not found in math.ts.');
    expect(failedEdit?.output).toContain('2\t  return a - b;');
    expect(seen[3]?.[0]?.output).toContain('Edited math.ts: replaced 1 occurrence at line 2.');
    const [written, grepped, escaped, badRange] = seen[4] ?? [];
    expect(written?.output).toContain('Created test/math.test.ts (1 line).');
    expect(written?.output).toContain('is a test file');
    expect(grepped?.output).toBe('math.ts:1:export function add(a: number, b: number) {');
    expect(escaped?.isError).toBe(true);
    expect(escaped?.output).toContain('refused');
    expect(badRange?.isError).toBe(true);
    expect(badRange?.output).toContain('Invalid arguments for read_file');

    expect(await readFile(join(root, 'math.ts'), 'utf8')).toContain('return a + b;');
    expect(changes).toEqual([
      { path: 'math.ts', isTestFile: false, created: false },
      { path: 'test/math.test.ts', isTestFile: true, created: true },
    ]);
    expect(plan.items).toEqual([{ text: 'Fix add', status: 'in_progress' }]);
  });

  it('offers short tool definitions with JSON schemas', () => {
    const agent = new Agent<Dependencies>({
      name: 'engineer',
      instructions: 'x',
      tools: [...fileTools, updatePlanTool],
    });
    const names = agent.toolDefinitions.map((definition) => definition.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'list_files',
        'read_file',
        'grep',
        'edit_file',
        'write_file',
        'update_plan',
      ]),
    );
    for (const definition of agent.toolDefinitions) {
      expect(definition.description.length).toBeLessThan(160);
      expect(definition.inputSchema.type).toBe('object');
    }
    const edit = agent.toolDefinitions.find((definition) => definition.name === 'edit_file');
    expect(edit?.inputSchema.required).toEqual(['path', 'oldText', 'newText']);
    const total = JSON.stringify(
      agent.toolDefinitions.filter((definition) => definition.name !== 'final_result'),
    ).length;
    expect(total).toBeLessThan(4000);
  });
});
