import { describe, expect, it } from 'vitest';

import { ArchonError, ErrorCode } from '../../core/errors.js';
import { parseCommandLine } from './command-parser.js';

const argvOf = (text: string) => parseCommandLine(text).map((command) => command.argv);

function parseError(text: string): string {
  try {
    parseCommandLine(text);
  } catch (error) {
    expect(ArchonError.isInstance(error) && error.code === ErrorCode.InvalidInput).toBe(true);
    return (error as Error).message;
  }
  throw new Error(`parsed: ${text}`);
}

describe('parseCommandLine: words and quoting', () => {
  it('splits on blanks and removes quotes the POSIX way', () => {
    expect(argvOf(`echo 'a b' "c d" e\\ f 'it'\\''s' "x\\"y" "\\q"`)).toEqual([
      ['echo', 'a b', 'c d', 'e f', "it's", 'x"y', '\\q'],
    ]);
    expect(argvOf('\\rm "r"m r\'\'m')).toEqual([['rm', 'rm', 'rm']]);
    expect(argvOf('echo a\\\nb')).toEqual([['echo', 'ab']]);
    expect(argvOf('echo "a\\\nb" \\$x')).toEqual([['echo', 'ab', '$x']]);
  });

  it('marks expansions, globs, tildes and brace expansion', () => {
    const [command] = parseCommandLine(
      "ls $HOME \"${X}\" '$Y' *.ts '*' ~/x a~ {a,b} {1..3} [ a[bc] $'x' \"$\" $",
    );
    const flags = command?.words.map((word) => [word.expanded, word.glob, word.tilde, word.brace]);
    expect(flags).toEqual([
      [false, false, false, false],
      [true, false, false, false],
      [true, false, false, false],
      [false, false, false, false],
      [false, true, false, false],
      [false, false, false, false],
      [false, false, true, false],
      [false, false, false, false],
      [false, false, false, true],
      [false, false, false, true],
      [false, false, false, false],
      [false, true, false, false],
      [true, false, false, false],
      [false, false, false, false],
      [false, false, false, false],
    ]);
    expect(command?.words[5]?.globPattern).toBe('\\*');
    expect(
      parseCommandLine('echo $1 $@ $?')[0]
        ?.words.slice(1)
        .every((word) => word.expanded),
    ).toBe(true);
  });

  it('treats # as a comment only at the start of a word', () => {
    expect(argvOf('echo a#b # comment\nls')).toEqual([['echo', 'a#b'], ['ls']]);
  });
});

describe('parseCommandLine: lists, pipelines and nesting', () => {
  it('splits lists and pipelines and marks piped input', () => {
    const commands = parseCommandLine('a; b && c || d & e\nf | g |& h');
    expect(commands.map((command) => command.argv[0])).toEqual([
      'a',
      'b',
      'c',
      'd',
      'e',
      'f',
      'g',
      'h',
    ]);
    expect(commands.map((command) => command.readsPipedInput)).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
      true,
      true,
    ]);
  });

  it('parses subshells and groups, carrying their redirections and piped input', () => {
    const commands = parseCommandLine('(cd src; ls) > out.txt; x | { a; b; } 2>/dev/null; ! true');
    expect(commands.map((command) => command.argv)).toEqual([
      ['cd', 'src'],
      ['ls'],
      ['x'],
      ['a'],
      ['b'],
      ['true'],
    ]);
    expect(commands[1]?.redirections[0]?.target.text).toBe('out.txt');
    expect(commands[3]?.readsPipedInput).toBe(true);
    expect(commands[4]?.redirections[0]?.descriptor).toBe(2);
  });

  it('lists substitutions before the command that uses them, with their origin', () => {
    const commands = parseCommandLine('echo $(ls "$(pwd)") `date` "x$(id)"');
    expect(commands.map((command) => [command.argv[0], command.origin])).toEqual([
      ['pwd', ['$(...)', '$(...)']],
      ['ls', ['$(...)']],
      ['date', ['`...`']],
      ['id', ['$(...)']],
      ['echo', []],
    ]);
    expect(parseCommandLine('echo `echo \\`id\\``').map((command) => command.argv[0])).toEqual([
      'id',
      'echo',
      'echo',
    ]);
  });

  it('reads assignments and redirections', () => {
    const [command] = parseCommandLine(
      'A=1 B="x y" cmd arg=2 >out 2>>err <in 2>&1 &>all >&- >|force <>rw',
    );
    expect(
      command?.assignments.map((assignment) => [assignment.name, assignment.value.text]),
    ).toEqual([
      ['A', '1'],
      ['B', 'x y'],
    ]);
    expect(command?.argv).toEqual(['cmd', 'arg=2']);
    expect(
      command?.redirections.map((redirection) => [
        redirection.operator,
        redirection.target.text,
        redirection.writes,
        redirection.duplicates,
      ]),
    ).toEqual([
      ['>', 'out', true, false],
      ['>>', 'err', true, false],
      ['<', 'in', false, false],
      ['>&', '1', false, true],
      ['&>', 'all', true, false],
      ['>&', '-', false, true],
      ['>|', 'force', true, false],
      ['<>', 'rw', true, false],
    ]);
    expect(parseCommandLine('> only.txt')[0]?.argv).toEqual([]);
  });
});

describe('parseCommandLine: refusals', () => {
  it.each([
    ['echo "open', 'double quote'],
    ["echo 'open", 'single quote'],
    ['echo `open', 'backtick'],
    ['echo $(open', "'('"],
    ['echo ${open', '${...}'],
    ['echo ${x:-$(id)}', 'inside ${...}'],
    ['echo $((1+2))', 'arithmetic'],
    ['cat <<EOF', 'here-documents'],
    ['cat <<< x', 'here-documents'],
    ['if true; then ls; fi', 'compound'],
    ['for x in a; do ls; done', 'compound'],
    ['f() { ls; }', 'function definitions'],
    ['echo \\', 'backslash'],
    ['ls )', "unexpected ')'"],
    ['ls &&', 'missing'],
    ['ls | ', 'missing'],
    ['ls >', 'needs a target'],
    ['ls ;; x', 'case'],
    ['( )', 'empty group'],
    ['{ ls', 'not closed'],
    ['(ls', 'not closed'],
    ['ls x ( y', "'('"],
    ['a\0b', 'NUL'],
  ])('%j is refused (%s)', (text, fragment) => {
    expect(parseError(text)).toContain(fragment);
  });

  it('refuses over-long and over-nested input', () => {
    expect(parseError('x'.repeat(20_001))).toContain('longer');
    expect(parseError('echo ' + '$('.repeat(12) + 'id' + ')'.repeat(12))).toContain('nested');
    expect(parseError('('.repeat(12) + 'id' + ')'.repeat(12))).toContain('nested');
    expect(
      parseError(
        'echo ' + '`'.repeat(1) + 'echo '.repeat(1) + '$('.repeat(9) + 'id' + ')'.repeat(9) + '`',
      ),
    ).toContain('nested');
    expect(() => parseCommandLine(42 as unknown as string)).toThrow(/string/u);
  });
});
