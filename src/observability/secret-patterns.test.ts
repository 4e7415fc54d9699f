import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { redactionCensor, redactJsonLine, redactSecretText } from './secret-patterns.js';

const openAiKey = 'sk-proj-Abc123Def456Ghi789Jkl012';
const anthropicKey = 'sk-ant-api03-AbCdEfGhIjKlMnOpQrStUv';
const archonKey = 'archon_Q2x9vB7mK1pL4sT8wY3zR6nD0fH5jC2aE9gU1iO7kM3';
const githubToken = 'ghp_abcdefghijklmnopqrstuvwxyz0123456789';
const awsKeyId = 'AKIAIOSFODNN7EXAMPLE';
const googleKey = 'AIzaSyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q';
const slackToken = 'xoxb-1234567890-abcdefghij';
const jsonWebToken =
  'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U';

describe('redactSecretText', () => {
  it.each([
    ['OpenAI key', openAiKey],
    ['Anthropic key', anthropicKey],
    ['Archon API key', archonKey],
    ['GitHub token', githubToken],
    ['AWS access key id', awsKeyId],
    ['Google API key', googleKey],
    ['Slack token', slackToken],
    ['JSON Web Token', jsonWebToken],
  ])('removes a %s from running text', (_kind, secret) => {
    const redacted = redactSecretText(`calling with ${secret}, then stopping`);
    expect(redacted).not.toContain(secret);
    expect(redacted).toBe(`calling with ${redactionCensor}, then stopping`);
  });

  it('keeps the authorization scheme and drops the credentials', () => {
    expect(redactSecretText('Authorization: Bearer abc.def-ghi_jkl')).toBe(
      `Authorization: Bearer ${redactionCensor}`,
    );
    expect(redactSecretText('basic dXNlcjpwYXNzd29yZA==')).toBe(`basic ${redactionCensor}`);
  });

  it('drops the password of a URL and keeps the user and host', () => {
    expect(redactSecretText('postgres://archon:s3cr3t-pw@db.internal:5432/archon')).toBe(
      `postgres://archon:${redactionCensor}@db.internal:5432/archon`,
    );
  });

  it('leaves ordinary text, metric names and key prefixes alone', () => {
    const text =
      'archon_http_request_duration_seconds_bucket rose; key archon_ab12 listed; task-runner and sk-short fine; https://example.com/a:b';
    expect(redactSecretText(text)).toBe(text);
  });

  it('applies extra patterns', () => {
    expect(redactSecretText('tenant T-9911 says hi', [/T-\d{4}/g])).toBe(
      `tenant ${redactionCensor} says hi`,
    );
  });

  it('never lets a generated OpenAI-shaped key through, whatever surrounds it', () => {
    const keyBody = fc.string({
      unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-'),
      minLength: 20,
      maxLength: 60,
    });
    const surrounding = fc.string({
      unit: fc.constantFrom(' ', ':', '=', '"', ',', '\n', '(', ')'),
    });
    fc.assert(
      fc.property(surrounding, keyBody, surrounding, (before, body, after) => {
        const secret = `sk-${body}`;
        expect(redactSecretText(`${before}${secret}${after}`)).not.toContain(secret);
      }),
      { numRuns: 500 },
    );
  });
});

describe('redactJsonLine', () => {
  it('redacts string values of secret-named fields at any depth, case-insensitively', () => {
    const line = JSON.stringify({
      a: { b: { c: { Password: 'hunter2', API_KEY: 'plain', 'X-Api-Key': 'k1' } } },
      list: [{ token: 'short' }],
      tokens: 42,
      keyName: 'visible',
    });
    const parsed = JSON.parse(redactJsonLine(line)) as Record<string, unknown>;
    expect(parsed).toEqual({
      a: {
        b: {
          c: { Password: redactionCensor, API_KEY: redactionCensor, 'X-Api-Key': redactionCensor },
        },
      },
      list: [{ token: redactionCensor }],
      tokens: 42,
      keyName: 'visible',
    });
  });

  it('redacts numbers, booleans and lists of scalars under secret-named fields', () => {
    const line = JSON.stringify({
      deep: { user: { password: 123456, token: true, 'set-cookie': ['a=1', 'b="2"'] } },
      later: { secret: null, keep: [1, 2] },
      nested: { cookie: { session: 'object values are left to their own fields' } },
    });
    const parsed = JSON.parse(redactJsonLine(line)) as Record<string, unknown>;
    expect(parsed).toEqual({
      deep: {
        user: { password: redactionCensor, token: redactionCensor, 'set-cookie': redactionCensor },
      },
      later: { secret: null, keep: [1, 2] },
      nested: { cookie: { session: 'object values are left to their own fields' } },
    });
  });

  it('consumes escaped quotes inside a secret value and keeps the line valid JSON', () => {
    const line = JSON.stringify({ password: 'a"b\\c","x":"y', after: 1 });
    const redacted = redactJsonLine(line);
    expect(JSON.parse(redacted)).toEqual({ password: redactionCensor, after: 1 });
  });

  it('leaves a field name quoted inside a message alone but still removes key shapes', () => {
    const line = JSON.stringify({ msg: `body was {"password":"p", "k":"${openAiKey}"}` });
    const parsed = JSON.parse(redactJsonLine(line)) as { msg: string };
    expect(parsed.msg).toBe(`body was {"password":"p", "k":"${redactionCensor}"}`);
  });
});
