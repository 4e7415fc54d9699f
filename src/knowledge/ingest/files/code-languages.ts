/**
 * Source-code file extensions and the language name each maps to. Names are the family
 * a code chunker switches on ('typescript' also covers `.tsx`, 'javascript' `.jsx`), so a
 * chunker needs one rule per language, not one per dialect.
 */

/** Lower-case extension (with the dot) to language name, for every supported code file. */
export const codeLanguageByExtension: ReadonlyMap<string, string> = new Map(
  Object.entries({
    typescript: ['.ts', '.tsx', '.mts', '.cts'],
    javascript: ['.js', '.jsx', '.mjs', '.cjs'],
    python: ['.py', '.pyi', '.pyw'],
    go: ['.go'],
    rust: ['.rs'],
    java: ['.java'],
    kotlin: ['.kt', '.kts'],
    c: ['.c', '.h'],
    cpp: ['.cc', '.cpp', '.cxx', '.c++', '.hh', '.hpp', '.hxx', '.h++', '.ipp', '.inl'],
    csharp: ['.cs', '.csx'],
    fsharp: ['.fs', '.fsi', '.fsx'],
    ruby: ['.rb', '.rake', '.gemspec'],
    php: ['.php'],
    swift: ['.swift'],
    scala: ['.scala', '.sc'],
    shell: ['.sh', '.bash', '.zsh', '.ksh'],
    fish: ['.fish'],
    powershell: ['.ps1', '.psm1', '.psd1'],
    batch: ['.bat', '.cmd'],
    sql: ['.sql'],
    lua: ['.lua'],
    dart: ['.dart'],
    elixir: ['.ex', '.exs'],
    erlang: ['.erl', '.hrl'],
    haskell: ['.hs'],
    ocaml: ['.ml', '.mli'],
    clojure: ['.clj', '.cljs', '.cljc'],
    r: ['.r'],
    julia: ['.jl'],
    perl: ['.pl', '.pm'],
    'objective-c': ['.m'],
    'objective-cpp': ['.mm'],
    groovy: ['.groovy', '.gradle'],
    zig: ['.zig'],
    nim: ['.nim'],
    elm: ['.elm'],
    solidity: ['.sol'],
    vbnet: ['.vb'],
    vue: ['.vue'],
    svelte: ['.svelte'],
    css: ['.css'],
    scss: ['.scss', '.sass'],
    less: ['.less'],
    graphql: ['.graphql', '.gql'],
    protobuf: ['.proto'],
    hcl: ['.tf', '.tfvars', '.hcl'],
    nix: ['.nix'],
    cmake: ['.cmake'],
    makefile: ['.mk', '.mak'],
    dockerfile: ['.dockerfile'],
  }).flatMap(([language, extensions]) =>
    extensions.map((extension) => [extension, language] as const),
  ),
);

/** Exact file names (lower-cased) of code files that have no telling extension. */
export const codeLanguageByFileName: ReadonlyMap<string, string> = new Map([
  ['dockerfile', 'dockerfile'],
  ['containerfile', 'dockerfile'],
  ['makefile', 'makefile'],
  ['gnumakefile', 'makefile'],
  ['cmakelists.txt', 'cmake'],
  ['rakefile', 'ruby'],
  ['gemfile', 'ruby'],
  ['vagrantfile', 'ruby'],
  ['jenkinsfile', 'groovy'],
]);
