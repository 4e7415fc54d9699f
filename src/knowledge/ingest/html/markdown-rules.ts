/**
 * The turndown set-up for knowledge ingestion: ATX headings, fenced code that keeps its
 * language, GFM strikethrough and task lists, and tables that always come out as pipe
 * tables (turndown-plugin-gfm keeps header-less tables as raw HTML, which chunks badly).
 */
import TurndownService from 'turndown';
import turndownPluginGfm from 'turndown-plugin-gfm';

import type { DomElement, DomNode } from './html-dom.js';

const languageClass = /(?:^|\s)(?:language|lang)-([\w#+.-]+)/i;

/** A converter configured for ingestion. Building one costs rules setup; reuse it. */
export function createMarkdownConverter(): TurndownService {
  const service = new TurndownService({
    headingStyle: 'atx',
    codeBlockStyle: 'fenced',
    bulletListMarker: '-',
    emDelimiter: '_',
    strongDelimiter: '**',
    hr: '---',
    blankReplacement: (_content, node) => {
      if (isCell(node as DomNode)) return '  |';
      return (node as unknown as { isBlock?: boolean }).isBlock === true ? '\n\n' : '';
    },
  });
  service.use([
    turndownPluginGfm.strikethrough,
    turndownPluginGfm.taskListItems,
    turndownPluginGfm.highlightedCodeBlock,
  ]);
  addCodeBlockRule(service);
  addTableRules(service);
  addImageRule(service);
  addListItemRule(service);
  return service;
}

function asElement(node: unknown): DomElement {
  return node as DomElement;
}

/** `<pre>` (with or without `<code>`) becomes a fence long enough for its content. */
function addCodeBlockRule(service: TurndownService): void {
  service.addRule('archonCodeBlock', {
    filter: (node) => node.nodeName === 'PRE',
    replacement: (_content, node) => {
      const pre = asElement(node);
      const code = pre.querySelector('code');
      const language = codeLanguage(code) ?? codeLanguage(pre) ?? '';
      const text = (pre.textContent ?? '').replace(/\n$/, '');
      const longestRun = Math.max(2, ...Array.from(text.matchAll(/`+/g), (run) => run[0].length));
      const fence = '`'.repeat(longestRun + 1);
      return `\n\n${fence}${language}\n${text}\n${fence}\n\n`;
    },
  });
}

function codeLanguage(element: DomElement | null | undefined): string | undefined {
  const className = element?.getAttribute('class') ?? '';
  return languageClass.exec(className)?.[1]?.toLowerCase();
}

/** Every table becomes a pipe table; its first row serves as the header row. */
function addTableRules(service: TurndownService): void {
  service.addRule('archonTableCell', {
    filter: ['th', 'td'],
    replacement: (content) =>
      ` ${content
        .replace(/\s*\n\s*/g, ' ')
        .replace(/\|/g, '\\|')
        .trim()} |`,
  });
  service.addRule('archonTableRow', {
    filter: 'tr',
    replacement: (content, node) => {
      const row = asElement(node);
      const line = `\n|${content}`;
      if (!isFirstRow(row)) return line;
      const cellCount = Array.from(row.childNodes).filter(isCell).length;
      return `${line}\n|${' --- |'.repeat(Math.max(cellCount, 1))}`;
    },
  });
  service.addRule('archonTableSection', {
    filter: ['thead', 'tbody', 'tfoot'],
    replacement: (content) => content,
  });
  service.addRule('archonTableCaption', { filter: 'caption', replacement: () => '' });
  service.addRule('archonTable', {
    filter: 'table',
    replacement: (content, node) => {
      const rows = content.replace(/\n{2,}/g, '\n').trim();
      if (rows === '') return '';
      const caption = asElement(node).querySelector('caption');
      const captionText = caption?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
      return `\n\n${captionText === '' ? '' : `${captionText}\n\n`}${rows}\n\n`;
    },
  });
}

function isCell(node: DomNode): boolean {
  return node.nodeName === 'TH' || node.nodeName === 'TD';
}

/** The header row is the table's first row with any text (rows of nested tables excluded). */
function isFirstRow(row: DomElement): boolean {
  const table = row.closest('table');
  if (table === null) return false;
  const rows = Array.from(table.querySelectorAll('tr'));
  const header = rows.find(
    (candidate) => candidate.closest('table') === table && hasText(candidate),
  );
  return header === row;
}

function hasText(node: DomNode): boolean {
  return /\S/.test(node.textContent ?? '');
}

/** Images keep their alt text even when their source was dropped (inline `data:` images). */
function addImageRule(service: TurndownService): void {
  service.addRule('archonImage', {
    filter: 'img',
    replacement: (_content, node) => {
      const image = asElement(node);
      const alt = (image.getAttribute('alt') ?? '').replace(/\s+/g, ' ').trim();
      const source = image.getAttribute('src');
      if (source === null || source === '') return alt;
      const title = image.getAttribute('title');
      const titlePart = title === null || title === '' ? '' : ` "${title.replace(/"/g, '\\"')}"`;
      return `![${alt.replace(/([[\]])/g, '\\$1')}](${source}${titlePart})`;
    },
  });
}

/** List items as `- item` / `1. item`, continuation lines indented to the item text. */
function addListItemRule(service: TurndownService): void {
  service.addRule('archonListItem', {
    filter: 'li',
    replacement: (content, node) => {
      const item = asElement(node);
      const list = item.parentNode as DomElement | null;
      let marker = '-';
      if (list?.nodeName === 'OL') {
        const start = Number.parseInt(list.getAttribute('start') ?? '1', 10);
        const siblings = Array.from(list.childNodes).filter((child) => child.nodeName === 'LI');
        marker = `${(Number.isFinite(start) ? start : 1) + siblings.indexOf(item)}.`;
      }
      const isParagraph = content.endsWith('\n');
      const body = content.replace(/^\n+|\n+$/g, '') + (isParagraph ? '\n' : '');
      const indented = body.replace(/\n(?=[^\n])/g, `\n${' '.repeat(marker.length + 1)}`);
      const hasNext = (item as unknown as { nextSibling: unknown }).nextSibling != null;
      return `${marker} ${indented}${hasNext ? '\n' : ''}`;
    },
  });
}
