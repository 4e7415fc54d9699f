/**
 * The part of a Redis client the cache uses, declared here so `RedisCache` does not
 * depend on the driver's types (the Kysely way: the caller passes the client in), and
 * the adapter over the official `redis` package that supplies it.
 */
import { createClient, RESP_TYPES } from 'redis';

/** What {@link RedisCache} needs from a Redis connection. */
export interface RedisCacheClient {
  /** True while commands can be sent (connected, not reconnecting). */
  readonly isReady: boolean;
  get(key: string): Promise<string | null>;
  getBytes(key: string): Promise<Uint8Array | null>;
  /** SET with EX: the value expires after `ttlSeconds`. */
  set(key: string, value: string | Uint8Array, ttlSeconds: number): Promise<void>;
  /** How many keys were removed. */
  del(key: string): Promise<number>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** Options of {@link createRedisCacheClient}. */
export interface RedisCacheClientOptions {
  /** `redis://[user:password@]host:port[/db]` or `rediss://...`. */
  readonly url: string;
  /** A command (and a connection attempt) fails after this long. */
  readonly timeoutMs: number;
  /** Receives connection errors; the client keeps reconnecting in the background. */
  readonly onError: (error: unknown) => void;
}

/** Longest pause between two reconnection attempts. */
const maximumReconnectDelayMs = 2_000;

/**
 * Connects to Redis in the background and returns at once. Commands never wait for a
 * connection: while it is down they fail immediately (no offline queue), so a cache
 * read turns into a miss instead of holding a request.
 */
export function createRedisCacheClient(options: RedisCacheClientOptions): RedisCacheClient {
  const client = createClient({
    url: options.url,
    disableOfflineQueue: true,
    commandOptions: { timeout: options.timeoutMs },
    socket: {
      connectTimeout: options.timeoutMs,
      reconnectStrategy: (retries) =>
        Math.min(50 * 2 ** Math.min(retries, 6), maximumReconnectDelayMs),
    },
  });
  client.on('error', options.onError);
  let closed = false;
  const connecting = client.connect().catch((error: unknown) => {
    if (!closed) options.onError(error);
  });
  const bytesClient = client.withTypeMapping({ [RESP_TYPES.BLOB_STRING]: Buffer });
  return {
    get isReady() {
      return client.isReady;
    },
    get: (key) => client.get(key),
    getBytes: (key) => bytesClient.get(key),
    set: async (key, value, ttlSeconds) => {
      await client.set(key, typeof value === 'string' ? value : Buffer.from(value), {
        expiration: { type: 'EX', value: ttlSeconds },
      });
    },
    del: (key) => client.del(key),
    ping: async () => {
      await client.ping();
    },
    close: async () => {
      if (closed) return;
      closed = true;
      if (client.isReady) await client.close();
      else client.destroy();
      await connecting;
    },
  };
}
