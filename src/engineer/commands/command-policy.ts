/**
 * The command policy: decides, before anything runs, whether a shell command line
 * may run in the workspace. It parses the line with a real shell-words parser,
 * looks through wrappers and nested shells, applies the checks that always hold
 * (no recursive deletes, no writes outside the workspace or into read-only areas,
 * no privilege changes, no shells fed from pipes, no `git push`) and then the
 * allow/deny rules. What it cannot read, it refuses.
 */
import { comparableSegments, defaultReadOnlyPaths } from '../workspace/read-only-areas.js';
import { knownPrograms } from './command-names.js';
import { type CommandRuleInput, toCommandRule } from './command-rules.js';
import { defaultAllowRules, defaultDenyRules } from './default-command-policy.js';
import { defaultPythonModules } from './interpreter-command.js';
import { PolicyEvaluation } from './policy-evaluation.js';
import type { ParsedCommand } from './shell-syntax.js';

/** Allow and deny rules plus the few switches the checks have. */
export interface CommandPolicy {
  /** Commands that may run (after the checks that always apply). */
  readonly allow: readonly CommandRuleInput[];
  /** Commands refused even when an allow rule matches; each may carry the reason shown. */
  readonly deny?: readonly CommandRuleInput[];
  /** Let interpreters run code given on the command line (`node -e`, `python -c`, `git -c`). Default false. */
  readonly allowInlineCode?: boolean;
  /** Modules `python -m` may run; default: test runners, linters and formatters. */
  readonly pythonModules?: readonly string[];
  /** Absolute paths outside the workspace that commands which only read may name. Default none. */
  readonly readablePaths?: readonly string[];
}

/** The verdict on one command line. */
export interface PolicyDecision {
  readonly allowed: boolean;
  /** Why, in one line the model can act on. */
  readonly reason: string;
  /** Every simple command looked at, including those inside wrappers and nested shells. */
  readonly commands: readonly ParsedCommand[];
}

/** The workspace as the policy sees it (a WorkspaceGuard fits). */
export interface PolicyWorkspace {
  /** Absolute real path of the workspace root. */
  readonly root: string;
  /** Read-only areas relative to the root; `.git` and `.archon` when omitted. */
  readonly readOnlyPaths?: readonly string[];
}

const knownProgramNames: ReadonlySet<string> = new Set([
  ...knownPrograms,
  ...defaultAllowRules.map((rule) => toCommandRule(rule).command),
]);

/** A policy for building and testing: no network, no installs, read-only git. */
export const defaultCommandPolicy: CommandPolicy = {
  allow: defaultAllowRules,
  deny: defaultDenyRules,
  allowInlineCode: false,
};

/** A policy with more rules added to a base (the base's switches are kept unless given). */
export function extendPolicy(
  base: CommandPolicy,
  extension: Partial<CommandPolicy>,
): CommandPolicy {
  return {
    ...base,
    ...extension,
    allow: [...base.allow, ...(extension.allow ?? [])],
    deny: [...(base.deny ?? []), ...(extension.deny ?? [])],
  };
}

/** Decides whether `command` may run in `workspace` under `policy`. Never throws for bad input. */
export function evaluateCommand(
  command: string,
  workspace: PolicyWorkspace,
  policy: CommandPolicy = defaultCommandPolicy,
): PolicyDecision {
  const evaluation = new PolicyEvaluation({
    allow: policy.allow.map(toCommandRule),
    deny: (policy.deny ?? []).map(toCommandRule),
    allowInlineCode: policy.allowInlineCode === true,
    pythonModules: new Set(policy.pythonModules ?? defaultPythonModules),
    knownPrograms: knownProgramNames,
    paths: {
      root: workspace.root,
      readOnlyAreas: (workspace.readOnlyPaths ?? defaultReadOnlyPaths).map(comparableSegments),
      readablePaths: policy.readablePaths ?? [],
    },
  });
  if (typeof command !== 'string' || command.trim() === '') {
    return { allowed: false, reason: 'the command is empty', commands: [] };
  }
  const denial = evaluation.checkLine(command, [], 0, false);
  const commands = evaluation.commands;
  if (denial !== undefined) return { allowed: false, reason: denial, commands };
  return {
    allowed: true,
    reason: `allowed (${commands.length} command${commands.length === 1 ? '' : 's'} checked)`,
    commands,
  };
}
