import { describe, expect, it } from 'vitest';

import { createMcpFixture } from '../../test/mcp/support/mcp-fixture.js';
import { FunctionModel } from '../agent/index.js';
import { engineeringPackSourceName } from '../knowledge/pack/engineering-pack.js';
import { openMcpDependencies } from './open-mcp-dependencies.js';

describe('openMcpDependencies', () => {
  it('opens the home without an implement launcher when no model is configured', async () => {
    const fixture = await createMcpFixture();
    const opened = await openMcpDependencies(fixture.settings(), { version: '9.9.9' });
    try {
      expect(opened.dependencies.startImplement).toBeUndefined();
      expect(opened.dependencies.version).toBe('9.9.9');
      const sources = await opened.dependencies.knowledgeBase.listSources();
      expect(sources.map((source) => source.name)).toEqual(['guides']);
      expect(await opened.dependencies.runs.getRun('none')).toBeNull();
    } finally {
      await opened.close();
    }
  });

  it('adds a launcher when a model is configured or given', async () => {
    const fixture = await createMcpFixture();
    const named = await openMcpDependencies(
      fixture.settings({ ARCHON_MODEL: 'openai:gpt-4o', OPENAI_API_KEY: 'sk-test' }),
    );
    expect(named.dependencies.startImplement).toBeTypeOf('function');
    await named.close();
    const given = await openMcpDependencies(fixture.settings(), {
      languageModel: () => FunctionModel.sequence([]),
      onUnexpectedError: () => undefined,
    });
    expect(given.dependencies.startImplement).toBeTypeOf('function');
    expect(given.dependencies.onUnexpectedError).toBeTypeOf('function');
    await given.close();
  });

  it('ingests the engineering pack when the settings enable it', async () => {
    const fixture = await createMcpFixture();
    const settings = { ...fixture.settings(), knowledgePack: true };
    const opened = await openMcpDependencies(settings);
    try {
      const sources = await opened.dependencies.knowledgeBase.listSources();
      expect(sources.map((source) => source.name)).toContain(engineeringPackSourceName);
    } finally {
      await opened.close();
    }
  });

  it('fails with INVALID_CONFIG for a database URL this version cannot use', async () => {
    const fixture = await createMcpFixture();
    await expect(
      openMcpDependencies({ ...fixture.settings(), databaseUrl: 'postgres://x' }),
    ).rejects.toMatchObject({ code: 'INVALID_CONFIG' });
  });
});
