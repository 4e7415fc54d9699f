import { describe, expect, it } from 'vitest';

import { fuseRankings } from './rrf-fusion.js';

describe('fuseRankings', () => {
  it('ranks items found by both retrievers above items found by one', () => {
    const fused = fuseRankings(
      [
        {
          name: 'lexical',
          weight: 1,
          ranking: [
            { chunkId: 1, score: 9 },
            { chunkId: 2, score: 5 },
          ],
        },
        {
          name: 'vector',
          weight: 1,
          ranking: [
            { chunkId: 3, score: 0.9 },
            { chunkId: 2, score: 0.8 },
          ],
        },
      ],
      60,
    );
    expect(fused.map((entry) => entry.chunkId)).toEqual([2, 1, 3]);
    expect(fused[0]?.components).toEqual({
      lexical: { rank: 2, score: 5 },
      vector: { rank: 2, score: 0.8 },
    });
    expect(fused[0]?.score).toBeCloseTo(2 / 62, 10);
  });

  it('applies weights and ignores zero-weight lists', () => {
    const lexicalHeavy = fuseRankings(
      [
        { name: 'lexical', weight: 3, ranking: [{ chunkId: 1, score: 1 }] },
        { name: 'vector', weight: 1, ranking: [{ chunkId: 2, score: 1 }] },
      ],
      60,
    );
    expect(lexicalHeavy.map((entry) => entry.chunkId)).toEqual([1, 2]);
    const vectorOnly = fuseRankings(
      [
        { name: 'lexical', weight: 0, ranking: [{ chunkId: 1, score: 1 }] },
        { name: 'vector', weight: 1, ranking: [{ chunkId: 2, score: 1 }] },
      ],
      60,
    );
    expect(vectorOnly.map((entry) => entry.chunkId)).toEqual([2]);
  });

  it('counts a chunk once per list even if a retriever repeats it', () => {
    const fused = fuseRankings(
      [
        {
          name: 'lexical',
          weight: 1,
          ranking: [
            { chunkId: 7, score: 2 },
            { chunkId: 7, score: 1 },
          ],
        },
      ],
      10,
    );
    expect(fused).toHaveLength(1);
    expect(fused[0]?.score).toBeCloseTo(1 / 11, 10);
  });

  it('smaller k sharpens the advantage of the top rank', () => {
    const rankings = [
      {
        name: 'lexical',
        weight: 1,
        ranking: [
          { chunkId: 1, score: 1 },
          { chunkId: 2, score: 1 },
        ],
      },
    ];
    const sharp = fuseRankings(rankings, 1);
    const flat = fuseRankings(rankings, 1000);
    const ratio = (entries: typeof sharp) => (entries[0]?.score ?? 0) / (entries[1]?.score ?? 1);
    expect(ratio(sharp)).toBeGreaterThan(ratio(flat));
  });
});
