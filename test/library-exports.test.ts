/** The package's library entry exports what its README promises, test models included. */
import { describe, expect, it } from 'vitest';

import * as archon from '../src/index.js';

describe('library exports', () => {
  it('exposes the knowledge base, the runtime, the test models and the engineer', async () => {
    for (const name of [
      'KnowledgeBase',
      'openKnowledgeBase',
      'Agent',
      'defineTool',
      'FunctionModel',
      'TestModel',
      'ReplayModel',
      'resolveModel',
      'implementTask',
      'askQuestion',
      'createHashingEmbedder',
      'ArchonError',
      'SqliteKnowledgeStore',
      'SqliteRunStore',
    ]) {
      expect(typeof (archon as Record<string, unknown>)[name], name).toBe('function');
    }
    const agent = new archon.Agent({ name: 'echo', instructions: 'Say hi.' });
    const result = await agent.run('hi', { model: new archon.TestModel({ text: 'hello' }) });
    expect(result.stopReason).toBe('completed');
    expect(result.output).toBe('hello');
  });
});
