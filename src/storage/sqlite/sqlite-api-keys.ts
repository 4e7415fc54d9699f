/**
 * The ApiKeyStore on the embedded SQLite file (its own connection, like the run
 * store). A key is `archon_` and 32 random bytes in base64url; the table keeps its
 * SHA-256. A fast hash is enough here: with 256 bits of entropy nobody can guess a
 * key from its hash, and slow password hashes (bcrypt, argon2) exist to protect
 * low-entropy passwords, at a cost of milliseconds on every request.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';

import type { ApiKeyRecord, ApiKeyStore, CreatedApiKey } from '../../core/api-key-store.js';
import { ArchonError, ErrorCode } from '../../core/errors.js';
import { toStorageError } from './sqlite-errors.js';
import { openMigratedDatabase } from './sqlite-migrated-database.js';
import type { SqliteStatements } from './sqlite-statements.js';

interface ApiKeyRow {
  id: string;
  name: string;
  prefix: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

/** Every key starts with this, so log redaction and secret scanners recognise it. */
export const apiKeyPrefix = 'archon_';

const keyPattern = /^archon_[A-Za-z0-9_-]{43}$/;
const namePattern = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const columns = 'id, name, prefix, created_at, last_used_at, revoked_at';
/** `lastUsedAt` is a hint, not an audit log: write it at most this often per key. */
const lastUsedIntervalMilliseconds = 60_000;

/** SHA-256 of a key, hex. */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** API keys stored in SQLite; `open()` before use, `close()` after. */
export class SqliteApiKeyStore implements ApiKeyStore {
  private statements: SqliteStatements | null = null;
  private readonly lastUsedWrites = new Map<string, number>();

  constructor(
    readonly path: string,
    private readonly clock: () => number = Date.now,
  ) {}

  async open(): Promise<void> {
    if (this.statements !== null) return;
    this.statements = openMigratedDatabase(this.path);
  }

  async close(): Promise<void> {
    this.statements?.database.close();
    this.statements = null;
  }

  async create(name: string): Promise<CreatedApiKey> {
    if (typeof name !== 'string' || !namePattern.test(name)) {
      throw new ArchonError(
        ErrorCode.InvalidInput,
        `invalid key name '${String(name)}': use letters, digits, '.', '_' or '-' (at most 64)`,
      );
    }
    const key = `${apiKeyPrefix}${randomBytes(32).toString('base64url')}`;
    const id = randomUUID();
    return this.use((statements) => {
      if (statements.prepareValue<number>('SELECT 1 FROM api_keys WHERE name = ?').get(name)) {
        throw new ArchonError(ErrorCode.Conflict, `a key named '${name}' already exists`);
      }
      statements
        .prepare(
          'INSERT INTO api_keys (id, name, prefix, key_hash, created_at) VALUES (?, ?, ?, ?, ?)',
        )
        .run(id, name, key.slice(0, 11), hashApiKey(key), this.now());
      return { key, record: this.requireKey(statements, id) };
    });
  }

  async list(): Promise<ApiKeyRecord[]> {
    return this.use((statements) =>
      statements
        .prepare<ApiKeyRow>(`SELECT ${columns} FROM api_keys ORDER BY created_at, rowid`)
        .all()
        .map(toRecord),
    );
  }

  async revoke(idOrName: string): Promise<ApiKeyRecord> {
    return this.use((statements) => {
      const found = statements
        .prepare<ApiKeyRow>(`SELECT ${columns} FROM api_keys WHERE id = ? OR name = ?`)
        .get(idOrName, idOrName);
      if (found === undefined) {
        throw new ArchonError(ErrorCode.NotFound, `no API key with id or name '${idOrName}'`, {
          details: { key: idOrName },
        });
      }
      statements
        .prepare('UPDATE api_keys SET revoked_at = coalesce(revoked_at, ?) WHERE id = ?')
        .run(this.now(), found.id);
      return this.requireKey(statements, found.id);
    });
  }

  async verify(key: string): Promise<ApiKeyRecord | null> {
    if (typeof key !== 'string' || !keyPattern.test(key)) return null;
    return this.use((statements) => {
      const row = statements
        .prepare<ApiKeyRow>(
          `SELECT ${columns} FROM api_keys WHERE key_hash = ? AND revoked_at IS NULL`,
        )
        .get(hashApiKey(key));
      if (row === undefined) return null;
      this.touch(statements, row.id);
      return toRecord(row);
    });
  }

  async hasActiveKeys(): Promise<boolean> {
    return this.use(
      (statements) =>
        statements
          .prepareValue<number>('SELECT count(*) FROM api_keys WHERE revoked_at IS NULL')
          .get() !== 0,
    );
  }

  private touch(statements: SqliteStatements, id: string): void {
    const now = this.clock();
    const last = this.lastUsedWrites.get(id);
    if (last !== undefined && now - last < lastUsedIntervalMilliseconds) return;
    this.lastUsedWrites.set(id, now);
    statements
      .prepare('UPDATE api_keys SET last_used_at = ? WHERE id = ?')
      .run(new Date(now).toISOString(), id);
  }

  private requireKey(statements: SqliteStatements, id: string): ApiKeyRecord {
    const row = statements
      .prepare<ApiKeyRow>(`SELECT ${columns} FROM api_keys WHERE id = ?`)
      .get(id);
    if (row === undefined) throw new ArchonError(ErrorCode.NotFound, `no API key with id '${id}'`);
    return toRecord(row);
  }

  private now(): string {
    return new Date(this.clock()).toISOString();
  }

  private use<T>(work: (statements: SqliteStatements) => T): T {
    if (this.statements === null) {
      throw new ArchonError(
        ErrorCode.StorageError,
        'the API key store is not open; call open() first',
      );
    }
    try {
      return work(this.statements);
    } catch (error) {
      throw toStorageError(error);
    }
  }
}

function toRecord(row: ApiKeyRow): ApiKeyRecord {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  };
}
