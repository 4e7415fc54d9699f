import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { ArchonError } from '../core/errors.js';
import { defaultHome } from './default-home.js';
import { loadSettings } from './load-settings.js';

function temporaryHome(): string {
  return mkdtempSync(join(tmpdir(), 'archon-settings-'));
}

function expectConfigError(run: () => unknown, pattern: RegExp): void {
  try {
    run();
  } catch (error) {
    expect(ArchonError.isInstance(error)).toBe(true);
    expect((error as ArchonError).code).toBe('INVALID_CONFIG');
    expect((error as Error).message).toMatch(pattern);
    return;
  }
  throw new Error('expected INVALID_CONFIG');
}

describe('loadSettings', () => {
  it('uses defaults with the offline embedder', () => {
    const home = temporaryHome();
    const settings = loadSettings({ ARCHON_HOME: home });
    expect(settings.home).toBe(home);
    expect(settings.embedding.provider).toBe('hash');
    expect(settings.search.rrfK).toBe(60);
    expect(settings.ingest.targetTokens).toBeLessThanOrEqual(settings.ingest.maxTokens);
    expect(settings.knowledgePack).toBe(true);
  });

  it('lets --home override ARCHON_HOME', () => {
    const home = temporaryHome();
    expect(loadSettings({ ARCHON_HOME: '/elsewhere' }, { home }).home).toBe(home);
  });

  it('reads a YAML config file from the home and lets the environment win', () => {
    const home = temporaryHome();
    writeFileSync(
      join(home, 'config.yaml'),
      'search:\n  limit: 5\nembedding:\n  provider: hash\n  dimensions: 256\nmodel: openai:gpt-4o-mini\n',
    );
    const settings = loadSettings({ ARCHON_HOME: home, ARCHON_MODEL: 'anthropic:claude' });
    expect(settings.search.limit).toBe(5);
    expect(settings.embedding.dimensions).toBe(256);
    expect(settings.model).toBe('anthropic:claude');
  });

  it('reads an explicit JSON config file', () => {
    const home = temporaryHome();
    const file = join(home, 'custom.json');
    writeFileSync(file, JSON.stringify({ databaseUrl: 'postgres://x/y' }));
    expect(loadSettings({ ARCHON_HOME: home, ARCHON_CONFIG: file }).databaseUrl).toBe(
      'postgres://x/y',
    );
    expect(
      loadSettings({ ARCHON_DATABASE_URL: 'postgres://a/b' }, { home, configFile: file })
        .databaseUrl,
    ).toBe('postgres://a/b');
  });

  it('maps ARCHON_EMBEDDING names to embedding settings', () => {
    const home = temporaryHome();
    const openai = loadSettings({
      ARCHON_HOME: home,
      ARCHON_EMBEDDING: 'openai:text-embedding-3-small',
      OPENAI_API_KEY: 'sk-test',
      ARCHON_EMBEDDING_DIMENSIONS: '1536',
    });
    expect(openai.embedding).toMatchObject({
      provider: 'openai-compatible',
      model: 'text-embedding-3-small',
      baseUrl: 'https://api.openai.com/v1',
      apiKey: 'sk-test',
      dimensions: 1536,
    });
    const local = loadSettings({
      ARCHON_HOME: home,
      ARCHON_EMBEDDING: 'openai-compatible:nomic-embed-text',
      ARCHON_EMBEDDING_BASE_URL: 'http://127.0.0.1:11434/v1',
      ARCHON_EMBEDDING_API_KEY: 'local-key',
    });
    expect(local.embedding).toMatchObject({
      provider: 'openai-compatible',
      model: 'nomic-embed-text',
      baseUrl: 'http://127.0.0.1:11434/v1',
      apiKey: 'local-key',
    });
    expect(
      loadSettings({ ARCHON_HOME: home, ARCHON_EMBEDDING: 'hash:128' }).embedding,
    ).toMatchObject({
      provider: 'hash',
      dimensions: 128,
    });
    expect(loadSettings({ ARCHON_HOME: home, ARCHON_EMBEDDING: 'hash' }).embedding.provider).toBe(
      'hash',
    );
    expect(
      loadSettings({ ARCHON_HOME: home, ARCHON_EMBEDDING: 'hash:v1' }).embedding,
    ).toMatchObject({ provider: 'hash', model: 'hash:v1' });
  });

  it('rejects bad input with one clear line', () => {
    const home = temporaryHome();
    expectConfigError(
      () => loadSettings({ ARCHON_HOME: home, ARCHON_EMBEDDING: 'word2vec' }),
      /ARCHON_EMBEDDING/,
    );
    expectConfigError(
      () => loadSettings({ ARCHON_HOME: home, ARCHON_EMBEDDING: 'openai:' }),
      /ARCHON_EMBEDDING/,
    );
    expectConfigError(
      () => loadSettings({ ARCHON_HOME: home, ARCHON_EMBEDDING_DIMENSIONS: 'many' }),
      /positive integer/,
    );
    expectConfigError(
      () => loadSettings({ ARCHON_HOME: home, ARCHON_CONFIG: join(home, 'nope.yaml') }),
      /not found/,
    );
    writeFileSync(join(home, 'config.yaml'), 'search: [unclosed');
    expectConfigError(() => loadSettings({ ARCHON_HOME: home }), /not valid JSON or YAML/);
    writeFileSync(join(home, 'config.yaml'), '- a\n- b\n');
    expectConfigError(() => loadSettings({ ARCHON_HOME: home }), /must hold an object/);
    writeFileSync(join(home, 'config.yaml'), 'search:\n  limit: -1\n');
    expectConfigError(() => loadSettings({ ARCHON_HOME: home }), /search\.limit/);
    writeFileSync(join(home, 'config.yaml'), 'unknownKey: 1\n');
    expectConfigError(() => loadSettings({ ARCHON_HOME: home }), /unknownKey|Unrecognized/);
    writeFileSync(join(home, 'config.yaml'), 'ingest:\n  targetTokens: 900\n  maxTokens: 700\n');
    expectConfigError(() => loadSettings({ ARCHON_HOME: home }), /targetTokens/);
    writeFileSync(join(home, 'config.yaml'), 'ingest:\n  mergeSectionsBelow: 400\n');
    expectConfigError(() => loadSettings({ ARCHON_HOME: home }), /mergeSectionsBelow/);
    writeFileSync(join(home, 'config.yaml'), 'ingest:\n  mergeSectionsBelow: 0\n');
    expect(loadSettings({ ARCHON_HOME: home }).ingest.mergeSectionsBelow).toBe(0);
  });

  it('treats an empty config file as no settings', () => {
    const home = temporaryHome();
    writeFileSync(join(home, 'config.yml'), '');
    expect(loadSettings({ ARCHON_HOME: home }).search.limit).toBe(8);
  });
});

