import { describe, expect, it } from 'vitest';

import { parseCommandLine } from './command-parser.js';
import { evaluateCommand } from './command-policy.js';
import { isWrapperName, unwrapCommand } from './command-wrappers.js';

const unwrap = (text: string, wrapper?: string, start = 1) => {
  const command = parseCommandLine(text)[0]!;
  return unwrapCommand(wrapper ?? command.argv[0]!, command, start);
};
const innerArgv = (text: string) => {
  const result = unwrap(text);
  if (typeof result === 'string') throw new Error(result);
  return result.inner?.argv;
};

describe('unwrapCommand', () => {
  it('finds the wrapped command behind each wrapper', () => {
    expect(innerArgv('env -i -u HOME A=1 B=2 npm test')).toEqual(['npm', 'test']);
    expect(innerArgv('env --unset=HOME -- npm test')).toEqual(['npm', 'test']);
    expect(innerArgv('timeout -k 5 --signal=TERM 60 npm test')).toEqual(['npm', 'test']);
    expect(innerArgv('nice -10 make')).toEqual(['make']);
    expect(innerArgv('nice -n5 make')).toEqual(['make']);
    expect(innerArgv('stdbuf -oL -e0 make')).toEqual(['make']);
    expect(innerArgv('time -f %e -o t.txt make')).toEqual(['make']);
    expect(innerArgv('exec -a name make')).toEqual(['make']);
    expect(innerArgv('xargs -n1 -P4 -I{} grep x {}')).toEqual(['grep', 'x', '{}']);
    expect(innerArgv('xargs')).toEqual(['echo']);
    expect(innerArgv('npx --yes vitest run')).toEqual(['vitest', 'run']);
    expect(innerArgv('busybox ls')).toEqual(['ls']);
  });

  it('collects assignments, written files, directories and scripts', () => {
    const env = unwrap('env -C src A=1 make');
    expect(
      typeof env !== 'string' && env.inner?.assignments.map((assignment) => assignment.name),
    ).toEqual(['A']);
    expect(typeof env !== 'string' && env.directories.map((word) => word.text)).toEqual(['src']);
    const time = unwrap('time --output=t.txt make');
    expect(typeof time !== 'string' && time.writtenPaths.map((word) => word.text)).toEqual([
      't.txt',
    ]);
    const npx = unwrap('npx -c "npm test"');
    expect(typeof npx !== 'string' && [npx.scripts, npx.inner]).toEqual([['npm test'], undefined]);
    const xargs = unwrap('xargs grep x');
    expect(typeof xargs !== 'string' && xargs.inner?.appendsArguments).toBe(true);
    const split = unwrap('env -S "grep -n x" file');
    expect(typeof split !== 'string' && split.inner?.argv).toEqual(['grep', '-n', 'x', 'file']);
    const npmExec = unwrap('npm exec -- vitest', 'npm exec', 2);
    expect(typeof npmExec !== 'string' && npmExec.inner?.argv).toEqual(['vitest']);
  });

  it('says when nothing is wrapped', () => {
    for (const text of ['env', 'env -i', 'exec', 'command -v node']) {
      const result = unwrap(text);
      expect(typeof result !== 'string' && result.inner, text).toBeUndefined();
    }
  });

  it('refuses what it cannot read', () => {
    expect(unwrap('nohup')).toBe('nohup is given no command');
    expect(unwrap('timeout --bogus 5 ls')).toContain('--bogus');
    expect(unwrap('stdbuf -z ls')).toContain('-z');
    expect(unwrap('env -u')).toContain('-u');
    expect(unwrap('env --unset')).toContain('--unset');
    expect(unwrap('env "$FLAG" ls')).toContain('computed at run time');
    expect(unwrap('env -S "$X"')).toContain('computed at run time');
    expect(unwrap('env -S "a; b"')).toContain('exactly one plain command');
    expect(unwrap('npx -c "$X"')).toContain('computed at run time');
    expect(unwrap('npx --package=x y')).toContain('installs packages');
  });

  it('knows its names', () => {
    expect(isWrapperName('timeout')).toBe(true);
    expect(isWrapperName('npm')).toBe(false);
  });
});

describe('wrappers in the policy', () => {
  const root = { root: '/work/project' };
  it('checks files written and directories entered by wrappers', () => {
    expect(evaluateCommand('time -o ../t.txt make', root).reason).toContain(
      'outside the workspace',
    );
    expect(evaluateCommand('time -o .git/t make', root).reason).toContain('read-only');
    expect(evaluateCommand('env -C .git make', root).reason).toContain('cannot change directory');
    expect(evaluateCommand('env -C "$D" make', root).reason).toContain('computed at run time');
    expect(evaluateCommand('env -C src make', root).allowed).toBe(true);
    expect(evaluateCommand('find . -fprint .git/x', root).reason).toContain('read-only');
    expect(evaluateCommand('find . -fprintf out.txt %p', root).allowed).toBe(true);
    expect(evaluateCommand('find . -fprint', root).reason).toContain('needs a file');
    expect(evaluateCommand('find . -exec \\;', root).reason).toContain('has no command');
  });

  it('looks into eval, npx -c and sh -c when they are allowed', () => {
    const policy = { allow: ['eval', 'ls', 'npx', 'sh'] };
    expect(evaluateCommand('eval ls', root, policy).allowed).toBe(true);
    expect(evaluateCommand('eval "rm -rf x"', root, policy).reason).toContain('recursive');
    expect(evaluateCommand('npx -c "ls; rm -rf x"', root, policy).reason).toContain('recursive');
    expect(evaluateCommand('sh -c "ls" && sh -c ls', root, policy).allowed).toBe(true);
    expect(evaluateCommand('sh -c "\'"', root, policy).reason).toContain('Cannot parse');
  });
});
