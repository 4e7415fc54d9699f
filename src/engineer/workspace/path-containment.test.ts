import { describe, expect, it } from 'vitest';

import { isInsideDirectory, relativeInside } from './path-containment.js';

describe('isInsideDirectory', () => {
  it('compares whole segments', () => {
    expect(isInsideDirectory('/work/app', '/work/app')).toBe(true);
    expect(isInsideDirectory('/work/app', '/work/app/src/x.ts')).toBe(true);
    expect(isInsideDirectory('/work/app', '/work/app-secrets/x')).toBe(false);
    expect(isInsideDirectory('/work/app', '/work')).toBe(false);
    expect(isInsideDirectory('/', '/etc')).toBe(true);
    expect(relativeInside('/work/app', '/work/app/src/x.ts')).toBe('src/x.ts');
    expect(relativeInside('/work/app', '/work/app')).toBe('');
  });
});
