/**
 * Where Archon keeps its data when ARCHON_HOME is not set: the per-user data
 * directory each platform expects.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';

/** Per-user data directory for the given platform and environment. */
export function defaultHome(
  environment: Readonly<Record<string, string | undefined>>,
  platform: NodeJS.Platform = process.platform,
  userHome: string = homedir(),
): string {
  if (platform === 'win32') {
    return join(environment.LOCALAPPDATA ?? join(userHome, 'AppData', 'Local'), 'archon');
  }
  if (platform === 'darwin') {
    return join(userHome, 'Library', 'Application Support', 'archon');
  }
  const xdgDataHome = environment.XDG_DATA_HOME;
  return join(
    xdgDataHome && xdgDataHome.length > 0 ? xdgDataHome : join(userHome, '.local', 'share'),
    'archon',
  );
}
