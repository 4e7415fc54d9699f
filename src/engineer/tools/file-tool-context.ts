/**
 * What every file tool is given: the workspace and a guard that turns a path the model
 * wrote into a real path inside the workspace (or refuses it). The interface is the
 * small part of the workspace guard these tools need, so they can be tested with any
 * guard and the real one satisfies it as it is.
 */

/** Resolves model-supplied paths; throws an ArchonError for any path it refuses. */
export interface PathGuard {
  /** Real absolute path of an existing file or folder the agent may read. */
  resolveForRead(path: string): Promise<string>;
  /** Absolute path the agent may write (the target may not exist yet). */
  resolveForWrite(path: string): Promise<string>;
  /**
   * Creates or overwrites a file (and its missing parent folders) at a model-supplied
   * path, checking the opened file again so a path swapped after the check is refused.
   */
  writeFile(path: string, content: string | Uint8Array): Promise<unknown>;
}

/** Output and size limits of the file tools. */
export interface FileToolLimits {
  /** Bytes of a file that readFile, editFile and grep will load. */
  readonly maxFileBytes: number;
  /** Lines readFile returns per call. */
  readonly maxReadLines: number;
  /** Characters of one line shown before it is cut. */
  readonly maxLineLength: number;
  /** Characters of output one call returns before it is cut. */
  readonly maxOutputCharacters: number;
  /** Directory entries listFiles and grep visit before they stop. */
  readonly maxVisitedEntries: number;
  /** Bytes writeFile accepts. */
  readonly maxWriteBytes: number;
}

export const defaultFileToolLimits: FileToolLimits = {
  maxFileBytes: 4 * 1024 * 1024,
  maxReadLines: 2000,
  maxLineLength: 2000,
  maxOutputCharacters: 20_000,
  maxVisitedEntries: 200_000,
  maxWriteBytes: 4 * 1024 * 1024,
};

/** The dependencies of the file tools. */
export interface FileToolContext {
  /** The workspace folder; paths are shown relative to it. */
  readonly workspace: string;
  readonly guard: PathGuard;
  readonly limits?: Partial<FileToolLimits>;
  readonly abortSignal?: AbortSignal;
  /** Told of every file editFile or writeFile changed, e.g. to report test edits. */
  readonly onFileChange?: (change: FileChange) => void;
}

/** What a mutation did; `isTestFile` lets the engineer report test edits. */
export interface FileChange {
  /** Workspace-relative path with `/` separators. */
  readonly path: string;
  readonly isTestFile: boolean;
  readonly created: boolean;
}

/** The context's limits with defaults filled in. */
export function limitsOf(context: FileToolContext): FileToolLimits {
  return { ...defaultFileToolLimits, ...context.limits };
}
