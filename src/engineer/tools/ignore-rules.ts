/**
 * The workspace's `.gitignore` files, applied the way git applies them: each file's
 * rules are relative to its own folder, deeper files override shallower ones (`!` can
 * re-include), and `.git` and `node_modules` are always left out.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import ignore, { type Ignore } from 'ignore';

const alwaysSkipped = new Set(['.git', 'node_modules']);

interface IgnoreFile {
  /** Workspace-relative folder the rules belong to ('' for the root), with a trailing '/'. */
  readonly base: string;
  readonly rules: Ignore;
}

/** An immutable stack of ignore files from the root down to one folder. */
export class IgnoreRules {
  private constructor(private readonly files: readonly IgnoreFile[]) {}

  static empty(): IgnoreRules {
    return new IgnoreRules([]);
  }

  /**
   * These rules plus the `.gitignore` of `folder` (workspace-relative, '' for the root),
   * or these rules unchanged when it has none.
   */
  async enter(root: string, folder: string): Promise<IgnoreRules> {
    let text: string;
    try {
      text = await readFile(join(root, folder, '.gitignore'), 'utf8');
    } catch {
      return this;
    }
    const rules = ignore({ allowRelativePaths: true }).add(text);
    return new IgnoreRules([...this.files, { base: folder === '' ? '' : `${folder}/`, rules }]);
  }

  /** Whether a workspace-relative path (a file, or a folder when `isFolder`) is left out. */
  ignores(path: string, isFolder: boolean): boolean {
    const name = path.slice(path.lastIndexOf('/') + 1);
    if (alwaysSkipped.has(name)) return true;
    let ignored = false;
    for (const file of this.files) {
      if (!path.startsWith(file.base)) continue;
      const local = path.slice(file.base.length);
      const result = file.rules.test(isFolder ? `${local}/` : local);
      if (result.ignored) ignored = true;
      else if (result.unignored) ignored = false;
    }
    return ignored;
  }
}

/**
 * The rules that apply inside `folder`: every `.gitignore` from the root down to it.
 * A folder the model names although it is ignored (`node_modules/some-package`, `dist`)
 * is listed: the rules above it are dropped, those inside it still apply.
 */
export async function ignoreRulesFor(root: string, folder: string): Promise<IgnoreRules> {
  let rules = await IgnoreRules.empty().enter(root, '');
  if (folder === '' || folder === '.') return rules;
  let current = '';
  for (const segment of folder.split('/')) {
    current = current === '' ? segment : `${current}/${segment}`;
    if (rules.ignores(current, true)) rules = IgnoreRules.empty();
    rules = await rules.enter(root, current);
  }
  return rules;
}
