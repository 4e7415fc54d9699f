/**
 * Structured output through a `final_result` tool whose input schema is the output
 * schema: the conventional way to get typed output from models with tool calling. A
 * schema that is not an object is wrapped as `{ result: ... }`, since tool inputs must
 * be objects. Validators run on the parsed output and may ask the model to try again.
 */
import type { z } from 'zod';

import { isObjectSchema, toModelJsonSchema } from './json-schema.js';
import type { ModelToolDefinition } from './language-model.js';
import type { RunContext } from './run-context.js';
import { normalizeInput } from './tool-call-execution.js';
import { errorMessage, ModelRetry } from './tool-errors.js';
import { summarizeValidationError } from './validation-summary.js';

/** The name of the output tool. */
export const finalResultToolName = 'final_result';

/** Checks (and may transform) the output; throw a ModelRetry (or call `context.retry`) to reject it. */
export type OutputValidator<Output, Deps> = (
  output: Output,
  context: RunContext<Deps>,
) => Output | Promise<Output>;

/** The structured output of an agent. */
export interface OutputOptions<Output, Deps> {
  readonly schema: z.ZodType<Output>;
  /** Run in order after the schema; each gets the previous one's result. */
  readonly validators?: readonly OutputValidator<Output, Deps>[];
  /** What the model reads about `final_result`. */
  readonly description?: string;
}

/** The outcome of checking one `final_result` call. */
export type OutputCheck<Output> =
  | { readonly accepted: true; readonly output: Output }
  | { readonly accepted: false; readonly message: string };

/** The `final_result` tool of one agent. */
export class FinalResultTool<Output, Deps> {
  readonly definition: ModelToolDefinition;
  private readonly wrapped: boolean;

  constructor(private readonly options: OutputOptions<Output, Deps>) {
    const jsonSchema = toModelJsonSchema(options.schema);
    this.wrapped = !isObjectSchema(jsonSchema);
    this.definition = {
      name: finalResultToolName,
      description:
        options.description ??
        'Give your final answer by calling this tool; calling it ends the run.',
      inputSchema: this.wrapped
        ? { type: 'object', properties: { result: jsonSchema }, required: ['result'] }
        : jsonSchema,
    };
  }

  /** Parses the call's input with the schema, then runs the validators. */
  async check(input: unknown, context: RunContext<Deps>): Promise<OutputCheck<Output>> {
    const normalized = normalizeInput(input);
    const raw = this.wrapped && isRecord(normalized) ? normalized.result : normalized;
    const parsed = await this.options.schema.safeParseAsync(raw);
    if (!parsed.success) {
      return {
        accepted: false,
        message: `Invalid final_result: ${summarizeValidationError(parsed.error)}. Fix it and call final_result again.`,
      };
    }
    let output = parsed.data;
    for (const validator of this.options.validators ?? []) {
      try {
        output = await validator(output, context);
      } catch (error) {
        const reason = errorMessage(error);
        return {
          accepted: false,
          message: ModelRetry.isRetry(error)
            ? reason
            : `The output was rejected: ${reason}. Fix it and call final_result again.`,
        };
      }
    }
    return { accepted: true, output };
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
