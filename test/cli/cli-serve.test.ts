/**
 * `archon serve` and `archon keys` as real processes: the API, MCP over HTTP with the
 * official client, health and readiness, the key rule beyond loopback, and SIGTERM.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { describe, expect, it } from 'vitest';

const binary = join(import.meta.dirname, '..', '..', 'bin', 'archon.js');

function freshHome(): string {
  const home = mkdtempSync(join(tmpdir(), 'archon-serve-'));
  writeFileSync(join(home, 'config.json'), JSON.stringify({ knowledgePack: false }));
  return home;
}

async function startServe(
  home: string,
  host = '127.0.0.1',
): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [binary, 'serve', '--host', host, '--port', '0'], {
    env: { PATH: process.env.PATH ?? '', ARCHON_HOME: home },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const match = /serving on (http:\/\/\S+) /.exec(stderr);
      if (match?.[1]) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${stderr}`)));
  });
  return { child, url };
}

function exitOf(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

describe('archon serve', () => {
  it('serves the API, MCP, health and readiness, and stops cleanly on SIGTERM', async () => {
    const home = freshHome();
    const { child, url } = await startServe(home);
    const exited = exitOf(child);
    try {
      expect((await fetch(`${url}/health`)).status).toBe(200);
      const ready = await fetch(`${url}/ready`);
      expect(ready.status).toBe(200);
      const search = await fetch(`${url}/v1/search`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: 'anything' }),
      });
      expect(search.status).toBe(200);
      const bad = await fetch(`${url}/v1/search`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"query": ',
      });
      expect(bad.status).toBe(400);
      expect(((await bad.json()) as { error: { code: string } }).error.code).toBeTypeOf('string');
      expect(await (await fetch(`${url}/metrics`)).text()).toContain('archon_http_requests_total');

      const client = new Client({ name: 'serve-test', version: '1.0.0' });
      await client.connect(new StreamableHTTPClientTransport(new URL(`${url}/mcp`)));
      const { tools } = await client.listTools();
      expect(tools.map((tool) => tool.name)).toContain('search_knowledge');
      await client.close();
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  });

  it('refuses to listen beyond loopback without a key, then requires the key', async () => {
    const home = freshHome();
    const refused = spawnSync(
      process.execPath,
      [binary, 'serve', '--host', '0.0.0.0', '--port', '0'],
      {
        env: { PATH: process.env.PATH ?? '', ARCHON_HOME: home },
        encoding: 'utf8',
      },
    );
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/refusing to listen on 0\.0\.0\.0 without an API key/);

    const created = spawnSync(process.execPath, [binary, 'keys', 'create', 'ci', '--json'], {
      env: { PATH: process.env.PATH ?? '', ARCHON_HOME: home },
      encoding: 'utf8',
    });
    expect(created.status).toBe(0);
    const { key } = JSON.parse(created.stdout) as { key: string };
    const listed = spawnSync(process.execPath, [binary, 'keys', 'list'], {
      env: { PATH: process.env.PATH ?? '', ARCHON_HOME: home },
      encoding: 'utf8',
    });
    expect(listed.stdout).toMatch(/^ci \(/);
    expect(listed.stdout).not.toContain(key);

    const { child, url } = await startServe(home, '0.0.0.0');
    const exited = exitOf(child);
    const local = url.replace('0.0.0.0', '127.0.0.1');
    try {
      expect((await fetch(`${local}/v1/sources`)).status).toBe(401);
      expect(
        (await fetch(`${local}/v1/sources`, { headers: { authorization: `Bearer ${key}` } }))
          .status,
      ).toBe(200);
      expect((await fetch(`${local}/health`)).status).toBe(200);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    const revoked = spawnSync(process.execPath, [binary, 'keys', 'revoke', 'ci'], {
      env: { PATH: process.env.PATH ?? '', ARCHON_HOME: home },
      encoding: 'utf8',
    });
    expect(revoked.stdout).toMatch(/^revoked ci/);
  });
});
