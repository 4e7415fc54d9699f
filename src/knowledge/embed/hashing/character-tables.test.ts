import { describe, expect, it } from 'vitest';

import {
  classOf,
  connectorClass,
  digitClass,
  lowercaseOf,
  lowerClass,
  separatorClass,
  upperClass,
} from './character-tables.js';

const code = (character: string): number => character.charCodeAt(0);

describe('character tables', () => {
  it.each([
    ['a', lowerClass],
    ['Z', upperClass],
    ['7', digitClass],
    ['_', connectorClass],
    ['-', connectorClass],
    ['.', connectorClass],
    [' ', separatorClass],
    ['/', separatorClass],
    ['é', lowerClass],
    ['É', upperClass],
    ['数', lowerClass],
    ['\u0301', lowerClass],
    ['٣', digitClass],
    ['\u00a0', separatorClass],
    ['✓', separatorClass],
    ['\ud83d', lowerClass],
  ])('classifies %j', (character, expected) => {
    expect(classOf(code(character))).toBe(expected);
    expect(classOf(code(character))).toBe(expected);
  });

  it.each([
    ['A', 'a'],
    ['a', 'a'],
    ['É', 'é'],
    ['Ж', 'ж'],
    ['İ', 'i'],
    ['7', '7'],
  ])('lowercases %j to %j', (character, expected) => {
    expect(lowercaseOf(code(character))).toBe(code(expected));
  });
});
