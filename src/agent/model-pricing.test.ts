import { describe, expect, it } from 'vitest';

import { ArchonError } from '../core/errors.js';
import {
  checkPriceTable,
  costUsd,
  defaultPriceTable,
  fallbackModelPrice,
  fallbackPriceNotice,
  findModelPrice,
} from './model-pricing.js';

describe('findModelPrice', () => {
  it('finds a known model by its bare id', () => {
    expect(findModelPrice('openai', 'gpt-4o-mini')).toEqual({
      price: { inputPerMillionUsd: 0.15, outputPerMillionUsd: 0.6 },
      key: 'gpt-4o-mini',
    });
  });

  it('strips dates, -latest and org/ prefixes but never guesses a family', () => {
    expect(findModelPrice('anthropic', 'claude-sonnet-4-20250514').key).toBe('claude-sonnet-4');
    expect(findModelPrice('openai', 'gpt-4o-2024-08-06').key).toBe('gpt-4o');
    expect(findModelPrice('anthropic', 'claude-3-5-haiku-latest').key).toBe('claude-3-5-haiku');
    expect(findModelPrice('openai-compatible', 'openai/gpt-4.1').key).toBe('gpt-4.1');
    // A variant of a known family is unknown, not priced like the family.
    expect(findModelPrice('openai', 'o3-pro')).toEqual({ price: fallbackModelPrice });
  });

  it('uses the conservative fallback for unknown models, never zero', () => {
    const lookup = findModelPrice('ollama', 'llama3');
    expect(lookup.key).toBeUndefined();
    expect(lookup.price.inputPerMillionUsd).toBeGreaterThan(0);
    expect(lookup.price.outputPerMillionUsd).toBeGreaterThan(0);
  });

  it('prices the scripted test models at zero through a provider wildcard', () => {
    expect(findModelPrice('test', 'anything')).toEqual({
      price: { inputPerMillionUsd: 0, outputPerMillionUsd: 0 },
      key: 'test:*',
    });
  });

  it('searches tables in order, exact provider keys first', () => {
    const mine = {
      'ollama:*': { inputPerMillionUsd: 0, outputPerMillionUsd: 0 },
      'openai:gpt-4o': { inputPerMillionUsd: 1, outputPerMillionUsd: 2 },
    };
    expect(findModelPrice('ollama', 'llama3', [mine, defaultPriceTable]).key).toBe('ollama:*');
    expect(
      findModelPrice('openai', 'gpt-4o', [mine, defaultPriceTable]).price.inputPerMillionUsd,
    ).toBe(1);
    expect(
      findModelPrice('azure', 'gpt-4o', [mine, defaultPriceTable]).price.inputPerMillionUsd,
    ).toBe(2.5);
  });

  it('ignores inherited keys', () => {
    expect(findModelPrice('x', 'toString').key).toBeUndefined();
  });
});

describe('costUsd', () => {
  it('charges input and output per million tokens', () => {
    expect(
      costUsd({ inputPerMillionUsd: 2, outputPerMillionUsd: 8 }, 500_000, 250_000),
    ).toBeCloseTo(3);
  });
});

describe('checkPriceTable', () => {
  it('accepts a valid table and rejects negative or missing prices', () => {
    expect(checkPriceTable(defaultPriceTable)).toBe(defaultPriceTable);
    expect(() =>
      checkPriceTable({ a: { inputPerMillionUsd: -1, outputPerMillionUsd: 1 } }),
    ).toThrow(ArchonError);
    expect(() => checkPriceTable({ a: { inputPerMillionUsd: 1 } as never })).toThrow(
      /price table entry "a"/,
    );
    expect(() => checkPriceTable({ a: null as never })).toThrow(/price table entry "a"/);
  });
});

describe('fallbackPriceNotice', () => {
  it('names the model and the prices used', () => {
    expect(fallbackPriceNotice('ollama:llama3', fallbackModelPrice)).toBe(
      'no price known for ollama:llama3; costs use the conservative fallback of $15.00 input and $75.00 output per million tokens',
    );
  });
});
