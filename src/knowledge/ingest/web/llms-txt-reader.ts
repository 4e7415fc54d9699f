/**
 * Links out of Markdown, for llms.txt (a Markdown list of `[title](url): notes` lines, see
 * llmstxt.org) and for following links from Markdown pages. Inline links and `<url>`
 * autolinks count; images do not.
 */

const inlineLink = /(!?)\[(?:[^\]\\]|\\.)*\]\(\s*<?([^\s)>]+)>?(?:\s+(?:"[^"]*"|'[^']*'))?\s*\)/g;
const autoLink = /<(https?:\/\/[^\s<>]+)>/g;

/** Link targets in document order, resolved against `baseUrl`, duplicates kept out. */
export function extractMarkdownLinks(markdown: string, baseUrl: string): string[] {
  const found: Array<{ index: number; target: string }> = [];
  for (const match of markdown.matchAll(inlineLink)) {
    if (match[1] === '!' || match[2] === undefined) continue;
    found.push({ index: match.index, target: match[2] });
  }
  for (const match of markdown.matchAll(autoLink)) {
    if (match[1] !== undefined) found.push({ index: match.index, target: match[1] });
  }
  found.sort((left, right) => left.index - right.index);
  const links = new Set<string>();
  for (const { target } of found) {
    try {
      links.add(new URL(target, baseUrl).href);
    } catch {
      // Not a URL: ignore, as a browser would render it as text.
    }
  }
  return [...links];
}

/** True for paths llms.txt names: `/llms.txt`, and `/llms-full.txt` for the one-file form. */
export function llmsTxtKind(url: string): 'index' | 'full' | null {
  const lastSegment = new URL(url).pathname.split('/').pop()?.toLowerCase() ?? '';
  if (lastSegment === 'llms.txt') return 'index';
  if (lastSegment === 'llms-full.txt') return 'full';
  return null;
}
