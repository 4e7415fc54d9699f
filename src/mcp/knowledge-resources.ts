/**
 * Sources and documents as MCP resources, for clients that let a person attach
 * context: `archon://sources` (all sources), `archon://sources/{id}` (one source with
 * its documents) and `archon://documents/{id}` (a document's text). The document
 * template's list stops at {@link maximumListedDocuments}; every document stays
 * reachable through its source's resource.
 */
import { type McpServer, ResourceTemplate } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { Variables } from '@modelcontextprotocol/sdk/shared/uriTemplate.js';
import type { ReadResourceResult, Resource } from '@modelcontextprotocol/sdk/types.js';

import { ArchonError, ErrorCode } from '../core/errors.js';
import { formatDocument } from './document-text.js';
import type { McpDependencies } from './mcp-dependencies.js';
import { resourceReadError } from './mcp-errors.js';

/** Documents listed by the `archon://documents/{id}` template. */
export const maximumListedDocuments = 1000;

/** Registers the three resources on `server`. */
export function registerKnowledgeResources(server: McpServer, dependencies: McpDependencies): void {
  const { knowledgeBase, onUnexpectedError } = dependencies;
  const guarded =
    <Arguments extends unknown[], Result>(
      where: string,
      read: (...values: Arguments) => Promise<Result>,
    ) =>
    async (...values: Arguments): Promise<Result> => {
      try {
        return await read(...values);
      } catch (error) {
        throw resourceReadError(error, where, onUnexpectedError);
      }
    };

  server.registerResource(
    'sources',
    'archon://sources',
    { description: 'All knowledge sources with their sizes', mimeType: 'application/json' },
    guarded('resource archon://sources', async (uri: URL) =>
      json(uri, { sources: await knowledgeBase.listSources() }),
    ),
  );

  server.registerResource(
    'source',
    new ResourceTemplate('archon://sources/{id}', {
      list: guarded('resource list archon://sources/{id}', async () => ({
        resources: (await knowledgeBase.listSources()).map((source): Resource => ({
          uri: `archon://sources/${encodeURIComponent(source.id)}`,
          name: source.name,
          description: `${source.kind} source, ${source.documentCount} documents`,
          mimeType: 'application/json',
        })),
      })),
    }),
    { description: 'One source and the ids of its documents', mimeType: 'application/json' },
    guarded('resource archon://sources/{id}', async (uri: URL, variables: Variables) => {
      const source = await knowledgeBase.getSource(variableOf(variables));
      const documents = await knowledgeBase.store.listFingerprints(source.id);
      return json(uri, {
        source,
        documents: documents.map((document) => ({
          id: document.id,
          uri: document.uri,
          resource: `archon://documents/${document.id}`,
        })),
      });
    }),
  );

  server.registerResource(
    'document',
    new ResourceTemplate('archon://documents/{id}', {
      list: guarded('resource list archon://documents/{id}', async () => ({
        resources: await listDocuments(dependencies),
      })),
    }),
    { description: 'A document as text', mimeType: 'text/markdown' },
    guarded('resource archon://documents/{id}', async (uri: URL, variables: Variables) => {
      const { document, chunks } = await knowledgeBase.getDocument(variableOf(variables));
      const text = formatDocument(document, chunks, {
        maximumCharacters: Number.POSITIVE_INFINITY,
      });
      return { contents: [{ uri: uri.href, mimeType: 'text/markdown', text }] };
    }),
  );
}

async function listDocuments(dependencies: McpDependencies): Promise<Resource[]> {
  const { knowledgeBase } = dependencies;
  const resources: Resource[] = [];
  for (const source of await knowledgeBase.listSources()) {
    for (const document of await knowledgeBase.store.listFingerprints(source.id)) {
      if (resources.length >= maximumListedDocuments) return resources;
      resources.push({
        uri: `archon://documents/${document.id}`,
        name: document.uri,
        description: `document of source ${source.name}`,
        mimeType: 'text/markdown',
      });
    }
  }
  return resources;
}

/** The one `{id}` of a matched template, decoded; INVALID_INPUT for a list or an empty id. */
function variableOf(variables: Variables): string {
  const value = variables.id;
  try {
    if (typeof value === 'string' && value !== '') return decodeURIComponent(value);
  } catch {
    // Malformed percent-encoding: reported below like any other bad id.
  }
  throw new ArchonError(ErrorCode.InvalidInput, 'the resource URI needs one well-formed id');
}

function json(uri: URL, value: unknown): ReadResourceResult {
  return {
    contents: [{ uri: uri.href, mimeType: 'application/json', text: JSON.stringify(value) }],
  };
}
