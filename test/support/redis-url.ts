/**
 * The Redis of the tests: ARCHON_TEST_REDIS_URL or the local one. Locally a missing
 * Redis skips the Redis tests; in CI (`CI=true`) it fails them, so nothing is
 * silently skipped there.
 */
import { createConnection } from 'node:net';

export const testRedisUrl = process.env.ARCHON_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

const inCi = process.env.CI === 'true';

/** True when a TCP connection to the test Redis opens within a second. */
async function redisReachable(): Promise<boolean> {
  const url = new URL(testRedisUrl);
  return new Promise((resolve) => {
    const socket = createConnection({ host: url.hostname, port: Number(url.port || 6379) });
    const done = (reachable: boolean): void => {
      socket.destroy();
      resolve(reachable);
    };
    socket.setTimeout(1_000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/**
 * Whether to run the Redis tests: true when Redis is up; false locally when it is not;
 * in CI a Redis that is down throws, failing the test file.
 */
export async function useTestRedis(): Promise<boolean> {
  if (await redisReachable()) return true;
  if (inCi) {
    throw new Error(`CI=true but no Redis answers at ${testRedisUrl} (ARCHON_TEST_REDIS_URL)`);
  }
  return false;
}

/** A localhost port with nothing listening on it (bound, then closed). */
export async function closedPort(): Promise<number> {
  const { createServer } = await import('node:net');
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}
