/**
 * Migration 4: a content version, so a cache of search results can tell cheaply (one
 * row read) whether anything searchable changed, including writes by another process
 * on the same file. Triggers bump it in the same transaction as every insert, update
 * or delete of sources, documents, chunks, vectors and the pinned embedding spec, so
 * no write path can forget it. The random epoch tells apart two databases whose
 * counters happen to match (a file deleted and rebuilt behind a shared Redis).
 */

const searchableTables = ['sources', 'documents', 'chunks', 'embeddings', 'meta'] as const;
const events = ['insert', 'update', 'delete'] as const;

const triggers = searchableTables
  .flatMap((table) =>
    events.map(
      (
        event,
      ) => `CREATE TRIGGER ${table}_after_${event}_content_version AFTER ${event.toUpperCase()} ON ${table} BEGIN
  UPDATE content_version SET value = value + 1;
END;`,
    ),
  )
  .join('\n');

/** SQL of migration 4. */
export const contentVersionSchema = `
CREATE TABLE content_version (
  singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
  epoch TEXT NOT NULL,
  value INTEGER NOT NULL
);
INSERT INTO content_version (singleton, epoch, value) VALUES (1, lower(hex(randomblob(8))), 0);
${triggers}
`;
