/**
 * One behaviour suite for the Archon MCP server, run over every transport (in memory,
 * stdio, streamable HTTP): every tool, every resource, bad arguments. The server must
 * be built over a {@link McpFixture} home without a language model.
 */
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { callTool, firstDocumentId } from './mcp-client-helpers.js';
import { createMcpFixture, type McpFixture } from './mcp-fixture.js';

/** The text of a resource's first content. */
function textContent(result: { contents: readonly Record<string, unknown>[] }): string {
  const first = result.contents[0];
  return typeof first?.text === 'string' ? first.text : '';
}

export interface ConnectedClient {
  readonly client: Client;
  close(): Promise<void>;
}

/** Defines the suite; `connect` starts a server over the fixture's home and connects a client. */
export function describeArchonMcpServer(
  transport: string,
  connect: (fixture: McpFixture) => Promise<ConnectedClient>,
): void {
  describe(`Archon MCP server over ${transport}`, () => {
    let fixture: McpFixture;
    let connected: ConnectedClient;
    let client: Client;

    beforeAll(async () => {
      fixture = await createMcpFixture();
      connected = await connect(fixture);
      client = connected.client;
    });
    afterAll(async () => {
      await connected?.close();
    });

    it('lists the seven tools with short descriptions and input schemas', async () => {
      const { tools } = await client.listTools();
      expect(tools.map((tool) => tool.name).sort()).toEqual([
        'add_source',
        'get_run',
        'implement',
        'list_sources',
        'read_document',
        'search_code_examples',
        'search_knowledge',
      ]);
      for (const tool of tools) {
        expect(tool.description?.length, tool.name).toBeLessThanOrEqual(160);
        expect(tool.inputSchema.type).toBe('object');
      }
      const search = tools.find((tool) => tool.name === 'search_knowledge');
      expect(search?.inputSchema.required).toEqual(['query']);
      expect(search?.annotations?.readOnlyHint).toBe(true);
      expect(client.getServerVersion()?.name).toBe('archon');
      expect(client.getInstructions()).toMatch(/^Archon:/);
    });

    it('search_knowledge returns cited passages, filtered by source and to code', async () => {
      const answer = await callTool(client, 'search_knowledge', { query: 'exponential backoff' });
      expect(answer.isError).toBe(false);
      expect(answer.text).toMatch(
        /^\[1\] guides\/retries\.md:\d+-\d+ .*\(source guides, document [0-9a-f]{32}\)\n/,
      );
      expect(answer.text).toContain('full jitter');

      const one = await callTool(client, 'search_knowledge', {
        query: 'cache',
        limit: 1,
        source: 'guides',
      });
      expect(one.text.match(/^\[\d+\]/gm)).toEqual(['[1]']);

      const code = await callTool(client, 'search_knowledge', {
        query: 'retries helper',
        code_only: true,
      });
      expect(code.text).toContain('```typescript\nexport async function withRetries');
      expect(code.text).not.toContain('time to live');
    });

    it('search_code_examples returns code with its explaining prose, by language', async () => {
      const answer = await callTool(client, 'search_code_examples', {
        query: 'retry a promise',
        language: 'ts',
      });
      expect(answer.isError).toBe(false);
      expect(answer.text).toContain('A small helper that retries');
      expect(answer.text).toContain('```typescript');
      const other = await callTool(client, 'search_code_examples', {
        query: 'retry',
        language: 'python',
      });
      expect(other.text).toBe('No results for "retry".');
    });

    it('read_document returns a document whole or by line range', async () => {
      const search = await callTool(client, 'search_knowledge', { query: 'caching time to live' });
      const id = firstDocumentId(search.text);
      const whole = await callTool(client, 'read_document', { id });
      expect(whole.text).toMatch(
        /^guides\/caching\.md: Caching \(markdown, \d+ lines, document [0-9a-f]{32}\)\n\n# Caching/,
      );
      const part = await callTool(client, 'read_document', { id, start_line: 100 });
      expect(part.text).toMatch(/\(no text in lines 100-end\)$/);
      const unknown = await callTool(client, 'read_document', { id: 'f'.repeat(32) });
      expect(unknown).toMatchObject({
        isError: true,
        text: `[DOCUMENT_NOT_FOUND] no document with id '${'f'.repeat(32)}'`,
      });
      const backwards = await callTool(client, 'read_document', { id, start_line: 5, end_line: 2 });
      expect(backwards).toMatchObject({
        isError: true,
        text: '[INVALID_INPUT] end_line must not be before start_line',
      });
    });

    it('add_source ingests a folder and list_sources shows it', async () => {
      const added = await callTool(client, 'add_source', {
        target: fixture.notes,
        name: 'notes',
        tags: ['ops'],
      });
      expect(added.isError).toBe(false);
      expect(added.text).toMatch(
        /^Source notes: 1 added, 0 updated, 0 unchanged, 0 removed, 0 skipped; \d+ chunks/,
      );
      expect(added.structured).toMatchObject({ source: 'notes', added: 1, skipped: 0 });
      const again = await callTool(client, 'add_source', { target: fixture.notes, name: 'notes' });
      expect(again.structured).toMatchObject({ added: 0, unchanged: 1 });

      const sources = await callTool(client, 'list_sources');
      expect(sources.text).toMatch(
        /^guides \(files, id [\w-]+\): 2 documents, \d+ chunks, .*; tags patterns; from /m,
      );
      expect(sources.text).toMatch(
        /^notes \(files, id [\w-]+\): 1 documents, .*; tags ops; from /m,
      );
      const found = await callTool(client, 'search_knowledge', {
        query: 'changelog smoke tests',
        source: 'notes',
      });
      expect(found.text).toContain('notes/release.md');
    });

    it('add_source reports bad targets as tool errors', async () => {
      const relative = await callTool(client, 'add_source', { target: 'notes' });
      expect(relative).toMatchObject({
        isError: true,
        text: "[INVALID_INPUT] target must be an absolute path or an http(s) URL, got 'notes'",
      });
      const missing = await callTool(client, 'add_source', { target: `${fixture.home}/absent` });
      expect(missing.isError).toBe(true);
      expect(missing.text).toMatch(/^\[PATH_NOT_FOUND\] /);
    });

    it('implement without a model says how to configure one; get_run knows no such run', async () => {
      const implement = await callTool(client, 'implement', {
        spec: 'Fix it',
        workspace: fixture.home,
        checks: ['npm test'],
      });
      expect(implement.isError).toBe(true);
      expect(implement.text).toMatch(
        /^\[INVALID_CONFIG\] no language model configured: set ARCHON_MODEL/,
      );
      const run = await callTool(client, 'get_run', { id: 'no-such-run' });
      expect(run).toMatchObject({
        isError: true,
        text: "[NOT_FOUND] no run with id 'no-such-run'",
      });
    });

    it('answers bad arguments with tool errors and keeps serving', async () => {
      const cases: [string, Record<string, unknown>][] = [
        ['search_knowledge', {}],
        ['search_knowledge', { query: '   ' }],
        ['search_knowledge', { query: 'x', limit: 0 }],
        ['search_knowledge', { query: 'x', limit: 21 }],
        ['search_knowledge', { query: 'x', limit: 'ten' }],
        ['search_knowledge', { query: 'x'.repeat(2001) }],
        ['search_code_examples', { query: 42 }],
        ['read_document', { id: 'x', start_line: 0 }],
        ['read_document', { id: 'x', end_line: 1.5 }],
        ['add_source', { target: '/tmp', tags: 'a,b' }],
        ['add_source', { target: '/tmp', tags: Array.from({ length: 51 }, () => 't') }],
        ['implement', { spec: 'x' }],
        ['implement', { spec: 'x', workspace: '/tmp', checks: [''] }],
        ['get_run', { id: null }],
      ];
      for (const [name, input] of cases) {
        const answer = await callTool(client, name, input);
        expect(answer.isError, `${name} ${JSON.stringify(input).slice(0, 80)}`).toBe(true);
        expect(answer.text).toMatch(/Input validation error|\[INVALID_INPUT\]/);
      }
      const unknownSource = await callTool(client, 'search_knowledge', {
        query: 'x',
        source: 'nope',
      });
      expect(unknownSource.text).toMatch(/^\[SOURCE_NOT_FOUND\] no source named 'nope'/);
      const unknownTool = await callTool(client, 'no_such_tool');
      expect(unknownTool.isError).toBe(true);
      expect((await callTool(client, 'list_sources')).isError).toBe(false);
    });

    it('lists and reads the resources', async () => {
      const { resources } = await client.listResources();
      expect(resources.map((resource) => resource.uri)).toContain('archon://sources');
      const source = resources.find((resource) => resource.name === 'guides');
      expect(source?.uri).toMatch(/^archon:\/\/sources\/[\w-]+$/);
      const documents = resources.filter((resource) =>
        resource.uri.startsWith('archon://documents/'),
      );
      expect(documents.map((document) => document.name)).toEqual(
        expect.arrayContaining(['guides/caching.md', 'guides/retries.md']),
      );
      const { resourceTemplates } = await client.listResourceTemplates();
      expect(resourceTemplates.map((template) => template.uriTemplate).sort()).toEqual([
        'archon://documents/{id}',
        'archon://sources/{id}',
      ]);

      const all = await client.readResource({ uri: 'archon://sources' });
      const listed = JSON.parse(textContent(all)) as { sources: { name: string }[] };
      expect(listed.sources.map((entry) => entry.name)).toContain('guides');

      const one = await client.readResource({ uri: String(source?.uri) });
      const detail = JSON.parse(textContent(one)) as {
        source: { name: string };
        documents: { uri: string; resource: string }[];
      };
      expect(detail.source.name).toBe('guides');
      expect(detail.documents.map((document) => document.uri).sort()).toEqual([
        'guides/caching.md',
        'guides/retries.md',
      ]);

      const caching = detail.documents.find((document) => document.uri === 'guides/caching.md');
      const text = await client.readResource({ uri: String(caching?.resource) });
      expect(text.contents[0]).toMatchObject({ mimeType: 'text/markdown' });
      expect(textContent(text)).toContain('Invalidate on\nwrite');
    });

    it('answers unknown resources with JSON-RPC errors carrying the code', async () => {
      await expect(
        client.readResource({ uri: `archon://documents/${'0'.repeat(32)}` }),
      ).rejects.toThrow(/-32002.*\[DOCUMENT_NOT_FOUND\]/);
      await expect(client.readResource({ uri: 'archon://sources/nope' })).rejects.toThrow(
        /\[SOURCE_NOT_FOUND\]/,
      );
      await expect(client.readResource({ uri: 'archon://documents/%E0%A4%A' })).rejects.toThrow(
        /\[INVALID_INPUT\]/,
      );
      await expect(client.readResource({ uri: 'archon://elsewhere' })).rejects.toThrow();
    });
  });
}
