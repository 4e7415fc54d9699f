/**
 * Any number of distinct, realistic chunks from a pool of real passages: each
 * chunk splices the start of one passage onto the rest of another at a line
 * (or sentence) boundary, so vocabulary, length and structure stay real while
 * no two chunks are the same text. Seeded, so every run builds the same store.
 */
import type { Passage } from './passage-pool.js';
import { createSeededRandom, type RandomSource } from './seeded-random.js';

/** A generated chunk: its text and the passage it mostly comes from. */
export interface SyntheticChunk {
  readonly text: string;
  readonly base: Passage;
}

interface SplitPassage {
  readonly passage: Passage;
  readonly pieces: readonly string[];
  readonly separator: string;
}

/** Draws chunks from `pool`; the same seed gives the same sequence. */
export class SyntheticChunkSource {
  private readonly split: readonly SplitPassage[];
  private readonly random: RandomSource;

  constructor(pool: readonly Passage[], seed: number) {
    this.split = pool.map(splitPassage);
    this.random = createSeededRandom(seed);
  }

  /** Number of real passages behind the generator. */
  get poolSize(): number {
    return this.split.length;
  }

  /** The next chunk. */
  next(): SyntheticChunk {
    const base = this.pick();
    const other = this.pick();
    const baseCut = Math.max(1, Math.floor(base.pieces.length * (0.4 + 0.4 * this.random())));
    const otherStart = Math.floor(other.pieces.length * 0.5 * this.random());
    const head = base.pieces.slice(0, baseCut).join(base.separator);
    const wanted = base.passage.text.length - head.length;
    const tail: string[] = [];
    let length = 0;
    for (let index = otherStart; index < other.pieces.length && length < wanted; index++) {
      tail.push(other.pieces[index]!);
      length += other.pieces[index]!.length + 1;
    }
    const text = tail.length === 0 ? head : `${head}${base.separator}${tail.join(other.separator)}`;
    return { text, base: base.passage };
  }

  private pick(): SplitPassage {
    return this.split[Math.floor(this.random() * this.split.length)]!;
  }
}

function splitPassage(passage: Passage): SplitPassage {
  const lines = passage.text.split('\n');
  if (lines.length >= 4) return { passage, pieces: lines, separator: '\n' };
  const sentences = passage.text.split(/(?<=[.!?])\s+/);
  return { passage, pieces: sentences.length > 1 ? sentences : lines, separator: ' ' };
}
