/**
 * A warning that may fire on every request (Redis down under load) but is logged at
 * most once per interval, with how many were held back, so an outage costs a few log
 * lines instead of thousands per second.
 */

/** The one logger method the cache needs (pino's `warn` fits). */
export interface WarningLogger {
  warn(fields: Record<string, unknown>, message: string): void;
}

/** Returns a reporter that logs the first failure, then at most one per `intervalMs`. */
export function throttledWarning(
  logger: WarningLogger,
  message: string,
  { intervalMs = 10_000, clock = Date.now }: { intervalMs?: number; clock?: () => number } = {},
): (error: unknown, operation: string) => void {
  let lastLoggedAt = Number.NEGATIVE_INFINITY;
  let suppressed = 0;
  return (error, operation) => {
    const now = clock();
    if (now - lastLoggedAt < intervalMs) {
      suppressed += 1;
      return;
    }
    lastLoggedAt = now;
    const reason = error instanceof Error ? error.message : String(error);
    logger.warn({ operation, reason, suppressed }, message);
    suppressed = 0;
  };
}
