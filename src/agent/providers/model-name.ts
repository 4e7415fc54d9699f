/**
 * Model names as users write them: `provider:model`. The provider is a lowercase word
 * (`openai`, `anthropic`, `ollama`, `openai-compatible`); the model is the provider's own
 * id and may hold `:` and `/` (`ollama:qwen2.5-coder:7b`, `openrouter:openai/gpt-4o`).
 */
import { ArchonError, ErrorCode } from '../../core/errors.js';

/** A parsed model name. */
export interface ModelName {
  readonly provider: string;
  readonly modelId: string;
}

/** The one-line how-to every model configuration error ends with. */
export const modelConfigurationHelp =
  'set ARCHON_MODEL to provider:model (openai:gpt-4o with OPENAI_API_KEY, anthropic:claude-sonnet-4-5 with ANTHROPIC_API_KEY, or ollama:llama3.1 / openai-compatible:<model> with ARCHON_MODEL_BASE_URL and, if needed, ARCHON_MODEL_API_KEY)';

const providerPattern = /^[a-z][a-z0-9-]*$/;

/** Splits `name` at its first `:`; throws INVALID_CONFIG when it is not `provider:model`. */
export function parseModelName(name: string): ModelName {
  const trimmed = typeof name === 'string' ? name.trim() : '';
  const separator = trimmed.indexOf(':');
  const provider = separator > 0 ? trimmed.slice(0, separator) : '';
  const modelId = separator > 0 ? trimmed.slice(separator + 1) : '';
  if (!providerPattern.test(provider) || modelId === '' || /\s/.test(modelId)) {
    throw new ArchonError(
      ErrorCode.InvalidConfig,
      `model name ${JSON.stringify(name)} is not provider:model; ${modelConfigurationHelp}`,
      { details: { model: name } },
    );
  }
  return { provider, modelId };
}
