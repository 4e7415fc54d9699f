/**
 * Runaway-loop detection. A call is "the same" when its tool name and the canonical JSON
 * of its arguments match. The same call made `threshold` times in a row stops the run
 * (or, in `warn` mode, is answered once with a warning instead of being run). A step
 * that repeats the same set of several calls counts the same way, so a model alternating
 * between two calls every step is caught too.
 */

/** `stop`: end the run at the repeat. `warn`: refuse the repeat once with a warning, stop at the next. */
export type LoopDetectionMode = 'stop' | 'warn';

/** What to do with a call: run it, refuse it with a warning, or stop the run. */
export type LoopVerdict = 'run' | 'warn' | 'stop';

/** A tool call as the detector sees it. */
export interface ObservedCall {
  readonly toolName: string;
  readonly input: unknown;
}

/** The verdict for each call of one step, and how often the repeated call was seen. */
export interface StepVerdicts {
  readonly verdicts: readonly LoopVerdict[];
  /** Consecutive repeats of the call or step that triggered a verdict (0 when none did). */
  readonly repeats: number;
}

/** Tracks repeated tool calls across the steps of one run. */
export class LoopDetector {
  private lastCall = '';
  private callStreak = 0;
  private lastStep = '';
  private stepStreak = 0;
  private warned = false;

  constructor(
    private readonly mode: LoopDetectionMode = 'stop',
    private readonly threshold = 3,
  ) {}

  /** Records the calls of one step, in order, and returns a verdict for each. */
  observeStep(calls: readonly ObservedCall[]): StepVerdicts {
    const keys = calls.map((call) => `${call.toolName}\u0000${canonicalJson(call.input)}`);
    const verdicts: LoopVerdict[] = [];
    let repeats = 0;
    for (const key of keys) {
      this.callStreak = key === this.lastCall ? this.callStreak + 1 : 1;
      this.lastCall = key;
      const verdict = this.verdictFor(this.callStreak);
      if (verdict !== 'run') repeats = this.callStreak;
      verdicts.push(verdict);
    }
    if (keys.length > 1) {
      const stepKey = keys.join('\u0001');
      this.stepStreak = stepKey === this.lastStep ? this.stepStreak + 1 : 1;
      this.lastStep = stepKey;
      const stepVerdict = this.verdictFor(this.stepStreak);
      if (stepVerdict !== 'run') {
        repeats = Math.max(repeats, this.stepStreak);
        for (let index = 0; index < verdicts.length; index++) {
          if (verdicts[index] !== 'stop') verdicts[index] = stepVerdict;
        }
      }
    } else {
      this.lastStep = '';
      this.stepStreak = 0;
    }
    return { verdicts, repeats };
  }

  private verdictFor(streak: number): LoopVerdict {
    if (streak < this.threshold) return 'run';
    if (this.mode === 'stop' || this.warned) return 'stop';
    this.warned = true;
    return 'warn';
  }
}

/**
 * JSON with object keys sorted at every level, so `{a:1,b:2}` and `{b:2,a:1}` compare
 * equal. Array order is kept: it is meaningful.
 */
export function canonicalJson(value: unknown): string {
  try {
    return JSON.stringify(value === undefined ? null : value, sortKeys) ?? 'null';
  } catch {
    return String(value);
  }
}

function sortKeys(_key: string, value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort())
    sorted[key] = (value as Record<string, unknown>)[key];
  return sorted;
}
