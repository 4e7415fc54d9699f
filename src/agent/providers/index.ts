/**
 * Real model providers behind the LanguageModel contract: resolve a model by name,
 * or wrap any AI SDK provider model yourself, with retries and a circuit breaker.
 */
export {
  type AiSdkLanguageModelOptions,
  createAiSdkLanguageModel,
} from './ai-sdk-language-model.js';
export {
  type CircuitBreakerOptions,
  type CircuitBreakerRegistry,
  type CircuitStateName,
  createCircuitBreakerRegistry,
  type ProviderCircuitBreaker,
  sharedCircuitBreakers,
} from './circuit-breaker.js';
export { knownContextWindow } from './model-catalog.js';
export { modelConfigurationHelp, type ModelName, parseModelName } from './model-name.js';
export {
  type ModelRetryEvent,
  type ResilienceOptions,
  withModelResilience,
} from './model-resilience.js';
export { type KnownProvider, knownProviders, type ProviderProtocol } from './provider-endpoints.js';
export { isRetryableModelFailure, type ModelFailureDetails } from './provider-errors.js';
export { type ProviderProbe, providerProbe } from './provider-probe.js';
export { resolveModel, type ResolveModelOptions } from './resolve-model.js';
export type { ReportedModelUsage } from './response-mapping.js';
