/**
 * Secret shapes we recognise anywhere in text: provider API keys, bearer tokens,
 * JSON Web Tokens and passwords inside URLs. The logger runs every finished line
 * through `redactSecretText` so a key pasted into a message or an error never
 * reaches the log, whatever field it hides in.
 */

/** What a recognised secret is replaced with. */
export const redactionCensor = '[REDACTED]';

/**
 * Known key shapes, matched case-sensitively. Each matches only characters that JSON
 * never escapes, so replacing a match inside a serialised JSON line keeps it valid.
 */
const secretValueShapes: readonly RegExp[] = [
  // OpenAI (sk-..., sk-proj-...), Anthropic (sk-ant-...) and most gateways.
  /\bsk-[A-Za-z0-9_-]{16,}/,
  // Archon's own API keys (`archon_` + 43 base64url characters). Requiring a capital or
  // a digit keeps lowercase names such as metric names (`archon_http_requests_total`) intact.
  /\barchon_(?=[A-Za-z0-9_-]*[A-Z0-9])[A-Za-z0-9_-]{32,}/,
  // GitHub personal and app tokens.
  /\b(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{30,})/,
  // AWS access key ids and Google API keys.
  /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/,
  /\bAIza[0-9A-Za-z_-]{35}/,
  // Slack tokens.
  /\bxox[abprs]-[A-Za-z0-9-]{10,}/,
  // JSON Web Tokens: header.payload.signature, both first parts start with '{"'.
  /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/,
];

/** All shapes in one expression: one scan of the line instead of one per shape. */
const secretValuePattern = new RegExp(
  secretValueShapes.map((shape) => shape.source).join('|'),
  'g',
);

/** `Bearer|Basic|Token <credentials>`, any case: keep the scheme (group 1). */
const authorizationSchemePattern = /\b(Bearer|Basic|Token)(\s+)[A-Za-z0-9._~+/=-]{8,}/gi;

/**
 * `scheme://user:password@host`: keep `://user:` (group 1). Anchored on the literal
 * `://` rather than the scheme, which makes it several times cheaper to scan.
 */
const urlPasswordPattern = /(:\/\/[^\s:/@"]+:)[^\s@/"]+@/g;

/**
 * Replaces every recognised secret in `text` with {@link redactionCensor}. Extra
 * patterns must use the `g` flag and match no character that JSON escapes.
 */
export function redactSecretText(text: string, extraPatterns: readonly RegExp[] = []): string {
  let result = text
    .replace(authorizationSchemePattern, `$1$2${redactionCensor}`)
    .replace(urlPasswordPattern, `$1${redactionCensor}@`)
    .replace(secretValuePattern, redactionCensor);
  for (const pattern of extraPatterns) result = result.replace(pattern, redactionCensor);
  return result;
}

/** Field names whose string values are secrets wherever they appear, case-insensitive. */
export const secretFieldNames: readonly string[] = [
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  'x-api-key',
  'apiKey',
  'api_key',
  'api-key',
  'password',
  'passwd',
  'token',
  'accessToken',
  'access_token',
  'refreshToken',
  'refresh_token',
  'secret',
  'clientSecret',
  'client_secret',
  'privateKey',
  'private_key',
  'databaseUrl',
];

function escapeForPattern(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');
}

/** A JSON string, number, boolean, or array of scalars: what a secret field may hold. */
const jsonScalarOrList = [
  '"(?:[^"\\\\]|\\\\.)*"',
  '\\[(?:[^\\[\\]{}"]|"(?:[^"\\\\]|\\\\.)*")*\\]',
  '-?[0-9][0-9.eE+-]*',
  'true',
  'false',
].join('|');

/** `"<secret field>":<value>` inside a serialised JSON line. */
const secretFieldPattern = new RegExp(
  `"(${secretFieldNames.map(escapeForPattern).join('|')})":(?:${jsonScalarOrList})`,
  'gi',
);

/**
 * Redacts one serialised JSON log line: the value of every secret-named field at any
 * depth (a string, number, boolean or array of scalars; an object is left to its own
 * fields), then every recognised secret shape anywhere in the line.
 */
export function redactJsonLine(line: string, extraPatterns: readonly RegExp[] = []): string {
  return redactSecretText(
    line.replace(secretFieldPattern, `"$1":"${redactionCensor}"`),
    extraPatterns,
  );
}
