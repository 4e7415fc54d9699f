/**
 * Import boundaries: the layering in docs/architecture.md, enforced.
 * Lower layers never import higher ones; entry points never import each other.
 */
const layer = (name) => `^src/${name}/`;

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'core-is-pure',
      comment: 'core holds contracts, errors and shared types; it imports no other layer',
      severity: 'error',
      from: { path: layer('core') },
      to: { path: '^src/(?!core/)' },
    },
    {
      name: 'config-depends-on-core-only',
      severity: 'error',
      from: { path: layer('config') },
      to: { path: '^src/(?!core/|config/)' },
    },
    {
      name: 'cache-depends-on-core-and-config-only',
      comment: 'cache implementations are infrastructure beside storage',
      severity: 'error',
      from: { path: layer('cache') },
      to: { path: '^src/(?!core/|config/|cache/)' },
    },
    {
      name: 'storage-below-knowledge',
      severity: 'error',
      from: { path: layer('storage') },
      to: { path: '^src/(knowledge|agent|engineer|server|mcp|cli)/' },
    },
    {
      name: 'knowledge-below-agents-and-edges',
      severity: 'error',
      from: { path: layer('knowledge') },
      to: { path: '^src/(agent|engineer|server|mcp|cli)/' },
    },
    {
      name: 'agent-runtime-is-generic',
      severity: 'error',
      from: { path: layer('agent') },
      to: { path: '^src/(engineer|server|mcp|cli|knowledge|storage)/' },
    },
    {
      name: 'engineer-below-edges',
      severity: 'error',
      from: { path: layer('engineer') },
      to: { path: '^src/(server|mcp|cli)/' },
    },
    {
      name: 'edges-do-not-import-each-other',
      severity: 'error',
      from: { path: '^src/(server|mcp)/' },
      to: { path: '^src/cli/' },
    },
    {
      name: 'no-test-code-in-src',
      severity: 'error',
      from: { path: '^src/', pathNot: '\\.test\\.ts$' },
      to: { path: '(^test/|\\.test\\.ts$)' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '\\.test\\.ts$' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
    },
  },
};
