import { Writable } from 'node:stream';

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { ArchonError, ErrorCode } from '../core/errors.js';
import {
  childWithRequestId,
  createLogger,
  createRequestId,
  isValidRequestId,
  type LoggerOptions,
} from './logger.js';
import { redactionCensor } from './secret-patterns.js';

/** A logger writing into memory, and the lines it wrote so far. */
function capturedLogger(options: Omit<LoggerOptions, 'destination'> = {}) {
  const chunks: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      chunks.push(chunk.toString());
      callback();
    },
  });
  const logger = createLogger({ ...options, destination });
  const text = () => chunks.join('');
  const lines = () =>
    text()
      .split('\n')
      .filter((line) => line.length > 0)
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  return { logger, text, lines };
}

const openAiKey = 'sk-proj-Zz9Yy8Xx7Ww6Vv5Uu4Tt3Ss2';
const archonKey = 'archon_Q2x9vB7mK1pL4sT8wY3zR6nD0fH5jC2aE9gU1iO7kM3';

function expectCode(action: () => unknown, code: string): void {
  try {
    action();
  } catch (error) {
    expect(ArchonError.isInstance(error)).toBe(true);
    expect((error as ArchonError).code).toBe(code);
    return;
  }
  throw new Error('expected an ArchonError');
}

describe('createLogger', () => {
  it('writes one JSON object per line with an ISO time, a level name and the message', () => {
    const { logger, lines } = capturedLogger();
    logger.info({ route: '/v1/search' }, 'request');
    const [line] = lines();
    expect(line).toMatchObject({ level: 'info', route: '/v1/search', msg: 'request' });
    expect(typeof line?.time).toBe('string');
    expect(Number.isNaN(Date.parse(String(line?.time)))).toBe(false);
  });

  it('drops lines below the level', () => {
    const { logger, lines } = capturedLogger({ level: 'warn' });
    logger.info('hidden');
    logger.warn('shown');
    expect(lines().map((line) => line.msg)).toEqual(['shown']);
  });

  it('redacts request headers, credential fields and secret-shaped values everywhere', () => {
    const { logger, text, lines } = capturedLogger();
    logger.info(
      {
        req: {
          headers: {
            authorization: `Bearer ${archonKey}`,
            cookie: 'session=abc123',
            'x-api-key': archonKey,
            'set-cookie': ['a=1', 'b=2'],
            accept: 'application/json',
          },
        },
        settings: { modelAccess: { apiKey: openAiKey, baseUrl: 'https://api.example.com' } },
        database: { url: 'postgres://archon:pg-password-1@db:5432/archon' },
        user: { password: 'hunter2' },
        response: { headers: { 'set-cookie': { id: 'cookie-object-1' } } },
        a: { b: { c: { d: { apiKey: 987654321 } } } },
        token: 'plain-token-value',
        note: `someone pasted ${openAiKey} here`,
      },
      'key was %s and header was %s',
      openAiKey,
      `Bearer ${archonKey}`,
    );
    const output = text();
    for (const secret of [
      openAiKey,
      archonKey,
      'session=abc123',
      'pg-password-1',
      'hunter2',
      'plain-token-value',
      'a=1',
      'cookie-object-1',
      '987654321',
    ]) {
      expect(output).not.toContain(secret);
    }
    const [line] = lines();
    expect(line).toMatchObject({
      req: { headers: { authorization: redactionCensor, accept: 'application/json' } },
      settings: { modelAccess: { apiKey: redactionCensor, baseUrl: 'https://api.example.com' } },
      database: { url: `postgres://archon:${redactionCensor}@db:5432/archon` },
      user: { password: redactionCensor },
      msg: `key was ${redactionCensor} and header was Bearer ${redactionCensor}`,
    });
  });

  it('redacts secrets inside logged errors: message, stack and custom fields', () => {
    const { logger, text, lines } = capturedLogger();
    const error = Object.assign(new Error(`provider refused key ${openAiKey}`), {
      apiKey: openAiKey,
    });
    logger.error({ err: error }, 'model call failed');
    logger.error(new Error(`second ${archonKey}`));
    expect(text()).not.toContain(openAiKey);
    expect(text()).not.toContain(archonKey);
    expect(lines()).toHaveLength(2);
  });

  it('applies extra redaction paths and extra secret patterns', () => {
    const { logger, text } = capturedLogger({
      redact: ['body.credentials'],
      secretPatterns: [/tenant-secret-\d+/g],
    });
    logger.info({ body: { credentials: { user: 'u', pin: 1234 } } }, 'value tenant-secret-42');
    expect(text()).not.toContain('1234');
    expect(text()).not.toContain('tenant-secret-42');
  });

  it('refuses an unknown level, a bad redaction path and a pattern without the g flag', () => {
    expectCode(() => createLogger({ level: 'verbose' }), ErrorCode.InvalidConfig);
    expectCode(() => createLogger({ redact: ['a..b['] }), ErrorCode.InvalidConfig);
    expectCode(() => createLogger({ secretPatterns: [/x/] }), ErrorCode.InvalidConfig);
  });

  it('never writes a generated secret of any known shape, and every line stays JSON', () => {
    const { logger, text, lines } = capturedLogger();
    const body = fc.string({
      unit: fc.constantFrom(...'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz0123456789'),
      minLength: 43,
      maxLength: 43,
    });
    const shape = fc.constantFrom('sk-', 'archon_7', 'sk-ant-api03-', 'Bearer ');
    const secrets: string[] = [];
    fc.assert(
      fc.property(
        shape,
        body,
        fc.constantFrom('msg', 'field', 'nested', 'error'),
        (prefix, rest, place) => {
          const secret = `${prefix}${rest}`;
          secrets.push(rest);
          if (place === 'msg') logger.info(`value ${secret}`);
          else if (place === 'field') logger.info({ header: secret }, 'field');
          else if (place === 'nested') logger.info({ a: [{ b: { c: secret } }] }, 'nested');
          else logger.warn({ err: new Error(secret) }, 'error');
        },
      ),
      { numRuns: 300 },
    );
    const output = text();
    for (const rest of secrets) expect(output).not.toContain(rest);
    expect(lines()).toHaveLength(300);
  });
});

describe('request IDs', () => {
  it('childWithRequestId writes the request ID on every line of the child, redaction intact', () => {
    const { logger, lines } = capturedLogger();
    const child = childWithRequestId(logger, 'request-1');
    child.info('one');
    child.child({ step: 2 }).warn({ apiKey: openAiKey }, 'two');
    logger.info('parent');
    const written = lines();
    expect(written.map((line) => line.requestId)).toEqual(['request-1', 'request-1', undefined]);
    expect(written[1]?.apiKey).toBe(redactionCensor);
  });

  it('creates valid IDs and refuses malformed ones', () => {
    const id = createRequestId();
    expect(isValidRequestId(id)).toBe(true);
    expect(createRequestId()).not.toBe(id);
    for (const bad of ['', 'a b', 'x'.repeat(129), 'line\nbreak', '{"json":1}', 42, undefined]) {
      expect(isValidRequestId(bad)).toBe(false);
    }
    const { logger } = capturedLogger();
    expectCode(() => childWithRequestId(logger, 'has space'), ErrorCode.InvalidInput);
  });
});
