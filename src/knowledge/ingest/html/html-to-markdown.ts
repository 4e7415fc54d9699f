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
import { collapsedText, parseHtmlDocument } from './html-dom.js';
import { createMarkdownConverter } from './markdown-rules.js';

/** The result of {@link htmlToMarkdown}. */
export interface HtmlConversion {
  readonly markdown: string;
  /** `<title>`, else the first `<h1>`, else null. */
  readonly title: string | null;
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
  if (typeof html !== 'string' || html.trim() === '') return { markdown: '', title: null };
  try {
    const document = parseHtmlDocument(html);
    const title =
      collapsedText(document.querySelector('title')) ?? collapsedText(document.querySelector('h1'));
    removeChrome(document);
    const content = selectMainContent(document);
    if (content === null) return { markdown: '', title };
    resolveLinks(content, effectiveBaseUrl(document, baseUrl));
    sharedConverter ??= createMarkdownConverter();
    const markdown = sharedConverter.turndown(content as unknown as TurndownService.Node);
    return { markdown: markdown.trim(), title };
  } catch {
    return { markdown: stripTags(html).trim(), title: null };
  }
}

/** Last-resort text recovery when the DOM route fails. */
function stripTags(html: string): string {
  return html
    .replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/[ \t]+/g, ' ')
    .replace(/\n\s*\n\s*/g, '\n\n');
}
