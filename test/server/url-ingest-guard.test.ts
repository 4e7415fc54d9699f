/**
 * The SSRF guard end to end: a real server on loopback asked (over HTTP and over its
 * /mcp endpoint with the official client) to ingest a real docs site on loopback.
 * With `ingest.allowPrivateNetworks` off it refuses: a loopback literal with 403
 * URL_NOT_ALLOWED before any job exists, a name that resolves to loopback
 * (`localhost`) as a failed job with one clear line, and the MCP tool with a tool
 * error. With the switch on the same site is ingested, while a redirect to the cloud
 * metadata address is still refused.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { createMcpHttpHandler } from '../../src/mcp/mcp-http-handler.js';
import { type RunningServer, startServer } from '../../src/server/start-server.js';
import { createTestSetup, jsonRequest, type TestSetup } from './server-test-setup.js';

interface JobBody {
  readonly id: string;
  readonly state: string;
  readonly error: string | null;
}

describe('HTTP API: URL ingestion behind the SSRF guard', () => {
  let site: Server;
  let sitePort: number;
  const siteRequests: string[] = [];
  let setup: TestSetup | undefined;
  let server: RunningServer | undefined;

  beforeAll(async () => {
    site = createServer((request, response) => {
      siteRequests.push(request.url ?? '');
      if (request.url === '/robots.txt') return void response.writeHead(404).end();
      if (request.url === '/metadata')
        return void response.writeHead(302, { location: 'http://169.254.169.254/latest/' }).end();
      response.writeHead(200, { 'content-type': 'text/html' });
      response.end(
        '<html><head><title>Queues</title></head><body><h1>Queues</h1><p>Use dead-letter queues for poison messages.</p></body></html>',
      );
    });
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
    sitePort = (site.address() as AddressInfo).port;
  });
  afterAll(async () => {
    site.closeAllConnections();
    await new Promise((resolve) => site.close(resolve));
  });
  afterEach(async () => {
    await server?.close();
    await setup?.cleanup();
    server = undefined;
    setup = undefined;
    siteRequests.length = 0;
  });

  async function serve(allowPrivateNetworks: boolean): Promise<RunningServer> {
    setup = await createTestSetup({
      environment: { ARCHON_INGEST_ALLOW_PRIVATE_NETWORKS: String(allowPrivateNetworks) },
    });
    const running = await startServer({
      ...setup.options(),
      host: '127.0.0.1',
      port: 0,
      closeResources: async () => undefined,
    });
    running.serverApp.mountMcp(
      createMcpHttpHandler({
        host: '127.0.0.1',
        requireAuth: false,
        dependencies: {
          knowledgeBase: setup.knowledgeBase,
          runs: setup.runs,
          urlPolicy: running.serverApp.urlPolicy,
        },
      }),
    );
    server = running;
    return running;
  }

  async function ingest(running: RunningServer, url: string): Promise<Response> {
    return fetch(
      `${running.url}/v1/sources`,
      jsonRequest('POST', { targets: [url], source: 'site' }),
    );
  }

  async function finishedJob(running: RunningServer, accepted: Response): Promise<JobBody> {
    expect(accepted.status).toBe(202);
    const { id } = (await accepted.json()) as JobBody;
    await running.serverApp.jobs.whenIdle();
    return (await (await fetch(`${running.url}/v1/jobs/${id}`)).json()) as JobBody;
  }

  async function sourceNames(running: RunningServer): Promise<string[]> {
    const body = (await (await fetch(`${running.url}/v1/sources`)).json()) as {
      sources: { name: string }[];
    };
    return body.sources.map((source) => source.name).sort();
  }

  it('refuses a loopback literal with 403 before any job, in every spelling', async () => {
    const running = await serve(false);
    for (const host of ['127.0.0.1', '127.1', '0x7f.1', '[::1]', '[::ffff:127.0.0.1]']) {
      const response = await ingest(running, `http://${host}:${sitePort}/`);
      expect({ host, status: response.status }).toEqual({ host, status: 403 });
      const body = (await response.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('URL_NOT_ALLOWED');
      expect(body.error.message).toMatch(
        /^URL not allowed: http:\/\/\S+: \S+ is a loopback address/,
      );
    }
    expect(await setup?.knowledgeBase.store.listJobs()).toEqual([]);
    expect(siteRequests).toEqual([]);
  });

  it('fails the job of a name that resolves to loopback, with one line and no source left', async () => {
    const running = await serve(false);
    const job = await finishedJob(running, await ingest(running, `http://localhost:${sitePort}/`));
    expect(job.state).toBe('failed');
    expect(job.error).toMatch(
      new RegExp(
        `^URL not allowed: http://localhost:${sitePort}/: localhost resolves to (127\\.0\\.0\\.1|::1), a loopback address \\(set ingest\\.allowPrivateNetworks to allow it\\)$`,
      ),
    );
    expect(siteRequests).toEqual([]);
    expect(await sourceNames(running)).toEqual(['guides']);
  });

  it('answers add_source over /mcp with a URL_NOT_ALLOWED tool error', async () => {
    const running = await serve(false);
    const client = new Client({ name: 'test', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(`${running.url}/mcp`)));
    try {
      for (const target of [`http://127.0.0.1:${sitePort}/`, `http://localhost:${sitePort}/`]) {
        const result = await client.callTool({ name: 'add_source', arguments: { target } });
        expect(result.isError).toBe(true);
        expect(JSON.stringify(result.content)).toMatch(/\[URL_NOT_ALLOWED\] URL not allowed: /);
      }
    } finally {
      await client.close();
    }
    expect(siteRequests).toEqual([]);
  });

  it('ingests the loopback site with private networks allowed, and still refuses the metadata address', async () => {
    const running = await serve(true);
    const job = await finishedJob(running, await ingest(running, `http://127.0.0.1:${sitePort}/`));
    expect(job).toMatchObject({ state: 'succeeded', error: null });
    expect(siteRequests).toContain('/');
    expect(await sourceNames(running)).toEqual(['guides', 'site']);
    const search = await fetch(
      `${running.url}/v1/search`,
      jsonRequest('POST', { query: 'dead-letter queues', filter: { sources: ['site'] } }),
    );
    expect(((await search.json()) as { results: unknown[] }).results.length).toBeGreaterThan(0);

    const viaName = await finishedJob(
      running,
      await ingest(running, `http://localhost:${sitePort}/`),
    );
    expect(viaName.state).toBe('succeeded');

    const metadata = await finishedJob(
      running,
      await fetch(
        `${running.url}/v1/sources`,
        jsonRequest('POST', { targets: [`http://127.0.0.1:${sitePort}/metadata`], source: 'meta' }),
      ),
    );
    expect(metadata.state).toBe('failed');
    expect(metadata.error).toBe(
      `URL not allowed: http://127.0.0.1:${sitePort}/metadata: 169.254.169.254 is a link-local address`,
    );
    const literal = await ingest(running, 'http://169.254.169.254/latest/meta-data/');
    expect(literal.status).toBe(403);
  });
});
