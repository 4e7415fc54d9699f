import { describe, expect, it } from 'vitest';

import { canonicalJson, LoopDetector } from './loop-detector.js';

const call = (toolName: string, input: unknown = {}) => ({ toolName, input });

describe('canonicalJson', () => {
  it('sorts keys at every level and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, 1], c: null } })).toBe(
      '{"a":{"c":null,"d":[2,1]},"b":1}',
    );
    expect(canonicalJson({ a: 1, b: 2 })).toBe(canonicalJson({ b: 2, a: 1 }));
    expect(canonicalJson(undefined)).toBe('null');
    expect(canonicalJson('text')).toBe('"text"');
  });

  it('falls back to String for values JSON cannot hold', () => {
    expect(canonicalJson(10n)).toBe('10');
  });
});

describe('LoopDetector', () => {
  it('stops at the third identical call in a row in stop mode', () => {
    const detector = new LoopDetector('stop');
    expect(detector.observeStep([call('read', { path: 'a' })]).verdicts).toEqual(['run']);
    expect(detector.observeStep([call('read', { path: 'a' })]).verdicts).toEqual(['run']);
    expect(detector.observeStep([call('read', { path: 'a' })])).toEqual({
      verdicts: ['stop'],
      repeats: 3,
    });
  });

  it('treats key order as the same call and other arguments as a different one', () => {
    const detector = new LoopDetector('stop');
    detector.observeStep([call('read', { a: 1, b: 2 })]);
    detector.observeStep([call('read', { b: 2, a: 1 })]);
    expect(detector.observeStep([call('read', { a: 1, b: 3 })]).verdicts).toEqual(['run']);
  });

  it('resets the streak when a different call comes between', () => {
    const detector = new LoopDetector('stop');
    detector.observeStep([call('read')]);
    detector.observeStep([call('read')]);
    detector.observeStep([call('write')]);
    expect(detector.observeStep([call('read')]).verdicts).toEqual(['run']);
  });

  it('warns once, then stops at the next repeat, in warn mode', () => {
    const detector = new LoopDetector('warn');
    detector.observeStep([call('read')]);
    detector.observeStep([call('read')]);
    expect(detector.observeStep([call('read')]).verdicts).toEqual(['warn']);
    expect(detector.observeStep([call('read')])).toEqual({ verdicts: ['stop'], repeats: 4 });
  });

  it('stops at a later loop once it has warned', () => {
    const detector = new LoopDetector('warn');
    for (let index = 0; index < 3; index++) detector.observeStep([call('read')]);
    detector.observeStep([call('other')]);
    detector.observeStep([call('read')]);
    detector.observeStep([call('read')]);
    expect(detector.observeStep([call('read')]).verdicts).toEqual(['stop']);
  });

  it('counts identical calls inside one response', () => {
    const detector = new LoopDetector('stop');
    expect(detector.observeStep([call('read'), call('read'), call('read')]).verdicts).toEqual([
      'run',
      'run',
      'stop',
    ]);
  });

  it('catches a step that repeats the same set of several calls', () => {
    const detector = new LoopDetector('stop');
    const step = [call('read', { path: 'a' }), call('read', { path: 'b' })];
    expect(detector.observeStep(step).verdicts).toEqual(['run', 'run']);
    expect(detector.observeStep(step).verdicts).toEqual(['run', 'run']);
    expect(detector.observeStep(step)).toEqual({ verdicts: ['stop', 'stop'], repeats: 3 });
  });

  it('warns for a whole repeated step in warn mode', () => {
    const detector = new LoopDetector('warn');
    const step = [call('a'), call('b')];
    detector.observeStep(step);
    detector.observeStep(step);
    expect(detector.observeStep(step).verdicts).toEqual(['warn', 'warn']);
    expect(detector.observeStep(step).verdicts).toEqual(['stop', 'stop']);
  });

  it('honours a custom threshold', () => {
    const detector = new LoopDetector('stop', 2);
    detector.observeStep([call('a')]);
    expect(detector.observeStep([call('a')]).verdicts).toEqual(['stop']);
  });
});
