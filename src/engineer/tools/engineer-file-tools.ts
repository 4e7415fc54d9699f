/**
 * The file tools as agent tools: each wraps its plain function, hands it the run's
 * dependencies and abort signal, and returns the text the model reads. Failures are
 * thrown as ArchonErrors, which the runtime returns to the model as error results
 * without spending the tool's retry budget.
 */
import { type AgentTool, defineTool } from '../../agent/agent-tool.js';
import type { ToolContext } from '../../agent/run-context.js';
import { editFile } from './edit-file.js';
import type { FileToolContext } from './file-tool-context.js';
import {
  editFileSchema,
  grepSchema,
  listFilesSchema,
  readFileSchema,
  updatePlanSchema,
  writeFileSchema,
} from './file-tool-schemas.js';
import { grep } from './grep-files.js';
import { listFiles } from './list-files.js';
import { type PlanBoard, updatePlan } from './plan-board.js';
import { readFile } from './read-file.js';
import { writeFile } from './write-file.js';

/** Dependencies the file tools need from the engineer's run. */
export type FileToolDependencies = Omit<FileToolContext, 'abortSignal'>;

/** Dependencies the plan tool needs: the run's plan. */
export interface PlanToolDependencies {
  readonly plan: PlanBoard;
}

function fileContext(context: ToolContext<FileToolDependencies>): FileToolContext {
  return { ...context.dependencies, abortSignal: context.abortSignal };
}

export const listFilesTool = defineTool({
  name: 'list_files',
  description:
    'List files in the workspace or a folder (honours .gitignore; skips .git and node_modules).',
  inputSchema: listFilesSchema,
  execute: async (input, context: ToolContext<FileToolDependencies>) =>
    (await listFiles(fileContext(context), input)).output,
});

export const readFileTool = defineTool({
  name: 'read_file',
  description:
    'Read a text file with line numbers. Long files come in parts; use startLine/endLine.',
  inputSchema: readFileSchema,
  maxOutputCharacters: 24_000,
  truncationHint: 'Read a smaller range with startLine and endLine.',
  execute: async (input, context: ToolContext<FileToolDependencies>) =>
    (await readFile(fileContext(context), input)).output,
});

export const grepTool = defineTool({
  name: 'grep',
  description: 'Search file contents with a JavaScript regular expression. Returns path:line:text.',
  inputSchema: grepSchema,
  truncationHint: 'Narrow the pattern, path or glob.',
  execute: async (input, context: ToolContext<FileToolDependencies>) =>
    (await grep(fileContext(context), input)).output,
});

export const editFileTool = defineTool({
  name: 'edit_file',
  description:
    'Replace oldText with newText in a file. oldText must match the file exactly and once (or set replaceAll); on failure you get the closest lines.',
  inputSchema: editFileSchema,
  execute: async (input, context: ToolContext<FileToolDependencies>) =>
    (await editFile(fileContext(context), input)).output,
});

export const writeFileTool = defineTool({
  name: 'write_file',
  description:
    'Create a file, or replace all of its content. Prefer edit_file to change part of a file.',
  inputSchema: writeFileSchema,
  execute: async (input, context: ToolContext<FileToolDependencies>) =>
    (await writeFile(fileContext(context), input)).output,
});

export const updatePlanTool = defineTool({
  name: 'update_plan',
  description:
    'Replace your plan: a short list of steps, each pending, in_progress (at most one) or done.',
  inputSchema: updatePlanSchema,
  execute: (input, context: ToolContext<PlanToolDependencies>) =>
    updatePlan(context.dependencies, input).output,
});

/** The five file tools (list, read, grep, edit, write). */
export const fileTools: readonly AgentTool<FileToolDependencies>[] = [
  listFilesTool,
  readFileTool,
  grepTool,
  editFileTool,
  writeFileTool,
];
