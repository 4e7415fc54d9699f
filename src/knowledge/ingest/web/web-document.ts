/**
 * Turns a fetched body into a LoadedDocument: HTML becomes Markdown, Markdown and plain
 * text are kept as they are. Also returns the links the page offers, for crawling on.
 */
import { createHash } from 'node:crypto';

import { convertHtmlPage } from '../html/html-to-markdown.js';
import type { LoadedDocument, LoadResult } from '../loaded-document.js';
import { decodeBody, isHtmlType, isMarkdownType, isXmlType, looksBinary } from './content-type.js';
import type { FetchedResource } from './http-fetcher.js';
import { extractMarkdownLinks } from './llms-txt-reader.js';

/** A page read into a document, or the reason it could not be. */
export interface WebPage {
  readonly result: LoadResult;
  /** Absolute link targets found in the page (not yet normalized or scoped). */
  readonly links: readonly string[];
}

type PageKind = 'html' | 'markdown' | 'text';

/** Builds the document for `resource`, stored under `uri` (its normalized final URL). */
export function readWebPage(resource: FetchedResource, uri: string): WebPage {
  const kind = pageKind(resource);
  if (kind === null) {
    const type =
      resource.mediaType === '' ? 'binary content' : `content type ${resource.mediaType}`;
    return {
      result: skip(uri, 'unsupported', `${type} is not a readable page`),
      links: [],
    };
  }
  const decoded = decodeBody(resource.body, resource.charset, kind === 'html');
  let text = decoded;
  let title: string | null = null;
  let links: readonly string[];
  if (kind === 'html') {
    const page = convertHtmlPage(decoded, resource.finalUrl);
    text = page.markdown;
    title = page.title;
    links = page.links;
  } else {
    links = kind === 'markdown' ? extractMarkdownLinks(decoded, resource.finalUrl) : [];
  }
  const document: LoadedDocument = {
    uri,
    location: resource.finalUrl,
    title: title ?? firstHeading(text) ?? titleFromUrl(uri),
    language: kind,
    format: kind === 'text' ? 'text' : 'markdown',
    text,
    contentHash: createHash('sha256').update(resource.body).digest('hex'),
    bytes: resource.body.byteLength,
  };
  return { result: { kind: 'document', document }, links };
}

/** Decides how to read a body; Markdown served as text/plain is recognized by extension. */
function pageKind(resource: FetchedResource): PageKind | null {
  const { mediaType } = resource;
  if (isHtmlType(mediaType)) return 'html';
  if (isMarkdownType(mediaType)) return 'markdown';
  if (mediaType !== 'text/plain' && mediaType !== '') return null;
  if (looksBinary(resource.body)) return null;
  const path = new URL(resource.finalUrl).pathname.toLowerCase();
  if (/\.(md|markdown|mdx)$/.test(path) || /(^|\/)llms(-full)?\.txt$/.test(path)) return 'markdown';
  if (mediaType === '' && /^\s*<(!doctype html|html)[\s>]/i.test(decodeHead(resource.body))) {
    return 'html';
  }
  return 'text';
}

function decodeHead(body: Uint8Array): string {
  return Buffer.from(body.buffer, body.byteOffset, Math.min(body.byteLength, 512)).toString(
    'latin1',
  );
}

/** True when a start URL's body is XML (so it may be a sitemap rather than a page). */
export function isXmlResource(resource: FetchedResource): boolean {
  if (isXmlType(resource.mediaType)) return true;
  return resource.mediaType === '' && /^\s*<\?xml/.test(decodeHead(resource.body));
}

function firstHeading(markdown: string): string | null {
  const match = /^#{1,6}[ \t]+(.+?)[ \t#]*$/m.exec(markdown);
  return match?.[1] ?? null;
}

/** The last path segment, decoded, else the host. */
export function titleFromUrl(url: string): string {
  const parsed = new URL(url);
  const segment = parsed.pathname
    .split('/')
    .filter((part) => part !== '')
    .pop();
  if (segment === undefined) return parsed.host;
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** A skipped result. */
export function skip(
  location: string,
  reason: Extract<LoadResult, { kind: 'skipped' }>['skipped']['reason'],
  message: string,
): LoadResult {
  return { kind: 'skipped', skipped: { location, reason, message } };
}
