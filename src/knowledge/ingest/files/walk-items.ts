/**
 * What a walk hands the loader: a file worth reading, with everything decided from its
 * path already settled, or a file that was skipped before any byte was read.
 */
import type {
  DocumentFormat,
  LoadResult,
  SkippedDocument,
  SkipReason,
} from '../loaded-document.js';

/** A file the walk selected for loading. */
export interface FileToLoad {
  /** Absolute path, as walked (a symlink keeps its own path). */
  readonly location: string;
  /** Real path with symlinks resolved, used to load each file once. */
  readonly realPath: string;
  readonly uri: string;
  readonly fileName: string;
  readonly language: string;
  readonly format: DocumentFormat;
}

/**
 * A selected file not read yet: whoever prepares it (a worker thread, typically) loads
 * it, so reading, hashing, decoding and HTML conversion leave the writing thread.
 */
export interface SelectedFile {
  readonly kind: 'file';
  readonly file: FileToLoad;
  /** Files larger than this are skipped as 'too-large' when loaded. */
  readonly maxFileBytes: number;
}

/** One step of a walk. */
export type WalkItem =
  { readonly kind: 'file'; readonly file: FileToLoad } | Extract<LoadResult, { kind: 'skipped' }>;

/** A skipped result for `location`. */
export function skippedItem(
  location: string,
  reason: SkipReason,
  message: string,
): { readonly kind: 'skipped'; readonly skipped: SkippedDocument } {
  return { kind: 'skipped', skipped: { location, reason, message } };
}
