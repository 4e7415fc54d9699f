/**
 * HTML to structured Markdown for the knowledge base. Web pages and `.html` files both
 * come through here so that headings, lists, tables and code blocks reach the chunker
 * in one shape, with the site chrome left behind.
 */
import type TurndownService from 'turndown';

import {
  effectiveBaseUrl,
  removeChrome,
  resolveLinks,
  selectMainContent,
} from './html-content-selection.js';
import { collapsedText, type DomDocument, parseHtmlDocument } from './html-dom.js';
import { createMarkdownConverter } from './markdown-rules.js';

/** The result of {@link htmlToMarkdown}. */
export interface HtmlConversion {
  readonly markdown: string;
  /** `<title>`, else the first `<h1>`, else null. */
  readonly title: string | null;
}

/** A converted page plus the links it offers, for crawlers. */
export interface HtmlPage extends HtmlConversion {
  /**
   * Every `<a href>` of the whole page (navigation included, since that is how a site's
   * pages are found), resolved like the Markdown links; empty under `<meta name="robots"
   * content="nofollow">`.
   */
  readonly links: readonly string[];
}

let sharedConverter: TurndownService | undefined;

/**
 * Converts an HTML page to Markdown: main content only (`<main>` or a sole `<article>`
 * when present), chrome such as scripts, navigation, forms and page headers dropped,
 * links and images resolved against `baseUrl` (and `<base href>`). Never throws: on input
 * it cannot parse it returns the text it can recover.
 */
export function htmlToMarkdown(
  html: string,
  baseUrl?: string,
): { markdown: string; title: string | null } {
  const { markdown, title } = convert(html, baseUrl, false);
  return { markdown, title };
}

/** {@link htmlToMarkdown} that also returns the page's outgoing links, from one parse. */
export function convertHtmlPage(html: string, baseUrl?: string): HtmlPage {
  return convert(html, baseUrl, true);
}

function convert(html: string, baseUrl: string | undefined, collectLinks: boolean): HtmlPage {
  if (typeof html !== 'string' || html.trim() === '')
    return { markdown: '', title: null, links: [] };
  try {
    const document = parseHtmlDocument(html);
    const title =
      collapsedText(document.querySelector('title')) ?? collapsedText(document.querySelector('h1'));
    const base = effectiveBaseUrl(document, baseUrl);
    const links = collectLinks ? pageLinks(document, base) : [];
    removeChrome(document);
    const content = selectMainContent(document);
    if (content == null) return { markdown: '', title, links };
    resolveLinks(content, base);
    sharedConverter ??= createMarkdownConverter();
    const markdown = sharedConverter.turndown(content as unknown as TurndownService.Node);
    return { markdown: markdown.trim(), title, links };
  } catch {
    return { markdown: stripTags(html).trim(), title: null, links: [] };
  }
}

function pageLinks(document: DomDocument, base: string | undefined): string[] {
  const robots = document.querySelector('meta[name="robots" i]')?.getAttribute('content') ?? '';
  if (/\b(nofollow|none)\b/i.test(robots)) return [];
  const links: string[] = [];
  for (const anchor of Array.from(document.querySelectorAll('a[href]'))) {
    const href = anchor.getAttribute('href')?.trim() ?? '';
    if (href === '' || href.startsWith('#')) continue;
    try {
      links.push(new URL(href, base).href);
    } catch {
      // Unresolvable (relative without a base, or malformed): not a link we can follow.
    }
  }
  return links;
}

/** Last-resort text recovery when the DOM route fails. */
function stripTags(html: string): string {
  return html
    .replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/[ \t]+/g, ' ')
    .replace(/\n\s*\n\s*/g, '\n\n');
}
