/**
 * Finds the title a Markdown author gave a document: front-matter `title:` first (it is
 * what site generators show), else the first level-one heading in ATX (`# Title`) or
 * setext (`Title` over `===`) form. Headings inside fenced code blocks do not count,
 * so a `# comment` in a shell example never becomes a title.
 */

const frontMatterTitle = /^title:[ \t]*(.*?)[ \t]*$/m;
const atxHeadingOne = /^ {0,3}#(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const setextUnderline = /^ {0,3}=+[ \t]*$/;
const fenceOpening = /^ {0,3}(`{3,}|~{3,})/;
const notParagraphStart = /^(?: {4}|\t| {0,3}(?:[#>|]|[-*+][ \t]|```|~~~))/;

/** The document's title from front matter or its first H1, or null when it has neither. */
export function markdownTitle(text: string): string | null {
  const frontMatter = frontMatterOf(text);
  if (frontMatter !== null) {
    const title = frontMatterTitleIn(frontMatter.block);
    if (title !== null) return title;
  }
  return firstHeadingOne(text, frontMatter?.end ?? 0);
}

/** Cleans heading text for display: link and code markup removed, spaces collapsed. */
export function plainHeadingText(heading: string): string {
  return heading
    .replace(/[ \t]*\{#[^}]*\}[ \t]*$/, '')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/(\*\*|__|`)/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

function frontMatterOf(text: string): { block: string; end: number } | null {
  if (!text.startsWith('---\n')) return null;
  const closing = /^(?:---|\.\.\.)[ \t]*$/m.exec(text.slice(4));
  if (closing === null) return null;
  return { block: text.slice(4, 4 + closing.index), end: 4 + closing.index };
}

function frontMatterTitleIn(block: string): string | null {
  const value = frontMatterTitle.exec(block)?.[1] ?? '';
  if (value === '' || value.startsWith('|') || value.startsWith('>')) return null;
  const quote = value[0];
  const quoted = (quote === '"' || quote === "'") && value.endsWith(quote) && value.length > 1;
  const title = quoted ? value.slice(1, -1) : value.replace(/[ \t]+#.*$/, '');
  const unescaped = quote === "'" ? title.replaceAll("''", "'") : title;
  return unescaped.trim() === '' ? null : unescaped.trim();
}

function firstHeadingOne(text: string, start: number): string | null {
  let fence: string | null = null;
  let previous = '';
  let position = start === 0 ? 0 : endOfLine(text, start) + 1;
  while (position < text.length) {
    const lineEnd = endOfLine(text, position);
    const line = text.slice(position, lineEnd);
    position = lineEnd + 1;
    if (fence !== null) {
      if (line.trimStart().startsWith(fence)) fence = null;
      continue;
    }
    const opening = fenceOpening.exec(line);
    if (opening !== null) {
      fence = opening[1] as string;
      previous = '';
      continue;
    }
    const atx = atxHeadingOne.exec(line);
    if (atx !== null && atx[1] !== undefined) {
      const title = plainHeadingText(atx[1]);
      if (title !== '') return title;
    }
    if (setextUnderline.test(line) && isParagraphLine(previous)) {
      const title = plainHeadingText(previous);
      if (title !== '') return title;
    }
    previous = line;
  }
  return null;
}

function isParagraphLine(line: string): boolean {
  return line.trim() !== '' && !notParagraphStart.test(line);
}

function endOfLine(text: string, position: number): number {
  const newline = text.indexOf('\n', position);
  return newline === -1 ? text.length : newline;
}
