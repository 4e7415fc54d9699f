import { describe, expect, it } from 'vitest';

import { isTestFile } from './test-file-patterns.js';

describe('isTestFile', () => {
  it.each([
    'src/app.test.ts',
    'src/app.spec.js',
    'tests/helpers.ts',
    'pkg/__tests__/x.js',
    'Test/x.cs',
    'server_test.go',
    'test_app.py',
    'pkg/app_test.py',
    'conftest.py',
    'spec/models/user_spec.rb',
    'src/test/java/AppTest.java',
    'src/__snapshots__/a.ts.snap',
    'e2e/login.ts',
    'src\\tests\\win.ts',
  ])('%s is a test file', (path) => {
    expect(isTestFile(path)).toBe(true);
  });

  it.each(['src/app.ts', 'src/testing.ts', 'contest.py', 'latest/app.ts', 'README.md', '', '/'])(
    '%j is not',
    (path) => {
      expect(isTestFile(path)).toBe(false);
    },
  );
});
