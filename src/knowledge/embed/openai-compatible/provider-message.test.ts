import { describe, expect, it } from 'vitest';

import { providerMessage, redact } from './provider-message.js';

describe('providerMessage', () => {
  it.each([
    ['{"error":{"message":"model not found","type":"invalid_request_error"}}', 'model not found'],
    ['{"error":"quota exceeded"}', 'quota exceeded'],
    ['{"message":"bad input"}', 'bad input'],
    ['{"detail":"Not authenticated"}', 'Not authenticated'],
    ['{"error":{"code":1}}', '{"error":{"code":1}}'],
    ['[1,2]', '[1,2]'],
    ['null', 'null'],
    ['<html>\n  <body>Bad   Gateway</body>\n</html>', '<html> <body>Bad Gateway</body> </html>'],
    ['', 'no message'],
    ['   ', 'no message'],
  ])('reads %j as %j', (body, expected) => {
    expect(providerMessage(body)).toBe(expected);
  });

  it('cuts long messages to 300 characters', () => {
    const message = providerMessage('x'.repeat(1000));
    expect(message).toHaveLength(303);
    expect(message.endsWith('...')).toBe(true);
  });
});

describe('redact', () => {
  it('replaces every occurrence of each secret and ignores missing ones', () => {
    expect(redact('key sk-1 and sk-1 again, token t-2', ['sk-1', undefined, '', 't-2'])).toBe(
      'key [redacted] and [redacted] again, token [redacted]',
    );
  });
});
