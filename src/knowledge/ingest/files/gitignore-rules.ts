/**
 * Git's ignore rules for a directory walk. Each `.gitignore` applies to its own directory
 * and everything below it, with patterns relative to that directory; a deeper file
 * overrides a shallower one, so `!keep.md` in a subfolder can re-include what the root
 * `.gitignore` excluded. Only files inside the walked root count: the root the user
 * names is the scope, even when it sits inside a larger repository. Matching is case
 * sensitive, as git is by default on Linux.
 */
import ignore, { type Ignore } from 'ignore';

interface RuleLevel {
  readonly rules: Ignore;
  /** Root-relative POSIX path of the directory holding the rules, with a trailing slash ('' at the root). */
  readonly directoryPrefix: string;
}

/** The `.gitignore` rules in force in one directory of the walk (immutable). */
export class GitignoreRules {
  /** Deepest directory first. */
  private constructor(private readonly levels: readonly RuleLevel[]) {}

  /** The rules of a walk before any `.gitignore` has been read: nothing is ignored. */
  static empty(): GitignoreRules {
    return new GitignoreRules([]);
  }

  /**
   * The rules for the directory at root-relative `directoryPath` ('' for the root), given
   * the text of its `.gitignore`. Rules of the enclosing directories stay in force.
   */
  withFile(directoryPath: string, gitignoreText: string): GitignoreRules {
    const rules = ignore({ ignorecase: false }).add(gitignoreText);
    const directoryPrefix = directoryPath === '' ? '' : `${directoryPath}/`;
    return new GitignoreRules([{ rules, directoryPrefix }, ...this.levels]);
  }

  /** Whether a root-relative POSIX path is ignored. Directories are matched as `path/`. */
  ignores(relativePath: string, isDirectory: boolean): boolean {
    const candidate = isDirectory ? `${relativePath}/` : relativePath;
    for (const level of this.levels) {
      const result = level.rules.test(candidate.slice(level.directoryPrefix.length));
      if (result.ignored) return true;
      if (result.unignored) return false;
    }
    return false;
  }
}
