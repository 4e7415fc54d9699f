/**
 * What every command needs: settings (from global options and environment), the
 * knowledge base opened lazily once, and helpers to print text or stable JSON.
 */
import type { LanguageModel } from '../agent/language-model.js';
import { loadSettings } from '../config/load-settings.js';
import type { Settings } from '../config/settings-schema.js';
import type { RunStore } from '../core/run-store.js';
import { modelFromSettings } from '../engineer/model-from-settings.js';
import { openRunStore } from '../engineer/open-run-store.js';
import type { KnowledgeBase } from '../knowledge/knowledge-base.js';
import { openKnowledgeBase } from '../knowledge/open-knowledge-base.js';
import { ensureEngineeringPack } from '../knowledge/pack/engineering-pack.js';
import type { SearchCacheOptions } from '../knowledge/search/search-cache.js';
import type { CliIo } from './cli-io.js';

export interface GlobalOptions {
  readonly home?: string;
  readonly config?: string;
}

export class CliContext {
  /** Set by a command that finished but must report failure (e.g. doctor). */
  exitCode = 0;
  private knowledgeBasePromise: Promise<KnowledgeBase> | undefined;
  private runStorePromise: Promise<RunStore & { close(): Promise<void> }> | undefined;
  private settingsValue: Settings | undefined;

  constructor(
    readonly io: CliIo,
    private readonly globalOptions: () => GlobalOptions,
    private readonly fetchFunction?: typeof fetch,
  ) {}

  get settings(): Settings {
    if (this.settingsValue === undefined) {
      const options = this.globalOptions();
      this.settingsValue = loadSettings(this.io.environment, {
        ...(options.home !== undefined ? { home: options.home } : {}),
        ...(options.config !== undefined ? { configFile: options.config } : {}),
      });
    }
    return this.settingsValue;
  }

  /**
   * The knowledge base, with the engineering pack ingested when `withPack`. The
   * first caller decides the search cache (`archon serve`); one-shot commands have none.
   */
  async knowledgeBase(
    options: { withPack?: boolean; searchCache?: SearchCacheOptions } = {},
  ): Promise<KnowledgeBase> {
    this.knowledgeBasePromise ??= openKnowledgeBase(this.settings, {
      ...(this.fetchFunction ? { fetch: this.fetchFunction } : {}),
      ...(options.searchCache ? { searchCache: options.searchCache } : {}),
    });
    const knowledgeBase = await this.knowledgeBasePromise;
    if (options.withPack === true) await ensureEngineeringPack(knowledgeBase);
    return knowledgeBase;
  }

  /** The run store beside the knowledge base. */
  async runStore(): Promise<RunStore> {
    this.runStorePromise ??= openRunStore(this.settings.home);
    return this.runStorePromise;
  }

  /** The configured language model, or INVALID_CONFIG saying how to configure one. */
  languageModel(name?: string): LanguageModel {
    return modelFromSettings(this.settings, {
      ...(name !== undefined ? { name } : {}),
      ...(this.fetchFunction ? { fetch: this.fetchFunction } : {}),
    });
  }

  async close(): Promise<void> {
    if (this.runStorePromise !== undefined) {
      const runs = await this.runStorePromise.catch(() => undefined);
      await runs?.close();
    }
    if (this.knowledgeBasePromise === undefined) return;
    const knowledgeBase = await this.knowledgeBasePromise.catch(() => undefined);
    await knowledgeBase?.close();
  }

  print(text: string): void {
    this.io.stdout(text.endsWith('\n') ? text : `${text}\n`);
  }

  printJson(value: unknown): void {
    this.io.stdout(`${JSON.stringify(value, null, 2)}\n`);
  }
}
