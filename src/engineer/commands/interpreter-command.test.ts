import { describe, expect, it } from 'vitest';

import { parseCommandLine } from './command-parser.js';
import { analyzeInterpreter } from './interpreter-command.js';

const analyze = (text: string) => {
  const command = parseCommandLine(text)[0]!;
  return analyzeInterpreter(command.argv[0]!, command);
};

describe('analyzeInterpreter', () => {
  it('is undefined for other programs', () => {
    expect(analyze('ls -la')).toBeUndefined();
  });

  it('finds inline code in every spelling', () => {
    expect(analyze('node -e 1')?.inlineCode).toBe('node -e');
    expect(analyze('node --eval=1')?.inlineCode).toBe('node --eval');
    expect(analyze('node -pe 1')?.inlineCode).toBe('node -p');
    expect(analyze('python -c 1')?.inlineCode).toBe('python -c');
    expect(analyze('python3.12 -Bc 1')?.inlineCode).toBe('python3.12 -c');
    expect(analyze("python '-cprint(1)'")?.inlineCode).toBe('python -c');
    expect(analyze('perl -ne print f')?.inlineCode).toBe('perl -e');
    expect(analyze('deno eval 1')?.inlineCode).toBe('deno eval');
    expect(analyze('php -r 1')?.inlineCode).toBe('php -r');
  });

  it('skips option values and finds the script, module or standard input', () => {
    expect(analyze('node --require ./setup.js app.js')).toEqual({
      inlineCode: undefined,
      module: undefined,
      readsProgramFromInput: false,
    });
    expect(analyze('node -r ./setup.js app.js')?.readsProgramFromInput).toBe(false);
    expect(analyze('python -Wonce -X dev app.py')?.inlineCode).toBeUndefined();
    expect(analyze('python -m pytest -c setup.cfg')).toEqual({
      inlineCode: undefined,
      module: 'pytest',
      readsProgramFromInput: false,
    });
    expect(analyze('python -mpytest')?.module).toBe('pytest');
    expect(analyze('python -m')?.module).toBe('');
    expect(analyze('python -')?.readsProgramFromInput).toBe(true);
    expect(analyze('python')?.readsProgramFromInput).toBe(true);
    expect(analyze('node -- app.js')?.readsProgramFromInput).toBe(false);
    expect(analyze('node --')?.readsProgramFromInput).toBe(true);
    expect(analyze('perl -Mstrict app.pl')?.inlineCode).toBeUndefined();
  });
});
