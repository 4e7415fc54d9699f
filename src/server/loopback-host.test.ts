import { describe, expect, it } from 'vitest';

import { isLoopbackHost } from './loopback-host.js';

describe('isLoopbackHost', () => {
  it('accepts the addresses that stay on this machine', () => {
    for (const host of [
      '127.0.0.1',
      '127.1.2.3',
      'localhost',
      'LOCALHOST',
      '::1',
      '[::1]',
      '0:0:0:0:0:0:0:1',
      '::ffff:127.0.0.1',
    ]) {
      expect({ host, loopback: isLoopbackHost(host) }).toEqual({ host, loopback: true });
    }
  });

  it('refuses everything reachable by others', () => {
    for (const host of [
      '0.0.0.0',
      '::',
      '192.168.1.10',
      '10.0.0.1',
      'example.com',
      '128.0.0.1',
      '::ffff:10.0.0.1',
      '',
      'localhost.evil.com',
    ]) {
      expect({ host, loopback: isLoopbackHost(host) }).toEqual({ host, loopback: false });
    }
  });
});
