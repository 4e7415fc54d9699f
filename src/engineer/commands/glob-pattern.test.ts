import { describe, expect, it } from 'vitest';

import { globCouldClimb, globCouldStartWithDash, segmentMatches } from './glob-pattern.js';

describe('segmentMatches', () => {
  it('follows POSIX rules, including the leading dot', () => {
    expect(segmentMatches('*.ts', 'app.ts')).toBe(true);
    expect(segmentMatches('*.ts', '.hidden.ts')).toBe(false);
    expect(segmentMatches('.*', '..')).toBe(true);
    expect(segmentMatches('.?', '..')).toBe(true);
    expect(segmentMatches('.[.]', '..')).toBe(true);
    expect(segmentMatches('.[!.]', '..')).toBe(false);
    expect(segmentMatches('.[^a]', '..')).toBe(true);
    expect(segmentMatches('a[bc]d', 'acd')).toBe(true);
    expect(segmentMatches('a[]]b', 'a]b')).toBe(true);
    expect(segmentMatches('\\*', '*')).toBe(true);
    expect(segmentMatches('\\*', 'x')).toBe(false);
    expect(segmentMatches('a[b', 'a[b')).toBe(true);
    expect(segmentMatches('??', 'abc')).toBe(false);
    expect(segmentMatches('a*', '')).toBe(false);
  });
});

describe('globCouldClimb and globCouldStartWithDash', () => {
  it('spots patterns that may become .. or an option', () => {
    expect(globCouldClimb('src/.*')).toBe(true);
    expect(globCouldClimb('.*.swp')).toBe(false);
    expect(globCouldClimb('*/*')).toBe(false);
    expect(globCouldStartWithDash('*')).toBe(true);
    expect(globCouldStartWithDash('?x')).toBe(true);
    expect(globCouldStartWithDash('[-a]*')).toBe(true);
    expect(globCouldStartWithDash('[ab]*')).toBe(false);
    expect(globCouldStartWithDash('-*')).toBe(true);
    expect(globCouldStartWithDash('src/*')).toBe(false);
    expect(globCouldStartWithDash('')).toBe(false);
  });
});
