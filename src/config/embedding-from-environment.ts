/**
 * Reads the embedding settings from the environment: `ARCHON_EMBEDDING` names the model
 * (`hash`, `hash:v1`, `hash:v2`, `hash:<dimensions>`, `openai:<model>` or
 * `openai-compatible:<model>`), and companions give the base URL, key and dimensions.
 */
import { ArchonError, ErrorCode } from '../core/errors.js';

const openAiBaseUrl = 'https://api.openai.com/v1';

/** Embedding settings from the environment laid over the file's, or undefined if none set. */
export function embeddingFromEnvironment(
  environment: Readonly<Record<string, string | undefined>>,
  fromFile: Record<string, unknown>,
): Record<string, unknown> | undefined {
  const name = environment.ARCHON_EMBEDDING?.trim();
  const baseUrl = environment.ARCHON_EMBEDDING_BASE_URL?.trim();
  const apiKey = environment.ARCHON_EMBEDDING_API_KEY?.trim();
  const dimensions = environment.ARCHON_EMBEDDING_DIMENSIONS?.trim();
  if (!name && !baseUrl && !apiKey && !dimensions) {
    return Object.keys(fromFile).length > 0 ? fromFile : undefined;
  }

  const settings: Record<string, unknown> = { ...fromFile };
  if (name) Object.assign(settings, parseEmbeddingName(name, environment));
  if (baseUrl) settings.baseUrl = baseUrl;
  if (apiKey) settings.apiKey = apiKey;
  if (dimensions) settings.dimensions = parseDimensions(dimensions);
  return settings;
}

function parseEmbeddingName(
  name: string,
  environment: Readonly<Record<string, string | undefined>>,
): Record<string, unknown> {
  if (name === 'hash') return { provider: 'hash', model: undefined };
  if (/^hash:v\d+$/.test(name)) return { provider: 'hash', model: name };
  if (name.startsWith('hash:')) {
    const dimensions = name.slice('hash:'.length);
    return { provider: 'hash', model: undefined, dimensions: parseDimensions(dimensions) };
  }
  const separator = name.indexOf(':');
  const provider = separator > 0 ? name.slice(0, separator) : '';
  const model = separator > 0 ? name.slice(separator + 1) : '';
  if (model === '' || (provider !== 'openai' && provider !== 'openai-compatible')) {
    throw new ArchonError(
      ErrorCode.InvalidConfig,
      `ARCHON_EMBEDDING must be 'hash', 'hash:v1', 'hash:v2', 'openai:<model>' or 'openai-compatible:<model>', got '${name}'`,
    );
  }
  if (provider === 'openai') {
    const apiKey = environment.OPENAI_API_KEY?.trim();
    return {
      provider: 'openai-compatible',
      model,
      baseUrl: openAiBaseUrl,
      ...(apiKey ? { apiKey } : {}),
    };
  }
  return { provider: 'openai-compatible', model };
}

function parseDimensions(value: string): number {
  const dimensions = Number(value);
  if (!Number.isInteger(dimensions) || dimensions <= 0) {
    throw new ArchonError(
      ErrorCode.InvalidConfig,
      `embedding dimensions must be a positive integer, got '${value}'`,
    );
  }
  return dimensions;
}