describe('defaultHome', () => {
  it('follows each platform convention', () => {
    expect(defaultHome({}, 'linux', '/home/ada')).toBe('/home/ada/.local/share/archon');
    expect(defaultHome({ XDG_DATA_HOME: '/data' }, 'linux', '/home/ada')).toBe('/data/archon');
    expect(defaultHome({}, 'darwin', '/Users/ada')).toBe(
      '/Users/ada/Library/Application Support/archon',
    );
    expect(defaultHome({ LOCALAPPDATA: 'C:/Local' }, 'win32', 'C:/Users/ada')).toMatch(
      /Local.archon$/,
    );
    expect(defaultHome({}, 'win32', '/u')).toMatch(/AppData.Local.archon$/);
  });
});

describe('model access', () => {
  it('reads the model name, base URL and keys from the environment', () => {
    const settings = loadSettings({
      ARCHON_HOME: temporaryHome(),
      ARCHON_MODEL: 'ollama:qwen2.5-coder:7b',
      ARCHON_MODEL_BASE_URL: 'http://127.0.0.1:11434/v1',
      ARCHON_MODEL_API_KEY: 'local',
      OPENAI_API_KEY: 'sk-openai',
      ANTHROPIC_API_KEY: 'sk-anthropic',
    });
    expect(settings.model).toBe('ollama:qwen2.5-coder:7b');
    expect(settings.modelAccess).toEqual({
      baseUrl: 'http://127.0.0.1:11434/v1',
      apiKey: 'local',
      openaiApiKey: 'sk-openai',
      anthropicApiKey: 'sk-anthropic',
      requiredForReadiness: false,
    });
    expect(loadSettings({ ARCHON_HOME: temporaryHome() }).modelAccess).toEqual({
      requiredForReadiness: false,
    });
  });
});

