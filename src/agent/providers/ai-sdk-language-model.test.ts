import type {
  LanguageModelV3,
  LanguageModelV3CallOptions,
  LanguageModelV3GenerateResult,
  LanguageModelV3StreamPart,
} from '@ai-sdk/provider';
import { describe, expect, it } from 'vitest';

import type { ModelRequest } from '../language-model.js';
import { createAiSdkLanguageModel } from './ai-sdk-language-model.js';

const request: ModelRequest = {
  system: 's',
  messages: [{ role: 'user', content: 'hi' }],
  tools: [],
};
const usage = {
  inputTokens: { total: 3, noCache: undefined, cacheRead: undefined, cacheWrite: undefined },
  outputTokens: { total: 2, text: undefined, reasoning: undefined },
};

/** A spec model that records its calls and answers from the given functions. */
function specModel(answers: {
  generate?: (options: LanguageModelV3CallOptions) => Promise<LanguageModelV3GenerateResult>;
  stream?: LanguageModelV3StreamPart[];
}) {
  const calls: { kind: 'generate' | 'stream'; options: LanguageModelV3CallOptions }[] = [];
  const model: LanguageModelV3 = {
    specificationVersion: 'v3',
    provider: 'vendor.chat',
    modelId: 'vendor-model',
    supportedUrls: {},
    doGenerate: async (options) => {
      calls.push({ kind: 'generate', options });
      if (!answers.generate) throw new Error('no generate answer');
      return answers.generate(options);
    },
    doStream: async (options) => {
      calls.push({ kind: 'stream', options });
      const parts = answers.stream ?? [];
      return {
        stream: new ReadableStream({
          start(controller) {
            for (const part of parts) controller.enqueue(part);
            controller.close();
          },
        }),
      };
    },
  };
  return { model, calls };
}

describe('createAiSdkLanguageModel', () => {
  it('calls doGenerate once and maps the result', async () => {
    const { model, calls } = specModel({
      generate: async () => ({
        content: [{ type: 'text', text: 'hello' }],
        usage,
        finishReason: { unified: 'stop', raw: 'stop' },
        warnings: [],
      }),
    });
    const adapter = createAiSdkLanguageModel(model, { provider: 'vendor', contextWindow: 1000 });
    expect(adapter).toMatchObject({
      provider: 'vendor',
      modelId: 'vendor-model',
      contextWindow: 1000,
    });
    await expect(adapter.doGenerate(request)).resolves.toEqual({
      parts: [{ type: 'text', text: 'hello' }],
      usage: { inputTokens: 3, outputTokens: 2 },
      finishReason: 'stop',
    });
    expect(calls.map((call) => call.kind)).toEqual(['generate']);
  });

  it('streams and assembles when asked', async () => {
    const { model, calls } = specModel({
      stream: [
        { type: 'text-delta', id: 't', delta: 'a' },
        { type: 'text-delta', id: 't', delta: 'b' },
        { type: 'finish', usage, finishReason: { unified: 'stop', raw: 'stop' } },
      ],
    });
    const adapter = createAiSdkLanguageModel(model, { stream: true });
    expect(adapter.provider).toBe('vendor.chat');
    expect('contextWindow' in adapter).toBe(false);
    await expect(adapter.doGenerate(request)).resolves.toMatchObject({
      parts: [{ type: 'text', text: 'ab' }],
    });
    expect(calls.map((call) => call.kind)).toEqual(['stream']);
  });

  it('refuses an already aborted call without a request, and maps an abort mid-call to CANCELLED', async () => {
    const aborted = new AbortController();
    aborted.abort();
    const { model, calls } = specModel({
      generate: (options) =>
        new Promise((_resolve, reject) => {
          options.abortSignal?.addEventListener('abort', () =>
            reject(new DOMException('aborted', 'AbortError')),
          );
        }),
    });
    const adapter = createAiSdkLanguageModel(model);
    await expect(
      adapter.doGenerate(request, { abortSignal: aborted.signal }),
    ).rejects.toMatchObject({
      code: 'CANCELLED',
      message: 'request to vendor.chat:vendor-model was cancelled',
    });
    expect(calls).toHaveLength(0);
    const controller = new AbortController();
    const pending = adapter.doGenerate(request, { abortSignal: controller.signal });
    controller.abort();
    await expect(pending).rejects.toMatchObject({ code: 'CANCELLED' });
  });

  it('maps provider failures and keeps secrets out', async () => {
    const { model } = specModel({ generate: () => Promise.reject(new Error('bad key k-123')) });
    const adapter = createAiSdkLanguageModel(model, { provider: 'vendor', secrets: ['k-123'] });
    await expect(adapter.doGenerate(request)).rejects.toMatchObject({
      code: 'PROVIDER_ERROR',
      message: 'vendor:vendor-model failed: bad key [redacted]',
    });
  });
});
