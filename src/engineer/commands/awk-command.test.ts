import { describe, expect, it } from 'vitest';

import { awkDenial } from './awk-command.js';
import { parseCommandLine } from './command-parser.js';

const awk = (text: string) => awkDenial(parseCommandLine(text)[0]!);

describe('awkDenial', () => {
  it('accepts programs that only compute and print', () => {
    expect(awk("awk '{print $1}' f")).toBeUndefined();
    expect(awk("awk -F: -v n=1 '$2 == n {print}' f")).toBeUndefined();
    expect(awk("awk -F : --posix -- '{print}' f")).toBeUndefined();
    expect(awk("awk -e '{print}' -e 'END{print NR}' f")).toBeUndefined();
    expect(awk("awk --field-separator=, '{print}' f")).toBeUndefined();
  });

  it('refuses programs that run commands or write files, and unknown options', () => {
    expect(awk('awk \'BEGIN{system("id")}\'')).toContain('system');
    expect(awk('awk \'{ "date" | getline d }\'')).toContain('system');
    expect(awk('awk \'{print > "out"}\' f')).toContain('system');
    expect(awk('awk --source=\'{print | "sh"}\' f')).toContain('system');
    expect(awk('awk -f prog.awk f')).toContain('-f');
    expect(awk('awk -i inplace x f')).toContain('-i');
    expect(awk('awk')).toContain('needs a program');
    expect(awk('awk "$PROGRAM" f')).toContain('run time');
  });
});
