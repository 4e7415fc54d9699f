import { describe, expect, it } from 'vitest';

import { markdownTitle, plainHeadingText } from './markdown-title.js';
import { documentTitle } from './titles.js';

describe('markdownTitle', () => {
  it('takes the first ATX level-one heading, without closing hashes', () => {
    expect(markdownTitle('intro\n\n## Sub\n\n# Main Title ##\n\n# Second')).toBe('Main Title');
    expect(markdownTitle('   # Indented\n')).toBe('Indented');
  });

  it('ignores level-two headings, hashes without a space and empty headings', () => {
    expect(markdownTitle('## Two\n#hashtag\n#\n    # code\ntext')).toBeNull();
  });

  it('takes a setext heading underlined with =', () => {
    expect(markdownTitle('Setext Title\n============\n\nbody')).toBe('Setext Title');
    expect(markdownTitle('para\n\nAnother\n===\n')).toBe('Another');
  });

  it('does not take = under a blank line, a list item or a quote as setext', () => {
    expect(markdownTitle('\n===\n- item\n===\n> quote\n===\n')).toBeNull();
  });

  it('skips headings inside fenced code blocks', () => {
    const text = '```bash\n# install it\nnpm i\n```\n~~~\n# also code\n~~~\n# Real Title';
    expect(markdownTitle(text)).toBe('Real Title');
    expect(markdownTitle('```\n# never closed')).toBeNull();
  });

  it('does not treat the line before a fence as a setext title', () => {
    expect(markdownTitle('text\n```\n===\n```\n')).toBeNull();
  });

  it('prefers a front-matter title', () => {
    expect(markdownTitle('---\nlayout: doc\ntitle: From Front Matter\n---\n# Heading')).toBe(
      'From Front Matter',
    );
  });

  it('unquotes front-matter titles and drops trailing comments', () => {
    expect(markdownTitle('---\ntitle: "Quoted: yes"\n---\n')).toBe('Quoted: yes');
    expect(markdownTitle("---\ntitle: 'It''s here'\n---\n")).toBe("It's here");
    expect(markdownTitle('---\ntitle: Plain # comment\n---\n')).toBe('Plain');
  });

  it('falls back to the heading when front matter has no usable title', () => {
    expect(markdownTitle('---\nlayout: doc\n---\n# After Front Matter')).toBe('After Front Matter');
    expect(markdownTitle('---\ntitle: >\n  folded\n---\n# Heading')).toBe('Heading');
    expect(markdownTitle('---\ntitle: ""\n---\ntext')).toBeNull();
    expect(markdownTitle('---\ntitle: Ends Here\n...')).toBe('Ends Here');
    expect(markdownTitle('---\nlayout: doc\n---')).toBeNull();
  });

  it('passes over headings that are empty once markup is removed', () => {
    expect(markdownTitle('# ![](logo.png)\n**\n==\n# Real')).toBe('Real');
  });

  it('does not read an unclosed front-matter block as front matter', () => {
    expect(markdownTitle('---\ntitle: Nope\n\n# Yes')).toBe('Yes');
  });

  it('does not read nested title keys', () => {
    expect(markdownTitle('---\nseo:\n  title: Nested\n---\n# Top')).toBe('Top');
  });
});

describe('plainHeadingText', () => {
  it('removes links, images, code and emphasis markup and anchors', () => {
    expect(plainHeadingText('The [`loadPaths`](api.md) **API** {#api}')).toBe('The loadPaths API');
    expect(plainHeadingText('![logo](logo.png)  Project   __Name__')).toBe('logo Project Name');
  });
});

describe('documentTitle', () => {
  it('uses the Markdown title for Markdown', () => {
    expect(documentTitle('markdown', '# Guide', 'guide.md')).toBe('Guide');
  });

  it('uses the AsciiDoc document title', () => {
    expect(documentTitle('asciidoc', ':toc:\n= Asciidoc Title\n\n== Section', 'a.adoc')).toBe(
      'Asciidoc Title',
    );
    expect(documentTitle('asciidoc', '== Only a section', 'a.adoc')).toBe('a.adoc');
    expect(documentTitle('asciidoc', '= ``', 'a.adoc')).toBe('a.adoc');
  });

  it('uses the first reStructuredText section title, with or without overline', () => {
    expect(documentTitle('restructuredtext', '.. comment\n\nTitle\n=====\n', 'a.rst')).toBe(
      'Title',
    );
    expect(documentTitle('restructuredtext', '#######\n Over \n#######\n', 'a.rst')).toBe('Over');
    expect(documentTitle('restructuredtext', 'Too long title\n===\n', 'a.rst')).toBe('a.rst');
  });

  it('falls back to the file name for code, text and untitled documents', () => {
    expect(documentTitle('typescript', '# not a heading in code', 'main.ts')).toBe('main.ts');
    expect(documentTitle('text', 'Title\n=====', 'notes.txt')).toBe('notes.txt');
    expect(documentTitle('markdown', 'no heading', 'plain.md')).toBe('plain.md');
  });
});
