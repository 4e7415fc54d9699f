/**
 * The environment a command runs with: built from an allow-list, never by copying
 * the parent's. API keys, tokens and passwords in Archon's own environment
 * (OPENAI_API_KEY, AWS_*, ARCHON_*_API_KEY, ...) must not reach code the agent
 * wrote. HOME and TMPDIR point at a private temporary directory so that
 * credentials kept in the real home (~/.npmrc, ~/.aws, ~/.ssh, ~/.gitconfig) are
 * out of reach too.
 */

/** Variables passed through from the parent when set (tool locations, locale, CI flags). */
export const passedThroughVariables: readonly string[] = [
  'PATH',
  'LANG',
  'LANGUAGE',
  'TERM',
  'TZ',
  'CI',
  'NODE_ENV',
  'COLORTERM',
  'NO_COLOR',
  'FORCE_COLOR',
  'USER',
  'LOGNAME',
  'JAVA_HOME',
  'GOROOT',
  'GOPATH',
  'GOFLAGS',
  'CARGO_HOME',
  'RUSTUP_HOME',
  'PYENV_ROOT',
  'VIRTUAL_ENV',
  'SSL_CERT_FILE',
  'SSL_CERT_DIR',
  'NODE_EXTRA_CA_CERTS',
];

const secretName =
  /KEY|TOKEN|SECRET|PASSWORD|PASSWD|PASSPHRASE|CREDENTIAL|AUTH|COOKIE|SESSION|PRIVATE|SIGNATURE|DSN/iu;
const secretPrefixes = [
  'AWS_',
  'AZURE_',
  'GOOGLE_',
  'GCP_',
  'GCLOUD_',
  'OPENAI_',
  'ANTHROPIC_',
  'ARCHON_',
  'GITHUB_',
  'GH_',
  'GITLAB_',
  'NPM_',
  'DOCKER_',
  'HF_',
  'HUGGING',
];
const urlWithCredentials = /^[a-z][a-z0-9+.-]*:\/\/[^/\s]*@/iu;

/** True for names that hold or usually hold secrets: never passed to a command. */
export function isSecretVariable(name: string, value = ''): boolean {
  const upper = name.toUpperCase();
  return (
    secretName.test(upper) ||
    secretPrefixes.some((prefix) => upper.startsWith(prefix)) ||
    urlWithCredentials.test(value)
  );
}

/** Inputs of {@link buildCommandEnvironment}. */
export interface CommandEnvironmentOptions {
  /** The environment to take allow-listed variables from (usually process.env). */
  readonly parent: Readonly<Record<string, string | undefined>>;
  /** The private directory used as HOME and TMPDIR. */
  readonly home: string;
  readonly temporaryDirectory: string;
  /** Extra variables asked for by the caller; secret-looking ones are dropped. */
  readonly extra?: Readonly<Record<string, string | undefined>>;
}

/** The variables a command gets, and the names that were dropped as secrets. */
export interface CommandEnvironment {
  readonly variables: Record<string, string>;
  readonly dropped: readonly string[];
}

/** Builds a minimal environment without secrets. */
export function buildCommandEnvironment(options: CommandEnvironmentOptions): CommandEnvironment {
  const variables: Record<string, string> = {};
  const dropped: string[] = [];
  const take = (name: string, value: string | undefined) => {
    if (value === undefined) return;
    if (isSecretVariable(name, value)) dropped.push(name);
    else variables[name] = value;
  };
  for (const name of passedThroughVariables) take(name, options.parent[name]);
  for (const [name, value] of Object.entries(options.parent)) {
    if (name.startsWith('LC_')) take(name, value);
  }
  for (const [name, value] of Object.entries(options.extra ?? {})) take(name, value);
  variables.PATH ??= '/usr/local/bin:/usr/bin:/bin';
  variables.HOME = options.home;
  variables.TMPDIR = options.temporaryDirectory;
  variables.CI ??= '1';
  return { variables, dropped };
}
