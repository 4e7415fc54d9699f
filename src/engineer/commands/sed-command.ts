/**
 * `sed` is allowed for reading and for in-place edits inside the workspace, but a
 * sed script can also write files (`w`, `W`, the `s///w` flag), read them (`r`,
 * `R`) and run commands (`e`, the `s///e` flag). The script is scanned command by
 * command; any of those, a script file (`-f`) or a script the scanner cannot read
 * is refused.
 */
import { isDynamicWord, type ParsedCommand, type ShellWord } from './shell-syntax.js';

/** What a sed command does. */
export interface SedCommand {
  /** True with `-i`: the file operands are rewritten in place. */
  readonly inPlace: boolean;
  readonly denial: string | undefined;
}

/** Reads `sed ...` (words[0] is sed). */
export function analyzeSed(command: ParsedCommand): SedCommand {
  const scripts: ShellWord[] = [];
  const operands: ShellWord[] = [];
  let inPlace = false;
  let endOfOptions = false;
  const words = command.words;
  for (let index = 1; index < words.length; index += 1) {
    const word = words[index] as ShellWord;
    const text = word.text;
    if (endOfOptions || !text.startsWith('-') || text === '-') operands.push(word);
    else if (text === '--') endOfOptions = true;
    else if (text.startsWith('--')) {
      const [name = '', value] = text.split(/=(.*)/su);
      if (name === '--file')
        return { inPlace, denial: 'sed -f reads a script the policy cannot inspect' };
      if (name === '--in-place') inPlace = true;
      if (name === '--expression' || name === '--line-length') {
        const script = value === undefined ? words[(index += 1)] : { ...word, text: value };
        if (script !== undefined && name === '--expression') scripts.push(script);
      }
    } else {
      for (let position = 1; position < text.length; position += 1) {
        const letter = text.charAt(position);
        if (letter === 'i') {
          inPlace = true;
          break;
        }
        if (letter === 'f')
          return { inPlace, denial: 'sed -f reads a script the policy cannot inspect' };
        if (letter === 'e' || letter === 'l') {
          const glued = text.slice(position + 1);
          const value = glued === '' ? words[(index += 1)] : { ...word, text: glued };
          if (value !== undefined && letter === 'e') scripts.push(value);
          break;
        }
      }
    }
  }
  if (scripts.length === 0 && operands.length > 0) scripts.push(operands.shift() as ShellWord);
  for (const script of scripts) {
    if (isDynamicWord(script)) return { inPlace, denial: 'the sed script is computed at run time' };
    const problem = sedScriptProblem(script.text);
    if (problem !== undefined) return { inPlace, denial: problem };
  }
  return { inPlace, denial: undefined };
}

/** Why a sed script is refused (it writes, reads or executes), or undefined. */
export function sedScriptProblem(script: string): string | undefined {
  let index = 0;
  const at = () => script.charAt(index);
  const skipWhile = (pattern: RegExp) => {
    while (index < script.length && pattern.test(at())) index += 1;
  };
  // Reads a delimited part (`/regex/`) starting after the delimiter; returns false when unterminated.
  // In regular expressions a bracket expression may hold the delimiter (`s/[/]/x/`).
  const skipDelimited = (delimiter: string, regex: boolean): boolean => {
    while (index < script.length && at() !== delimiter) {
      if (regex && at() === '[') {
        index += script.charAt(index + 1) === '^' ? 2 : 1;
        if (at() === ']') index += 1;
        while (index < script.length && at() !== ']') index += 1;
      }
      index += at() === '\\' ? 2 : 1;
    }
    if (index >= script.length) return false;
    index += 1;
    return true;
  };
  const skipAddress = (): boolean => {
    if (/[0-9$]/u.test(at())) skipWhile(/[0-9$~]/u);
    else if (at() === '/') {
      index += 1;
      if (!skipDelimited('/', true)) return false;
    } else if (at() === '\\') {
      const delimiter = script.charAt(index + 1);
      index += 2;
      if (!skipDelimited(delimiter, true)) return false;
    } else return true;
    skipWhile(/[IM]/u);
    return true;
  };
  while (index < script.length) {
    skipWhile(/[\s;{}!]/u);
    if (index >= script.length) break;
    if (at() === '#') {
      skipWhile(/[^\n]/u);
      continue;
    }
    if (!skipAddress()) return 'the sed script has an unterminated address';
    if (at() === ',') {
      index += 1;
      skipWhile(/[+~]/u);
      if (!skipAddress()) return 'the sed script has an unterminated address';
    }
    skipWhile(/[\s!]/u);
    const letter = at();
    index += 1;
    if (letter === '') return 'the sed script has an address without a command';
    if ('wWrRe'.includes(letter)) return `the sed '${letter}' command reads, writes or runs files`;
    if (letter === 's' || letter === 'y') {
      const delimiter = at();
      if (delimiter === '' || delimiter === '\n' || delimiter === '\\')
        return 'the sed script has a bad delimiter';
      index += 1;
      if (!skipDelimited(delimiter, letter === 's') || !skipDelimited(delimiter, false))
        return 'the sed script has an unterminated command';
      if (letter === 's') {
        const flagsStart = index;
        skipWhile(/[^;\n}]/u);
        const flags = script.slice(flagsStart, index);
        if (/[we]/u.test(flags)) return 'the sed s///w and s///e flags write files or run commands';
      }
    } else if ('aic:btT'.includes(letter)) {
      skipWhile(letter === 'a' || letter === 'i' || letter === 'c' ? /[^\n]/u : /[^;\n]/u);
    } else if ('qQlLz=dDgGhHnNpPxF'.includes(letter)) {
      skipWhile(/[0-9 ]/u);
    } else {
      return `the sed script has a command the policy does not know ('${letter}')`;
    }
  }
  return undefined;
}
