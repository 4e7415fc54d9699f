import { describe, expect, it } from 'vitest';

import { buildCommandEnvironment, isSecretVariable } from './safe-environment.js';

describe('isSecretVariable', () => {
  it.each([
    'OPENAI_API_KEY',
    'ARCHON_OPENAI_API_KEY',
    'AWS_REGION',
    'GITHUB_TOKEN',
    'DB_PASSWORD',
    'my_secret',
    'SENTRY_DSN',
    'NPM_CONFIG_USERCONFIG',
  ])('%s is secret', (name) => {
    expect(isSecretVariable(name)).toBe(true);
  });

  it('treats URLs with credentials as secret and plain names as not', () => {
    expect(isSecretVariable('DATABASE_URL', 'postgres://u:p@host/db')).toBe(true);
    expect(isSecretVariable('DATABASE_URL', 'postgres://host/db')).toBe(false);
    expect(isSecretVariable('LANG', 'C.UTF-8')).toBe(false);
  });
});

describe('buildCommandEnvironment', () => {
  it('keeps allow-listed and locale variables, drops secrets, sets home and temp', () => {
    const { variables, dropped } = buildCommandEnvironment({
      parent: {
        PATH: '/bin',
        LANG: 'C',
        LC_ALL: 'C',
        OPENAI_API_KEY: 'sk',
        RANDOM_THING: 'x',
        CI: 'true',
      },
      home: '/tmp/h',
      temporaryDirectory: '/tmp/t',
      extra: { FEATURE: 'on', API_TOKEN: 't', HOME: '/root', NOTHING: undefined },
    });
    expect(variables).toEqual({
      PATH: '/bin',
      LANG: 'C',
      LC_ALL: 'C',
      CI: 'true',
      FEATURE: 'on',
      HOME: '/tmp/h',
      TMPDIR: '/tmp/t',
    });
    expect(dropped).toEqual(['API_TOKEN']);
  });

  it('supplies PATH and CI when the parent has none', () => {
    const { variables } = buildCommandEnvironment({
      parent: {},
      home: '/h',
      temporaryDirectory: '/t',
    });
    expect(variables).toEqual({
      PATH: '/usr/local/bin:/usr/bin:/bin',
      CI: '1',
      HOME: '/h',
      TMPDIR: '/t',
    });
  });
});
