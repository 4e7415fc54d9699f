/**
 * A parser for the part of the POSIX shell language a coding agent needs: simple
 * commands, pipelines, `&&` / `||` / `;` / `&` / newline lists, `( ... )` subshells,
 * `{ ...; }` groups, `!`, assignments, redirections, `$(...)` and backticks.
 * Everything else (if/for/while/case, functions, here-documents, process and
 * arithmetic substitution) is refused, so the policy never decides on a guess.
 * The result is the flat list of simple commands in the order they would start.
 */
import {
  maximumCommandLength,
  maximumNestingDepth,
  type ParsedCommand,
  type ShellAssignment,
  type ShellRedirection,
  shellSyntaxError,
  type ShellWord,
} from './shell-syntax.js';
import { type Cursor, readWord, type SubstitutionParser } from './shell-word-reader.js';

const reservedWords = new Set([
  'if',
  'then',
  'else',
  'elif',
  'fi',
  'do',
  'done',
  'case',
  'esac',
  'while',
  'until',
  'for',
  'select',
  'function',
  'in',
  '[[',
  ']]',
  'coproc',
]);
const redirectionPattern = /^(\d*)(>>|>\||>&|>|<<<|<<-|<<|<>|<&|<|&>>|&>)/u;
const assignmentPattern = /^([A-Za-z_][A-Za-z0-9_]*)=/u;

/**
 * Parses a command line into the simple commands it would run.
 * @param origin how the text came to run, recorded on every command (for nested strings).
 * @param depth nesting depth of the text (0 at top level).
 * @param readsPipedInput the text's standard input is a pipe (a `sh -c` string inside a pipeline).
 * @throws ArchonError INVALID_INPUT naming what could not be parsed.
 */
export function parseCommandLine(
  text: string,
  origin: readonly string[] = [],
  depth = 0,
  readsPipedInput = false,
): ParsedCommand[] {
  if (typeof text !== 'string') throw shellSyntaxError('the command must be a string');
  if (text.length > maximumCommandLength) {
    throw shellSyntaxError(
      `commands longer than ${maximumCommandLength} characters are not accepted`,
    );
  }
  if (text.includes('\0')) throw shellSyntaxError('NUL bytes are not allowed');
  if (depth > maximumNestingDepth) throw shellSyntaxError('substitutions are nested too deeply');
  const parser = new CommandLineParser({ source: text, position: 0 }, origin, depth);
  parser.parseList(undefined, readsPipedInput);
  return parser.commands;
}

class CommandLineParser implements SubstitutionParser {
  readonly commands: ParsedCommand[] = [];

  constructor(
    private readonly cursor: Cursor,
    private readonly origin: readonly string[],
    private readonly depth: number,
  ) {}

  parseParenthesized(cursor: Cursor): void {
    if (this.depth + 1 > maximumNestingDepth)
      throw shellSyntaxError('substitutions are nested too deeply');
    const nested = new CommandLineParser(cursor, [...this.origin, '$(...)'], this.depth + 1);
    nested.parseList(')', false);
    cursor.position += 1;
    this.commands.push(...nested.commands);
  }

  parseBackticked(text: string): void {
    this.commands.push(...parseCommandLine(text, [...this.origin, '`...`'], this.depth + 1));
  }

  /** Parses `and-or` lists separated by `;`, `&` or newlines until the terminator or the end. */
  parseList(terminator: ')' | '}' | undefined, readsPipedInput: boolean): void {
    for (;;) {
      this.skipSpace(true);
      if (this.atEnd()) {
        if (terminator !== undefined)
          throw shellSyntaxError(`a '${terminator === ')' ? '(' : '{'}' is not closed`);
        return;
      }
      if (terminator === ')' && this.peek() === ')') return;
      if (terminator === '}' && this.peekPlainWord() === '}') return;
      if (terminator === undefined && this.peek() === ')') throw shellSyntaxError("unexpected ')'");
      this.parseAndOr(readsPipedInput);
      this.skipSpace(false);
      const next = this.peek();
      if (next === ';' && this.peek(1) === ';')
        throw shellSyntaxError("';;' (case) is not supported");
      if (next === ';' || next === '\n' || (next === '&' && this.peek(1) !== '&'))
        this.cursor.position += 1;
      else if (
        !this.atEnd() &&
        next !== ')' &&
        !(terminator === '}' && this.peekPlainWord() === '}')
      ) {
        throw shellSyntaxError(`unexpected '${next}'`);
      }
    }
  }

  private parseAndOr(readsPipedInput: boolean): void {
    this.parsePipeline(readsPipedInput);
    for (;;) {
      this.skipSpace(false);
      const operator = this.cursor.source.slice(this.cursor.position, this.cursor.position + 2);
      if (operator !== '&&' && operator !== '||') return;
      this.cursor.position += 2;
      this.skipSpace(true);
      this.parsePipeline(readsPipedInput);
    }
  }

  private parsePipeline(readsPipedInput: boolean): void {
    this.skipSpace(false);
    if (this.peekPlainWord() === '!') this.cursor.position += 1;
    this.parsePipelineElement(readsPipedInput);
    for (;;) {
      this.skipSpace(false);
      if (this.peek() !== '|' || this.peek(1) === '|') return;
      this.cursor.position += this.peek(1) === '&' ? 2 : 1;
      this.skipSpace(true);
      this.parsePipelineElement(true);
    }
  }

