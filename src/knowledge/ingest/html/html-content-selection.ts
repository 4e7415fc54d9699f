/**
 * Picks the part of a page worth keeping before it becomes Markdown: the main content
 * without site chrome (navigation, banners, scripts, forms), with links made absolute
 * so that chunks cited later still point somewhere real.
 */
import type { DomDocument, DomElement } from './html-dom.js';

/** Elements that never carry document content. */
const alwaysDropped = [
  'script',
  'style',
  'noscript',
  'template',
  'svg',
  'canvas',
  'iframe',
  'object',
  'embed',
  'form',
  'button',
  'select',
  'textarea',
  'input:not([type="checkbox"])',
  'nav',
  'aside',
  'dialog',
  '[hidden]',
  '[aria-hidden="true"]',
  '[role="navigation"]',
  '[role="banner"]',
  '[role="contentinfo"]',
  '[role="search"]',
].join(',');

/**
 * Page headers and footers are chrome; those of an article or section hold its title or
 * notes, so only the ones outside such sectioning elements are dropped.
 */
const sectioningAncestors = 'article, main, section, [role="main"]';

/** Removes chrome from the whole document, in place. */
export function removeChrome(document: DomDocument): void {
  for (const element of Array.from(document.querySelectorAll(alwaysDropped))) element.remove();
  for (const element of Array.from(document.querySelectorAll('header, footer'))) {
    const parent = element.parentNode as DomElement | null;
    if (parent?.closest?.(sectioningAncestors) == null) element.remove();
  }
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
  for (const anchor of Array.from(root.querySelectorAll('a[href]'))) {
    const href = anchor.getAttribute('href')?.trim() ?? '';
    if (/^javascript:/i.test(href)) {
      anchor.removeAttribute('href');
      continue;
    }
    const resolved = baseUrl === undefined ? undefined : tryResolve(href, baseUrl);
    if (resolved !== undefined) anchor.setAttribute('href', resolved);
  }
  for (const image of Array.from(root.querySelectorAll('img[src]'))) {
    const source = image.getAttribute('src')?.trim() ?? '';
    if (/^data:/i.test(source)) {
      image.removeAttribute('src');
      continue;
    }
    const resolved = baseUrl === undefined ? undefined : tryResolve(source, baseUrl);
    if (resolved !== undefined) image.setAttribute('src', resolved);
  }
}

function tryResolve(reference: string, base: string | undefined): string | undefined {
  try {
    return new URL(reference, base).href;
  } catch {
    return undefined;
  }
}
