import { describe, expect, it } from 'vitest';

import { createDnsRebindingGuard, type DnsRebindingOptions } from './dns-rebinding-guard.js';

function verdict(options: DnsRebindingOptions, host: string | undefined, origin?: string) {
  const headers = new Headers();
  if (host !== undefined) headers.set('host', host);
  if (origin !== undefined) headers.set('origin', origin);
  return createDnsRebindingGuard(options)(headers);
}

describe('DNS rebinding guard', () => {
  const loopback = { host: '127.0.0.1' };

  it('accepts the loopback names on any port, and refuses other names', () => {
    for (const host of ['127.0.0.1:8000', 'localhost:8000', 'LOCALHOST', '[::1]:9', 'localhost']) {
      expect(verdict(loopback, host), host).toBeNull();
    }
    for (const host of ['evil.example:8000', '10.0.0.2:8000', 'localhost.evil.example', '']) {
      expect(verdict(loopback, host), host).toEqual({
        reason: `Host '${host}' is not allowed`,
      });
    }
    expect(verdict(loopback, undefined)).toEqual({ reason: "Host '' is not allowed" });
  });

  it('refuses malformed Host values', () => {
    for (const host of ['user@localhost', 'localhost/path', 'local host', 'localhost:port']) {
      expect(verdict(loopback, host), host).not.toBeNull();
    }
  });

  it('accepts the bound address and the extra allowed names', () => {
    expect(verdict({ host: '192.168.1.5' }, '192.168.1.5:8000')).toBeNull();
    expect(verdict({ host: '::1' }, '[::1]:8000')).toBeNull();
    expect(verdict({ host: 'archon.internal' }, 'archon.internal')).toBeNull();
    const proxied = { host: '127.0.0.1', allowedHosts: ['archon.example.com'] };
    expect(verdict(proxied, 'archon.example.com')).toBeNull();
    expect(verdict(proxied, 'other.example.com')).not.toBeNull();
  });

  it('accepts any Host on a wildcard address unless names are listed', () => {
    expect(verdict({ host: '0.0.0.0' }, 'archon.default.svc:8000')).toBeNull();
    expect(verdict({ host: '::' }, 'pod-10-1-2-3')).toBeNull();
    const listed = { host: '0.0.0.0', allowedHosts: ['archon.default.svc'] };
    expect(verdict(listed, 'archon.default.svc:8000')).toBeNull();
    expect(verdict(listed, 'localhost:8000')).toBeNull();
    expect(verdict(listed, 'evil.example')).not.toBeNull();
  });

  it('lets requests without Origin and same-origin requests through', () => {
    expect(verdict(loopback, 'localhost:8000')).toBeNull();
    expect(verdict(loopback, 'localhost:8000', 'http://localhost:8000')).toBeNull();
    expect(verdict(loopback, 'localhost', 'https://localhost')).toBeNull();
  });

  it('refuses other origins unless they are allowed', () => {
    expect(verdict(loopback, 'localhost:8000', 'http://localhost:3000')).toEqual({
      reason: "Origin 'http://localhost:3000' is not allowed",
    });
    expect(verdict(loopback, '127.0.0.1:8000', 'http://evil.example')).not.toBeNull();
    expect(verdict(loopback, '127.0.0.1:8000', 'null')).not.toBeNull();
    expect(verdict(loopback, '127.0.0.1:8000', 'file:///x')).not.toBeNull();
    const inspector = { host: '127.0.0.1', allowedOrigins: ['http://localhost:6274/'] };
    expect(verdict(inspector, '127.0.0.1:8000', 'http://localhost:6274')).toBeNull();
    expect(verdict(inspector, '127.0.0.1:8000', 'http://localhost:6275')).not.toBeNull();
  });
});
