/**
 * Line-based rules per programming language: which column-0 lines start a top-level
 * declaration, which lines above a declaration belong to it (comments, decorators,
 * attributes), and which words introduce a declaration's name. Regular expressions
 * over single lines, no parser: fast, dependency-free, and right for idiomatic code.
 */

import { normalizeLanguage } from './code-language-names.js';

export interface CodeLanguageRules {
  /** Tested on lines starting at column 0: a top-level declaration begins here. */
  readonly declaration: RegExp;
  /** Tested on a line without its indentation: a comment line. */
  readonly comment: RegExp;
  /** Tested on a line without its indentation: a decorator, annotation or attribute. */
  readonly decorator: RegExp | null;
  /** Words after which a declaration's name follows (`function`, `class`, `def`). */
  readonly nameKeywords: ReadonlySet<string>;
  /** Whether a docstring under the declaration documents it (Python). */
  readonly docstrings: boolean;
}

const SLASH_COMMENT = /^(?:\/\/|\/\*|\*)/;
const AT_ANNOTATION = /^@[A-Za-z_$]/;
const words = (list: string): ReadonlySet<string> => new Set(list.split(' '));

function slashLanguage(
  declaration: RegExp,
  keywords: string,
  decorator: RegExp | null = AT_ANNOTATION,
): CodeLanguageRules {
  return {
    declaration,
    comment: SLASH_COMMENT,
    decorator,
    nameKeywords: words(keywords),
    docstrings: false,
  };
}

const ecmascript = slashLanguage(
  /^(?:export\b|(?:declare\s+)?(?:abstract\s+)?(?:async\s+)?(?:function\b|class\b|interface\b|type\s+[A-Za-z_$]|enum\b|const\b|let\b|var\b|namespace\b|module\s+[A-Za-z_$'"])|(?:describe|suite|test|it)(?:\.\w+)*\s*\()/,
  'function function* class interface type enum namespace module const let var',
);

const cFamily = slashLanguage(
  /^(?:namespace|class|struct|enum|union|typedef|extern|static|inline|constexpr|void|int|char|bool|long|short|unsigned|signed|float|double|auto|const)\b|^(?=[^(]*\()[A-Za-z_][\w:<>*&, ]*[\s*&][*&]*[A-Za-z_~][\w:~]*\s*\(/,
  'namespace class struct enum union',
  /^(?:\[\[|template\s*<)/,
);

const RULES: Readonly<Record<string, CodeLanguageRules>> = {
  typescript: ecmascript,
  javascript: ecmascript,
  python: {
    declaration: /^(?:async\s+def\s|def\s|class\s|if\s+__name__\s*==)/,
    comment: /^#/,
    decorator: /^@[A-Za-z_]/,
    nameKeywords: words('def class'),
    docstrings: true,
  },
  go: slashLanguage(/^(?:func|type|var|const)\b/, 'func type var const', null),
  rust: slashLanguage(
    /^(?:pub(?:\s*\([^)]*\))?\s+)?(?:(?:default|const|async|unsafe|extern(?:\s+"[^"]*")?)\s+)*(?:(?:fn|struct|enum|union|impl|trait|mod|type|const|static)\b|macro_rules!)/,
    'fn struct enum union impl trait mod type const static macro_rules!',
    /^#!?\[/,
  ),
  java: slashLanguage(
    /^(?:(?:public|protected|private|abstract|static|final|sealed|non-sealed|strictfp)\s+)*(?:class|interface|enum|record|@interface)\b/,
    'class interface enum record',
  ),
  kotlin: slashLanguage(
    /^(?:(?:public|private|internal|protected|open|abstract|sealed|data|enum|annotation|inline|value|inner|override|suspend|operator|infix|tailrec|external|const|lateinit|expect|actual|fun)\s+)*(?:class|interface|object|fun|val|var|typealias)\b/,
    'class interface object fun val var typealias',
  ),
  scala: slashLanguage(
    /^(?:(?:private|protected|final|sealed|abstract|implicit|lazy|override|case|inline|opaque|transparent|open)\s+)*(?:class|object|trait|def|val|var|type|enum|given|extension)\b/,
    'class object trait def val var type enum given',
  ),
  swift: slashLanguage(
    /^(?:(?:public|private|fileprivate|internal|open|final|static|indirect|nonisolated|@\w+(?:\([^)]*\))?)\s+)*(?:class|struct|enum|protocol|extension|func|actor|typealias|let|var)\b/,
    'class struct enum protocol extension func actor typealias let var',
  ),
  csharp: slashLanguage(
    /^(?:(?:public|private|protected|internal|static|abstract|sealed|partial|readonly|unsafe|file|new|ref)\s+)*(?:class|struct|interface|enum|record|namespace|delegate)\b/,
    'class struct interface enum record namespace delegate',
    /^\[[A-Za-z]/,
  ),
  php: {
    declaration: /^(?:(?:abstract|final|readonly)\s+)*(?:class|interface|trait|enum|function)\b/,
    comment: /^(?:\/\/|\/\*|\*|#(?!\[))/,
    decorator: /^#\[/,
    nameKeywords: words('class interface trait enum function'),
    docstrings: false,
  },
  ruby: {
    declaration: /^(?:class|module|def)\b/,
    comment: /^#/,
    decorator: null,
    nameKeywords: words('class module def'),
    docstrings: false,
  },
  c: cFamily,
  cpp: cFamily,
};

/** The rules for a language name (any alias), or null when it has none. */
export function codeLanguageRules(language: string): CodeLanguageRules | null {
  return RULES[normalizeLanguage(language)] ?? null;
}
