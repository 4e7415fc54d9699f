/**
 * fast-check generators of MCP calls for fuzzing the Archon MCP server: arguments of
 * every tool derived from a valid template (fields replaced by hostile texts, paths,
 * numeric edges or arbitrary JSON, dropped, or joined by unknown fields), arguments
 * that are not objects, unknown tools, resource URIs (malformed, unknown ids, huge,
 * unicode, traversal), other protocol methods, and raw JSON-RPC bodies for `/mcp`.
 *
 * The real workspace of implement runs is only ever paired with a fixed safe check
 * command: a generated check must never run, so every other generated workspace lies
 * outside the allowed paths.
 */
import { isAbsolute } from 'node:path';

import fc from 'fast-check';

import { anyJson, anyText, nearValid } from '../../support/fuzz-values.js';

/** What the generators aim at: real ids and paths of the server under test. */
export interface McpFuzzTargets {
  /** A folder inside the allowed paths with one small Markdown file. */
  readonly allowedFolder: string;
  /** An empty folder inside the allowed paths, for implement runs that start. */
  readonly workspace: string;
  /** A real file outside the allowed paths. */
  readonly outsideFile: string;
  /** A symbolic link inside the allowed folder to a file outside the allowed paths. */
  readonly escapingLink: string;
  /** Ids of documents that exist. */
  readonly documentIds: readonly string[];
  /** Ids or names of sources that exist. */
  readonly sources: readonly string[];
  /** Ids of runs that exist; grows while the fuzzing starts runs. */
  readonly runIds: readonly string[];
}

/** One generated call through the MCP client. */
export type McpFuzzCall =
  | { readonly kind: 'tool'; readonly name: string; readonly arguments: Record<string, unknown> }
  | { readonly kind: 'tool-raw'; readonly params: unknown }
  | { readonly kind: 'resource'; readonly uri: unknown }
  | { readonly kind: 'method'; readonly method: string; readonly params?: unknown };

const largeText = 'x'.repeat(100_001);
const hugeUri = `archon://documents/${'a'.repeat(1_000_001)}`;

const hostileText = fc.oneof(
  anyText,
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.constantFrom(
    'a OR b',
    '"unterminated',
    'NEAR(retry backoff)',
    '*',
    'retry AND',
    '-',
    '^title',
    'title:retry',
    "'; DROP TABLE documents; --",
    '\u202eevil',
    '\ud800',
    '😀'.repeat(50),
    'x'.repeat(2001),
    largeText,
  ),
);

