/**
 * Variables a command line may not set, because setting them changes which program
 * runs or makes a program run a command string: `PATH=.:$PATH ls` runs a file the
 * agent wrote, `GIT_PAGER`, `EDITOR` and `PS4` are executed, `LD_PRELOAD` loads code
 * into every process, `BASH_ENV` and `ENV` are sourced by shells.
 */

const exactNames = new Set([
  'PATH',
  'IFS',
  'ENV',
  'BASH_ENV',
  'CDPATH',
  'HOME',
  'SHELL',
  'SHELLOPTS',
  'BASHOPTS',
  'GLOBIGNORE',
  'PROMPT_COMMAND',
  'PS1',
  'PS2',
  'PS3',
  'PS4',
  'PAGER',
  'MANPAGER',
  'EDITOR',
  'VISUAL',
  'BROWSER',
  'NODE_OPTIONS',
  'PYTHONSTARTUP',
  'PYTHONINSPECT',
  'PERL5OPT',
  'PERL5DB',
  'RUBYOPT',
  'JAVA_TOOL_OPTIONS',
  '_JAVA_OPTIONS',
  'LESSOPEN',
  'LESSCLOSE',
  'TMPDIR',
  'XDG_CONFIG_HOME',
  'ZDOTDIR',
]);
const prefixes = [
  'LD_',
  'DYLD_',
  'GIT_',
  'NPM_CONFIG_',
  'BASH_FUNC_',
  'SSH_',
  'PIP_',
  'CARGO_',
  'RUSTC_WRAPPER',
];

/** Why setting this variable is refused, or undefined when it may be set. */
export function dangerousVariableReason(name: string): string | undefined {
  const upper = name.toUpperCase();
  if (exactNames.has(upper) || prefixes.some((prefix) => upper.startsWith(prefix))) {
    return `setting ${name} could change which program runs or run a command string`;
  }
  return undefined;
}
