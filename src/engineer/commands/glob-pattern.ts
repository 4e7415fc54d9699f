/**
 * Questions the policy asks about an unquoted glob before the shell expands it:
 * could a segment match `..` (`.*` does in dash, and so escapes the directory), and
 * could the word expand to a name starting with `-` (a file called `-rf` turns
 * `rm *` into a recursive delete)? Patterns use the escaping of ShellWord.globPattern.
 */

type GlobElement =
  | { readonly kind: 'literal'; readonly character: string }
  | { readonly kind: 'any' }
  | { readonly kind: 'one' }
  | { readonly kind: 'class'; readonly expression: RegExp };

/** Splits one segment pattern (no `/`) into elements. */
function elementsOf(pattern: string): GlobElement[] {
  const elements: GlobElement[] = [];
  for (let index = 0; index < pattern.length; index += 1) {
    const character = pattern.charAt(index);
    if (character === '\\' && index + 1 < pattern.length) {
      index += 1;
      elements.push({ kind: 'literal', character: pattern.charAt(index) });
    } else if (character === '*') {
      elements.push({ kind: 'any' });
    } else if (character === '?') {
      elements.push({ kind: 'one' });
    } else if (character === '[') {
      const close = pattern.indexOf(']', index + 2);
      if (close < 0) {
        elements.push({ kind: 'literal', character });
        continue;
      }
      elements.push({
        kind: 'class',
        expression: classExpression(pattern.slice(index + 1, close)),
      });
      index = close;
    } else {
      elements.push({ kind: 'literal', character });
    }
  }
  return elements;
}

function classExpression(body: string): RegExp {
  const negated = body.startsWith('!') || body.startsWith('^');
  const members = (negated ? body.slice(1) : body).replace(/\\(.)/gu, '$1');
  const escaped = members.replace(/[\\\]^]/gu, (character) => `\\${character}`);
  return new RegExp(`^[${negated ? '^' : ''}${escaped}]$`, 'u');
}

/** True when a segment pattern (POSIX rules: a leading dot must be matched literally) matches `name`. */
export function segmentMatches(pattern: string, name: string): boolean {
  const elements = elementsOf(pattern);
  const first = elements[0];
  if (name.startsWith('.') && !(first?.kind === 'literal' && first.character === '.')) return false;
  const matchFrom = (elementIndex: number, nameIndex: number): boolean => {
    const element = elements[elementIndex];
    if (element === undefined) return nameIndex === name.length;
    if (element.kind === 'any') {
      for (let end = nameIndex; end <= name.length; end += 1)
        if (matchFrom(elementIndex + 1, end)) return true;
      return false;
    }
    if (nameIndex >= name.length) return false;
    const character = name.charAt(nameIndex);
    const fits =
      element.kind === 'one' ||
      (element.kind === 'literal'
        ? element.character === character
        : element.expression.test(character));
    return fits && matchFrom(elementIndex + 1, nameIndex + 1);
  };
  return matchFrom(0, 0);
}

/** True when some segment of the pattern could match `..`. */
export function globCouldClimb(pattern: string): boolean {
  return pattern.split('/').some((segment) => segmentMatches(segment, '..'));
}

/** True when the expanded word could begin with `-` and so be read as an option. */
export function globCouldStartWithDash(pattern: string): boolean {
  const first = elementsOf(pattern.split('/')[0] ?? '')[0];
  if (first === undefined) return false;
  if (first.kind === 'any' || first.kind === 'one') return true;
  if (first.kind === 'literal') return first.character === '-';
  return first.expression.test('-');
}
