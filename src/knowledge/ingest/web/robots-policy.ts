/**
 * robots.txt, fetched once per origin and asked before every request.
 *
 * Choices (see docs/decisions/002-html-conversion.md): a 4xx robots.txt means no rules
 * (allow all); a 5xx, a timeout or a network failure means the site cannot tell us what
 * it allows, so we stay out of the whole origin, like the major search engines do.
 * Crawl-delay is honoured up to {@link maxCrawlDelayMs}.
 */
import robotsParserModule from 'robots-parser';

import type { HttpFetcher } from './http-fetcher.js';

/**
 * robots-parser is CommonJS (`module.exports = function`) but its typings declare an ES
 * default export, which NodeNext resolution types as `{ default }`; at runtime the default
 * import is the function itself.
 */
const robotsParser = robotsParserModule as unknown as typeof robotsParserModule.default;

/** Longest Crawl-delay honoured; larger values are capped so a crawl still ends. */
export const maxCrawlDelayMs = 5_000;

/** What robots.txt says about one URL. */
export interface RobotsVerdict {
  readonly allowed: boolean;
  /** Why a URL is not allowed, for the skip message. */
  readonly message: string;
  /** Pause between requests to the origin, already capped. */
  readonly crawlDelayMs: number;
  /** True when robots.txt itself could not be reached (network error or timeout). */
  readonly originUnreachable: boolean;
}

type OriginRules =
  | { readonly kind: 'rules'; readonly robots: ReturnType<typeof robotsParser> }
  | { readonly kind: 'allow-all' }
  | { readonly kind: 'deny-all'; readonly message: string; readonly unreachable: boolean };

/** The robots.txt rules of every origin a crawl touches. */
export class RobotsPolicy {
  readonly #rulesByOrigin = new Map<string, Promise<OriginRules>>();

  constructor(
    private readonly fetcher: HttpFetcher,
    private readonly userAgent: string,
  ) {}

  /** The verdict for `url`, fetching its origin's robots.txt on first use. */
  async check(url: string): Promise<RobotsVerdict> {
    const origin = new URL(url).origin;
    let pending = this.#rulesByOrigin.get(origin);
    if (pending === undefined) {
      pending = this.#load(origin);
      this.#rulesByOrigin.set(origin, pending);
    }
    const rules = await pending;
    if (rules.kind === 'allow-all') return verdict(true, '', 0);
    if (rules.kind === 'deny-all') {
      return { ...verdict(false, rules.message, 0), originUnreachable: rules.unreachable };
    }
    const delaySeconds = rules.robots.getCrawlDelay(this.userAgent) ?? 0;
    const crawlDelayMs = Math.min(Math.max(delaySeconds, 0) * 1000, maxCrawlDelayMs);
    const allowed = rules.robots.isAllowed(url, this.userAgent) !== false;
    const line = rules.robots.getMatchingLineNumber(url, this.userAgent);
    return verdict(allowed, allowed ? '' : `disallowed by robots.txt (line ${line})`, crawlDelayMs);
  }

  async #load(origin: string): Promise<OriginRules> {
    const robotsUrl = `${origin}/robots.txt`;
    const outcome = await this.fetcher.get(robotsUrl, () => true);
    if (outcome.kind === 'fetched') {
      const text = new TextDecoder('utf-8').decode(outcome.body);
      return { kind: 'rules', robots: robotsParser(robotsUrl, text) };
    }
    if (outcome.status !== undefined && outcome.status >= 400 && outcome.status < 500) {
      return { kind: 'allow-all' };
    }
    return {
      kind: 'deny-all',
      message: `robots.txt unavailable (${outcome.message}); origin treated as disallowed`,
      unreachable: outcome.status === undefined && outcome.reason === 'fetch-failed',
    };
  }
}

function verdict(allowed: boolean, message: string, crawlDelayMs: number): RobotsVerdict {
  return { allowed, message, crawlDelayMs, originUnreachable: false };
}
