/**
 * The turndown set-up for knowledge ingestion: ATX headings, fenced code that keeps its
 * language, GFM strikethrough and task lists, and tables that always come out as pipe
 * tables (turndown-plugin-gfm keeps header-less tables as raw HTML, which chunks badly).
 */
import { createRequire } from 'node:module';

import type TurndownService from 'turndown';
import type turndownPluginGfm from 'turndown-plugin-gfm';

import { type DomElement, type DomNode, walkElements } from './html-dom.js';

const languageClass = /(?:^|\s)(?:language|lang)-([\w#+.-]+)/i;

/**
 * A converter configured for ingestion. Building one costs rules setup; reuse it. turndown
 * and its GFM plugin load here, on first use, like domino (see html-dom.ts).
 */
export function createMarkdownConverter(): TurndownService {
  const require = createRequire(import.meta.url);
  const Turndown = require('turndown') as typeof TurndownService;
  const gfm = require('turndown-plugin-gfm') as typeof turndownPluginGfm;
  const service = new Turndown({
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
  service.use([gfm.strikethrough, gfm.taskListItems, gfm.highlightedCodeBlock]);
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
      const code = Array.from(pre.childNodes).find((child) => child.nodeName === 'CODE');
      const language = codeLanguage(code as DomElement | undefined) ?? codeLanguage(pre) ?? '';
      const text = (pre.textContent ?? '').replace(/\n$/, '');
      const fence = '`'.repeat(longestBacktickRun(text) + 1);
      return `\n\n${fence}${language}\n${text}\n${fence}\n\n`;
    },
  });
}

/** At least 2, so fences are at least three backticks long. */
function longestBacktickRun(text: string): number {
  let longest = 2;
  for (const run of text.matchAll(/`{3,}/g)) longest = Math.max(longest, run[0].length);
  return longest;
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

/** Header row of each table, found once per table rather than once per row. */
const headerRows = new WeakMap<DomElement, DomElement | null>();

/** The header row is the table's first row with any text (rows of nested tables excluded). */
function isFirstRow(row: DomElement): boolean {
  const table = row.closest('table');
  if (table === null) return false;
  let header = headerRows.get(table);
  if (header === undefined) {
    header = null;
    walkElements(table, (element) => {
      if (header !== null || element.nodeName === 'TABLE') return false;
      if (element.nodeName !== 'TR') return true;
      if (hasText(element)) header = element;
      return false;
    });
    headerRows.set(table, header);
  }
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
        marker = `${(Number.isFinite(start) ? start : 1) + itemPosition(list, item)}.`;
      }
      const isParagraph = content.endsWith('\n');
      const body = content.replace(/^\n+|\n+$/g, '') + (isParagraph ? '\n' : '');
      const indented = body.replace(/\n(?=[^\n])/g, `\n${' '.repeat(marker.length + 1)}`);
      return `${marker} ${indented}${item.nextSibling !== null ? '\n' : ''}`;
    },
  });
}

/** Positions of the items of each ordered list, computed once per list. */
const itemPositions = new WeakMap<DomElement, Map<DomNode, number>>();

function itemPosition(list: DomElement, item: DomElement): number {
  let positions = itemPositions.get(list);
  if (positions === undefined) {
    positions = new Map();
    for (const child of Array.from(list.childNodes)) {
      if (child.nodeName === 'LI') positions.set(child, positions.size);
    }
    itemPositions.set(list, positions);
  }
  return positions.get(item) ?? 0;
}
