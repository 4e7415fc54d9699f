/**
 * The composition root of `archon mcp`: opens the knowledge base (with the engineering
 * pack) and the run store of the settings' home, and, when a model is configured, a
 * launcher for implement runs. `close()` cancels running runs and closes the stores.
 */
import type { LanguageModel } from '../agent/language-model.js';
import type { Settings } from '../config/settings-schema.js';
import { modelFromSettings } from '../engineer/model-from-settings.js';
import { openRunStore } from '../engineer/open-run-store.js';
import { openKnowledgeBase } from '../knowledge/open-knowledge-base.js';
import { ensureEngineeringPack } from '../knowledge/pack/engineering-pack.js';
import type { SearchCacheOptions } from '../knowledge/search/search-cache.js';
import { createImplementLauncher } from './implement-launcher.js';
import type { McpDependencies } from './mcp-dependencies.js';
import type { UnexpectedErrorListener } from './mcp-errors.js';

export interface OpenMcpOptions {
  /** The model of implement runs; built from the settings unless given. */
  readonly languageModel?: () => LanguageModel;
  /** Fetch for URL ingestion and model calls; the global fetch unless given. */
  readonly fetch?: typeof fetch;
  readonly version?: string;
  readonly onUnexpectedError?: UnexpectedErrorListener;
  /** Caches search results; closed with the dependencies. */
  readonly searchCache?: SearchCacheOptions;
}

export interface OpenedMcpDependencies {
  readonly dependencies: McpDependencies;
  /** Cancels active implement runs, waits for them, closes the stores. */
  close(): Promise<void>;
}

/** Opens what the MCP tools need for `settings`. */
export async function openMcpDependencies(
  settings: Settings,
  options: OpenMcpOptions = {},
): Promise<OpenedMcpDependencies> {
  const closeCache = async () => options.searchCache?.cache.close();
  const knowledgeBase = await openKnowledgeBase(settings, {
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.searchCache ? { searchCache: options.searchCache } : {}),
  }).catch(async (error: unknown) => {
    await closeCache();
    throw error;
  });
  try {
    await ensureEngineeringPack(knowledgeBase);
  } catch (error) {
    await knowledgeBase.close();
    await closeCache();
    throw error;
  }
  const runs = await openRunStore(settings.home);
  const launcher =
    settings.model === undefined && options.languageModel === undefined
      ? undefined
      : createImplementLauncher({
          environment: { knowledge: knowledgeBase, runs, home: settings.home },
          model:
            options.languageModel ??
            (() => modelFromSettings(settings, options.fetch ? { fetch: options.fetch } : {})),
          ...(options.onUnexpectedError ? { onRunError: options.onUnexpectedError } : {}),
        });
  return {
    dependencies: {
      knowledgeBase,
      runs,
      ...(launcher ? { startImplement: launcher.start } : {}),
      ...(options.version ? { version: options.version } : {}),
      ...(options.onUnexpectedError ? { onUnexpectedError: options.onUnexpectedError } : {}),
    },
    close: async () => {
      await launcher?.close();
      await runs.close();
      await knowledgeBase.close();
      await closeCache();
    },
  };
}

/** The settings' model, as `archon implement` builds it. */