describe('switches and the log level', () => {
  it('defaults to an optional model, a guarded ingest and info logs', () => {
    const settings = loadSettings({ ARCHON_HOME: temporaryHome() });
    expect(settings.modelAccess.requiredForReadiness).toBe(false);
    expect(settings.ingest.allowPrivateNetworks).toBe(false);
    expect(settings.logLevel).toBe('info');
  });

  it('reads the switches and the level from the environment over the file', () => {
    const home = temporaryHome();
    writeFileSync(
      join(home, 'config.yaml'),
      'ingest:\n  pageLimit: 7\n  allowPrivateNetworks: false\nlogLevel: warn\nmodelAccess:\n  requiredForReadiness: true\n',
    );
    expect(loadSettings({ ARCHON_HOME: home })).toMatchObject({
      logLevel: 'warn',
      modelAccess: { requiredForReadiness: true },
      ingest: { pageLimit: 7, allowPrivateNetworks: false },
    });
    const fromEnvironment = loadSettings({
      ARCHON_HOME: home,
      ARCHON_INGEST_ALLOW_PRIVATE_NETWORKS: ' Yes ',
      ARCHON_MODEL_REQUIRED_FOR_READINESS: 'off',
      ARCHON_LOG_LEVEL: 'DEBUG',
    });
    expect(fromEnvironment).toMatchObject({
      logLevel: 'debug',
      modelAccess: { requiredForReadiness: false },
      ingest: { pageLimit: 7, allowPrivateNetworks: true },
    });
    expect(loadSettings({ ARCHON_HOME: home, ARCHON_LOG_LEVEL: '' }).logLevel).toBe('warn');
  });

  it('refuses a bad switch or level with one line naming the variable', () => {
    const home = temporaryHome();
    expectConfigError(
      () => loadSettings({ ARCHON_HOME: home, ARCHON_INGEST_ALLOW_PRIVATE_NETWORKS: 'maybe' }),
      /^ARCHON_INGEST_ALLOW_PRIVATE_NETWORKS must be true or false, got 'maybe'$/,
    );
    expectConfigError(
      () => loadSettings({ ARCHON_HOME: home, ARCHON_LOG_LEVEL: 'verbose' }),
      /^ARCHON_LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, got 'verbose'$/,
    );
    writeFileSync(join(home, 'config.json'), JSON.stringify({ logLevel: 'loud' }));
    expectConfigError(() => loadSettings({ ARCHON_HOME: home }), /logLevel/);
  });
});

describe('cache settings', () => {
  it('defaults to the in-process cache and takes Redis from ARCHON_REDIS_URL over the file', () => {
    const home = temporaryHome();
    expect(loadSettings({ ARCHON_HOME: home }).cache).toEqual({
      ttlSeconds: 300,
      maxEntries: 10_000,
      maxBytes: 64 * 1024 * 1024,
    });
    writeFileSync(
      join(home, 'config.yaml'),
      'cache:\n  url: redis://file-host:6379\n  ttlSeconds: 30\n  maxEntries: 5\n',
    );
    expect(loadSettings({ ARCHON_HOME: home }).cache).toMatchObject({
      url: 'redis://file-host:6379',
      ttlSeconds: 30,
      maxEntries: 5,
    });
    expect(
      loadSettings({ ARCHON_HOME: home, ARCHON_REDIS_URL: 'rediss://:secret@env-host:6380/2' })
        .cache,
    ).toMatchObject({ url: 'rediss://:secret@env-host:6380/2', ttlSeconds: 30 });
  });

  it('rejects a URL that is not Redis and limits that are not positive', () => {
    expect(() =>
      loadSettings({ ARCHON_HOME: temporaryHome(), ARCHON_REDIS_URL: 'http://cache:6379' }),
    ).toThrow(/cache\.url: cache\.url must be a redis:\/\/ or rediss:\/\/ URL/);
    const home = temporaryHome();
    writeFileSync(join(home, 'config.json'), JSON.stringify({ cache: { ttlSeconds: 0 } }));
    expect(() => loadSettings({ ARCHON_HOME: home })).toThrow(/cache\.ttlSeconds/);
  });
});
