/**
 * Reads one shell word with POSIX quoting: backslash escapes, single quotes (all
 * literal), double quotes (where `$`, backticks and some backslashes stay active),
 * parameter expansions, `$(...)` and backtick substitutions. It records what the
 * shell would still do to the word at run time (expansion, globbing, tilde, brace)
 * so the policy can refuse values it cannot know. Arithmetic expansion and
 * substitutions inside `${...}` are refused rather than half understood.
 */
import { shellSyntaxError, type ShellWord } from './shell-syntax.js';

/** Where the reader stands in the source; shared with the parser. */
export interface Cursor {
  readonly source: string;
  position: number;
}

/** Parses the command list of a substitution. `$(...)` stops at the `)`; backticks get their text. */
export interface SubstitutionParser {
  /** Parses from the cursor up to the matching `)` and leaves the cursor after it. */
  parseParenthesized(cursor: Cursor): void;
  /** Parses the already unescaped text of a backtick substitution. */
  parseBackticked(text: string): void;
}

const wordBreakers = new Set([' ', '\t', '\n', ';', '&', '|', '<', '>', '(', ')']);
const globSpecial = new Set(['*', '?', '[', ']', '\\']);
const specialParameters = new Set(['@', '*', '#', '?', '-', '$', '!']);

class WordBuilder {
  text = '';
  pattern = '';
  expanded = false;
  glob = false;
  tilde = false;
  brace = false;
  private bracketOpen = false;
  private braceDepth = 0;
  private braceSeparator = false;

  quoted(value: string): void {
    this.text += value;
    for (const character of value)
      this.pattern += globSpecial.has(character) ? `\\${character}` : character;
  }

  unquoted(character: string, atStart: boolean, previous: string | undefined): void {
    this.text += character;
    this.pattern += character;
    if (character === '*' || character === '?') this.glob = true;
    else if (character === '[') this.bracketOpen = true;
    else if (character === ']' && this.bracketOpen) this.glob = true;
    else if (character === '~' && atStart) this.tilde = true;
    else if (character === '{') this.braceDepth += 1;
    else if (character === ',' && this.braceDepth > 0) this.braceSeparator = true;
    else if (character === '.' && previous === '.' && this.braceDepth > 0)
      this.braceSeparator = true;
    else if (character === '}' && this.braceDepth > 0) {
      this.braceDepth -= 1;
      if (this.braceSeparator) this.brace = true;
    }
  }
}

/** Reads the word at the cursor; the cursor must be on a character that starts a word. */
export function readWord(cursor: Cursor, substitutions: SubstitutionParser): ShellWord {
  const { source } = cursor;
  const start = cursor.position;
  const word = new WordBuilder();
  while (cursor.position < source.length) {
    const character = source.charAt(cursor.position);
    if (wordBreakers.has(character)) break;
    if (character === '\\') {
      const next = source.charAt(cursor.position + 1);
      if (next === '') throw shellSyntaxError('a backslash ends the command');
      if (next !== '\n') word.quoted(next);
      cursor.position += 2;
    } else if (character === "'") {
      const end = source.indexOf("'", cursor.position + 1);
      if (end < 0) throw shellSyntaxError('a single quote is not closed');
      word.quoted(source.slice(cursor.position + 1, end));
      cursor.position = end + 1;
    } else if (character === '"') {
      readDoubleQuoted(cursor, word, substitutions);
    } else if (character === '`') {
      word.quoted(readBackticks(cursor, substitutions, false));
      word.expanded = true;
    } else if (character === '$') {
      readDollar(cursor, word, substitutions, false);
    } else {
      word.unquoted(character, cursor.position === start, source.charAt(cursor.position - 1));
      cursor.position += 1;
    }
  }
  return {
    text: word.text,
    raw: source.slice(start, cursor.position),
    expanded: word.expanded,
    glob: word.glob,
    globPattern: word.pattern,
    tilde: word.tilde,
    brace: word.brace,
  };
}

function readDoubleQuoted(
  cursor: Cursor,
  word: WordBuilder,
  substitutions: SubstitutionParser,
): void {
  const { source } = cursor;
  cursor.position += 1;
  for (;;) {
    if (cursor.position >= source.length) throw shellSyntaxError('a double quote is not closed');
    const character = source.charAt(cursor.position);
    if (character === '"') break;
    if (character === '\\') {
      const next = source.charAt(cursor.position + 1);
      if ('$`"\\'.includes(next) && next !== '') {
        word.quoted(next);
        cursor.position += 2;
      } else if (next === '\n') {
        cursor.position += 2;
      } else {
        word.quoted('\\');
        cursor.position += 1;
      }
    } else if (character === '`') {
      word.quoted(readBackticks(cursor, substitutions, true));
      word.expanded = true;
    } else if (character === '$') {
      readDollar(cursor, word, substitutions, true);
    } else {
      word.quoted(character);
      cursor.position += 1;
    }
  }
  cursor.position += 1;
}

function readDollar(
  cursor: Cursor,
  word: WordBuilder,
  substitutions: SubstitutionParser,
  inDoubleQuotes: boolean,
): void {
  const { source } = cursor;
  const start = cursor.position;
  const next = source.charAt(start + 1);
  if (next === '(') {
    if (source.charAt(start + 2) === '(')
      throw shellSyntaxError('arithmetic expansion $((...)) is not supported');
    cursor.position = start + 2;
    substitutions.parseParenthesized(cursor);
  } else if (next === '{') {
    const end = source.indexOf('}', start + 2);
    if (end < 0) throw shellSyntaxError('a ${...} expansion is not closed');
    const inner = source.slice(start + 2, end);
    if (/[`'"\\]|\$[({]/u.test(inner)) {
      throw shellSyntaxError('quotes or substitutions inside ${...} are not supported');
    }
    cursor.position = end + 1;
  } else if (/[A-Za-z_]/u.test(next)) {
    cursor.position = start + 1;
    while (/[A-Za-z0-9_]/u.test(source.charAt(cursor.position))) cursor.position += 1;
  } else if (/[0-9]/u.test(next) || specialParameters.has(next)) {
    cursor.position = start + 2;
  } else {
    // `$'...'` and `$"..."` are bash quoting that dash does not know: value unknown.
    if (!inDoubleQuotes && (next === "'" || next === '"')) word.expanded = true;
    word.quoted('$');
    cursor.position = start + 1;
    return;
  }
  word.quoted(source.slice(start, cursor.position));
  word.expanded = true;
}

/** Reads a backtick substitution, parses its commands and returns its source text. */
function readBackticks(
  cursor: Cursor,
  substitutions: SubstitutionParser,
  inDoubleQuotes: boolean,
): string {
  const { source } = cursor;
  const start = cursor.position;
  let inner = '';
  let position = start + 1;
  for (;;) {
    if (position >= source.length) throw shellSyntaxError('a backtick substitution is not closed');
    const character = source.charAt(position);
    if (character === '`') break;
    const next = source.charAt(position + 1);
    if (
      character === '\\' &&
      ('$`\\'.includes(next) || (inDoubleQuotes && next === '"')) &&
      next !== ''
    ) {
      inner += next;
      position += 2;
    } else {
      inner += character;
      position += 1;
    }
  }
  cursor.position = position + 1;
  substitutions.parseBackticked(inner);
  return source.slice(start, cursor.position);
}
