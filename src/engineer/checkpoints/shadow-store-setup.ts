/**
 * Creates or reopens the shadow store of one workspace. The store must sit outside the
 * workspace's `.git`; it records which workspace it belongs to, so a store is never
 * reused for another folder; and its own `info/exclude` and `info/attributes` decide
 * what is captured and that bytes are stored exactly as they are on disk.
 */
import { mkdir, readdir, readFile, realpath, stat, writeFile } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';

import { ArchonError, ErrorCode } from '../../core/errors.js';
import { runShadowGit, type ShadowGitLocation } from './shadow-git.js';

/** Always left out of checkpoints, whatever the workspace's ignore files say. */
const alwaysExcluded = ['.git', 'node_modules/'];

/**
 * No end-of-line conversion, no clean/smudge filter, no re-encoding: a restore must
 * give back the very bytes that were captured, whatever `.gitattributes` asks for.
 */
const attributes = '* -text -filter -ident -working-tree-encoding\n';

const workspaceKey = 'archon.workspace';

export interface ShadowStoreSetupOptions {
  readonly workspace: string;
  readonly storeDirectory: string;
  /** More gitignore-style patterns to leave out of checkpoints. */
  readonly exclude?: readonly string[];
}

/** Validates both folders, creates the store when needed and returns the real paths. */
export async function prepareShadowStore(
  options: ShadowStoreSetupOptions,
): Promise<ShadowGitLocation> {
  const workspace = await realWorkspace(options.workspace);
  const storeDirectory = resolve(options.storeDirectory);
  refuseInsideUserGit(workspace, storeDirectory);
  await mkdir(storeDirectory, { recursive: true });
  const realStore = await realpath(storeDirectory);
  refuseInsideUserGit(workspace, realStore);
  const location: ShadowGitLocation = { workspace, storeDirectory: realStore };

  if (await isStore(realStore)) {
    await checkOwner(location);
  } else {
    if ((await readdir(realStore)).length > 0) {
      throw new ArchonError(
        ErrorCode.InvalidInput,
        `Checkpoint store ${realStore} is a non-empty folder that is not a checkpoint store.`,
      );
    }
    await runShadowGit(location, ['init', '--quiet']);
    await runShadowGit(location, ['config', workspaceKey, workspace]);
  }
  await writeStoreRules(location, options.exclude ?? []);
  return location;
}

async function realWorkspace(workspace: string): Promise<string> {
  const absolute = resolve(workspace);
  let info;
  try {
    info = await stat(absolute);
  } catch (error) {
    throw new ArchonError(ErrorCode.PathNotFound, `Workspace ${absolute} does not exist.`, {
      cause: error,
    });
  }
  if (!info.isDirectory()) {
    throw new ArchonError(ErrorCode.InvalidInput, `Workspace ${absolute} is not a folder.`);
  }
  return realpath(absolute);
}

function isWithin(parent: string, child: string): boolean {
  const path = relative(parent, child);
  return path === '' || (!path.startsWith(`..${sep}`) && path !== '..' && !isAbsolute(path));
}

function refuseInsideUserGit(workspace: string, storeDirectory: string): void {
  if (isWithin(storeDirectory, workspace) || isWithin(join(workspace, '.git'), storeDirectory)) {
    throw new ArchonError(
      ErrorCode.InvalidInput,
      `Checkpoint store ${storeDirectory} must be outside the workspace and its .git folder.`,
    );
  }
}

async function isStore(storeDirectory: string): Promise<boolean> {
  try {
    return (await stat(join(storeDirectory, 'HEAD'))).isFile();
  } catch {
    return false;
  }
}

async function checkOwner(location: ShadowGitLocation): Promise<void> {
  const { stdout, exitCode } = await runShadowGit(location, ['config', '--get', workspaceKey], {
    allowedExitCodes: [1],
  });
  const owner = stdout.trim();
  if (exitCode !== 0 || owner !== location.workspace) {
    throw new ArchonError(
      ErrorCode.Conflict,
      `Checkpoint store ${location.storeDirectory} belongs to ${owner === '' ? 'another tool' : owner}, not to ${location.workspace}.`,
      { details: { storeDirectory: location.storeDirectory, owner } },
    );
  }
}

async function writeStoreRules(
  location: ShadowGitLocation,
  extra: readonly string[],
): Promise<void> {
  const lines = [
    '# Written by Archon on every open; edits here are overwritten.',
    ...alwaysExcluded,
  ];
  const storeInside = relative(location.workspace, location.storeDirectory);
  if (!storeInside.startsWith('..') && !isAbsolute(storeInside)) {
    lines.push(`/${storeInside.split(sep).join('/')}/`);
  }
  lines.push(...(await userLocalExcludes(location.workspace)), ...extra);
  const information = join(location.storeDirectory, 'info');
  await mkdir(information, { recursive: true });
  await writeFile(join(information, 'exclude'), `${lines.join('\n')}\n`);
  await writeFile(join(information, 'attributes'), attributes);
}

/** The user's own `.git/info/exclude`, read (never written) so their local ignores hold too. */
async function userLocalExcludes(workspace: string): Promise<string[]> {
  try {
    const text = await readFile(join(workspace, '.git', 'info', 'exclude'), 'utf8');
    return text.split(/\r?\n/).filter((line) => line.trim() !== '' && !line.startsWith('#'));
  } catch {
    return [];
  }
}
