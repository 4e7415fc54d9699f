import { describe, expect, it } from 'vitest';

import { findClosestLines, normalizeLine } from './closest-lines.js';

describe('findClosestLines', () => {
  const file = ['function a() {', '  return 1;', '}', '', 'function b() {', '  return 2;', '}'];

  it('finds an exact window with full similarity', () => {
    expect(findClosestLines(file, ['function b() {', '  return 2;'])).toEqual({
      startLine: 5,
      endLine: 6,
      similarity: 1,
      whitespaceOnly: true,
    });
  });

  it('ranks a window with a small typo above unrelated ones', () => {
    const closest = findClosestLines(file, ['function b() {', '  retrun 2;', '}']);
    expect(closest?.startLine).toBe(5);
    expect(closest?.whitespaceOnly).toBe(false);
    expect(closest?.similarity).toBeGreaterThan(0.8);
    expect(closest?.similarity).toBeLessThan(1);
  });

  it('detects a difference in whitespace only', () => {
    expect(findClosestLines(file, ['function  a()  {', 'return 1;'])).toMatchObject({
      startLine: 1,
      whitespaceOnly: true,
    });
  });

  it('compares a long wanted text against the whole of a shorter file', () => {
    const closest = findClosestLines(['x'], ['x', 'y', 'z']);
    expect(closest).toEqual({ startLine: 1, endLine: 1, similarity: 1, whitespaceOnly: false });
  });

  it('samples at most 40 lines of a long wanted text and still finds the window', () => {
    const lines = Array.from({ length: 400 }, (_, index) => `line number ${index} with some words`);
    const wanted = lines
      .slice(200, 300)
      .map((line, index) => (index % 7 === 0 ? `${line}!` : line));
    const closest = findClosestLines(lines, wanted);
    expect(closest?.startLine).toBe(201);
    expect(closest?.endLine).toBe(300);
  });

  it('scores one-character and empty lines', () => {
    expect(findClosestLines(['{', '', '}'], ['{', '}'])?.similarity).toBe(0.5);
    expect(findClosestLines(['a'], ['b'])?.similarity).toBe(0);
  });

  it('returns undefined for an empty file or empty wanted text', () => {
    expect(findClosestLines([], ['a'])).toBeUndefined();
    expect(findClosestLines(['a'], [])).toBeUndefined();
  });

  it('normalizes whitespace', () => {
    expect(normalizeLine('  a \t b  ')).toBe('a b');
  });
});
