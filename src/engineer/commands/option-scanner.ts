/**
 * Reads the leading options of a wrapper (`env`, `timeout`, `xargs`, ...) so the
 * wrapped command is found exactly where the wrapper itself would find it. Any
 * option the table does not know is refused: guessing whether it takes a value
 * could make the policy look at the wrong word.
 */
import { isDynamicWord, type ShellWord } from './shell-syntax.js';

/** The options a wrapper accepts. */
export interface OptionTable {
  /** Options that take a value: the next word, or glued (`-n5`, `--signal=KILL`). */
  readonly withValue: readonly string[];
  /** Options without a value (long ones may still carry `=value`). */
  readonly flags: readonly string[];
  /** Accepts old-style numeric options such as `nice -10`. */
  readonly numeric?: boolean;
}

/** The options found and where the operands start. */
export interface ScannedOptions {
  /** Index of the first word after the options (and after `--`). */
  readonly next: number;
  /** Each option seen, with the values it was given. */
  readonly values: ReadonlyMap<string, readonly ShellWord[]>;
}

/** Scans options from `start`; returns a denial reason when an option is unknown or computed. */
export function scanOptions(
  words: readonly ShellWord[],
  start: number,
  table: OptionTable,
  wrapper: string,
): ScannedOptions | string {
  const values = new Map<string, ShellWord[]>();
  const record = (option: string, value?: ShellWord) => {
    const list = values.get(option) ?? [];
    if (value !== undefined) list.push(value);
    values.set(option, list);
  };
  let index = start;
  while (index < words.length) {
    const word = words[index] as ShellWord;
    const text = word.text;
    // A run-time value here could turn out to be an option (`env $X rm`): refuse it.
    if (isDynamicWord(word))
      return `an option or the command of ${wrapper} is computed at run time`;
    if (text === '--') return { next: index + 1, values };
    if (!text.startsWith('-') || text === '-') break;
    if (table.numeric === true && /^-\d+$/u.test(text)) {
      index += 1;
      continue;
    }
    if (text.startsWith('--')) {
      const equals = text.indexOf('=');
      const name = equals < 0 ? text : text.slice(0, equals);
      if (table.withValue.includes(name)) {
        const value = equals < 0 ? words[index + 1] : { ...word, text: text.slice(equals + 1) };
        if (value === undefined) return `${name} of ${wrapper} needs a value`;
        record(name, value);
        index += equals < 0 ? 2 : 1;
        continue;
      }
      if (!table.flags.includes(name))
        return `${wrapper} option ${name} is not understood by the policy`;
      record(name);
      index += 1;
      continue;
    }
    const consumed = scanShortCluster(words, index, table, record);
    if (typeof consumed === 'string')
      return `${wrapper} option ${consumed} is not understood by the policy`;
    index += consumed;
  }
  return { next: index, values };
}

/** Reads `-abc` / `-n5` / `-n 5`; returns the words consumed or the unknown option. */
function scanShortCluster(
  words: readonly ShellWord[],
  index: number,
  table: OptionTable,
  record: (option: string, value?: ShellWord) => void,
): number | string {
  const word = words[index] as ShellWord;
  const text = word.text;
  for (let position = 1; position < text.length; position += 1) {
    const option = `-${text.charAt(position)}`;
    if (table.withValue.includes(option)) {
      const glued = text.slice(position + 1);
      if (glued !== '') {
        record(option, { ...word, text: glued });
        return 1;
      }
      const value = words[index + 1];
      if (value === undefined) return option;
      record(option, value);
      return 2;
    }
    if (!table.flags.includes(option)) return option;
    record(option);
  }
  return 1;
}
