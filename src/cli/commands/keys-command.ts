/** `archon keys create|list|revoke`: API keys for the HTTP and MCP endpoints, stored hashed. */
import { join } from 'node:path';

import type { Command } from 'commander';

import type { ApiKeyRecord } from '../../core/api-key-store.js';
import { SqliteApiKeyStore } from '../../storage/sqlite/sqlite-api-keys.js';
import type { CliContext } from '../cli-context.js';

async function withKeys<T>(
  context: CliContext,
  work: (store: SqliteApiKeyStore) => Promise<T>,
): Promise<T> {
  const store = new SqliteApiKeyStore(join(context.settings.home, 'archon.db'));
  await store.open();
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

export function registerKeysCommand(program: Command, context: CliContext): void {
  const keys = program
    .command('keys')
    .description('manage API keys for `archon serve` (required when it listens beyond loopback)')
    .enablePositionalOptions();

  keys
    .command('create')
    .description('create a key; its secret is printed once and stored only as a hash')
    .argument('<name>', 'a name to recognise the key by')
    .option('--json', 'print as JSON')
    .action(async (name: string, options: { json?: boolean }) => {
      const created = await withKeys(context, (store) => store.create(name));
      if (options.json === true) context.printJson(created);
      else
        context.print(
          `${created.key}\n(key ${created.record.name}, id ${created.record.id}: shown once, store it now)`,
        );
    });

  keys
    .command('list')
    .description('list keys (never their secrets)')
    .option('--json', 'print as JSON')
    .action(async (options: { json?: boolean }) => {
      const list = await withKeys(context, (store) => store.list());
      if (options.json === true) context.printJson({ keys: list });
      else if (list.length === 0) context.print('no API keys yet: `archon keys create <name>`');
      else for (const key of list) context.print(describeKey(key));
    });

  keys
    .command('revoke')
    .description('revoke a key by name or id')
    .argument('<key>', 'key name or id')
    .option('--json', 'print as JSON')
    .action(async (idOrName: string, options: { json?: boolean }) => {
      const revoked = await withKeys(context, (store) => store.revoke(idOrName));
      if (options.json === true) context.printJson(revoked);
      else context.print(`revoked ${describeKey(revoked)}`);
    });
}

function describeKey(key: ApiKeyRecord): string {
  return `${key.name} (${key.id}, ${key.prefix}…) created ${key.createdAt}${key.revokedAt ? `, revoked ${key.revokedAt}` : ''}${key.lastUsedAt ? `, last used ${key.lastUsedAt}` : ''}`;
}
