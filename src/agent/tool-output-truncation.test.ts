import { describe, expect, it } from 'vitest';

import { defaultTruncationHint, truncateToolOutput } from './tool-output-truncation.js';

const numberedLines = (count: number): string =>
  Array.from({ length: count }, (_, index) => `line ${String(index + 1).padStart(4, '0')}`).join(
    '\n',
  );

describe('truncateToolOutput', () => {
  it('leaves output within the limit unchanged', () => {
    expect(truncateToolOutput('short', 100)).toEqual({
      text: 'short',
      truncated: false,
      cutCharacters: 0,
    });
    const exact = 'x'.repeat(100);
    expect(truncateToolOutput(exact, 100).text).toBe(exact);
  });

  it('keeps head and tail and says which characters and lines were cut and how to read them', () => {
    const output = numberedLines(1000); // 9,999 characters
    const result = truncateToolOutput(output, 1000);
    expect(result.truncated).toBe(true);
    expect(result.text.startsWith('line 0001\n')).toBe(true);
    expect(result.text.endsWith('line 1000')).toBe(true);
    const note =
      /\[output truncated: characters ([\d,]+)-([\d,]+) \(lines ([\d,]+)-([\d,]+)\) of 9,999 characters \(1,000 lines\) were cut\. (.+)\]/.exec(
        result.text,
      );
    expect(note).not.toBeNull();
    const [, firstCharacter, lastCharacter, firstLine, lastLine, hint] = note!;
    const parse = (text: string | undefined): number => Number(text!.replaceAll(',', ''));
    expect(hint).toBe(defaultTruncationHint);
    expect(parse(lastCharacter) - parse(firstCharacter) + 1).toBe(result.cutCharacters);
    // Cuts snap to line boundaries: the kept head ends with the line before the first cut line.
    expect(result.text).toContain(
      `line ${String(parse(firstLine) - 1).padStart(4, '0')}\n\n[output truncated`,
    );
    expect(result.text).not.toContain(`line ${String(parse(firstLine)).padStart(4, '0')}\n`);
    expect(result.text).toContain(`]\n\nline ${String(parse(lastLine) + 1).padStart(4, '0')}`);
    expect(output.length - result.cutCharacters).toBeLessThanOrEqual(1000);
  });

  it('uses a tool-specific hint', () => {
    const result = truncateToolOutput(
      'a'.repeat(500),
      100,
      'Use read_file with startLine and endLine.',
    );
    expect(result.text).toContain('Use read_file with startLine and endLine.]');
  });

  it('cuts text without newlines at the exact budget', () => {
    const result = truncateToolOutput('a'.repeat(400) + 'b'.repeat(600), 200);
    expect(result.cutCharacters).toBe(800);
    expect(result.text.startsWith('a'.repeat(150) + '\n')).toBe(true);
    expect(result.text.endsWith('\n' + 'b'.repeat(50))).toBe(true);
  });

  it('never splits a surrogate pair', () => {
    const output = '😀'.repeat(300);
    const result = truncateToolOutput(output, 101);
    const [head, tail] = result.text.split(/\n\n\[output truncated[^\]]*\]\n\n/);
    expect(head!.length % 2).toBe(0);
    expect(tail!.length % 2).toBe(0);
    expect(result.text).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
  });
});
