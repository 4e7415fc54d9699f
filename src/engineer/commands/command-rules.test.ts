import { describe, expect, it } from 'vitest';

import { parseCommandLine } from './command-parser.js';
import { hasOption, ruleMatches, toCommandRule } from './command-rules.js';

const command = (text: string) => parseCommandLine(text)[0]!;

describe('command rules', () => {
  it('reads the shorthand', () => {
    expect(toCommandRule('npm')).toEqual({ command: 'npm' });
    expect(toCommandRule(' git  status ')).toEqual({ command: 'git', subcommands: ['status'] });
    expect(toCommandRule({ command: 'x', reason: 'r' })).toEqual({ command: 'x', reason: 'r' });
  });

  it('matches names, subcommands and options', () => {
    expect(ruleMatches({ command: 'NPM' }, 'npm', command('npm test'))).toBe(true);
    expect(
      ruleMatches({ command: 'npm', subcommands: ['test'] }, 'npm', command('npm --prefix x test')),
    ).toBe(true);
    expect(
      ruleMatches({ command: 'npm', subcommands: ['test'] }, 'npm', command('npm -- test')),
    ).toBe(false);
    expect(ruleMatches({ command: 'npm', subcommands: ['test'] }, 'npm', command('npm'))).toBe(
      false,
    );
    expect(ruleMatches({ command: 'sh', withOptions: ['-c'] }, 'sh', command('sh -ec ls'))).toBe(
      true,
    );
    expect(ruleMatches({ command: 'sh', withOptions: ['-c'] }, 'sh', command('sh x.sh'))).toBe(
      false,
    );
    expect(
      ruleMatches({ command: 'make', withoutOptions: ['-B'] }, 'make', command('make -B')),
    ).toBe(false);
    expect(
      ruleMatches({ command: 'make', withoutOptions: ['-B'] }, 'make', command('make -- -B')),
    ).toBe(true);
  });

  it('finds options in their spellings', () => {
    expect(hasOption(command('tool --out=x'), '--out')).toBe(true);
    expect(hasOption(command('tool -xvf a'), '-v')).toBe(true);
    expect(hasOption(command('tool --verbose'), '-v')).toBe(false);
  });
});
