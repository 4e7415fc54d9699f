/**
 * A valid example value for a JSON Schema, as the TestModel sends for tool arguments and
 * final results. It handles what zod produces: objects (optional and nested properties
 * too), strings with lengths and common formats, numbers and integers with bounds and
 * multiples, booleans, arrays and tuples with item counts, enums, consts, unions,
 * nullables and recursive `$ref`s. A `pattern` is met only when one of a few
 * well-known examples (dates, times, emails, ...) matches it.
 */

type Schema = Readonly<Record<string, unknown>>;

const formatExamples: Readonly<Record<string, string>> = {
  email: 'user@example.com',
  uri: 'https://example.com',
  url: 'https://example.com',
  uuid: '123e4567-e89b-42d3-a456-426614174000',
  'date-time': '2024-01-01T00:00:00Z',
  date: '2024-01-01',
  time: '00:00:00',
  duration: 'P1D',
  ipv4: '127.0.0.1',
  ipv6: '::1',
  hostname: 'example.com',
};

/** Beyond this depth objects keep only required properties and arrays their minimum items. */
const optionalDepth = 4;
const maximumDepth = 24;

/** An example value that satisfies `schema` (within the limits above). */
export function sampleFromJsonSchema(schema: unknown): unknown {
  return sample(asSchema(schema), asSchema(schema), 0);
}

function asSchema(value: unknown): Schema {
  return typeof value === 'object' && value !== null ? (value as Schema) : {};
}

function sample(schema: Schema, root: Schema, depth: number): unknown {
  if (depth > maximumDepth) return null;
  if ('const' in schema) return schema.const;
  if (schema.default !== undefined) return schema.default;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0];
  if (typeof schema.$ref === 'string')
    return sample(resolveReference(schema.$ref, root), root, depth + 1);
  const options = (schema.anyOf ?? schema.oneOf) as unknown;
  if (Array.isArray(options) && options.length > 0) {
    const chosen =
      options.map(asSchema).find((option) => option.type !== 'null') ?? asSchema(options[0]);
    return sample(chosen, root, depth + 1);
  }
  if (Array.isArray(schema.allOf)) return sampleAllOf(schema.allOf.map(asSchema), root, depth);
  const type = pickType(schema);
  switch (type) {
    case 'object':
      return sampleObject(schema, root, depth);
    case 'array':
      return sampleArray(schema, root, depth);
    case 'string':
      return sampleString(schema);
    case 'integer':
    case 'number':
      return sampleNumber(schema, type === 'integer');
    case 'boolean':
      return true;
    case 'null':
      return null;
    default:
      return 'example';
  }
}

function pickType(schema: Schema): string | undefined {
  const type = schema.type;
  if (Array.isArray(type)) return (type.find((entry) => entry !== 'null') ?? type[0]) as string;
  if (typeof type === 'string') return type;
  if (schema.properties !== undefined || schema.additionalProperties !== undefined) return 'object';
  if (schema.items !== undefined || schema.prefixItems !== undefined) return 'array';
  return undefined;
}

function resolveReference(reference: string, root: Schema): Schema {
  if (reference === '#') return root;
  const path = reference.replace(/^#\//, '').split('/');
  let node: unknown = root;
  for (const key of path) node = asSchema(node)[key.replaceAll('~1', '/').replaceAll('~0', '~')];
  return asSchema(node);
}

function sampleAllOf(parts: readonly Schema[], root: Schema, depth: number): unknown {
  const values = parts.map((part) => sample(part, root, depth + 1));
  if (
    values.every((value) => typeof value === 'object' && value !== null && !Array.isArray(value))
  ) {
    return Object.assign({}, ...values);
  }
  return values[0];
}

function sampleObject(schema: Schema, root: Schema, depth: number): Record<string, unknown> {
  const properties = asSchema(schema.properties);
  const required = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : []);
  const value: Record<string, unknown> = {};
  for (const [name, property] of Object.entries(properties)) {
    if (!required.has(name) && depth >= optionalDepth) continue;
    value[name] = sample(asSchema(property), root, depth + 1);
  }
  return value;
}

function sampleArray(schema: Schema, root: Schema, depth: number): unknown[] {
  if (Array.isArray(schema.prefixItems)) {
    return schema.prefixItems.map((item) => sample(asSchema(item), root, depth + 1));
  }
  const minimum = typeof schema.minItems === 'number' ? schema.minItems : 0;
  const maximum = typeof schema.maxItems === 'number' ? schema.maxItems : Infinity;
  const count = Math.min(maximum, Math.max(minimum, depth >= optionalDepth ? 0 : 1));
  const items = asSchema(schema.items);
  return Array.from({ length: count }, () => sample(items, root, depth + 1));
}

function sampleString(schema: Schema): string {
  const format = typeof schema.format === 'string' ? formatExamples[schema.format] : undefined;
  let text = format ?? matchPattern(schema.pattern) ?? 'example';
  const minimum = typeof schema.minLength === 'number' ? schema.minLength : 0;
  const maximum = typeof schema.maxLength === 'number' ? schema.maxLength : Infinity;
  if (text.length < minimum) text = text.padEnd(minimum, 'x');
  if (text.length > maximum) text = text.slice(0, maximum);
  return text;
}

/** The first well-known example that matches `pattern` (a pattern alone cannot be generated from). */
function matchPattern(pattern: unknown): string | undefined {
  if (typeof pattern !== 'string') return undefined;
  let expression: RegExp;
  try {
    expression = new RegExp(pattern, 'u');
  } catch {
    return undefined;
  }
  return patternCandidates.find((candidate) => expression.test(candidate));
}

const patternCandidates = [
  'example',
  ...Object.values(formatExamples),
  '00:00',
  '0',
  '1',
  'a',
  'A',
  'example-1',
  'EXAMPLE',
  '#000000',
];

function sampleNumber(schema: Schema, integer: boolean): number {
  const step = integer ? 1 : 0.5;
  let low = -Infinity;
  let high = Infinity;
  if (typeof schema.minimum === 'number') low = schema.minimum;
  if (typeof schema.exclusiveMinimum === 'number')
    low = Math.max(low, schema.exclusiveMinimum + step);
  if (typeof schema.maximum === 'number') high = schema.maximum;
  if (typeof schema.exclusiveMaximum === 'number')
    high = Math.min(high, schema.exclusiveMaximum - step);
  if (low > high) {
    // A narrow exclusive range such as (0, 1): its midpoint.
    const lower = typeof schema.exclusiveMinimum === 'number' ? schema.exclusiveMinimum : low;
    const upper = typeof schema.exclusiveMaximum === 'number' ? schema.exclusiveMaximum : high;
    return (lower + upper) / 2;
  }
  let value = Math.min(Math.max(1, low), high);
  if (integer) value = Math.ceil(value) <= high ? Math.ceil(value) : Math.floor(value);
  const multiple = schema.multipleOf;
  if (typeof multiple === 'number' && multiple > 0) {
    const rounded = Math.ceil(value / multiple) * multiple;
    value = rounded <= high ? rounded : Math.floor(value / multiple) * multiple;
  }
  return value;
}
