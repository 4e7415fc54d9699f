/**
 * Folders a walk never enters, whatever the ignore settings: version-control metadata,
 * installed dependencies, and tool caches. Their content is either not documentation or
 * someone else's, and walking them is what makes naive ingests slow. Names that are also
 * common real folder names (`build`, `dist`, `target`, `vendor`, `out`) are left to
 * `.gitignore` and `exclude`, since a project may keep docs under them.
 */

/** Directory names skipped at any depth below a root (exact, case-sensitive). */
export const alwaysSkippedDirectoryNames: ReadonlySet<string> = new Set([
  // Version control
  '.git',
  '.hg',
  '.svn',
  '.bzr',
  '_darcs',
  '.jj',
  '.sl',
  'CVS',
  // Installed dependencies
  'node_modules',
  'bower_components',
  'jspm_packages',
  '.pnpm-store',
  '.yarn',
  '.venv',
  // Build and tool caches
  '__pycache__',
  '.mypy_cache',
  '.pytest_cache',
  '.ruff_cache',
  '.tox',
  '.nox',
  '.gradle',
  '.next',
  '.nuxt',
  '.svelte-kit',
  '.turbo',
  '.parcel-cache',
  '.terraform',
]);
