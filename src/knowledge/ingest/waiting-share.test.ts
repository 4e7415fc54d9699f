import { describe, expect, it } from 'vitest';

import { WaitingShare } from './waiting-share.js';

/** A share on a clock the test moves by hand, past its first (start-up) window. */
function onClock() {
  let now = 0;
  const share = new WaitingShare(() => now);
  now += 1000;
  share.mostlyWaiting();
  return { share, advance: (milliseconds: number) => (now += milliseconds) };
}

describe('WaitingShare', () => {
  it('judges nothing before a second has passed', () => {
    const { share, advance } = onClock();
    share.waited(900);
    advance(900);
    expect(share.mostlyWaiting()).toBe(false);
  });

  it('does not judge the first window, which holds start-up', () => {
    let now = 0;
    const share = new WaitingShare(() => now);
    share.waited(1000);
    now += 1000;
    expect(share.mostlyWaiting()).toBe(false);
    share.waited(1000);
    now += 1000;
    expect(share.mostlyWaiting()).toBe(true);
  });

  it.each([
    ['a window above 70%', 750, 1000, true],
    ['a Markdown-like window (up to 61% waiting)', 610, 1000, false],
    ['exactly 70%', 700, 1000, false],
    ['a long window, by its whole length', 1500, 2000, true],
  ] as const)('judges %s', (_case, waited, windowLength, expected) => {
    const { share, advance } = onClock();
    share.waited(waited);
    advance(windowLength);
    expect(share.mostlyWaiting()).toBe(expected);
  });

  it('starts a new, empty window after judging one', () => {
    const { share, advance } = onClock();
    share.waited(750);
    advance(1000);
    expect(share.mostlyWaiting()).toBe(true);
    // A second with no waiting is not mostly waiting.
    advance(1000);
    expect(share.mostlyWaiting()).toBe(false);
  });
});
