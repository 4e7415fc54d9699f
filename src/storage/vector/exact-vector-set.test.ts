import { describe, expect, it } from 'vitest';

import { ExactVectorSet } from './exact-vector-set.js';
import { loadNativeExactSearch } from './usearch-binding.js';

const unit = (axis: number, tilt = 0): Float32Array => {
  const vector = new Float32Array(4);
  vector[axis % 4] = 1;
  vector[(axis + 1) % 4] = tilt;
  return vector;
};

describe('ExactVectorSet', () => {
  it('ranks by cosine similarity, follows replacements and removals, and filters', () => {
    const set = new ExactVectorSet(4, loadNativeExactSearch());
    expect(set.search(unit(0), 3)).toEqual([]);
    for (let id = 0; id < 300; id += 1) set.set(id * 10, unit(id % 4, (id % 7) / 10 + 0.05));
    set.set(5, unit(0));
    expect(set.size).toBe(301);
    const [best] = set.search(unit(0), 1);
    expect(best?.id).toBe(5);
    expect(best?.similarity).toBeCloseTo(1, 5);
    set.set(5, unit(2));
    expect(set.search(unit(2), 1)[0]?.id).toBe(5);
    expect(set.delete(5)).toBe(true);
    expect(set.delete(5)).toBe(false);
    expect(set.has(5)).toBe(false);
    expect(set.search(unit(2), 400).map((match) => match.id)).not.toContain(5);
    const filtered = set.search(unit(1), 5, (id) => id % 20 === 0);
    expect(filtered).toHaveLength(5);
    expect(filtered.every((match) => match.id % 20 === 0)).toBe(true);
    const similarities = filtered.map((match) => match.similarity);
    expect([...similarities].sort((left, right) => right - left)).toEqual(similarities);
  });

  it('hands out entries to move elsewhere, oldest rows first', () => {
    const set = new ExactVectorSet(4, loadNativeExactSearch());
    [7, 8, 9].forEach((id, axis) => set.set(id, unit(axis)));
    const { ids, vectors } = set.take(2);
    expect(ids).toEqual([7, 8]);
    expect([...(vectors[1] ?? [])]).toEqual([...unit(1)]);
    set.delete(7);
    expect(set.take(5).ids).toEqual([9, 8]);
  });
});
