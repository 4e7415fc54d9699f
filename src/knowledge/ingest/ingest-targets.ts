/**
 * Turns what a user named (`archon ingest <path|url>...`) into a source name, its
 * locations and a stream of loaded documents, refusing bad input before anything is written.
 */
import { existsSync } from 'node:fs';
import { basename, resolve } from 'node:path';

import type { IngestSettings } from '../../config/settings-schema.js';
import { ArchonError, ErrorCode } from '../../core/errors.js';
import { selectPaths } from './files/load-paths.js';
import type { SelectedFile } from './files/walk-items.js';
import type { LoadResult } from './loaded-document.js';
import { assertAllowedUrl, type UrlPolicy } from './web/network/url-policy.js';
import { crawlUrl } from './web/web-crawler.js';

export interface IngestTargetRequest {
  readonly targets: readonly string[];
  readonly source?: string;
  readonly include?: readonly string[];
  readonly exclude?: readonly string[];
  readonly depth?: number;
  readonly abortSignal?: AbortSignal;
  /** When set, a URL that is not http(s) or names a refused IP literal fails with URL_NOT_ALLOWED now. */
  readonly urlPolicy?: UrlPolicy;
}

export interface IngestTargets {
  readonly sourceName: string;
  readonly kind: 'files' | 'url';
  readonly locations: string[];
  /** Loaded documents (URLs), or selected files for the preparer to load (paths). */
  readonly results: AsyncIterable<LoadResult | SelectedFile>;
}

const sourceNamePattern = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** True for http(s) URLs; everything else is taken as a path. */
export function isUrl(target: string): boolean {
  return /^https?:\/\//i.test(target);
}

/** Validates targets and builds their document stream; throws INVALID_INPUT or PATH_NOT_FOUND. */
export function resolveIngestTargets(
  request: IngestTargetRequest,
  context: { settings: IngestSettings; fetch?: typeof fetch },
): IngestTargets {
  const targets = request.targets.map((target) => target.trim()).filter((target) => target !== '');
  if (targets.length === 0)
    throw new ArchonError(ErrorCode.InvalidInput, 'name at least one path or URL to ingest');
  const urls = targets.filter(isUrl);
  if (urls.length > 0 && urls.length < targets.length) {
    throw new ArchonError(ErrorCode.InvalidInput, 'ingest paths and URLs in separate commands');
  }
  if (request.depth !== undefined && (!Number.isInteger(request.depth) || request.depth < 0)) {
    throw new ArchonError(ErrorCode.InvalidInput, '--depth must be a whole number, 0 or more');
  }
  return urls.length > 0
    ? urlTargets(urls, request, context)
    : pathTargets(targets, request, context.settings);
}

function pathTargets(
  targets: readonly string[],
  request: IngestTargetRequest,
  settings: IngestSettings,
): IngestTargets {
  const locations = targets.map((target) => resolve(target));
  for (const location of locations) {
    if (!existsSync(location)) {
      throw new ArchonError(ErrorCode.PathNotFound, `path not found: ${location}`, {
        details: { path: location },
      });
    }
  }
  const first = locations[0] as string;
  return {
    sourceName: validSourceName(request.source ?? basename(first)),
    kind: 'files',
    locations,
    results: selectPaths(locations, {
      include: request.include,
      exclude: request.exclude,
      maxFileBytes: settings.maxFileBytes,
      abortSignal: request.abortSignal,
    }),
  };
}

function urlTargets(
  urls: readonly string[],
  request: IngestTargetRequest,
  context: { settings: IngestSettings; fetch?: typeof fetch },
): IngestTargets {
  const locations = urls.map((url) => {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new ArchonError(ErrorCode.InvalidInput, `not a valid URL: ${url}`);
    }
    if (request.urlPolicy !== undefined) assertAllowedUrl(parsed, request.urlPolicy);
    return parsed.href;
  });
  const first = new URL(locations[0] as string);
  return {
    sourceName: validSourceName(request.source ?? first.hostname),
    kind: 'url',
    locations,
    results: crawlAll(locations, request, context),
  };
}

async function* crawlAll(
  urls: readonly string[],
  request: IngestTargetRequest,
  context: { settings: IngestSettings; fetch?: typeof fetch },
): AsyncIterable<LoadResult> {
  for (const url of urls) {
    yield* crawlUrl(url, {
      pageLimit: context.settings.pageLimit,
      concurrency: context.settings.crawlConcurrency,
      maxDepth: request.depth ?? 0,
      ...(context.fetch ? { fetch: context.fetch } : {}),
      ...(request.abortSignal ? { abortSignal: request.abortSignal } : {}),
    });
  }
}

function validSourceName(name: string): string {
  if (!sourceNamePattern.test(name)) {
    throw new ArchonError(
      ErrorCode.InvalidInput,
      `invalid source name '${name}': use letters, digits, '.', '_' or '-' (at most 64), or pass --source NAME`,
    );
  }
  return name;
}