const edgeNumber = fc.oneof(
  fc.constantFrom(0, -0, -1, 1, 1.5, 20, 21, 100_000_000, 100_000_001, 2 ** 31, 2 ** 53 + 2),
  fc.constantFrom(Number.MAX_SAFE_INTEGER, 1e308, -1e308, 5e-324),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

/** Paths and URLs an agent might pass as a target; the policy decides which are allowed. */
function targetText(targets: McpFuzzTargets): fc.Arbitrary<string> {
  const inside = targets.allowedFolder;
  return fc.oneof(
    fc.constantFrom(
      inside,
      `${inside}/note.md`,
      `${inside}/missing.md`,
      `${inside}/../..`,
      `${inside}/../../etc/passwd`,
      `${inside}/\u0000x`,
      `${inside}/${'a'.repeat(300)}`,
      `${inside}/${'a/'.repeat(2100)}`,
      targets.escapingLink,
      targets.outsideFile,
      '/etc/passwd',
      '/',
      '/proc/self/environ',
      'relative/path',
      './notes',
      '~',
      'C:\\Windows',
      '\\\\server\\share',
      'file:///etc/passwd',
      'http://127.0.0.1:9/page',
      'https://example.invalid/llms.txt',
      'HTTPS://EXAMPLE.INVALID/sitemap.xml',
      'http://',
      'https://[::1',
      'http://a b',
      'javascript:alert(1)',
      'data:text/html,x',
    ),
    anyText,
  );
}

const refusedWorkspaces = [
  '/definitely/not/allowed',
  '/',
  '/etc',
  'repo',
  '',
  '/tmp/\u0000',
  '../..',
];

/** Workspaces that are never allowed: implement must refuse them before any check runs. */
const refusedWorkspace = fc.oneof(fc.constantFrom(...refusedWorkspaces), anyText);

/** Any other absolute path might lie inside the allowed paths: swapped for a refused one. */
function withRefusedWorkspace(value: Record<string, unknown>): Record<string, unknown> {
  const { workspace } = value;
  return typeof workspace === 'string' &&
    isAbsolute(workspace) &&
    !refusedWorkspaces.includes(workspace)
    ? { ...value, workspace: refusedWorkspaces[0] }
    : value;
}

function known(values: readonly string[]): fc.Arbitrary<string> {
  return fc.nat().map((index) => values[index % Math.max(values.length, 1)] ?? 'none');
}

function arguments_(
  template: Record<string, unknown>,
  ...special: fc.Arbitrary<unknown>[]
): fc.Arbitrary<Record<string, unknown>> {
  return nearValid(
    template,
    fc.oneof(
      { weight: 3, arbitrary: anyJson },
      { weight: 3, arbitrary: hostileText },
      { weight: 2, arbitrary: edgeNumber },
      ...special.map((arbitrary) => ({ weight: 3, arbitrary })),
    ),
  );
}

function tool(
  name: string,
  argumentsArbitrary: fc.Arbitrary<Record<string, unknown>>,
): fc.Arbitrary<McpFuzzCall> {
  return argumentsArbitrary.map((value) => ({ kind: 'tool', name, arguments: value }));
}

/** A generator of tool calls per tool, plus unknown tools and non-object arguments. */
export function toolCallFuzzers(
  targets: McpFuzzTargets,
): Readonly<Record<string, fc.Arbitrary<McpFuzzCall>>> {
  const documentId = known(targets.documentIds);
  const source = known(targets.sources);
  const lines = fc.oneof(edgeNumber, fc.integer({ min: 1, max: 40 }));
  return {
    search_knowledge: tool(
      'search_knowledge',
      arguments_({ query: 'retry', limit: 3, source: 'guides', code_only: false }, source),
    ),
    search_code_examples: tool(
      'search_code_examples',
      arguments_(
        { query: 'retry', limit: 3, language: 'typescript', source: 'guides' },
        source,
        fc.constantFrom('ts', 'TypeScript', 'c++', 'C#', 'objective-c', ''),
      ),
    ),
    list_sources: tool('list_sources', arguments_({ verbose: true })),
    read_document: tool(
      'read_document',
      arguments_(
        { id: targets.documentIds[0] ?? 'none', start_line: 1, end_line: 5 },
        documentId,
        lines,
      ),
    ),
    add_source: tool(
      'add_source',
      arguments_(
        { target: targets.allowedFolder, name: 'fuzzed', tags: ['a'] },
        targetText(targets),
        fc.array(hostileText, { maxLength: 60 }),
      ),
    ),
    implement: fc.oneof(
      {
        weight: 20,
        arbitrary: tool(
          'implement',
          arguments_(
            { spec: 'Make it so.', workspace: '/definitely/not/allowed', checks: ['npm test'] },
            refusedWorkspace,
          ).map(withRefusedWorkspace),
        ),
      },
      {
        weight: 1,
        arbitrary: fc
          .tuple(hostileText, fc.constantFrom([], ['node --version']))
          .map(([spec, checks]) => ({
            kind: 'tool' as const,
            name: 'implement',
            arguments: { spec, workspace: targets.workspace, checks },
          })),
      },
    ),
    get_run: tool('get_run', arguments_({ id: 'unknown-run' }, known(targets.runIds), fc.uuid())),
    'unknown tools': fc
      .tuple(
        fc.oneof(
          fc.constantFrom(
            'Search_Knowledge',
            'search_knowledge ',
            '',
            '__proto__',
            'constructor',
            'toString',
            'hasOwnProperty',
          ),
          anyText,
        ),
        fc.dictionary(fc.string({ maxLength: 8 }), anyJson, { maxKeys: 3 }),
      )
      .map(([name, value]) => ({ kind: 'tool', name, arguments: value })),
    'malformed tools/call params': fc
      .oneof(
        anyJson,
        fc.dictionary(fc.string({ maxLength: 8 }), anyJson, { maxKeys: 3 }),
        fc.record(
          { name: fc.oneof(anyJson, fc.constant('search_knowledge')), arguments: anyJson },
          { requiredKeys: [] },
        ),
      )
      .map((params) => ({ kind: 'tool-raw', params })),
  };
}

/** Percent-encoded; lone surrogates (which cannot be encoded) become U+FFFD first. */
function percentEncoded(value: string): string {
  return encodeURIComponent(Buffer.from(value, 'utf8').toString('utf8'));
}

const uriSegment = (targets: McpFuzzTargets): fc.Arbitrary<string> =>
  fc.oneof(
    known(targets.documentIds),
    known(targets.sources),
    fc.stringMatching(/^[0-9a-f]{32}$/),
    hostileText,
    hostileText.map(percentEncoded),
    fc.constantFrom(
      '..',
      '../../etc/passwd',
      '%2e%2e%2f%2e%2e%2fetc%2fpasswd',
      '%E0%A4%A',
      '%',
      '%zz',
      '{id}',
      'a/b',
      '?x=1',
      '#fragment',
      'é',
      '%00',
      'a'.repeat(100_000),
    ),
  );

/** Resource reads: URIs malformed, of unknown ids, huge, unicode, traversal, not strings. */
export function resourceFuzzer(targets: McpFuzzTargets): fc.Arbitrary<McpFuzzCall> {
  const uri: fc.Arbitrary<unknown> = fc.oneof(
    {
      weight: 6,
      arbitrary: fc
        .tuple(
          fc.constantFrom(
            'archon://sources/',
            'archon://documents/',
            'archon://documents//',
            'archon://sources/x/',
            'ARCHON://documents/',
          ),
          uriSegment(targets),
        )
        .map(([prefix, segment]) => `${prefix}${segment}`),
    },
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        'archon://sources',
        'archon://sources/',
        'archon://documents',
        'archon://',
        'archon:',
        'ARCHON://SOURCES',
        'archon:///sources',
        'archon://sources?x=1',
        'archon://sources#x',
        'archon://user:secret@sources',
        'archon://documents/{id}',
        'file:///etc/passwd',
        'http://127.0.0.1:9/',
        '',
        ' ',
        'not a uri',
        '://',
        hugeUri,
      ),
    },
    { weight: 2, arbitrary: hostileText },
    { weight: 1, arbitrary: anyJson },
  );
  return uri.map((value) => ({ kind: 'resource', uri: value }));
}

