/**
 * Recognises test files, so that edits to tests are reported: a change that
 * weakens a test to make it pass must be visible in the run's report.
 */

const testDirectories = new Set([
  'test',
  'tests',
  '__tests__',
  'spec',
  'specs',
  '__mocks__',
  '__snapshots__',
  'e2e',
]);
const testFileNames: readonly RegExp[] = [
  /\.(test|spec)\.[^/]+$/iu, // app.test.ts, app.spec.js
  /_test\.go$/u, // server_test.go
  /^test_[^/]*\.py$/u, // test_app.py
  /_test\.py$/u, // app_test.py
  /^conftest\.py$/u,
  /_spec\.rb$/u, // model_spec.rb
  /(Test|Tests|IT)\.(java|kt|scala|cs)$/u, // AppTest.java
  /\.snap$/u, // Jest and Vitest snapshots
];

/** True when a workspace-relative path is a test, a test helper or a snapshot. */
export function isTestFile(relativePath: string): boolean {
  const segments = relativePath.split(/[\\/]/u).filter((segment) => segment !== '');
  const name = segments.at(-1);
  if (name === undefined) return false;
  if (segments.slice(0, -1).some((segment) => testDirectories.has(segment.toLowerCase())))
    return true;
  return testFileNames.some((pattern) => pattern.test(name));
}
