/* global module */
// The import rules of src/ (docs/architecture.md, "Layers"), checked by `npm run lint`: no import cycles anywhere in
// src/ or web/, and no import from a lower layer to a higher one. Type-only imports count: a cycle of types is still
// two modules that cannot be understood apart.

/** The layers of src/, lowest first: a module may import its own layer and the ones below, never one above. */
const LAYERS = [
  { name: 'foundation', paths: ['^src/(errors|config|log|disk-memo|staff-tokens)[.]ts$', '^src/text/'] },
  { name: 'corpus', paths: ['^src/corpus/'] },
  { name: 'search', paths: ['^src/search/'] },
  { name: 'answer', paths: ['^src/answer/'] },
  { name: 'stores and media', paths: ['^src/records[.]ts$', '^src/ingest/', '^src/audio/'] },
  { name: 'ask', paths: ['^src/ask/'] },
  { name: 'asr', paths: ['^src/asr/'] },
  { name: 'http', paths: ['^src/server/'] },
  { name: 'voice', paths: ['^src/voice/'] },
  { name: 'channels', paths: ['^src/phone/', '^src/admin/', '^src/app[.]ts$'] },
  { name: 'shared stores', paths: ['^src/store/'] },
  { name: 'runtime', paths: ['^src/runtime/'] },
  { name: 'main', paths: ['^src/main[.]ts$'] },
];

const upward = LAYERS.slice(0, -1).map((layer, i) => ({
  name: `no-upward-from-${layer.name.replace(/ /g, '-')}`,
  comment: `The ${layer.name} layer imports only itself and the layers below it (docs/architecture.md, "Layers").`,
  severity: 'error',
  from: { path: layer.paths },
  to: { path: LAYERS.slice(i + 1).flatMap((higher) => higher.paths) },
}));

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'Modules that import each other in a loop cannot be read, tested or replaced apart.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-tests-or-scripts-from-src',
      comment: 'The product does not reach into tests/ or scripts/.',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^(tests|scripts)/' },
    },
    {
      name: 'every-src-module-is-layered',
      comment: 'A new top-level module of src/ gets a place in LAYERS (and in docs/architecture.md) before it lands.',
      severity: 'error',
      from: { path: '^src/', pathNot: LAYERS.flatMap((layer) => layer.paths) },
      to: { path: '^src/' },
    },
    ...upward,
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|dist|artifacts)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
