import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ArchonError, ErrorCode } from '../core/errors.js';
import { SqliteKnowledgeStore } from '../storage/sqlite/sqlite-knowledge-store.js';
import { createHealthRegistry, databaseCheck, modelProviderCheck } from './health.js';

describe('databaseCheck', () => {
  it('passes with the stats of a real SQLite store and fails once the store is closed', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'archon-health-'));
    try {
      const store = new SqliteKnowledgeStore({ path: join(directory, 'archon.db') });
      await store.open();
      const health = createHealthRegistry();
      health.register('database', databaseCheck(store), { required: true });
      const open = await health.readiness();
      expect(open.status).toBe('ready');
      expect(open.checks[0]?.detail).toMatchObject({ sources: 0, documents: 0, chunks: 0 });
      await store.close();
      const closed = await health.readiness();
      expect(closed.status).toBe('not-ready');
      expect(closed.checks[0]?.status).toBe('fail');
      expect(closed.checks[0]?.error).toMatch(/\S/);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});

describe('modelProviderCheck', () => {
  let server: Server;
  let baseUrl: string;
  let closedPortUrl: string;
  const seenHeaders: IncomingHttpHeaders[] = [];

  beforeAll(async () => {
    server = createServer((request, response) => {
      seenHeaders.push(request.headers);
      if (request.url === '/ok/models') response.writeHead(200).end('{"data":[]}');
      else if (request.url === '/denied/models') response.writeHead(401).end('no');
      else if (request.url === '/slow/models')
        setTimeout(() => response.writeHead(200).end(), 10_000);
      else response.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const spare = createServer();
    await new Promise<void>((resolve) => spare.listen(0, '127.0.0.1', resolve));
    closedPortUrl = `http://127.0.0.1:${(spare.address() as AddressInfo).port}/models`;
    await new Promise((resolve) => spare.close(resolve));
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  async function run(url: string, timeoutMs = 2_000) {
    const health = createHealthRegistry();
    health.register(
      'model',
      modelProviderCheck({ url, headers: { authorization: 'Bearer sk-testkey-abcdefghijklmnop' } }),
      { required: false, timeoutMs },
    );
    const report = await health.readiness();
    return report.checks[0];
  }

  it('passes on 2xx and sends the configured headers', async () => {
    const result = await run(`${baseUrl}/ok/models`);
    expect(result).toMatchObject({ status: 'pass', detail: { status: 200 } });
    expect(seenHeaders.at(-1)?.authorization).toBe('Bearer sk-testkey-abcdefghijklmnop');
  });

  it('fails on another status without echoing the credentials', async () => {
    const result = await run(`${baseUrl}/denied/models`);
    expect(result).toMatchObject({ status: 'fail', error: 'model provider answered HTTP 401' });
  });

  it('fails when nothing listens', async () => {
    const result = await run(closedPortUrl);
    expect(result?.status).toBe('fail');
    expect(result?.error).toMatch(/^model provider unreachable: .*ECONNREFUSED/);
  });

  it('fails with the timeout when the provider is too slow', async () => {
    const result = await run(`${baseUrl}/slow/models`, 50);
    expect(result).toMatchObject({ status: 'fail', error: 'timed out after 50 ms' });
  });

  it('uses an injected fetch, and reports a non-Error rejection', async () => {
    const check = modelProviderCheck({
      url: 'https://models.example/v1/models',
      fetch: () => Promise.reject('offline'),
    });
    await expect(check(new AbortController().signal)).rejects.toThrow(
      'model provider unreachable: offline',
    );
  });

  it('refuses a relative or non-HTTP URL', () => {
    for (const url of ['models', 'ftp://example.com/models']) {
      try {
        modelProviderCheck({ url });
        throw new Error('expected INVALID_INPUT');
      } catch (error) {
        expect(ArchonError.isInstance(error) && error.code === ErrorCode.InvalidInput).toBe(true);
      }
    }
  });
});
