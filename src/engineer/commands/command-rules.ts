/**
 * Allow and deny rules. A rule names a command and may narrow it to subcommands
 * and to the presence or absence of options; `'git status'` is shorthand for
 * `{ command: 'git', subcommands: ['status'] }`. Rules never loosen the checks that
 * always apply (recursive deletes, writes outside the workspace, ...).
 */
import { findSubcommand } from './command-subcommands.js';
import type { ParsedCommand } from './shell-syntax.js';

/** One allow or deny rule. */
export interface CommandRule {
  /** The command name (`git`, `npm`); compared with the program's last path segment. */
  readonly command: string;
  /** The rule applies only to these subcommands (first operand after global options). */
  readonly subcommands?: readonly string[];
  /** The rule applies only when one of these options is present. */
  readonly withOptions?: readonly string[];
  /** The rule applies only when none of these options is present. */
  readonly withoutOptions?: readonly string[];
  /** Shown when a deny rule matches. */
  readonly reason?: string;
}

/** A rule, or its shorthand `"command [subcommand]"`. */
export type CommandRuleInput = CommandRule | string;

/** Turns the shorthand into a rule. */
export function toCommandRule(input: CommandRuleInput): CommandRule {
  if (typeof input !== 'string') return input;
  const [command = '', ...subcommands] = input.trim().split(/\s+/u);
  return subcommands.length === 0 ? { command } : { command, subcommands: [subcommands.join(' ')] };
}

/** True when the rule applies to `command`, whose normalised name is `name`. */
export function ruleMatches(rule: CommandRule, name: string, command: ParsedCommand): boolean {
  if (rule.command.toLowerCase() !== name) return false;
  if (rule.subcommands !== undefined) {
    const subcommand = findSubcommand(name, command.words);
    if (subcommand === undefined || !rule.subcommands.includes(subcommand.value)) return false;
  }
  if (
    rule.withOptions !== undefined &&
    !rule.withOptions.some((option) => hasOption(command, option))
  )
    return false;
  if (
    rule.withoutOptions !== undefined &&
    rule.withoutOptions.some((option) => hasOption(command, option))
  )
    return false;
  return true;
}

/** `--flag`, `--flag=value`, `-x` alone or inside a cluster such as `-xvf`, before `--`. */
export function hasOption(command: ParsedCommand, option: string): boolean {
  const end = command.argv.indexOf('--');
  const words = end < 0 ? command.argv.slice(1) : command.argv.slice(1, end);
  const short = /^-[A-Za-z0-9]$/u.test(option);
  return words.some(
    (text) =>
      text === option ||
      text.startsWith(`${option}=`) ||
      (short && /^-[A-Za-z0-9]{2,}$/u.test(text) && text.includes(option.charAt(1))),
  );
}
