/**
 * Picks the part of a page worth keeping before it becomes Markdown: the main content
 * without site chrome (navigation, banners, scripts, forms), with links made absolute
 * so that chunks cited later still point somewhere real.
 */
import { type DomDocument, type DomElement, walkElements } from './html-dom.js';

/** Elements that never carry document content (HTML node names are upper case, SVG's not). */
const droppedTags = new Set([
  'svg',
  'SCRIPT',
  'STYLE',
  'NOSCRIPT',
  'TEMPLATE',
  'SVG',
  'CANVAS',
  'IFRAME',
  'OBJECT',
  'EMBED',
  'FORM',
  'BUTTON',
  'SELECT',
  'TEXTAREA',
  'NAV',
  'ASIDE',
  'DIALOG',
]);

/** ARIA landmark roles of site chrome. */
const droppedRoles = new Set(['navigation', 'banner', 'contentinfo', 'search']);

/** Elements whose `<header>` and `<footer>` belong to their content (an article's title, notes). */
const sectioningTags = new Set(['ARTICLE', 'MAIN', 'SECTION']);

/** Removes chrome from the whole document, in place. */
export function removeChrome(document: DomDocument): void {
  if (document.documentElement == null) return;
  pruneChrome(document.documentElement, false);
}

/**
 * Page-level headers and footers are chrome; inside a sectioning element they hold its
 * title or notes, so they stay.
 */
function pruneChrome(root: DomElement, insideSection: boolean): void {
  walkElements(root, (element) => {
    if (isChrome(element, insideSection)) {
      element.remove();
      return false;
    }
    const name = element.nodeName;
    if (!insideSection && (sectioningTags.has(name) || element.getAttribute('role') === 'main')) {
      pruneChrome(element, true);
      return false;
    }
    return true;
  });
}

function isChrome(element: DomElement, insideSection: boolean): boolean {
  const name = element.nodeName;
  if (droppedTags.has(name)) return true;
  if (name === 'INPUT') return element.getAttribute('type')?.toLowerCase() !== 'checkbox';
  if (!insideSection && (name === 'HEADER' || name === 'FOOTER')) return true;
  if (element.getAttribute('hidden') !== null) return true;
  if (element.getAttribute('aria-hidden') === 'true') return true;
  const role = element.getAttribute('role');
  return role !== null && droppedRoles.has(role);
}

/** The element holding the main content: `<main>`, a sole `<article>`, else the body. */
export function selectMainContent(document: DomDocument): DomElement | null {
  const main = document.querySelector('main, [role="main"]');
  if (main != null) return main;
  const articles = document.querySelectorAll('article');
  if (articles.length === 1 && articles[0] !== undefined) return articles[0];
  return document.body ?? document.documentElement;
}

/** The base every relative link resolves against: a `<base href>` inside `baseUrl`, else `baseUrl`. */
export function effectiveBaseUrl(document: DomDocument, baseUrl?: string): string | undefined {
  const baseHref = document.querySelector('base[href]')?.getAttribute('href')?.trim();
  if (baseHref === undefined || baseHref === '') return baseUrl;
  return tryResolve(baseHref, baseUrl) ?? baseUrl;
}

/**
 * Rewrites `href` and `src` attributes to absolute URLs. Script links lose their target
 * and inline `data:` images their source (kept as alt text), since neither reads as text.
 */
export function resolveLinks(root: DomElement, baseUrl: string | undefined): void {
  walkElements(root, (element) => {
    if (element.nodeName === 'A') resolveAnchor(element, baseUrl);
    else if (element.nodeName === 'IMG') resolveImage(element, baseUrl);
    return true;
  });
}

function resolveAnchor(anchor: DomElement, baseUrl: string | undefined): void {
  const href = anchor.getAttribute('href')?.trim();
  if (href === undefined) return;
  if (/^javascript:/i.test(href)) {
    anchor.removeAttribute('href');
    return;
  }
  const resolved = baseUrl === undefined ? undefined : tryResolve(href, baseUrl);
  if (resolved !== undefined) anchor.setAttribute('href', resolved);
}

function resolveImage(image: DomElement, baseUrl: string | undefined): void {
  const source = image.getAttribute('src')?.trim();
  if (source === undefined) return;
  if (/^data:/i.test(source)) {
    image.removeAttribute('src');
    return;
  }
  const resolved = baseUrl === undefined ? undefined : tryResolve(source, baseUrl);
  if (resolved !== undefined) image.setAttribute('src', resolved);
}

function tryResolve(reference: string, base: string | undefined): string | undefined {
  try {
    return new URL(reference, base).href;
  } catch {
    return undefined;
  }
}
