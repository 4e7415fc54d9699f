import { describe, expect, it } from 'vitest';

import { handleOfKey, keyOfHandle, KeyTable } from './key-table.js';

const aliasBase = 2n ** 53n;

describe('KeyTable', () => {
  it('maps first keys to ids and aliases to negative handles', () => {
    expect(handleOfKey(42n)).toBe(42);
    expect(keyOfHandle(42)).toBe(42n);
    expect(handleOfKey(aliasBase)).toBe(-1);
    expect(keyOfHandle(-1)).toBe(aliasBase);
    expect(keyOfHandle(handleOfKey(aliasBase + 9n))).toBe(aliasBase + 9n);
    expect(handleOfKey(BigInt(Number.MAX_SAFE_INTEGER))).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('stores new ids under their own key', () => {
    const table = new KeyTable();
    expect([...table.keysForAdd([3, 7], [false, false])]).toEqual([3n, 7n]);
    expect(table.deadCount).toBe(0);
    expect(table.idOf(7)).toBe(7);
  });

  it('gives a replaced id a fresh alias and kills its old key', () => {
    const table = new KeyTable();
    expect([...table.keysForAdd([5], [true])]).toEqual([aliasBase]);
    expect(table.isDead(5)).toBe(true);
    expect(table.idOf(-1)).toBe(5);
    expect([...table.keysForAdd([5], [true])]).toEqual([aliasBase + 1n]);
    expect(table.isDead(-1)).toBe(true);
    expect(table.idOf(-2)).toBe(5);
    expect(table.deadCount).toBe(2);
  });

  it('kills live keys on removal, ignores unknown ids and repeated removals', () => {
    const table = new KeyTable();
    table.remove([1, 2], [true, false]);
    table.remove([1], [true]);
    expect(table.deadCount).toBe(1);
    expect(table.isDead(1)).toBe(true);
    // A removed id that comes back cannot reuse its key.
    expect([...table.keysForAdd([1], [true])]).toEqual([aliasBase]);
    expect(table.deadCount).toBe(1);
    table.remove([1], [true]);
    expect(table.isDead(-1)).toBe(true);
    expect(table.deadCount).toBe(2);
  });

  it('round-trips through its binary form', () => {
    const table = new KeyTable();
    table.keysForAdd([10, 11], [true, true]);
    table.remove([12], [true]);
    const copy = KeyTable.deserialize(table.serialize());
    expect(copy).toBeDefined();
    expect(copy!.deadCount).toBe(3);
    expect(copy!.idOf(-2)).toBe(11);
    expect(copy!.isDead(12)).toBe(true);
    expect([...copy!.keysForAdd([10], [true])]).toEqual([aliasBase + 2n]);
    expect(copy!.isDead(-1)).toBe(true);
  });

  it('rejects malformed binary forms', () => {
    expect(KeyTable.deserialize(Buffer.alloc(7))).toBeUndefined();
    expect(KeyTable.deserialize(Buffer.alloc(16))).toBeUndefined();
    const wrongCount = Buffer.alloc(24);
    wrongCount.writeDoubleLE(1, 16);
    expect(KeyTable.deserialize(wrongCount)).toBeUndefined();
    const fraction = Buffer.alloc(24);
    fraction.writeDoubleLE(0.5, 0);
    expect(KeyTable.deserialize(fraction)).toBeUndefined();
    expect(KeyTable.deserialize(new KeyTable().serialize())?.deadCount).toBe(0);
  });
});
