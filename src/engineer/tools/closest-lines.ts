/**
 * When an edit's `oldText` is not in the file, the model is shown the lines most like
 * it so it can copy them exactly. Each window of the file as many lines long as
 * `oldText` is scored by the mean similarity of its lines to the wanted lines; two
 * lines are compared with whitespace collapsed, by the Dice coefficient of their
 * adjacent character pairs.
 *
 * Scoring every window exactly costs too much on big files, so it runs in two passes:
 * every window is first scored with 128-bit pair signatures (one AND and a popcount per
 * line pair), then the best few windows are scored exactly. For a long `oldText` at
 * most 40 of its lines take part, so the work stays linear in the file's length.
 */

/** The best window of the file, as 1-based inclusive line numbers. */
export interface ClosestLines {
  readonly startLine: number;
  readonly endLine: number;
  /** Mean line similarity, 0 to 1. */
  readonly similarity: number;
  /** True when the window equals the wanted text once whitespace is collapsed. */
  readonly whitespaceOnly: boolean;
}

const maximumScoredLines = 40;
const exactlyScoredWindows = 8;
const signatureWords = 4;

/** Finds the most similar window, or undefined when the file or the wanted text has no lines. */
export function findClosestLines(
  fileLines: readonly string[],
  wantedLines: readonly string[],
): ClosestLines | undefined {
  if (fileLines.length === 0 || wantedLines.length === 0) return undefined;
  const windowLength = Math.min(wantedLines.length, fileLines.length);
  const file = new LineSet(fileLines.map(normalizeLine));
  const wanted = new LineSet(wantedLines.slice(0, windowLength).map(normalizeLine));
  const offsets = sampledOffsets(windowLength);

  const candidates = new TopWindows(exactlyScoredWindows);
  for (let start = 0; start + windowLength <= fileLines.length; start += 1) {
    let total = 0;
    for (const offset of offsets) total += file.estimate(start + offset, wanted, offset);
    candidates.offer(start, total);
  }
  let bestStart = 0;
  let bestScore = -1;
  for (const start of candidates.starts()) {
    let total = 0;
    for (const offset of offsets) total += file.similarity(start + offset, wanted, offset);
    const score = total / offsets.length;
    if (score > bestScore || (score === bestScore && start < bestStart)) {
      bestScore = score;
      bestStart = start;
    }
  }
  const whitespaceOnly =
    wantedLines.length === windowLength &&
    wanted.lines.every((line, offset) => line === file.lines[bestStart + offset]);
  return {
    startLine: bestStart + 1,
    endLine: bestStart + windowLength,
    similarity: bestScore,
    whitespaceOnly,
  };
}

/** A line with leading and trailing whitespace removed and inner runs collapsed. */
export function normalizeLine(line: string): string {
  return line.trim().replace(/\s+/g, ' ');
}

/** Normalized lines with their pair signatures (eager) and exact pair profiles (lazy). */
class LineSet {
  readonly signatures: Uint32Array;
  readonly signatureSizes: Uint16Array;
  private readonly profiles = new Map<number, Int32Array>();

  constructor(readonly lines: readonly string[]) {
    this.signatures = new Uint32Array(lines.length * signatureWords);
    this.signatureSizes = new Uint16Array(lines.length);
    for (let index = 0; index < lines.length; index += 1) this.sign(index);
  }

  /** Dice coefficient estimated from the signatures. */
  estimate(index: number, other: LineSet, otherIndex: number): number {
    if (this.lines[index] === other.lines[otherIndex]) return 1;
    const size = (this.signatureSizes[index] ?? 0) + (other.signatureSizes[otherIndex] ?? 0);
    if (size === 0) return 0;
    let shared = 0;
    for (let word = 0; word < signatureWords; word += 1) {
      const left = this.signatures[index * signatureWords + word] ?? 0;
      const right = other.signatures[otherIndex * signatureWords + word] ?? 0;
      shared += popcount(left & right);
    }
    return (2 * shared) / size;
  }

