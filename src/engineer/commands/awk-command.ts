/**
 * `awk` is allowed for text processing, but its programs can run commands
 * (`system()`, `"cmd" | getline`, `print | "cmd"`) and write files (`print > f`).
 * The program text is refused when it holds `system`, `getline`, `|`, `>` or any
 * extension-loading option; a comparison such as `$3 > 10` is refused too (write
 * `10 < $3`), which is the price of not parsing awk.
 */
import { isDynamicWord, type ParsedCommand, type ShellWord } from './shell-syntax.js';

const valueOptions = new Set(['-F', '-v', '--field-separator', '--assign']);
const programOptions = new Set(['-e', '--source']);
const harmlessFlags = new Set([
  '--posix',
  '--traditional',
  '-b',
  '--characters-as-bytes',
  '-c',
  '-P',
  '--re-interval',
]);
const dangerousProgram = /system|getline|[|>]|\bfflush\b/u;

/** Why an awk command is refused, or undefined. */
export function awkDenial(command: ParsedCommand): string | undefined {
  const programs: ShellWord[] = [];
  const { words } = command;
  let index = 1;
  for (; index < words.length; index += 1) {
    const word = words[index] as ShellWord;
    const text = word.text;
    if (text === '--') {
      index += 1;
      break;
    }
    if (!text.startsWith('-') || text === '-') break;
    const equals = text.indexOf('=');
    const name = text.startsWith('--') && equals > 0 ? text.slice(0, equals) : text.slice(0, 2);
    const glued = text.startsWith('--')
      ? equals > 0
        ? text.slice(equals + 1)
        : ''
      : text.slice(2);
    if (valueOptions.has(name) || programOptions.has(name)) {
      const value = glued !== '' ? { ...word, text: glued } : words[(index += 1)];
      if (value !== undefined && programOptions.has(name)) programs.push(value);
      continue;
    }
    if (!harmlessFlags.has(text))
      return `awk option ${text} is not allowed (it may load code or read a program file)`;
  }
  if (programs.length === 0) {
    const program = words[index];
    if (program === undefined) return 'awk needs a program';
    programs.push(program);
  }
  for (const program of programs) {
    if (isDynamicWord(program)) return 'the awk program is computed at run time';
    if (dangerousProgram.test(program.text)) {
      return 'the awk program may run commands or write files (system, getline, | or >)';
    }
  }
  return undefined;
}
