import { describe, expect, it } from 'vitest';

import { raceWithAbort, RunAbort, RunAbortedError } from './run-abort.js';

describe('RunAbort', () => {
  it('aborts when the caller aborts, with cause caller', () => {
    const caller = new AbortController();
    const abort = new RunAbort(caller.signal);
    expect(abort.signal.aborted).toBe(false);
    caller.abort();
    expect(abort.signal.aborted).toBe(true);
    expect(abort.cause).toBe('caller');
    abort.dispose();
  });

  it('starts aborted when the caller signal already is', () => {
    const abort = new RunAbort(AbortSignal.abort());
    expect(abort.signal.aborted).toBe(true);
    expect(abort.cause).toBe('caller');
  });

  it('aborts at the deadline with cause deadline, and not after dispose', async () => {
    const abort = new RunAbort(undefined);
    abort.startDeadline(0);
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(abort.cause).toBe('deadline');
    const disposed = new RunAbort(undefined);
    disposed.startDeadline(0);
    disposed.dispose();
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(disposed.signal.aborted).toBe(false);
  });

  it('ignores an infinite deadline and stops listening to the caller after dispose', () => {
    const caller = new AbortController();
    const abort = new RunAbort(caller.signal);
    abort.startDeadline(Infinity);
    abort.dispose();
    caller.abort();
    expect(abort.signal.aborted).toBe(false);
  });
});

describe('raceWithAbort', () => {
  it('passes values and errors through', async () => {
    const signal = new AbortController().signal;
    await expect(raceWithAbort(Promise.resolve(3), signal)).resolves.toBe(3);
    await expect(raceWithAbort(Promise.reject(new Error('boom')), signal)).rejects.toThrow('boom');
  });

  it('rejects at once when the signal fires, even if the work never ends', async () => {
    const controller = new AbortController();
    const pending = raceWithAbort(new Promise<never>(() => undefined), controller.signal);
    controller.abort();
    await expect(pending).rejects.toBeInstanceOf(RunAbortedError);
  });

  it('rejects for an already aborted signal and swallows the late failure of the work', async () => {
    const late = Promise.reject(new Error('late'));
    await expect(raceWithAbort(late, AbortSignal.abort())).rejects.toBeInstanceOf(RunAbortedError);
    const controller = new AbortController();
    let fail: (error: Error) => void = () => undefined;
    const work = new Promise<never>((_resolve, reject) => (fail = reject));
    const raced = raceWithAbort(work, controller.signal);
    controller.abort();
    await expect(raced).rejects.toBeInstanceOf(RunAbortedError);
    fail(new Error('after abort'));
    await new Promise((resolve) => setTimeout(resolve, 1));
  });
});