  /** Exact Dice coefficient of the two lines' pair multisets. */
  similarity(index: number, other: LineSet, otherIndex: number): number {
    if (this.lines[index] === other.lines[otherIndex]) return 1;
    return dice(this.profile(index), other.profile(otherIndex));
  }

  private profile(index: number): Int32Array {
    let profile = this.profiles.get(index);
    if (profile === undefined) {
      profile = pairProfile(this.lines[index] ?? '');
      this.profiles.set(index, profile);
    }
    return profile;
  }

  private sign(index: number): void {
    const line = this.lines[index] ?? '';
    const base = index * signatureWords;
    if (line.length === 1) this.setBit(base, line.charCodeAt(0));
    for (let position = 0; position + 1 < line.length; position += 1) {
      this.setBit(base, line.charCodeAt(position) * 31 + line.charCodeAt(position + 1));
    }
    let size = 0;
    for (let word = 0; word < signatureWords; word += 1) {
      size += popcount(this.signatures[base + word] ?? 0);
    }
    this.signatureSizes[index] = size;
  }

  private setBit(base: number, code: number): void {
    const bit = Math.imul(code, 0x9e3779b1) >>> 25; // top 7 bits: 0..127
    const slot = base + (bit >>> 5);
    this.signatures[slot] = (this.signatures[slot] ?? 0) | (1 << (bit & 31));
  }
}

/** The `size` best window starts seen so far (ties keep the earlier start). */
class TopWindows {
  private readonly entries: { start: number; score: number }[] = [];

  constructor(private readonly size: number) {}

  offer(start: number, score: number): void {
    const entries = this.entries;
    if (entries.length === this.size && score <= (entries[entries.length - 1]?.score ?? -1)) return;
    let position = entries.length;
    while (position > 0 && (entries[position - 1]?.score ?? 0) < score) position -= 1;
    entries.splice(position, 0, { start, score });
    if (entries.length > this.size) entries.pop();
  }

  starts(): number[] {
    return this.entries.map((entry) => entry.start);
  }
}

function popcount(value: number): number {
  let bits = value - ((value >>> 1) & 0x55555555);
  bits = (bits & 0x33333333) + ((bits >>> 2) & 0x33333333);
  return (Math.imul((bits + (bits >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}

const emptyProfile = new Int32Array(0);

/** Sorted codes of the line's adjacent character pairs (one code for a one-character line). */
function pairProfile(line: string): Int32Array {
  if (line.length === 0) return emptyProfile;
  if (line.length === 1) return Int32Array.of(line.charCodeAt(0));
  const codes = new Int32Array(line.length - 1);
  for (let index = 0; index + 1 < line.length; index += 1) {
    codes[index] = (line.charCodeAt(index) << 16) | line.charCodeAt(index + 1);
  }
  return codes.sort();
}

/** Dice coefficient of two sorted multisets: 2·|A∩B| / (|A|+|B|); 0 when one is empty. */
function dice(left: Int32Array, right: Int32Array): number {
  if (left.length === 0 || right.length === 0) return 0;
  let shared = 0;
  let leftIndex = 0;
  let rightIndex = 0;
  while (leftIndex < left.length && rightIndex < right.length) {
    const leftCode = left[leftIndex] as number;
    const rightCode = right[rightIndex] as number;
    if (leftCode === rightCode) {
      shared += 1;
      leftIndex += 1;
      rightIndex += 1;
    } else if (leftCode < rightCode) leftIndex += 1;
    else rightIndex += 1;
  }
  return (2 * shared) / (left.length + right.length);
}

/** Up to 40 evenly spread offsets into a window, always including the first and last. */
function sampledOffsets(windowLength: number): number[] {
  if (windowLength <= maximumScoredLines) {
    return Array.from({ length: windowLength }, (_, index) => index);
  }
  const step = (windowLength - 1) / (maximumScoredLines - 1);
  return Array.from({ length: maximumScoredLines }, (_, index) => Math.round(index * step));
}
