/**
 * The engineer's short plan: a few items, each pending, in progress or done, kept in
 * the run's state. The model replaces the whole list each time (no ids to track), and
 * at most one item is in progress, which keeps the plan honest about what is next.
 */
import { ArchonError, ErrorCode } from '../../core/errors.js';

export type PlanItemStatus = 'pending' | 'in_progress' | 'done';

export interface PlanItem {
  readonly text: string;
  readonly status: PlanItemStatus;
}

export const maximumPlanItems = 20;
export const maximumPlanItemLength = 200;

const marks: Record<PlanItemStatus, string> = { pending: '[ ]', in_progress: '[>]', done: '[x]' };

/** The plan of one run. */
export class PlanBoard {
  private current: readonly PlanItem[] = [];

  /** The items, in order. */
  get items(): readonly PlanItem[] {
    return this.current;
  }

  /** Replaces the plan after checking it; returns the rendered plan. */
  replace(items: readonly PlanItem[]): string {
    if (items.length > maximumPlanItems) {
      throw new ArchonError(
        ErrorCode.InvalidInput,
        `A plan has at most ${maximumPlanItems} items; merge some steps.`,
      );
    }
    const cleaned = items.map((item) => ({
      text: item.text.replace(/\s+/g, ' ').trim(),
      status: item.status,
    }));
    for (const item of cleaned) {
      if (item.text === '' || item.text.length > maximumPlanItemLength) {
        throw new ArchonError(
          ErrorCode.InvalidInput,
          `Each plan item needs a text of 1 to ${maximumPlanItemLength} characters.`,
        );
      }
      if (!Object.hasOwn(marks, item.status)) {
        throw new ArchonError(
          ErrorCode.InvalidInput,
          `Plan item status must be pending, in_progress or done.`,
        );
      }
    }
    if (cleaned.filter((item) => item.status === 'in_progress').length > 1) {
      throw new ArchonError(
        ErrorCode.InvalidInput,
        'Only one plan item can be in_progress at a time.',
      );
    }
    this.current = Object.freeze(cleaned.map((item) => Object.freeze(item)));
    return this.render();
  }

  /** One line per item: `[x] done`, `[>] in progress`, `[ ] pending`. */
  render(): string {
    if (this.current.length === 0) return '(no plan)';
    const done = this.current.filter((item) => item.status === 'done').length;
    return [
      `Plan (${done}/${this.current.length} done):`,
      ...this.current.map((item) => `${marks[item.status]} ${item.text}`),
    ].join('\n');
  }
}

export interface UpdatePlanInput {
  readonly items: readonly PlanItem[];
}

/** The plan tool as a plain function over the run's board. */
export function updatePlan(
  context: { readonly plan: PlanBoard },
  input: UpdatePlanInput,
): { output: string; items: readonly PlanItem[] } {
  const output = context.plan.replace(input.items);
  return { output, items: context.plan.items };
}
