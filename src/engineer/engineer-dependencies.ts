/**
 * What the Implementation Engineer's tools receive during a run: the guarded
 * workspace, the plan, the knowledge base, the checks and the records the final
 * report is built from.
 */
import type { SearchRequest, SearchResult } from '../knowledge/search/hybrid-search.js';
import type { CommandResult, RunCommandOptions } from './commands/command-runner.js';
import type { FileToolDependencies, PlanToolDependencies } from './tools/engineer-file-tools.js';
import type { FileChange } from './tools/file-tool-context.js';

/** The part of the knowledge base the engineer uses. */
export interface KnowledgeSearch {
  search(request: SearchRequest): Promise<SearchResult[]>;
}

/** One check as the runtime ran it: the exit code is the process's, never the model's word. */
export interface CheckRecord {
  readonly command: string;
  readonly exitCode: number | null;
  readonly timedOut: boolean;
  readonly durationMs: number;
  /** The last lines of stdout and stderr. */
  readonly outputTail: string;
  /** Who asked: the model through run_checks, or the runtime's own final verification. */
  readonly trigger: 'tool' | 'final-verification';
}

export interface EngineerDependencies extends FileToolDependencies, PlanToolDependencies {
  /** The system prompt of the run (role, checks, the workspace's AGENTS.md). */
  readonly instructions: string;
  readonly knowledge: KnowledgeSearch;
  readonly checks: readonly string[];
  /** Options for every command the run starts (workspace guard, policy, sandbox, timeouts). */
  readonly commandOptions: RunCommandOptions;
  /** Options for the user's own check commands (trusted: given on the command line). */
  readonly checkOptions: RunCommandOptions;
  readonly records: {
    readonly checks: CheckRecord[];
    readonly commands: CommandResult[];
    readonly cited: Set<string>;
    readonly fileChanges: FileChange[];
  };
}
