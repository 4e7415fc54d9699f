import { describe, expect, it } from 'vitest';

import { ArchonError, ErrorCode } from '../../../../core/errors.js';
import { addressRefusal, assertAllowedUrl, isUrlNotAllowed } from './url-policy.js';

const strict = { allowPrivateNetworks: false };
const intranet = { allowPrivateNetworks: true };

function refusal(url: string, policy = strict): string {
  try {
    assertAllowedUrl(url, policy);
  } catch (error) {
    expect(isUrlNotAllowed(error)).toBe(true);
    return (error as Error).message;
  }
  return 'allowed';
}

describe('assertAllowedUrl', () => {
  it('refuses other schemes and refused IP literals in every spelling, with one line', () => {
    expect(refusal('file:///etc/passwd')).toBe(
      'URL not allowed: file:///etc/passwd: the scheme file: is not http(s)',
    );
    expect(refusal('gopher://127.0.0.1/')).toMatch(/scheme gopher: is not http\(s\)/);
    expect(refusal('http://127.1:8080/docs')).toBe(
      'URL not allowed: http://127.0.0.1:8080/docs: 127.0.0.1 is a loopback address (set ingest.allowPrivateNetworks to allow it)',
    );
    for (const url of [
      'http://0x7f.1/',
      'http://[::1]/',
      'http://[::ffff:127.0.0.1]/',
      'http://10.0.0.8/',
      'http://100.100.100.200/',
      'http://[fd00::1]/',
      'http://0.0.0.0:8000/',
      'https://169.254.169.254/latest/meta-data/',
      'http://[fe80::1]/',
      'http://224.0.0.1/',
    ]) {
      expect(refusal(url)).toMatch(/^URL not allowed: /);
    }
  });

  it('lets host names and public addresses through (their addresses are checked on connect)', () => {
    for (const url of ['https://docs.example.com/', 'http://localhost:3000/', 'http://8.8.8.8/']) {
      expect(refusal(url)).toBe('allowed');
    }
  });

  it('with private networks allowed, still refuses metadata, unspecified and multicast addresses', () => {
    for (const url of ['http://127.0.0.1:8080/', 'http://10.1.2.3/', 'http://[fd00::1]/']) {
      expect(refusal(url, intranet)).toBe('allowed');
    }
    expect(refusal('http://169.254.169.254/', intranet)).toBe(
      'URL not allowed: http://169.254.169.254/: 169.254.169.254 is a link-local address',
    );
    expect(refusal('http://[::ffff:169.254.169.254]/', intranet)).toMatch(/link-local/);
    expect(refusal('http://0.0.0.0/', intranet)).toMatch(/unspecified/);
    expect(refusal('http://239.1.1.1/', intranet)).toMatch(/multicast/);
    expect(refusal('ftp://10.1.2.3/', intranet)).toMatch(/scheme ftp:/);
  });

  it('says INVALID_INPUT for text that is no URL, and classifies addresses for the lookup', () => {
    try {
      assertAllowedUrl('not a url', strict);
      throw new Error('expected INVALID_INPUT');
    } catch (error) {
      expect(ArchonError.isInstance(error) && error.code === ErrorCode.InvalidInput).toBe(true);
    }
    expect(addressRefusal('93.184.216.34', strict)).toBeUndefined();
    expect(addressRefusal('192.168.0.10', strict)).toMatch(/^a private address/);
    expect(addressRefusal('192.168.0.10', intranet)).toBeUndefined();
  });
});
