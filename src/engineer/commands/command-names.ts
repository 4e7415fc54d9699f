/**
 * What the policy knows about command names: how a program word becomes a name
 * (`/bin/rm`, `"rm"`, `\rm` and a full-width `ｒｍ` are all `rm`) and which names
 * belong to the families the rules treat specially.
 */

/** Directories whose programs may be named by absolute path (`/usr/bin/env`). */
export const systemProgramDirectories: readonly string[] = [
  '/bin',
  '/sbin',
  '/usr/bin',
  '/usr/sbin',
  '/usr/local/bin',
  '/usr/local/sbin',
];

/** The name a program word stands for: its last path segment, NFKC-normalised, lower case. */
export function commandName(program: string): string {
  const lastSegment = program.slice(program.lastIndexOf('/') + 1);
  return lastSegment.normalize('NFKC').toLowerCase();
}

/** Commands that run something as another user: always denied. */
export const privilegeCommands: ReadonlySet<string> = new Set([
  'sudo',
  'doas',
  'su',
  'pkexec',
  'runuser',
  'chroot',
  'nsenter',
  'setpriv',
  'capsh',
  'unshare',
  'machinectl',
  'systemd-run',
]);

/** Shells: inspected through `-c`; reading commands from input is always denied. */
export const shellCommands: ReadonlySet<string> = new Set([
  'sh',
  'bash',
  'dash',
  'zsh',
  'ksh',
  'mksh',
  'ash',
  'fish',
  'tcsh',
  'csh',
  'rbash',
  'yash',
]);

/** Network clients: denied by the default policy. */
export const networkCommands: ReadonlySet<string> = new Set([
  'curl',
  'wget',
  'nc',
  'ncat',
  'netcat',
  'socat',
  'ssh',
  'scp',
  'sftp',
  'ftp',
  'telnet',
  'rsync',
  'aria2c',
  'http',
  'https',
  'httpie',
  'lynx',
  'w3m',
  'links',
  'ping',
  'dig',
  'nslookup',
  'host',
  'openssl',
  'gh',
  'aws',
  'gcloud',
  'az',
  'kubectl',
  'docker',
  'podman',
]);

/** Commands that create, change or remove the files named by their arguments. */
export const fileWritingCommands: ReadonlySet<string> = new Set([
  'cp',
  'mv',
  'ln',
  'link',
  'install',
  'tee',
  'touch',
  'mkdir',
  'rm',
  'rmdir',
  'unlink',
  'shred',
  'chmod',
  'chown',
  'chgrp',
  'chattr',
  'setfacl',
  'truncate',
  'dd',
  'rsync',
  'split',
  'csplit',
  'patch',
  'tar',
  'unzip',
  'zip',
  'gzip',
  'gunzip',
  'bzip2',
  'bunzip2',
  'xz',
  'unxz',
  'zstd',
  'mkfifo',
  'mknod',
  'mktemp',
  'sort',
  'uniq',
  'rename',
  'cpio',
  'ar',
  'fallocate',
  'sponge',
]);

/** Tools whose whole purpose is deleting trees: always denied like `rm -r`. */
export const treeDeletingCommands: ReadonlySet<string> = new Set([
  'rimraf',
  'del',
  'del-cli',
  'rmtrash',
  'trash-empty',
  'wipe',
  'srm',
]);

/** Commands whose arguments are not file names, so run-time values are harmless. */
export const valueOnlyCommands: ReadonlySet<string> = new Set([
  'echo',
  'printf',
  'true',
  'false',
  ':',
  'test',
  '[',
  'exit',
  'return',
  'expr',
  'sleep',
  'seq',
]);

/** Builtins that store code to run later or rename commands: always denied. */
export const deferredCodeCommands: ReadonlySet<string> = new Set([
  'trap',
  'alias',
  'unalias',
  'enable',
  'hash',
]);

/** Builtins whose arguments are assignments checked like `NAME=value cmd`. */
export const declarationCommands: ReadonlySet<string> = new Set([
  'export',
  'readonly',
  'declare',
  'typeset',
  'local',
]);

/** Programs that never run their arguments as a command (besides those the default policy allows). */
export const knownPrograms: ReadonlySet<string> = new Set([
  ...fileWritingCommands,
  ...valueOnlyCommands,
  ...declarationCommands,
  'ls',
  'cat',
  'grep',
  'head',
  'tail',
  'wc',
  'base64',
  'gzip',
  'id',
  'uname',
]);
