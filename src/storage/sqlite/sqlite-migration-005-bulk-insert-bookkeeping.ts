/**
 * Migration 5: row counters, the content version and the vector change log are kept
 * for inserted chunks and vectors by the code that inserts them, once per document
 * (`sqlite-insert-bookkeeping.ts`), instead of by row triggers. Any trigger that
 * writes on these inserts cost about 40% of ingest's write time (1.1 of 2.8 CPU
 * seconds on the 22 MB Markdown bench corpus, bench/RESULTS.md). Deletes and updates
 * keep their triggers, so cascades still cannot be forgotten; the integrity check
 * compares the counters with real counts.
 */

/** SQL of migration 5. */
export const bulkInsertBookkeepingSchema = `
DROP TRIGGER chunks_after_insert;
DROP TRIGGER embeddings_after_insert;
DROP TRIGGER chunks_after_insert_content_version;
DROP TRIGGER embeddings_after_insert_content_version;
`;
