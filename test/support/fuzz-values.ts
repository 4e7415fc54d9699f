/**
 * fast-check building blocks shared by the HTTP and MCP fuzzers: hostile texts,
 * arbitrary JSON with its edge values, and objects near a valid template (fields kept,
 * replaced, dropped, unknown fields added).
 */
import fc from 'fast-check';

/** Texts that break naive code: empty, control characters, traversal, binary, too long. */
export const anyText: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    '../../etc/passwd',
    '/',
    '/etc',
    '%00',
    '<script>',
    'NaN',
    '__proto__',
    'constructor',
  ),
  fc.string({ minLength: 4001, maxLength: 4100 }),
);

/** Any JSON value, with extra weight on hostile texts and numeric edges. */
export const anyJson: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 2, arbitrary: anyText },
  { weight: 1, arbitrary: fc.constantFrom(null, true, -1, 0, 1.5, 1e308, -1e308, [], {}) },
);

/** Objects near `template`: each field may be kept, replaced, dropped; extra keys may appear. */
export function nearValid(
  template: Record<string, unknown>,
  replacement: fc.Arbitrary<unknown> = anyJson,
): fc.Arbitrary<Record<string, unknown>> {
  const keys = Object.keys(template);
  return fc
    .tuple(
      fc.array(
        fc.tuple(fc.constantFrom(...keys), fc.constantFrom('keep', 'replace', 'drop'), replacement),
        { maxLength: keys.length + 1 },
      ),
      fc.option(fc.dictionary(fc.string({ maxLength: 12 }), anyJson, { maxKeys: 2 }), {
        nil: undefined,
      }),
    )
    .map(([edits, extra]) => {
      const value: Record<string, unknown> = { ...template };
      for (const [key, action, replaced] of edits) {
        if (action === 'drop') delete value[key];
        else if (action === 'replace') value[key] = replaced;
      }
      return extra === undefined ? value : { ...value, ...extra };
    });
}
