import { describe, expect, it } from 'vitest';

import { ArchonError } from '../core/errors.js';
import { fallbackModelPrice } from './model-pricing.js';
import type { RunUsage } from './run-usage.js';
import {
  checkRequestBudget,
  dollars,
  outputTokenCap,
  pickUsageLimits,
  resolveUsageLimits,
  type UsageLimits,
} from './usage-limits.js';

const usage = (fields: Partial<RunUsage> = {}): RunUsage => ({
  requests: 0,
  steps: 0,
  toolCalls: 0,
  inputTokens: 0,
  outputTokens: 0,
  costUsd: 0,
  durationMs: 0,
  ...fields,
});
const free = { inputPerMillionUsd: 0, outputPerMillionUsd: 0 };

describe('resolveUsageLimits', () => {
  it('defaults to 50 steps and no other limit', () => {
    const limits = resolveUsageLimits();
    expect(limits.maxSteps).toBe(50);
    expect(limits.maxCostUsd).toBe(Infinity);
    expect(limits.maxToolCalls).toBe(Infinity);
  });

  it('lets later layers win field by field', () => {
    const limits = resolveUsageLimits({ maxSteps: 5, maxCostUsd: 1 }, { maxCostUsd: 0.5 });
    expect(limits).toMatchObject({ maxSteps: 5, maxCostUsd: 0.5 });
  });

  it('accepts Infinity to lift the default step limit', () => {
    expect(resolveUsageLimits({ maxSteps: Infinity }).maxSteps).toBe(Infinity);
  });

  it.each([
    [{ maxSteps: -1 }, /maxSteps must be an integer >= 0/],
    [{ maxSteps: 1.5 }, /maxSteps must be an integer/],
    [{ maxCostUsd: Number.NaN }, /maxCostUsd must be a number >= 0/],
    [{ maxInputTokens: '10' as unknown as number }, /maxInputTokens/],
    [{ maxStep: 3 } as never, /unknown usage limit "maxStep"/],
  ])('rejects %j', (layer, message) => {
    expect(() => resolveUsageLimits(layer)).toThrow(ArchonError);
    expect(() => resolveUsageLimits(layer)).toThrow(message);
  });

  it('picks only limit fields from agent options', () => {
    expect(pickUsageLimits({ maxSteps: 3, name: 'x' } as never)).toEqual({ maxSteps: 3 });
  });
});

describe('checkRequestBudget', () => {
  const check = (
    limits: UsageLimits,
    fields: Partial<RunUsage>,
    estimate = 0,
    elapsedMs = 0,
    price = free,
  ) =>
    checkRequestBudget(resolveUsageLimits(limits), {
      usage: usage(fields),
      estimatedInputTokens: estimate,
      price,
      elapsedMs,
    });

  it('allows a request within every budget and reports no output cap', () => {
    expect(check({}, {})).toEqual({ allowed: true, outputTokenAllowance: Infinity });
  });

  it('stops on each budget with its name', () => {
    expect(check({ maxDurationMs: 100 }, {}, 0, 100)).toMatchObject({
      allowed: false,
      limit: 'maxDurationMs',
    });
    expect(check({ maxSteps: 2 }, { steps: 2 })).toMatchObject({
      allowed: false,
      limit: 'maxSteps',
    });
    expect(check({ maxRequests: 2 }, { requests: 2 })).toMatchObject({
      allowed: false,
      limit: 'maxRequests',
    });
    expect(check({ maxInputTokens: 100 }, { inputTokens: 90 }, 11)).toMatchObject({
      allowed: false,
      limit: 'maxInputTokens',
    });
    expect(check({ maxOutputTokens: 10 }, { outputTokens: 10 })).toMatchObject({
      allowed: false,
      limit: 'maxOutputTokens',
    });
    expect(check({ maxTotalTokens: 100 }, { inputTokens: 50, outputTokens: 40 }, 10)).toMatchObject(
      { allowed: false, limit: 'maxTotalTokens' },
    );
    expect(check({ maxCostUsd: 0.001 }, { costUsd: 0.001 })).toMatchObject({
      allowed: false,
      limit: 'maxCostUsd',
    });
  });

  it('counts the estimated input of the next request, not only what was spent', () => {
    expect(check({ maxInputTokens: 100 }, { inputTokens: 90 }, 10)).toMatchObject({
      allowed: true,
    });
    expect(check({ maxInputTokens: 100 }, { inputTokens: 90 }, 11)).toMatchObject({
      allowed: false,
    });
  });

  it('prices the estimated input at the fallback price for cost', () => {
    // 1,000 tokens at $15 per million = $0.015 > $0.01.
    const decision = check({ maxCostUsd: 0.01 }, {}, 1000, 0, fallbackModelPrice);
    expect(decision).toMatchObject({ allowed: false, limit: 'maxCostUsd' });
    if (!decision.allowed) expect(decision.detail).toContain('$0.0150');
  });

  it('caps the output to what the output, total and cost budgets still allow', () => {
    expect(check({ maxOutputTokens: 100 }, { outputTokens: 40 })).toEqual({
      allowed: true,
      outputTokenAllowance: 60,
    });
    expect(check({ maxTotalTokens: 100 }, { inputTokens: 50 }, 20)).toEqual({
      allowed: true,
      outputTokenAllowance: 30,
    });
    // $0.001 left after input, at $75 per million output tokens: 13 tokens.
    const price = { inputPerMillionUsd: 0, outputPerMillionUsd: 75 };
    expect(check({ maxCostUsd: 0.001 }, {}, 0, 0, price)).toEqual({
      allowed: true,
      outputTokenAllowance: 13,
    });
  });

  it('stops when the cost left buys no output token', () => {
    const price = { inputPerMillionUsd: 0, outputPerMillionUsd: 75 };
    expect(check({ maxCostUsd: 0.00001 }, {}, 0, 0, price)).toMatchObject({
      allowed: false,
      limit: 'maxCostUsd',
    });
  });
});

describe('dollars', () => {
  it('shows small amounts with six decimals', () => {
    expect(dollars(0.00123)).toBe('$0.001230');
    expect(dollars(1.5)).toBe('$1.5000');
    expect(dollars(0)).toBe('$0.0000');
  });
});

describe('outputTokenCap', () => {
  it('sends a budget cap only below the cap every model accepts', () => {
    expect(outputTokenCap(undefined, Infinity)).toBe(Infinity);
    expect(outputTokenCap(undefined, 5000)).toBe(Infinity);
    expect(outputTokenCap(undefined, 300)).toBe(300);
    expect(outputTokenCap(1000, 5000)).toBe(1000);
    expect(outputTokenCap(1000, 300)).toBe(300);
  });
});
