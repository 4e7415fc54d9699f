/**
 * Short names for declarations, used as a code chunk's heading path: `function
 * getUserById`, `class UserRepository`, `impl Display for Point`, `func (r *Repo) Find`,
 * or just `findById` for a Java method, whose line has no introducing keyword.
 */

const LONGEST_NAME = 80;
const WORD = /[A-Za-z_$][\w$]*!?\*?/g;
const TEST_CALL = /^(describe|suite|test|it)(?:\.\w+)*\s*\(\s*(['"`])(.*?)\2/;

/** Words that may follow a keyword without being a name (`class extends Base`). */
const NOT_NAMES = new Set(['extends', 'implements', 'where']);

/** `func (r *Repo) Find` for a Go method with a receiver; `keywordEnd` is just past `func`. */
function goMethodName(line: string, keywordEnd: number): string {
  const close = line.indexOf(')', keywordEnd);
  if (close < 0) return 'func';
  const name = /^\s*([A-Za-z_]\w*)/.exec(line.slice(close + 1))?.[1];
  return shorten(`${line.slice(keywordEnd - 4, close + 1)}${name === undefined ? '' : ` ${name}`}`);
}

function shorten(text: string): string {
  const collapsed = text.replace(/\s+/g, ' ').trim();
  return collapsed.length <= LONGEST_NAME ? collapsed : `${collapsed.slice(0, LONGEST_NAME - 1)}…`;
}

/** The identifier before the first `(`, else before `=`, `;` or `:`, else the line itself. */
function fallbackName(line: string): string {
  for (const mark of ['(', '=', ';', ':']) {
    const at = line.indexOf(mark);
    if (at <= 0) continue;
    const match = /([A-Za-z_$][\w$]*)\s*$/.exec(line.slice(0, at));
    if (match?.[1] !== undefined) return match[1];
  }
  return shorten(line.replace(/\s*[{:]\s*$/, ''));
}

/** The name of the declaration on `line`, given the language's name keywords. */
export function declarationName(line: string, keywords: ReadonlySet<string>): string {
  const trimmed = line.trim();
  const testCall = TEST_CALL.exec(trimmed);
  if (testCall !== null) return shorten(`${testCall[1]} '${testCall[3]}'`);
  if (/^if\s+__name__\s*==/.test(trimmed)) return "if __name__ == '__main__'";
  WORD.lastIndex = 0;
  let keyword: string | null = null;
  let keywordEnd = 0;
  for (let match = WORD.exec(trimmed); match !== null; match = WORD.exec(trimmed)) {
    const word = match[0];
    if (keywords.has(word)) {
      keyword = word;
      keywordEnd = match.index + word.length;
      if (word === 'impl')
        return shorten(trimmed.slice(match.index).replace(/\s*(\{.*|where\b.*)$/, ''));
      continue;
    }
    if (keyword === null) continue;
    const between = trimmed.slice(keywordEnd, match.index);
    if (keyword === 'func' && between.trimStart().startsWith('('))
      return goMethodName(trimmed, keywordEnd);
    if (!/^[\s*]*$/.test(between) || NOT_NAMES.has(word)) return keyword.replace(/\*$/, '');
    const dotted = /^[\w$.]*/.exec(trimmed.slice(match.index))?.[0] ?? word;
    return `${keyword.replace(/\*$/, '')} ${dotted.replace(/\.+$/, '')}`;
  }
  return keyword ?? fallbackName(trimmed);
}
