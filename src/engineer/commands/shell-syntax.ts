/**
 * The shape of a parsed shell command line: the flat list of simple commands it
 * would run (including those inside `$(...)`, backticks, subshells and groups),
 * each with its words, assignments and redirections. The policy decides on these.
 */
import { ArchonError, ErrorCode } from '../../core/errors.js';

/** One word after quote removal, with what the shell would still do to it at run time. */
export interface ShellWord {
  /** The value after quote removal; parameter and command substitutions stay as written. */
  readonly text: string;
  /** The word exactly as written. */
  readonly raw: string;
  /** Contains `$name`, `${...}`, `$(...)`, backticks or `$'...'`: its value is known only at run time. */
  readonly expanded: boolean;
  /** Contains an unquoted `*`, `?` or `[...]`: the shell expands it to file names. */
  readonly glob: boolean;
  /** The glob pattern with quoted special characters escaped by a backslash. */
  readonly globPattern: string;
  /** Starts with an unquoted `~`: the shell replaces it with a home directory. */
  readonly tilde: boolean;
  /** Contains an unquoted `{a,b}` or `{a..b}`: bash would expand it into several words. */
  readonly brace: boolean;
}

/** `NAME=value` before a command name (or alone). */
export interface ShellAssignment {
  readonly name: string;
  readonly value: ShellWord;
}

/** A redirection such as `> out.txt`, `2>&1` or `< in.txt`. */
export interface ShellRedirection {
  readonly operator: string;
  /** The explicit descriptor number written before the operator, if any. */
  readonly descriptor: number | undefined;
  readonly target: ShellWord;
  /** The target is a file opened for writing (or reading and writing). */
  readonly writes: boolean;
  /** The target is a descriptor (`2>&1`, `>&-`), not a file. */
  readonly duplicates: boolean;
}

/** One simple command the shell would run. */
export interface ParsedCommand {
  /** The source text of this command. */
  readonly text: string;
  readonly words: readonly ShellWord[];
  /** Program and arguments after quote removal (`words[i].text`). */
  readonly argv: readonly string[];
  readonly assignments: readonly ShellAssignment[];
  readonly redirections: readonly ShellRedirection[];
  /** Standard input comes from a pipe (not first in its pipeline, or inside a piped group). */
  readonly readsPipedInput: boolean;
  /** How this command comes to run: [] at top level, else e.g. ['$(...)'] or ['sh -c', 'xargs']. */
  readonly origin: readonly string[];
  /** More arguments are added at run time (xargs, `find -exec ... {}`). */
  readonly appendsArguments: boolean;
}

/** Longest command line accepted, in characters. */
export const maximumCommandLength = 20_000;
/** Deepest nesting of substitutions, subshells and `sh -c` strings accepted. */
export const maximumNestingDepth = 8;

/** The error for input the parser will not guess at. */
export function shellSyntaxError(reason: string): ArchonError {
  return new ArchonError(ErrorCode.InvalidInput, `Cannot parse the command: ${reason}.`, {
    details: { reason },
  });
}

/** True when the word's value is not known before it runs. */
export function isDynamicWord(word: ShellWord): boolean {
  return word.expanded || word.brace;
}
