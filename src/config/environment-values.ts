/**
 * Environment values that are not plain strings: on/off switches and the log level,
 * each refused with a one-line INVALID_CONFIG that names the variable.
 */
import { ArchonError, ErrorCode } from '../core/errors.js';
import { logLevels } from './settings-schema.js';

type Environment = Readonly<Record<string, string | undefined>>;

const trueWords = new Set(['true', '1', 'yes', 'on']);
const falseWords = new Set(['false', '0', 'no', 'off']);

/** The switch `name` (true/false, 1/0, yes/no, on/off); undefined when unset or empty. */
export function environmentFlag(environment: Environment, name: string): boolean | undefined {
  const value = environment[name]?.trim().toLowerCase();
  if (value === undefined || value === '') return undefined;
  if (trueWords.has(value)) return true;
  if (falseWords.has(value)) return false;
  throw new ArchonError(
    ErrorCode.InvalidConfig,
    `${name} must be true or false, got '${environment[name]?.trim()}'`,
  );
}

/** `ARCHON_LOG_LEVEL`, checked against the pino levels; undefined when unset or empty. */
export function environmentLogLevel(environment: Environment): string | undefined {
  const value = environment.ARCHON_LOG_LEVEL?.trim().toLowerCase();
  if (value === undefined || value === '') return undefined;
  if ((logLevels as readonly string[]).includes(value)) return value;
  throw new ArchonError(
    ErrorCode.InvalidConfig,
    `ARCHON_LOG_LEVEL must be one of ${logLevels.join(', ')}, got '${environment.ARCHON_LOG_LEVEL?.trim()}'`,
  );
}
