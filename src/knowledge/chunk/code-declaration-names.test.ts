import { describe, expect, it } from 'vitest';

import { declarationName } from './code-declaration-names.js';

const keywords = new Set([
  'function',
  'function*',
  'class',
  'interface',
  'type',
  'enum',
  'const',
  'func',
  'impl',
  'namespace',
]);

describe('declarationName', () => {
  it.each([
    ['export async function getUserById(id: string) {', 'function getUserById'],
    ['export default class extends Base {', 'class'],
    ['export default function (request) {', 'function'],
    ['export const enum Color {', 'enum Color'],
    ['function* ids() {', 'function ids'],
    ['namespace App.Core {', 'namespace App.Core'],
    ['func (r *Repo) Find(id int) error {', 'func (r *Repo) Find'],
    ['func (broken', 'func'],
    [
      'impl<T: Display> Show for Wrapper<T> where T: Clone {',
      'impl<T: Display> Show for Wrapper<T>',
    ],
    ["describe('the loader', () => {", "describe 'the loader'"],
    ["if __name__ == '__main__':", "if __name__ == '__main__'"],
    ['public List<User> findAll(int page) {', 'findAll'],
    ['private final Repository repository;', 'repository'],
    ['int count = 0;', 'count'],
    ['export { a, b } from "./x";', 'export { a, b } from "./x";'],
    [`export * from "./${'x'.repeat(100)}"`, `export * from "./${'x'.repeat(62)}…`],
  ])('%s -> %s', (line, name) => {
    expect(declarationName(line, keywords)).toBe(name);
  });
});
