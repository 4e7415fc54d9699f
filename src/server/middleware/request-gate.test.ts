import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';

import { toHttpError } from '../http-error-mapping.js';
import { RequestGate } from './request-gate.js';

describe('RequestGate', () => {
  it('counts requests in flight and turns new ones away once draining', async () => {
    const gate = new RequestGate();
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const app = new Hono();
    app.onError((error, context) => {
      const mapped = toHttpError(error);
      return context.json(mapped.body, mapped.status, mapped.headers);
    });
    app.use('*', gate.middleware);
    app.get('/slow', async (context) => {
      await held;
      return context.text('done');
    });
    expect(gate.inFlight).toBe(0);
    await gate.whenIdle();
    const slow = app.request('/slow');
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(gate.inFlight).toBe(1);
    gate.beginDraining();
    expect(gate.draining).toBe(true);
    const refused = await app.request('/slow');
    expect(refused.status).toBe(503);
    expect(refused.headers.get('connection')).toBe('close');
    let idle = false;
    const idleWait = gate.whenIdle().then(() => (idle = true));
    expect(idle).toBe(false);
    release();
    expect(await (await slow).text()).toBe('done');
    await idleWait;
    expect(gate.inFlight).toBe(0);
  });
});
