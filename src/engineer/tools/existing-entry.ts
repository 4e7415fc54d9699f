/** `stat` of a path the guard resolved, with a missing path reported as PathNotFound. */
import type { Stats } from 'node:fs';
import { stat } from 'node:fs/promises';

import { ArchonError, ErrorCode } from '../../core/errors.js';

/** Stats of `absolute`; throws PathNotFound naming `shownPath` when nothing is there. */
export async function existingEntry(absolute: string, shownPath: string): Promise<Stats> {
  try {
    return await stat(absolute);
  } catch (error) {
    throw new ArchonError(ErrorCode.PathNotFound, `${shownPath} does not exist.`, { cause: error });
  }
}
