/**
 * One circuit breaker per provider endpoint, built on cockatiel's breaker: after
 * `failureThreshold` consecutive failed attempts (retryable failures only: 429, 5xx,
 * network errors, timeouts) the circuit opens and calls fail fast for `cooldownMs`;
 * then one probe call goes through (others wait for it) and its outcome closes or
 * reopens the circuit. Cockatiel times the cooldown with `Date.now`; the cooldown
 * object below answers from our own clock, so tests move time without sleeping.
 */
import {
  BrokenCircuitError,
  circuitBreaker,
  type CircuitBreakerPolicy,
  CircuitState,
  ConsecutiveBreaker,
  handleWhen,
  type IBackoff,
} from 'cockatiel';

import { ArchonError, ErrorCode } from '../../core/errors.js';
import { isRetryableModelFailure, modelFailure } from './provider-errors.js';

/** Options of {@link createCircuitBreakerRegistry}. */
export interface CircuitBreakerOptions {
  /** Consecutive failed attempts that open the circuit; 5 unless set. */
  readonly failureThreshold?: number;
  /** How long an open circuit fails fast before it lets a probe through; 30000 unless set. */
  readonly cooldownMs?: number;
  /** Clock in milliseconds; `Date.now` unless set. */
  readonly now?: () => number;
}

export type CircuitStateName = 'closed' | 'open' | 'half-open';

/** The breaker of one provider endpoint. */
export interface ProviderCircuitBreaker {
  readonly state: CircuitStateName;
  /** Runs `call`, or throws a final PROVIDER_ERROR (`details.circuitOpen`) while open. */
  execute<T>(call: () => Promise<T>, model: string): Promise<T>;
}

/** Breakers by key (provider and base URL), shared by every model on that endpoint. */
export interface CircuitBreakerRegistry {
  breakerFor(key: string): ProviderCircuitBreaker;
}

/** A registry whose breakers share `options`. */
export function createCircuitBreakerRegistry(
  options: CircuitBreakerOptions = {},
): CircuitBreakerRegistry {
  const failureThreshold = options.failureThreshold ?? 5;
  const cooldownMs = options.cooldownMs ?? 30_000;
  if (!Number.isInteger(failureThreshold) || failureThreshold < 1) {
    throw new ArchonError(
      ErrorCode.InvalidConfig,
      'circuit breaker failureThreshold must be an integer >= 1',
    );
  }
  if (!Number.isFinite(cooldownMs) || cooldownMs < 0) {
    throw new ArchonError(
      ErrorCode.InvalidConfig,
      'circuit breaker cooldownMs must be a number >= 0',
    );
  }
  const now = options.now ?? Date.now;
  const breakers = new Map<string, ProviderCircuitBreaker>();
  return {
    breakerFor(key) {
      let breaker = breakers.get(key);
      if (breaker === undefined) {
        breaker = createBreaker(key, failureThreshold, cooldownMs, now);
        breakers.set(key, breaker);
      }
      return breaker;
    },
  };
}

/** The registry every resolved model uses unless given its own. */
export const sharedCircuitBreakers: CircuitBreakerRegistry = createCircuitBreakerRegistry();

function createBreaker(
  key: string,
  failureThreshold: number,
  cooldownMs: number,
  now: () => number,
): ProviderCircuitBreaker {
  let openedAt = 0;
  const policy: CircuitBreakerPolicy = circuitBreaker(handleWhen(isRetryableModelFailure), {
    breaker: new ConsecutiveBreaker(failureThreshold),
    halfOpenAfter: { next: () => cooldownFromNow(cooldownMs, now) },
  });
  policy.onBreak(() => {
    openedAt = now();
  });
  return {
    get state() {
      return stateName(policy.state);
    },
    async execute(call, model) {
      try {
        return await policy.execute(call);
      } catch (error) {
        if (!(error instanceof BrokenCircuitError)) throw error;
        const remainingMs = Math.max(0, openedAt + cooldownMs - now());
        const last = policy.lastFailure;
        const cause = last && 'error' in last ? last.error : undefined;
        const lastMessage = cause instanceof Error ? `; last error: ${cause.message}` : '';
        throw modelFailure(
          `${model}: circuit breaker for ${key} is open after repeated failures, failing fast for ${Math.ceil(remainingMs / 1000)} s more${lastMessage}`,
          { model, retryable: false, circuitOpen: true, retryAfterMs: remainingMs },
        );
      }
    },
  };
}

/**
 * Cockatiel lets a probe through once `Date.now() - openedAt >= duration`. Reading
 * `duration` from our clock (0 once the cooldown has passed, infinite before) makes that
 * test follow our clock instead.
 */
function cooldownFromNow(cooldownMs: number, now: () => number): IBackoff<unknown> {
  const start = now();
  return {
    get duration() {
      return now() - start >= cooldownMs ? 0 : Number.POSITIVE_INFINITY;
    },
    next: () => cooldownFromNow(cooldownMs, now),
  };
}

function stateName(state: CircuitState): CircuitStateName {
  if (state === CircuitState.Closed) return 'closed';
  return state === CircuitState.HalfOpen ? 'half-open' : 'open';
}
