/**
 * What a model costs per token, so a cost budget can be enforced. A model missing from
 * the table is priced at a conservative fallback (the top of the market), never at zero:
 * a missing price must not mean an unlimited budget.
 */
import { ArchonError, ErrorCode } from '../core/errors.js';

/** US dollars per million tokens. */
export interface ModelPrice {
  readonly inputPerMillionUsd: number;
  readonly outputPerMillionUsd: number;
}

/**
 * Prices keyed by `provider:modelId`, by bare `modelId`, or by `provider:*` for every
 * model of a provider (for example `'ollama:*'` at zero for a local server).
 */
export type PriceTable = Readonly<Record<string, ModelPrice>>;

/** Used for any model no table knows: as expensive as the dearest common models. */
export const fallbackModelPrice: ModelPrice = { inputPerMillionUsd: 15, outputPerMillionUsd: 75 };

const price = (input: number, output: number): ModelPrice => ({
  inputPerMillionUsd: input,
  outputPerMillionUsd: output,
});

/**
 * List prices (USD per million tokens) of common models when this table was written.
 * Pass your own table to correct or extend it; its entries win over these.
 */
export const defaultPriceTable: PriceTable = {
  'gpt-4o': price(2.5, 10),
  'gpt-4o-mini': price(0.15, 0.6),
  'gpt-4.1': price(2, 8),
  'gpt-4.1-mini': price(0.4, 1.6),
  'gpt-4.1-nano': price(0.1, 0.4),
  'gpt-5': price(1.25, 10),
  'gpt-5-mini': price(0.25, 2),
  'gpt-5-nano': price(0.05, 0.4),
  o1: price(15, 60),
  o3: price(2, 8),
  'o3-mini': price(1.1, 4.4),
  'o4-mini': price(1.1, 4.4),
  'claude-opus-4': price(15, 75),
  'claude-opus-4-0': price(15, 75),
  'claude-opus-4-1': price(15, 75),
  'claude-sonnet-4': price(3, 15),
  'claude-sonnet-4-0': price(3, 15),
  'claude-sonnet-4-5': price(3, 15),
  'claude-3-7-sonnet': price(3, 15),
  'claude-3-5-haiku': price(0.8, 4),
  'claude-haiku-4-5': price(1, 5),
  // The scripted test models run locally and cost nothing.
  'test:*': price(0, 0),
};

/** A price and where it came from. */
export interface PriceLookup {
  readonly price: ModelPrice;
  /** The table key that matched, or `undefined` when the fallback price applies. */
  readonly key?: string;
}

const dateSuffix = /-(?:\d{4}-\d{2}-\d{2}|\d{8}|latest)$/;

/**
 * Finds the price of `provider:modelId`: an exact `provider:modelId` entry, then the bare
 * model id, then the id without an `org/` prefix or a date suffix (`-2024-08-06`,
 * `-20250514`, `-latest`), then `provider:*`; otherwise {@link fallbackModelPrice}. Tables
 * are searched in order, so put your own first.
 */
export function findModelPrice(
  provider: string,
  modelId: string,
  tables: readonly PriceTable[] = [defaultPriceTable],
): PriceLookup {
  const bareId = modelId.slice(modelId.lastIndexOf('/') + 1).replace(dateSuffix, '');
  const keys = [`${provider}:${modelId}`, modelId, bareId, `${provider}:*`];
  for (const key of keys) {
    for (const table of tables) {
      const found = Object.hasOwn(table, key) ? table[key] : undefined;
      if (found !== undefined) return { price: found, key };
    }
  }
  return { price: fallbackModelPrice };
}

/** Dollars for `inputTokens` and `outputTokens` at `price`. */
export function costUsd(price: ModelPrice, inputTokens: number, outputTokens: number): number {
  return (
    (inputTokens * price.inputPerMillionUsd + outputTokens * price.outputPerMillionUsd) / 1_000_000
  );
}

/** The warning given when `model` is charged at the fallback `price`. */
export function fallbackPriceNotice(model: string, price: ModelPrice): string {
  const amount = (value: number): string => `$${value.toFixed(2)}`;
  return (
    `no price known for ${model}; costs use the conservative fallback of ` +
    `${amount(price.inputPerMillionUsd)} input and ${amount(price.outputPerMillionUsd)} output per million tokens`
  );
}

/** Throws an INVALID_CONFIG ArchonError unless every price is a finite number >= 0. */
export function checkPriceTable(table: PriceTable): PriceTable {
  for (const [key, entry] of Object.entries(table)) {
    const valid = (value: unknown): boolean =>
      typeof value === 'number' && Number.isFinite(value) && value >= 0;
    if (
      typeof entry !== 'object' ||
      entry === null ||
      !valid(entry.inputPerMillionUsd) ||
      !valid(entry.outputPerMillionUsd)
    ) {
      throw new ArchonError(
        ErrorCode.InvalidConfig,
        `price table entry "${key}" needs inputPerMillionUsd and outputPerMillionUsd as numbers >= 0`,
        { details: { key } },
      );
    }
  }
  return table;
}
