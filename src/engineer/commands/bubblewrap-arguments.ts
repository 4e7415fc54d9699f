/**
 * The bubblewrap (bwrap) command line that confines a command: no network and no
 * other namespaces shared, all capabilities dropped, the system directories and
 * /etc read-only, a private /tmp, /proc and /dev, and only the workspace
 * writable, with its read-only areas (.git, the data folder) bound read-only on
 * top. The process dies with its parent and runs in a new session.
 */
import { lstatSync, readlinkSync } from 'node:fs';

/** What the sandbox exposes. */
export interface BubblewrapLayout {
  /** The workspace root, bound read-write at the same path. */
  readonly workspace: string;
  /** The working directory inside the workspace. */
  readonly workingDirectory: string;
  /** Absolute paths bound read-only on top of the workspace (existing read-only areas). */
  readonly protectedPaths: readonly string[];
  /** Further host paths bound read-only (tool directories outside /usr), when they exist. */
  readonly readOnlyPaths: readonly string[];
  /** HOME inside the sandbox; created on its private /tmp. */
  readonly home: string;
}

const rootLinks = ['/bin', '/sbin', '/lib', '/lib32', '/lib64', '/libx32'];
// Secrets under /etc stay hidden even though /etc is visible: password hashes, sudo
// rules, SSH host keys, TLS private keys.
const maskedFiles = [
  '/etc/shadow',
  '/etc/shadow-',
  '/etc/gshadow',
  '/etc/gshadow-',
  '/etc/sudoers',
];
const maskedDirectories = ['/etc/ssh', '/etc/sudoers.d', '/etc/ssl/private'];

/** The bwrap arguments up to and including `--`; the command follows. */
export function bubblewrapArguments(layout: BubblewrapLayout): string[] {
  const args = ['--die-with-parent', '--new-session', '--unshare-all', '--cap-drop', 'ALL'];
  args.push('--ro-bind', '/usr', '/usr');
  for (const path of rootLinks) {
    const kind = entryKind(path);
    if (kind === 'link') args.push('--symlink', readlinkSync(path), path);
    else if (kind === 'directory') args.push('--ro-bind', path, path);
  }
  args.push('--ro-bind', '/etc', '/etc');
  for (const path of maskedFiles)
    if (entryKind(path) === 'file') args.push('--ro-bind', '/dev/null', path);
  for (const path of maskedDirectories)
    if (entryKind(path) === 'directory') args.push('--tmpfs', path);
  for (const path of layout.readOnlyPaths) args.push('--ro-bind-try', path, path);
  args.push('--proc', '/proc', '--dev', '/dev', '--tmpfs', '/tmp', '--dir', layout.home);
  args.push('--bind', layout.workspace, layout.workspace);
  for (const path of layout.protectedPaths) args.push('--ro-bind-try', path, path);
  args.push('--chdir', layout.workingDirectory, '--');
  return args;
}

function entryKind(path: string): 'link' | 'directory' | 'file' | 'missing' {
  try {
    const stats = lstatSync(path);
    if (stats.isSymbolicLink()) return 'link';
    return stats.isDirectory() ? 'directory' : 'file';
  } catch {
    return 'missing';
  }
}
