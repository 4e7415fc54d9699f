import { describe, expect, it } from 'vitest';

import { ArchonError, ErrorCode } from '../../core/errors.js';
import { PlanBoard, type PlanItem, updatePlan } from './plan-board.js';

function planError(items: readonly PlanItem[]): ArchonError {
  try {
    new PlanBoard().replace(items);
  } catch (error) {
    if (ArchonError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected the plan to be refused');
}

describe('PlanBoard', () => {
  it('starts empty and renders items with their status', () => {
    const board = new PlanBoard();
    expect(board.render()).toBe('(no plan)');
    const { output, items } = updatePlan(
      { plan: board },
      {
        items: [
          { text: 'Read the failing test', status: 'done' },
          { text: '  Fix   the parser ', status: 'in_progress' },
          { text: 'Run the checks', status: 'pending' },
        ],
      },
    );
    expect(output).toBe(
      'Plan (1/3 done):\n[x] Read the failing test\n[>] Fix the parser\n[ ] Run the checks',
    );
    expect(items).toEqual(board.items);
    expect(board.items[1]).toEqual({ text: 'Fix the parser', status: 'in_progress' });
    expect(Object.isFrozen(board.items)).toBe(true);
  });

  it('replaces the whole list each time', () => {
    const board = new PlanBoard();
    board.replace([{ text: 'one', status: 'pending' }]);
    board.replace([{ text: 'two', status: 'done' }]);
    expect(board.items).toEqual([{ text: 'two', status: 'done' }]);
  });

  it('refuses too many items, empty or long texts, unknown statuses and two items in progress', () => {
    const many = Array.from({ length: 21 }, (_, index) => ({
      text: `step ${index}`,
      status: 'pending' as const,
    }));
    expect(planError(many).message).toContain('at most 20 items');
    expect(planError([{ text: '   ', status: 'pending' }]).message).toContain(
      '1 to 200 characters',
    );
    expect(planError([{ text: 'x'.repeat(201), status: 'pending' }]).code).toBe(
      ErrorCode.InvalidInput,
    );
    expect(planError([{ text: 'x', status: 'blocked' as PlanItem['status'] }]).message).toContain(
      'pending, in_progress or done',
    );
    expect(
      planError([
        { text: 'a', status: 'in_progress' },
        { text: 'b', status: 'in_progress' },
      ]).message,
    ).toBe('Only one plan item can be in_progress at a time.');
  });
});
