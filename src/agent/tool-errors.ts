/**
 * The one signal a tool or an output validator gives to say "the model should try
 * again": the message goes back to the model as an error tool result and counts
 * against a retry budget, instead of failing the run.
 */
import { ArchonError, ErrorCode } from '../core/errors.js';

const marker = Symbol.for('archon.model-retry');

/**
 * Throw from a tool's `execute` or an output validator (or call `context.retry`) to ask
 * the model to try again with `message` as guidance. Each tool has a retry budget; the
 * final output has its own.
 */
export class ModelRetry extends ArchonError {
  readonly [marker] = true;
  override readonly name: string = 'ModelRetry';

  constructor(message: string) {
    super(ErrorCode.InvalidInput, message);
  }

  /** True for any ModelRetry, also across duplicated module instances. */
  static isRetry(value: unknown): value is ModelRetry {
    return typeof value === 'object' && value !== null && marker in value;
  }
}

/** The message of anything thrown, without a stack: what a model or a user may read. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message === '' ? error.name : error.message;
  if (typeof error === 'string') return error;
  try {
    return JSON.stringify(error) ?? String(error);
  } catch {
    return String(error);
  }
}
