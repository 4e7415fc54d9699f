/**
 * Builds the validated {@link Settings} from, in rising priority: defaults, a config
 * file (JSON or YAML), environment variables, and per-command overrides such as `--home`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';

import { ArchonError, ErrorCode } from '../core/errors.js';
import { defaultHome } from './default-home.js';
import { embeddingFromEnvironment } from './embedding-from-environment.js';
import { environmentFlag, environmentLogLevel } from './environment-values.js';
import { type Settings, settingsSchema } from './settings-schema.js';

export interface SettingsOverrides {
  /** Data directory, e.g. from `--home`. */
  readonly home?: string;
  /** Explicit config file, e.g. from `--config`. */
  readonly configFile?: string;
}

type Environment = Readonly<Record<string, string | undefined>>;

const configFileNames = ['config.json', 'config.yaml', 'config.yml'];

/** Loads settings; throws INVALID_CONFIG with one clear line on any problem. */
export function loadSettings(
  environment: Environment,
  overrides: SettingsOverrides = {},
): Settings {
  const home = resolve(
    overrides.home ?? nonEmpty(environment.ARCHON_HOME) ?? defaultHome(environment),
  );
  const configPath = findConfigFile(
    home,
    overrides.configFile ?? nonEmpty(environment.ARCHON_CONFIG),
  );
  const fromFile = configPath === null ? {} : readConfigFile(configPath);

  const merged: Record<string, unknown> = { ...fromFile, home };
  const databaseUrl = nonEmpty(environment.ARCHON_DATABASE_URL);
  if (databaseUrl !== undefined) merged.databaseUrl = databaseUrl;
  const model = nonEmpty(environment.ARCHON_MODEL);
  if (model !== undefined) merged.model = model;
  const modelAccess = {
    ...asRecord(fromFile.modelAccess),
    ...definedEntries({
      baseUrl: nonEmpty(environment.ARCHON_MODEL_BASE_URL),
      apiKey: nonEmpty(environment.ARCHON_MODEL_API_KEY),
      openaiApiKey: nonEmpty(environment.OPENAI_API_KEY),
      anthropicApiKey: nonEmpty(environment.ANTHROPIC_API_KEY),
    }),
    ...(nonEmpty(environment.ARCHON_MODEL_TIMEOUT_MS) !== undefined
      ? { timeoutMs: Number(environment.ARCHON_MODEL_TIMEOUT_MS) }
      : {}),
    ...definedEntries({
      requiredForReadiness: environmentFlag(environment, 'ARCHON_MODEL_REQUIRED_FOR_READINESS'),
    }),
  };
  if (Object.keys(modelAccess).length > 0) merged.modelAccess = modelAccess;
  const redisUrl = nonEmpty(environment.ARCHON_REDIS_URL);
  if (redisUrl !== undefined) merged.cache = { ...asRecord(fromFile.cache), url: redisUrl };
  const embedding = embeddingFromEnvironment(environment, asRecord(fromFile.embedding));
  if (embedding !== undefined) merged.embedding = embedding;
  const allowPrivateNetworks = environmentFlag(environment, 'ARCHON_INGEST_ALLOW_PRIVATE_NETWORKS');
  if (allowPrivateNetworks !== undefined) {
    merged.ingest = { ...asRecord(fromFile.ingest), allowPrivateNetworks };
  }
  const logLevel = environmentLogLevel(environment);
  if (logLevel !== undefined) merged.logLevel = logLevel;

  const parsed = settingsSchema.safeParse(merged);
  if (!parsed.success) {
    const origin = configPath === null ? 'environment' : `${configPath} or environment`;
    throw new ArchonError(
      ErrorCode.InvalidConfig,
      `invalid configuration (${origin}): ${describeIssues(parsed.error)}`,
      { details: { configPath } },
    );
  }
  return parsed.data;
}

function findConfigFile(home: string, explicit: string | undefined): string | null {
  if (explicit !== undefined) {
    const path = resolve(explicit);
    if (!existsSync(path)) {
      throw new ArchonError(ErrorCode.InvalidConfig, `config file not found: ${path}`);
    }
    return path;
  }
  for (const name of configFileNames) {
    const candidate = join(home, name);
    if (existsSync(candidate)) return candidate;
  }
  return null;
}

function readConfigFile(path: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = parseYaml(readFileSync(path, 'utf8'));
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new ArchonError(
      ErrorCode.InvalidConfig,
      `config file ${path} is not valid JSON or YAML: ${reason}`,
    );
  }
  if (value === null || value === undefined) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new ArchonError(ErrorCode.InvalidConfig, `config file ${path} must hold an object`);
  }
  return value as Record<string, unknown>;
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(root)'}: ${issue.message}`)
    .join('; ');
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

function definedEntries<T>(record: Record<string, T | undefined>): Record<string, T> {
  return Object.fromEntries(
    Object.entries(record).filter((entry): entry is [string, T] => entry[1] !== undefined),
  );
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}
