import { describe, expect, it } from 'vitest';

import { parseCommandLine } from './command-parser.js';
import { analyzeSed, sedScriptProblem } from './sed-command.js';

const sed = (text: string) => analyzeSed(parseCommandLine(text)[0]!);

describe('sedScriptProblem', () => {
  it.each([
    's/a/b/g',
    '1,20p',
    '$d',
    '/start/,/end/d',
    '\\,x,d',
    '/re/I p',
    '0~2 p',
    '1,+3 d',
    '/x/!d',
    '{ s/a/b/; p }',
    'y/abc/xyz/',
    'a\\\nappended text',
    'i inserted; w not a command',
    ':loop; N; b loop',
    '# comment\np',
    's/[/]/x/',
    's|a|b|2',
    '=',
  ])('accepts %j', (script) => {
    expect(sedScriptProblem(script)).toBeUndefined();
  });

  it.each([
    ['w out.txt', "'w'"],
    ['1W out', "'W'"],
    ['r /etc/passwd', "'r'"],
    ['$R /etc/passwd', "'R'"],
    ['e id', "'e'"],
    ['s/a/b/w out', 's///w'],
    ['s/a/b/e', 's///w'],
    ['s/[/]/a;b/w /etc/x', 's///w'],
    ['/unterminated', 'unterminated address'],
    ['\\,x', 'unterminated address'],
    ['1,/x', 'unterminated address'],
    ['s/a/b', 'unterminated command'],
    ['s', 'bad delimiter'],
    ['s\\a\\b\\', 'bad delimiter'],
    ['1,2', 'without a command'],
    ['k', 'does not know'],
  ])('refuses %j', (script, fragment) => {
    expect(sedScriptProblem(script)).toContain(fragment);
  });
});

describe('analyzeSed', () => {
  it('finds scripts in -e, --expression, clusters and the first operand', () => {
    expect(sed("sed -n -e 's/a/b/' -e p f")).toEqual({ inPlace: false, denial: undefined });
    expect(sed('sed --expression=w\\ x f').denial).toContain("'w'");
    expect(sed('sed --expression "w x" f').denial).toContain("'w'");
    expect(sed("sed -ne 'w x' f").denial).toContain("'w'");
    expect(sed("sed -e'w x' f").denial).toContain("'w'");
    expect(sed("sed -l 80 'w x' f").denial).toContain("'w'");
    expect(sed("sed -- 'w x' f").denial).toContain("'w'");
    expect(sed('sed -E -s p - f').denial).toBeUndefined();
  });

  it('reports in-place editing in every spelling', () => {
    expect(sed('sed -i s/a/b/ f').inPlace).toBe(true);
    expect(sed('sed -i.bak s/a/b/ f').inPlace).toBe(true);
    expect(sed('sed --in-place=.orig s/a/b/ f').inPlace).toBe(true);
    expect(sed('sed -n p f').inPlace).toBe(false);
  });

  it('refuses script files and computed scripts', () => {
    expect(sed('sed -f x.sed f').denial).toContain('-f');
    expect(sed('sed --file=x.sed f').denial).toContain('-f');
    expect(sed('sed "$SCRIPT" f').denial).toContain('run time');
  });
});
