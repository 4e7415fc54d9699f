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

  it('says mostly waiting for a window above 70%, then starts a new window', () => {
    const { share, advance } = onClock();
    share.waited(750);
    advance(1000);
    expect(share.mostlyWaiting()).toBe(true);
    // The next window starts empty: a second with no waiting is not mostly waiting.
    advance(1000);
    expect(share.mostlyWaiting()).toBe(false);
  });

  it('does not for Markdown-like windows (up to 61% waiting) or exactly 70%', () => {
    const { share, advance } = onClock();
    share.waited(610);
    advance(1000);
    expect(share.mostlyWaiting()).toBe(false);
    share.waited(700);
    advance(1000);
    expect(share.mostlyWaiting()).toBe(false);
  });

  it('measures a long window by its whole length', () => {
    const { share, advance } = onClock();
    share.waited(1500);
    advance(2000);
    expect(share.mostlyWaiting()).toBe(true);
  });
});