/** Other methods: the lists, ping, and methods this server does not offer. */
export const methodFuzzer: fc.Arbitrary<McpFuzzCall> = fc
  .tuple(
    fc.constantFrom(
      'tools/list',
      'resources/list',
      'resources/templates/list',
      'ping',
      'prompts/list',
      'prompts/get',
      'completion/complete',
      'logging/setLevel',
      'resources/subscribe',
      'tasks/list',
      'sampling/createMessage',
      'nope',
      '',
      'tools/call/extra',
    ),
    fc.option(anyJson, { nil: undefined }),
  )
  .map(([method, params]) => ({
    kind: 'method',
    method,
    ...(params === undefined ? {} : { params }),
  }));

const validMessage = {
  jsonrpc: '2.0',
  id: 1,
  method: 'tools/call',
  params: { name: 'search_knowledge', arguments: { query: 'retry' } },
};

const jsonRpcMessage: fc.Arbitrary<unknown> = nearValid(
  validMessage,
  fc.oneof(
    anyJson,
    fc.constantFrom('1.0', '2', 2, '2.0 ', null, 1e308, -1, 2 ** 53 + 2, 'x'.repeat(10_000)),
    fc.constantFrom(
      'initialize',
      'ping',
      'tools/list',
      'resources/read',
      'notifications/initialized',
      'notifications/cancelled',
    ),
    fc.constantFrom(
      { name: 'read_document', arguments: { id: '../../etc/passwd' } },
      { uri: 'archon://documents/%E0%A4%A' },
      { uri: 'not a uri' },
      { name: 'get_run' },
      { protocolVersion: '1999-01-01', capabilities: {}, clientInfo: { name: 'x', version: '1' } },
    ),
  ),
);

/** Raw bodies for `POST /mcp`: near-valid messages, batches, not JSON at all. */
export const rawBodyFuzzer: fc.Arbitrary<string> = fc.oneof(
  { weight: 5, arbitrary: jsonRpcMessage.map((value) => JSON.stringify(value)) },
  {
    weight: 2,
    arbitrary: fc.array(jsonRpcMessage, { maxLength: 5 }).map((values) => JSON.stringify(values)),
  },
  { weight: 1, arbitrary: anyJson.map((value) => JSON.stringify(value) ?? 'null') },
  {
    weight: 2,
    arbitrary: fc.oneof(
      fc.string({ maxLength: 60 }),
      fc.constantFrom(
        '{',
        '[',
        '[]',
        '{"jsonrpc":"2.0"',
        '{"jsonrpc":"2.0","id":1}',
        '{"jsonrpc":"2.0","method":"ping"}',
        '{"jsonrpc":"2.0","id":1e400,"method":"ping"}',
        '{"jsonrpc":"2.0","id":123456789012345678901234567890,"method":"ping"}',
        '\u0000',
        '',
      ),
    ),
  },
);
