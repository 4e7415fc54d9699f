import { describe, expect, it } from 'vitest';

import { FeatureCounter } from './feature-counter.js';

const weights = [1, 0.5, 0.25, 0.125] as const;

function totalMagnitude(counter: FeatureCounter, dimensions = 1): number {
  const vector = new Float64Array(dimensions);
  counter.addTo(vector);
  return vector.reduce((sum, value) => sum + Math.abs(value), 0);
}

describe('FeatureCounter', () => {
  it('weights a repeated feature by its kind and 1 + ln(count)', () => {
    const counter = new FeatureCounter(weights);
    for (let time = 0; time < 3; time += 1) counter.add(123_456, 1);
    expect(counter.distinctFeatures).toBe(1);
    expect(totalMagnitude(counter)).toBeCloseTo(0.5 * (1 + Math.log(3)), 10);
  });

  it('weights counts from the table and past it exactly as 1 + Math.log(count)', () => {
    for (const times of [2, 255, 256, 1000]) {
      const counter = new FeatureCounter(weights);
      for (let time = 0; time < times; time += 1) counter.add(64, 2);
      expect(totalMagnitude(counter)).toBe(0.25 * (1 + Math.log(times)));
    }
  });

  it('keeps features of different kinds apart even with the same hash', () => {
    const counter = new FeatureCounter(weights);
    counter.add(8, 0);
    counter.add(8, 3);
    expect(counter.distinctFeatures).toBe(2);
  });

  it('counts a feature whose key would be zero', () => {
    const counter = new FeatureCounter(weights);
    counter.add(0, 0);
    counter.add(3, 0);
    counter.add(0, 0);
    expect(counter.distinctFeatures).toBe(1);
    expect(totalMagnitude(counter)).toBeCloseTo(1 + Math.log(3), 10);
  });

  it('grows past its initial size without losing or duplicating counts, and clears', () => {
    const twice = new FeatureCounter(weights);
    const once = new FeatureCounter(weights);
    for (let feature = 1; feature <= 20_000; feature += 1) {
      twice.add(feature * 4, 0);
      once.add(feature * 4, 0);
    }
    for (let feature = 1; feature <= 20_000; feature += 1) twice.add(feature * 4, 0);
    expect(twice.distinctFeatures).toBe(20_000);
    const fromTwice = new Float64Array(512);
    const fromOnce = new Float64Array(512);
    twice.addTo(fromTwice);
    once.addTo(fromOnce);
    for (let index = 0; index < 512; index += 1) {
      expect(fromTwice[index]).toBeCloseTo((fromOnce[index] ?? 0) * (1 + Math.log(2)), 6);
    }
    twice.clear();
    expect(twice.distinctFeatures).toBe(0);
    twice.add(4, 0);
    expect(totalMagnitude(twice)).toBe(1);
  });

  it('drops a table grown by a huge text back to its usual size and keeps working', () => {
    const counter = new FeatureCounter(weights);
    for (let feature = 1; feature <= 300_000; feature += 1) counter.add(feature * 4, 0);
    expect(counter.distinctFeatures).toBe(300_000);
    counter.clear();
    expect(counter.distinctFeatures).toBe(0);
    counter.add(40, 2);
    counter.add(40, 2);
    expect(totalMagnitude(counter)).toBeCloseTo(0.25 * (1 + Math.log(2)), 10);
  });
});
