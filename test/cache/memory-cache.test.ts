/** The in-process LRU against the shared Cache conformance suite. */
import { MemoryCache } from '../../src/cache/memory/memory-cache.js';
import { runCacheConformance } from '../conformance/cache.conformance.js';

runCacheConformance('memory', async () => {
  const cache = new MemoryCache({ maxEntries: 100, maxBytes: 1_000_000 });
  return { cache, cleanup: () => cache.close() };
});
