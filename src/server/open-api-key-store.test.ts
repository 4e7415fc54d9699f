import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { openApiKeyStore } from './open-api-key-store.js';

describe('openApiKeyStore', () => {
  it('opens the store in the home database, creating the home', async () => {
    const home = join(mkdtempSync(join(tmpdir(), 'archon-keys-home-')), 'nested', 'home');
    const store = await openApiKeyStore(home);
    const created = await store.create('cli');
    await store.close();
    const again = await openApiKeyStore(home);
    expect(await again.verify(created.key)).toMatchObject({ name: 'cli' });
    expect(again.path).toBe(join(home, 'archon.db'));
    await again.close();
  });
});
