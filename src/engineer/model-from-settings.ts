/**
 * Builds the configured language model from the settings: the one place the CLI, the
 * HTTP server and the MCP server turn `ARCHON_MODEL` and its keys into a model.
 */
import type { LanguageModel } from '../agent/language-model.js';
import {
  modelConfigurationHelp,
  type ProviderProbe,
  providerProbe,
  resolveModel,
  type ResolveModelOptions,
} from '../agent/providers/index.js';
import type { Settings } from '../config/settings-schema.js';
import { ArchonError, ErrorCode } from '../core/errors.js';

/** The model named `name` (default: the settings' model); INVALID_CONFIG says how to configure one. */
export function modelFromSettings(
  settings: Settings,
  options: { name?: string; fetch?: typeof fetch } = {},
): LanguageModel {
  return resolveModel(configuredModelName(settings, options.name), {
    ...accessOptions(settings),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
}

/** The readiness probe of the settings' model; INVALID_CONFIG when none is configured or it is incomplete. */
export function modelProbeFromSettings(settings: Settings): ProviderProbe {
  return providerProbe(configuredModelName(settings), accessOptions(settings));
}

function configuredModelName(settings: Settings, name?: string): string {
  const modelName = name ?? settings.model;
  if (modelName === undefined) {
    throw new ArchonError(
      ErrorCode.InvalidConfig,
      `no language model configured: ${modelConfigurationHelp}`,
    );
  }
  return modelName;
}

function accessOptions(settings: Settings): ResolveModelOptions {
  const access = settings.modelAccess;
  return {
    apiKeys: {
      ...(access.openaiApiKey ? { openai: access.openaiApiKey } : {}),
      ...(access.anthropicApiKey ? { anthropic: access.anthropicApiKey } : {}),
    },
    ...(access.baseUrl ? { baseUrl: access.baseUrl } : {}),
    ...(access.apiKey ? { apiKey: access.apiKey } : {}),
    ...(access.timeoutMs ? { resilience: { timeoutMs: access.timeoutMs } } : {}),
  };
}
