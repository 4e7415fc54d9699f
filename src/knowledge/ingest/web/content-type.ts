/**
 * Content types and text decoding for fetched bodies: which media types the crawler can
 * read, and how to turn bytes into a string honouring the declared charset.
 */

/** A parsed `Content-Type` header. */
export interface ContentType {
  readonly mediaType: string;
  readonly charset: string | undefined;
}

export function parseContentType(header: string | null): ContentType {
  if (header === null) return { mediaType: '', charset: undefined };
  const [type = '', ...parameters] = header.split(';');
  let charset: string | undefined;
  for (const parameter of parameters) {
    const match = /^\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(parameter);
    if (match?.[1] !== undefined) charset = match[1];
  }
  return { mediaType: type.trim().toLowerCase(), charset };
}

export function isHtmlType(mediaType: string): boolean {
  return mediaType === 'text/html' || mediaType === 'application/xhtml+xml';
}

export function isMarkdownType(mediaType: string): boolean {
  return mediaType === 'text/markdown' || mediaType === 'text/x-markdown';
}

export function isXmlType(mediaType: string): boolean {
  return mediaType === 'application/xml' || mediaType === 'text/xml' || mediaType.endsWith('+xml');
}

/** Media types a page may have: HTML, Markdown, plain text, or none declared (sniffed later). */
export function isPageType(mediaType: string): boolean {
  return (
    mediaType === '' ||
    isHtmlType(mediaType) ||
    isMarkdownType(mediaType) ||
    mediaType === 'text/plain'
  );
}

/** Page types plus XML, for a start URL that may turn out to be a sitemap. */
export function isPageOrXmlType(mediaType: string): boolean {
  return isPageType(mediaType) || isXmlType(mediaType);
}

/** Bytes with a NUL in the first 8 KiB are binary, whatever the server claimed. */
export function looksBinary(body: Uint8Array): boolean {
  return body.subarray(0, 8192).includes(0);
}

/**
 * Decodes with the declared charset, else a `<meta charset>` found early in HTML, else
 * UTF-8. Unknown labels fall back to UTF-8; invalid bytes become U+FFFD.
 */
export function decodeBody(body: Uint8Array, charset: string | undefined, isHtml: boolean): string {
  const label = charset ?? (isHtml ? sniffMetaCharset(body) : undefined) ?? 'utf-8';
  try {
    return new TextDecoder(label).decode(body);
  } catch {
    return new TextDecoder('utf-8').decode(body);
  }
}

function sniffMetaCharset(body: Uint8Array): string | undefined {
  const head = Buffer.from(body.buffer, body.byteOffset, Math.min(body.byteLength, 2048)).toString(
    'latin1',
  );
  return /<meta[^>]+charset\s*=\s*["']?([\w-]+)/i.exec(head)?.[1];
}
