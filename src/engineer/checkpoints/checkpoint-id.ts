/**
 * Checkpoint ids are commit hashes of the shadow store. They reach us from stored runs
 * and from the command line, so each is checked before it is handed to git: a value
 * that is not a plain hash could otherwise be read by git as an option or a revision
 * expression.
 */
import { ArchonError, ErrorCode } from '../../core/errors.js';

const commitHash = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;

/** True for a full SHA-1 (40) or SHA-256 (64) hash in lowercase hex. */
export function isCheckpointId(value: unknown): value is string {
  return typeof value === 'string' && commitHash.test(value);
}

/** Returns the id unchanged, or throws InvalidInput when it is not a full commit hash. */
export function assertCheckpointId(value: unknown): string {
  if (isCheckpointId(value)) return value;
  const shown = typeof value === 'string' ? JSON.stringify(value.slice(0, 80)) : typeof value;
  throw new ArchonError(
    ErrorCode.InvalidInput,
    `Invalid checkpoint id ${shown}: expected a full commit hash (40 or 64 lowercase hex characters).`,
    { details: { checkpointId: typeof value === 'string' ? value.slice(0, 80) : null } },
  );
}
