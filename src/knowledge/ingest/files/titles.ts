/**
 * Picks the title shown in search results and citations: what the author declared in the
 * document (Markdown front matter or H1, the AsciiDoc document title, the first
 * reStructuredText section title), else the file name.
 */
import { markdownTitle, plainHeadingText } from './markdown-title.js';

const asciidocDocumentTitle = /^=[ \t]+(\S.*?)[ \t]*$/m;
const restructuredAdornment = /^([!-/:-@[-`{-~])\1+[ \t]*$/;

/** The document's declared title for its language, or `fileName` when it declares none. */
export function documentTitle(language: string, text: string, fileName: string): string {
  let title: string | null = null;
  if (language === 'markdown') title = markdownTitle(text);
  else if (language === 'asciidoc') title = asciidocTitle(text);
  else if (language === 'restructuredtext') title = restructuredTextTitle(text);
  return title ?? fileName;
}

function asciidocTitle(text: string): string | null {
  const match = asciidocDocumentTitle.exec(text);
  return match === null ? null : plainHeadingText(match[1] as string) || null;
}

/** The first section title: a text line underlined (and optionally overlined) with punctuation. */
function restructuredTextTitle(text: string): string | null {
  const lines = text.split('\n', 200);
  for (let index = 0; index + 1 < lines.length; index += 1) {
    const line = lines[index] as string;
    const next = lines[index + 1] as string;
    if (line.trim() === '' || restructuredAdornment.test(line)) continue;
    if (restructuredAdornment.test(next) && next.trim().length >= line.trim().length) {
      return line.trim();
    }
  }
  return null;
}
