/**
 * Migration 3: API keys of the HTTP and MCP servers. Only the SHA-256 of each key is
 * stored (unique, so a lookup by hash is an index probe); the name labels the key.
 */
export const apiKeysSchema = `
CREATE TABLE api_keys (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  prefix TEXT NOT NULL,
  key_hash TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  last_used_at TEXT,
  revoked_at TEXT
);
`;
