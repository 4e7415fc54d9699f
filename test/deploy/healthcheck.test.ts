/**
 * deploy/healthcheck.js as the container runs it: a real `node` process probing a
 * real loopback server, exiting 0 only for a 2xx answer in time.
 */
import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { repositoryRoot } from './deploy-files.js';

const script = join(repositoryRoot, 'deploy', 'healthcheck.js');

interface Outcome {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function runHealthcheck(environment: Record<string, string>): Promise<Outcome> {
  return new Promise((resolve) => {
    const { PATH, SYSTEMROOT } = process.env;
    execFile(
      process.execPath,
      [script],
      { env: { PATH, SYSTEMROOT, ...environment }, timeout: 30_000 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

describe('deploy/healthcheck.js', () => {
  const requestedPaths: string[] = [];
  let server: Server;
  let port: number;
  let closedPort: number;

  beforeAll(async () => {
    server = createServer((request, response) => {
      requestedPaths.push(request.url ?? '');
      if (request.url === '/health') response.writeHead(200).end('{"status":"ok"}');
      else if (request.url === '/no-content') response.writeHead(204).end();
      else if (request.url === '/draining') response.writeHead(503).end('{"status":"not-ready"}');
      else if (request.url === '/moved') response.writeHead(301, { location: '/health' }).end();
      else if (request.url === '/hang') return;
      else response.writeHead(404).end();
    });
    port = await listen(server);
    const spare = createServer();
    closedPort = await listen(spare);
    await new Promise((resolve) => spare.close(resolve));
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('exits 0 when /health answers 200, probing 127.0.0.1:$PORT/health by default', async () => {
    const outcome = await runHealthcheck({ PORT: String(port) });
    expect(outcome).toMatchObject({ code: 0, stdout: 'healthcheck: ok (HTTP 200)\n' });
    expect(requestedPaths.at(-1)).toBe('/health');
  });

  it('accepts any 2xx', async () => {
    const outcome = await runHealthcheck({
      ARCHON_HEALTHCHECK_URL: `http://127.0.0.1:${port}/no-content`,
    });
    expect(outcome.code).toBe(0);
  });

  it('exits 1 on 503 and on a redirect', async () => {
    const draining = await runHealthcheck({
      ARCHON_HEALTHCHECK_URL: `http://127.0.0.1:${port}/draining`,
    });
    expect(draining).toMatchObject({ code: 1, stderr: 'healthcheck: unhealthy (HTTP 503)\n' });
    const moved = await runHealthcheck({
      ARCHON_HEALTHCHECK_URL: `http://127.0.0.1:${port}/moved`,
    });
    expect(moved.code).toBe(1);
  });

  it('exits 1 when nothing listens on the port', async () => {
    const outcome = await runHealthcheck({ PORT: String(closedPort) });
    expect(outcome.code).toBe(1);
    expect(outcome.stderr).toMatch(/^healthcheck: unreachable: .*ECONNREFUSED/);
  });

  it('exits 1 when the server does not answer within the timeout', async () => {
    const outcome = await runHealthcheck({
      ARCHON_HEALTHCHECK_URL: `http://127.0.0.1:${port}/hang`,
      ARCHON_HEALTHCHECK_TIMEOUT_MS: '200',
    });
    expect(outcome).toMatchObject({
      code: 1,
      stderr: 'healthcheck: unreachable: no answer within 200 ms\n',
    });
  });

  it('exits 1 on a malformed URL, a non-HTTP URL or a bad timeout', async () => {
    const cases: [Record<string, string>, RegExp][] = [
      [{ ARCHON_HEALTHCHECK_URL: 'not a url' }, /invalid URL/],
      [{ ARCHON_HEALTHCHECK_URL: 'https://127.0.0.1/health' }, /only http URLs/],
      [{ PORT: String(port), ARCHON_HEALTHCHECK_TIMEOUT_MS: 'soon' }, /positive number/],
    ];
    for (const [environment, message] of cases) {
      const outcome = await runHealthcheck(environment);
      expect(outcome.code).toBe(1);
      expect(outcome.stderr).toMatch(message);
    }
  });
});
