import { describe, expect, it } from 'vitest';

import { parseCommandLine } from './command-parser.js';
import { shellInvocation } from './shell-invocation.js';

const invocation = (text: string) => shellInvocation(parseCommandLine(text)[0]!);

describe('shellInvocation', () => {
  it('finds the -c string past other options', () => {
    expect(invocation('bash -o pipefail -ec "ls"')).toEqual({ kind: 'string', script: 'ls' });
    expect(invocation('bash --norc +x -c ls arg0 arg1')).toEqual({ kind: 'string', script: 'ls' });
    expect(invocation('sh -c -- ls')).toEqual({ kind: 'string', script: 'ls' });
  });

  it('tells scripts from standard input', () => {
    expect(invocation('bash script.sh')).toEqual({ kind: 'file' });
    expect(invocation('bash -x script.sh')).toEqual({ kind: 'file' });
    expect(invocation('bash')).toEqual({ kind: 'input' });
    expect(invocation('bash -s arg')).toEqual({ kind: 'input' });
    expect(invocation('bash -i')).toEqual({ kind: 'input' });
    expect(invocation('sh - arg')).toEqual({ kind: 'file' });
  });

  it('refuses computed options and a missing string', () => {
    expect(invocation('sh "$OPTS" x')).toMatchObject({ kind: 'refused' });
    expect(invocation('sh -c "$X"')).toMatchObject({ kind: 'refused' });
    expect(invocation('sh -c')).toMatchObject({ kind: 'refused' });
  });
});
