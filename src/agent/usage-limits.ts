/**
 * Budgets of a run and the check made before every model request. A run stops before
 * the request that would overspend: the next request's input tokens are estimated, and
 * its output is capped to what the budgets still allow when that cap is small enough
 * for every model to accept it.
 */
import { ArchonError, ErrorCode } from '../core/errors.js';
import type { ModelPrice } from './model-pricing.js';
import type { RunUsage } from './run-usage.js';

/** Budgets of one run; a missing field means no limit (except `maxSteps`, 50 by default). */
export interface UsageLimits {
  readonly maxSteps?: number;
  readonly maxRequests?: number;
  /** Tool calls the run may dispatch; asking for more stops the run. */
  readonly maxToolCalls?: number;
  readonly maxInputTokens?: number;
  readonly maxOutputTokens?: number;
  readonly maxTotalTokens?: number;
  readonly maxCostUsd?: number;
  readonly maxDurationMs?: number;
}

export type UsageLimitName = keyof UsageLimits;

/** Every limit with a value; `Infinity` means none. */
export type ResolvedUsageLimits = { readonly [Name in UsageLimitName]-?: number };

/** Applied under the agent's and the run's limits, so no run is unbounded by default. */
export const defaultUsageLimits: UsageLimits = { maxSteps: 50 };

/** Output caps at or above this are not sent: some models reject caps above their own maximum. */
export const safeOutputTokenCap = 4096;

const limitNames: readonly UsageLimitName[] = [
  'maxSteps',
  'maxRequests',
  'maxToolCalls',
  'maxInputTokens',
  'maxOutputTokens',
  'maxTotalTokens',
  'maxCostUsd',
  'maxDurationMs',
];
const fractionalLimits = new Set<UsageLimitName>(['maxCostUsd', 'maxDurationMs']);

/** Picks the limit fields of `source`, ignoring other keys (agent options carry limits inline). */
export function pickUsageLimits(source: UsageLimits): UsageLimits {
  const picked: Record<string, number> = {};
  for (const name of limitNames) {
    const value = source[name];
    if (value !== undefined) picked[name] = value;
  }
  return picked;
}

/**
 * Merges limit layers (later layers win per field) over {@link defaultUsageLimits}.
 * Throws an INVALID_CONFIG ArchonError for a negative, NaN or fractional count, or an
 * unknown limit name.
 */
export function resolveUsageLimits(
  ...layers: readonly (UsageLimits | undefined)[]
): ResolvedUsageLimits {
  const resolved: Record<string, number> = {};
  for (const name of limitNames) resolved[name] = Number.POSITIVE_INFINITY;
  for (const layer of [defaultUsageLimits, ...layers]) {
    if (layer === undefined) continue;
    for (const [name, value] of Object.entries(layer)) {
      if (value === undefined) continue;
      if (!limitNames.includes(name as UsageLimitName)) {
        throw new ArchonError(ErrorCode.InvalidConfig, `unknown usage limit "${name}"`, {
          details: { limit: name, known: limitNames },
        });
      }
      resolved[name] = checkedLimit(name as UsageLimitName, value);
    }
  }
  return resolved as ResolvedUsageLimits;
}

function checkedLimit(name: UsageLimitName, value: unknown): number {
  const valid =
    typeof value === 'number' &&
    value >= 0 &&
    (fractionalLimits.has(name) || Number.isInteger(value) || value === Number.POSITIVE_INFINITY);
  if (!valid) {
    const kind = fractionalLimits.has(name) ? 'a number' : 'an integer';
    throw new ArchonError(
      ErrorCode.InvalidConfig,
      `usage limit ${name} must be ${kind} >= 0 (or Infinity), got ${String(value)}`,
      { details: { limit: name } },
    );
  }
  return value;
}

/** What the check knows about the run and the request about to be sent. */
export interface RequestBudgetInput {
  readonly usage: RunUsage;
  readonly estimatedInputTokens: number;
  readonly price: ModelPrice;
  readonly elapsedMs: number;
}

/** The verdict before a request: go (with the output still affordable) or stop. */
export type RequestBudgetDecision =
  | { readonly allowed: true; readonly outputTokenAllowance: number }
  | { readonly allowed: false; readonly limit: UsageLimitName; readonly detail: string };

/** Decides whether the next model request fits every budget. */
export function checkRequestBudget(
  limits: ResolvedUsageLimits,
  input: RequestBudgetInput,
): RequestBudgetDecision {
  const { usage, estimatedInputTokens: estimate, price, elapsedMs } = input;
  const stop = (limit: UsageLimitName, detail: string): RequestBudgetDecision => ({
    allowed: false,
    limit,
    detail,
  });
  if (elapsedMs >= limits.maxDurationMs) {
    return stop(
      'maxDurationMs',
      `time budget of ${count(limits.maxDurationMs)} ms used up (${count(elapsedMs)} ms elapsed)`,
    );
  }
  if (usage.steps >= limits.maxSteps) {
    return stop('maxSteps', `step budget of ${count(limits.maxSteps)} steps used up`);
  }
  if (usage.requests >= limits.maxRequests) {
    return stop('maxRequests', `request budget of ${count(limits.maxRequests)} requests used up`);
  }
  if (usage.inputTokens + estimate > limits.maxInputTokens) {
    return stop(
      'maxInputTokens',
      `input token budget of ${count(limits.maxInputTokens)} would be exceeded: ` +
        `${count(usage.inputTokens)} used, next request estimated at ${count(estimate)}`,
    );
  }
  const outputLeft = limits.maxOutputTokens - usage.outputTokens;
  if (outputLeft < 1) {
    return stop(
      'maxOutputTokens',
      `output token budget of ${count(limits.maxOutputTokens)} used up (${count(usage.outputTokens)} used)`,
    );
  }
  const totalLeft = limits.maxTotalTokens - usage.inputTokens - usage.outputTokens - estimate;
  if (totalLeft < 1) {
    return stop(
      'maxTotalTokens',
      `total token budget of ${count(limits.maxTotalTokens)} would be exceeded: ` +
        `${count(usage.inputTokens + usage.outputTokens)} used, next request estimated at ${count(estimate)}`,
    );
  }
  const inputCost = (estimate * price.inputPerMillionUsd) / 1_000_000;
  const costLeft = limits.maxCostUsd - usage.costUsd - inputCost;
  const costOutputLeft =
    price.outputPerMillionUsd > 0
      ? Math.floor((costLeft * 1_000_000) / price.outputPerMillionUsd)
      : Number.POSITIVE_INFINITY;
  if (costLeft <= 0 || costOutputLeft < 1) {
    return stop(
      'maxCostUsd',
      `cost budget of ${dollars(limits.maxCostUsd)} would be exceeded: ${dollars(usage.costUsd)} spent, ` +
        `next request's input estimated at ${dollars(inputCost)}`,
    );
  }
  return { allowed: true, outputTokenAllowance: Math.min(outputLeft, totalLeft, costOutputLeft) };
}

/**
 * The output cap to send with a request: the configured cap, lowered to what the budgets
 * still allow when that is under {@link safeOutputTokenCap}; `Infinity` means send none.
 */
export function outputTokenCap(configured: number | undefined, allowance: number): number {
  return Math.min(configured ?? Infinity, allowance < safeOutputTokenCap ? allowance : Infinity);
}

function count(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

/** Dollars with enough decimals to tell small amounts apart. */
export function dollars(value: number): string {
  return `$${value.toFixed(value !== 0 && Math.abs(value) < 0.01 ? 6 : 4)}`;
}
