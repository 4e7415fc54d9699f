/**
 * Where the shadow store of a workspace lives: one folder per workspace under
 * `<ARCHON_HOME>/checkpoints`, named by a hash of the workspace's real path, so two
 * workspaces never share a store and the same workspace always finds its own.
 */
import { createHash } from 'node:crypto';
import { realpathSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** `<archonHome>/checkpoints/<first 24 hex of sha256(real workspace path)>`. */
export function checkpointStoreDirectory(archonHome: string, workspace: string): string {
  let workspacePath = resolve(workspace);
  try {
    workspacePath = realpathSync(workspacePath);
  } catch {
    // A workspace that does not exist yet is named by its resolved path.
  }
  const digest = createHash('sha256').update(workspacePath).digest('hex').slice(0, 24);
  return join(resolve(archonHome), 'checkpoints', digest);
}
