/**
 * One name per language, whatever a fence's info string or a loader calls it, so a
 * search filtered on 'typescript' also finds examples fenced as ```ts.
 */

const ALIASES: Readonly<Record<string, string>> = {
  ts: 'typescript',
  tsx: 'typescript',
  mts: 'typescript',
  cts: 'typescript',
  js: 'javascript',
  jsx: 'javascript',
  mjs: 'javascript',
  cjs: 'javascript',
  node: 'javascript',
  py: 'python',
  py3: 'python',
  python3: 'python',
  sh: 'shell',
  bash: 'shell',
  zsh: 'shell',
  ksh: 'shell',
  console: 'shell',
  'shell-session': 'shell',
  shellsession: 'shell',
  terminal: 'shell',
  ps1: 'powershell',
  pwsh: 'powershell',
  ps: 'powershell',
  yml: 'yaml',
  rb: 'ruby',
  rs: 'rust',
  golang: 'go',
  kt: 'kotlin',
  kts: 'kotlin',
  cs: 'csharp',
  'c#': 'csharp',
  'c++': 'cpp',
  cc: 'cpp',
  cxx: 'cpp',
  hpp: 'cpp',
  hxx: 'cpp',
  h: 'c',
  md: 'markdown',
  mdx: 'markdown',
  jsonc: 'json',
  json5: 'json',
  docker: 'dockerfile',
  tf: 'hcl',
  terraform: 'hcl',
  htm: 'html',
  xhtml: 'html',
  svg: 'xml',
  patch: 'diff',
  txt: 'text',
  plain: 'text',
  plaintext: 'text',
  sc: 'scala',
  pl: 'perl',
  ex: 'elixir',
  exs: 'elixir',
  hs: 'haskell',
  ml: 'ocaml',
  proto: 'protobuf',
  gql: 'graphql',
};

/**
 * The canonical language of an info string or a language name: the first word,
 * lowercased, without pandoc's `{.` or a trailing `:file` / `,attr`, then aliased
 * (`ts` -> `typescript`, `sh` -> `shell`, `yml` -> `yaml`). 'text' when empty.
 */
export function normalizeLanguage(infoOrName: string): string {
  const match = /^[{.\s]*([A-Za-z0-9_+#.-]*)/.exec(infoOrName);
  const word = (match?.[1] ?? '').toLowerCase().replace(/^\.+|\.+$/g, '');
  if (word === '') return 'text';
  return ALIASES[word] ?? word;
}
