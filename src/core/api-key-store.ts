/**
 * Storage contract for the API keys of the HTTP and MCP servers. Only a hash of each
 * key is kept: the plaintext exists once, in what `create` returns, and `archon keys
 * create` prints it. SQLite now; another store passes the same tests later.
 */

/** A stored key as `archon keys list` shows it: never the key itself. */
export interface ApiKeyRecord {
  /** Stable id, used to revoke the key and as the rate-limit identity. */
  readonly id: string;
  /** A label chosen by the operator, unique among keys. */
  readonly name: string;
  /** The first characters of the key (`archon_ab12`), enough to recognise it. */
  readonly prefix: string;
  readonly createdAt: string;
  /** When a request last used the key (updated at most once a minute), or null. */
  readonly lastUsedAt: string | null;
  /** When the key was revoked, or null while it is active. */
  readonly revokedAt: string | null;
}

/** What `create` returns: the record and the plaintext key, shown exactly once. */
export interface CreatedApiKey {
  readonly record: ApiKeyRecord;
  readonly key: string;
}

export interface ApiKeyStore {
  /** Creates a key named `name`; CONFLICT when the name is taken, INVALID_INPUT when it is bad. */
  create(name: string): Promise<CreatedApiKey>;
  /** Every key, active and revoked, oldest first. */
  list(): Promise<ApiKeyRecord[]>;
  /** Revokes by id or name; NOT_FOUND when absent. Revoking twice keeps the first time. */
  revoke(idOrName: string): Promise<ApiKeyRecord>;
  /** The active key that `key` is, or null (unknown, malformed or revoked). */
  verify(key: string): Promise<ApiKeyRecord | null>;
  /** True when at least one key is active. */
  hasActiveKeys(): Promise<boolean>;
}