  private parsePipelineElement(readsPipedInput: boolean): void {
    this.skipSpace(false);
    const first = this.commands.length;
    if (this.peek() === '(') {
      if (this.depth + 1 > maximumNestingDepth)
        throw shellSyntaxError('subshells are nested too deeply');
      this.cursor.position += 1;
      const nested = new CommandLineParser(this.cursor, this.origin, this.depth + 1);
      nested.parseList(')', readsPipedInput);
      this.cursor.position += 1;
      this.commands.push(...nested.commands);
    } else if (this.peekPlainWord() === '{') {
      this.cursor.position += 1;
      this.parseList('}', readsPipedInput);
      this.cursor.position += 1;
    } else {
      this.parseSimpleCommand(readsPipedInput);
      return;
    }
    if (this.commands.length === first) throw shellSyntaxError('an empty group');
    const redirections = this.readTrailingRedirections();
    for (let index = first; index < this.commands.length; index += 1) {
      const command = this.commands[index] as ParsedCommand;
      this.commands[index] = {
        ...command,
        redirections: [...command.redirections, ...redirections],
      };
    }
  }

  private readTrailingRedirections(): ShellRedirection[] {
    const redirections: ShellRedirection[] = [];
    for (;;) {
      this.skipSpace(false);
      const redirection = this.tryReadRedirection();
      if (redirection === undefined) return redirections;
      redirections.push(redirection);
    }
  }

  private parseSimpleCommand(readsPipedInput: boolean): void {
    const start = this.cursor.position;
    const words: ShellWord[] = [];
    const assignments: ShellAssignment[] = [];
    const redirections: ShellRedirection[] = [];
    for (;;) {
      this.skipSpace(false);
      const next = this.peek();
      if (this.atEnd() || next === ';' || next === '|' || next === ')' || next === '\n') break;
      if (next === '&' && this.peek(1) !== '>') break;
      if (next === '(')
        throw shellSyntaxError("'(' inside a command (function definitions) is not supported");
      const redirection = this.tryReadRedirection();
      if (redirection !== undefined) {
        redirections.push(redirection);
        continue;
      }
      const word = readWord(this.cursor, this);
      const assignment = words.length === 0 ? assignmentPattern.exec(word.raw) : null;
      if (assignment !== null) {
        assignments.push({
          name: assignment[1] as string,
          value: { ...word, text: word.text.slice(assignment[0].length) },
        });
      } else {
        if (words.length === 0 && reservedWords.has(word.raw)) {
          throw shellSyntaxError(
            `'${word.raw}' (compound commands) is not supported; run simple commands`,
          );
        }
        words.push(word);
      }
    }
    if (words.length === 0 && assignments.length === 0 && redirections.length === 0) {
      throw shellSyntaxError(this.atEnd() ? 'a command is missing' : `unexpected '${this.peek()}'`);
    }
    this.commands.push({
      text: this.cursor.source.slice(start, this.cursor.position).trim(),
      words,
      argv: words.map((word) => word.text),
      assignments,
      redirections,
      readsPipedInput,
      origin: this.origin,
      appendsArguments: false,
    });
  }

  private tryReadRedirection(): ShellRedirection | undefined {
    const match = redirectionPattern.exec(
      this.cursor.source.slice(this.cursor.position, this.cursor.position + 16),
    );
    if (match === null) return undefined;
    const operator = match[2] as string;
    if (operator.startsWith('<<'))
      throw shellSyntaxError('here-documents are not supported; write files with the file tools');
    this.cursor.position += match[0].length;
    this.skipSpace(false);
    const next = this.peek();
    if (this.atEnd() || ';&|<>()\n'.includes(next))
      throw shellSyntaxError(`'${operator}' needs a target`);
    const target = readWord(this.cursor, this);
    const duplicates =
      (operator === '>&' || operator === '<&') &&
      /^(\d+|-)$/u.test(target.text) &&
      !target.expanded;
    const writes = !duplicates && operator !== '<' && operator !== '<&';
    const descriptor = match[1] === '' ? undefined : Number(match[1]);
    return { operator, descriptor, target, writes, duplicates };
  }

  private skipSpace(newlines: boolean): void {
    const { source } = this.cursor;
    for (;;) {
      const character = source.charAt(this.cursor.position);
      if (character === ' ' || character === '\t' || (newlines && character === '\n')) {
        this.cursor.position += 1;
      } else if (character === '\\' && source.charAt(this.cursor.position + 1) === '\n') {
        this.cursor.position += 2;
      } else if (character === '#') {
        while (
          this.cursor.position < source.length &&
          source.charAt(this.cursor.position) !== '\n'
        ) {
          this.cursor.position += 1;
        }
      } else {
        return;
      }
    }
  }

  /** The unquoted run of word characters at the cursor, for spotting `{`, `}` and `!`. */
  private peekPlainWord(): string {
    const match = /^[^\s;&|<>()'"\\`$]+/u.exec(
      this.cursor.source.slice(this.cursor.position, this.cursor.position + 64),
    );
    return match === null ? '' : match[0];
  }

  private peek(offset = 0): string {
    return this.cursor.source.charAt(this.cursor.position + offset);
  }

  private atEnd(): boolean {
    return this.cursor.position >= this.cursor.source.length;
  }
}
