/**
 * Context windows of well-known models, so the runtime can compact a conversation
 * before it overflows. Matched by the longest known prefix of the model id, ignoring
 * case, a router's `vendor/` prefix and an Ollama `:tag`. Unknown models get no window;
 * the caller then decides (and can always set one explicitly).
 *
 * Local servers may run a model with a smaller window than its maximum (Ollama uses a
 * short `num_ctx` unless configured); set the window explicitly for those.
 */

/** Tokens of context by model id prefix. */
const contextWindows: ReadonlyArray<readonly [prefix: string, tokens: number]> = [
  ['gpt-5', 400_000],
  ['gpt-4.1', 1_047_576],
  ['gpt-4o', 128_000],
  ['gpt-4-turbo', 128_000],
  ['gpt-4', 8_192],
  ['gpt-3.5-turbo', 16_385],
  ['o1', 200_000],
  ['o3', 200_000],
  ['o4-mini', 200_000],
  ['claude', 200_000],
  ['llama3.1', 131_072],
  ['llama3.2', 131_072],
  ['llama3.3', 131_072],
  ['llama-3.1', 131_072],
  ['llama-3.3', 131_072],
  ['qwen2.5-coder', 32_768],
  ['qwen2.5', 32_768],
  ['qwen3', 32_768],
  ['deepseek-r1', 131_072],
  ['deepseek-coder-v2', 163_840],
  ['deepseek-chat', 65_536],
  ['mistral', 32_768],
  ['codestral', 32_768],
  ['gemma3', 131_072],
  ['gemma2', 8_192],
  ['phi4', 16_384],
];

/** The context window of `modelId` in tokens, or undefined when the model is not known. */
export function knownContextWindow(modelId: string): number | undefined {
  const afterVendor = modelId.slice(modelId.lastIndexOf('/') + 1);
  const tag = afterVendor.indexOf(':');
  const id = (tag === -1 ? afterVendor : afterVendor.slice(0, tag)).toLowerCase();
  let best: readonly [string, number] | undefined;
  for (const entry of contextWindows) {
    if (id.startsWith(entry[0]) && (best === undefined || entry[0].length > best[0].length)) {
      best = entry;
    }
  }
  return best?.[1];
}
