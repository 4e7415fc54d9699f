/**
 * What the MCP server is built from: the core objects it calls (never re-implements),
 * handed in by the entry point that opened them (`archon mcp`, `archon serve`).
 */
import type { RunStore } from '../core/run-store.js';
import type { UrlPolicy } from '../knowledge/ingest/web/network/url-policy.js';
import type { KnowledgeBase } from '../knowledge/knowledge-base.js';
import type { UnexpectedErrorListener } from './mcp-errors.js';

/** The part of the knowledge base the MCP tools and resources use. */
export type McpKnowledgeBase = Pick<
  KnowledgeBase,
  'search' | 'listSources' | 'getSource' | 'getDocument' | 'ingest' | 'refreshVectorIndex' | 'store'
>;

/** An implement run as the `implement` tool asks for it. */
export interface ImplementToolRequest {
  readonly spec: string;
  /** Absolute path of the repository to work in. */
  readonly workspace: string;
  /** Commands that must pass, e.g. `npm test`. */
  readonly checks: readonly string[];
}

/**
 * Starts an implement run in the background and resolves once the run is recorded, so
 * `get_run` finds it at once. Rejects (nothing recorded) when the run cannot start:
 * no model configured, a missing workspace.
 */
export type StartImplement = (request: ImplementToolRequest) => Promise<{ runId: string }>;

export interface McpDependencies {
  readonly knowledgeBase: McpKnowledgeBase;
  readonly runs: Pick<RunStore, 'getRun' | 'listRunEvents'>;
  /** Absent when no language model is configured: `implement` then says how to configure one. */
  readonly startImplement?: StartImplement;
  /**
   * Refuses server paths a client may not name and returns the path to use (the HTTP
   * server's path policy: allowed roots, symbolic links resolved). Applied to
   * `add_source` paths; `startImplement` checks its workspace itself. Absent: any
   * absolute path.
   */
  readonly checkPath?: (path: string, what: string) => string;
  /**
   * The SSRF guard of `add_source` URLs (the HTTP server's: remote clients must not make
   * it fetch loopback, private or metadata addresses). Absent: URLs are fetched as given
   * (`archon mcp` on stdio runs as the local user, like the CLI).
   */
  readonly urlPolicy?: UrlPolicy;
  /** Reported to clients in `initialize`; the package version. */
  readonly version?: string;
  /** Receives errors that are not ArchonErrors (bugs, I/O), for the server log. */
  readonly onUnexpectedError?: UnexpectedErrorListener;
}
