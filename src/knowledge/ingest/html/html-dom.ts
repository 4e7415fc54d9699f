/**
 * The small slice of the DOM that HTML conversion touches, typed by hand. The project
 * compiles without the `dom` lib (it is a Node program), so domino's documents are seen
 * through these structural interfaces instead of the browser's global types.
 */
import { createRequire } from 'node:module';

import type domino from '@mixmark-io/domino';

/**
 * domino, loaded on the first page parsed: it is a large CommonJS module, and loading it
 * cost each ingest thread about 130 ms of CPU even when no HTML came (Markdown corpora).
 */
let loadedDomino: typeof domino | undefined;

/** A DOM node as domino builds it. */
export interface DomNode {
  readonly nodeName: string;
  readonly nodeType: number;
  readonly textContent: string | null;
  readonly parentNode: DomNode | null;
  readonly childNodes: ArrayLike<DomNode>;
  readonly firstChild: DomNode | null;
  readonly nextSibling: DomNode | null;
}

/** An element: the node kind conversion reads attributes from and prunes. */
export interface DomElement extends DomNode {
  readonly tagName: string;
  readonly ownerDocument: DomDocument;
  getAttribute(name: string): string | null;
  setAttribute(name: string, value: string): void;
  removeAttribute(name: string): void;
  querySelector(selectors: string): DomElement | null | undefined;
  querySelectorAll(selectors: string): ArrayLike<DomElement>;
  closest(selectors: string): DomElement | null;
  remove(): void;
}

/** A parsed HTML document. */
export interface DomDocument {
  readonly body: DomElement | null;
  readonly documentElement: DomElement | null;
  querySelector(selectors: string): DomElement | null | undefined;
  querySelectorAll(selectors: string): ArrayLike<DomElement>;
}

/** Parses HTML with domino's HTML5 parser, which accepts any string the way browsers do. */
export function parseHtmlDocument(html: string): DomDocument {
  loadedDomino ??= createRequire(import.meta.url)('@mixmark-io/domino') as typeof domino;
  return loadedDomino.createDocument(html, true) as unknown as DomDocument;
}

const elementNode = 1;

/** True for element nodes. */
export function isElement(node: DomNode): node is DomElement {
  return node.nodeType === elementNode;
}

/**
 * Visits the elements under `root` in document order, without `root` itself. Returning
 * false from `visit` skips that element's subtree; the element may then be removed safely.
 * A hand-written walk: far cheaper than domino's selector engine on large pages.
 */
export function walkElements(root: DomNode, visit: (element: DomElement) => boolean): void {
  let child = root.firstChild;
  while (child !== null) {
    const next = child.nextSibling;
    if (isElement(child) && visit(child)) walkElements(child, visit);
    child = next;
  }
}

/** Text of a node with runs of whitespace collapsed, or null when it holds none. */
export function collapsedText(node: DomNode | null | undefined): string | null {
  const text = node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
  return text === '' ? null : text;
}
