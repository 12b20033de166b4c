// Which part of wirefeed may import which (docs/architecture.md, "Stage layering").
// Checked by `npm run lint:deps` (part of `npm test`): a wrong import fails the build,
// naming the importing file, the imported one and the rule it breaks.
//
// Stages, lowest first; a module may import its own folder and the ones listed:
//   base           src/*.ts (but the wiring files below) and src/threads/: nothing else
//   config schema  src/config/{schema,interpolate-env}.ts: base
//   config loading the rest of src/config/: base, config schema, src/sources/registry.ts
//   fetch/         base, config schema
//   extract/       base, config schema
//   normalize/     base, config schema, extract
//   store/         base, config schema, and type-only from fetch
//   sources/       base, config schema, fetch, extract, normalize, store
//   schedule/      the same, plus sources and config loading
//   publish/       base, config, store
//   server/        all of the above
//   wiring         src/{app,cli,index,progress-display}.ts and src/commands/ (one module per
//                  CLI command that needs more than a few lines): anything
// Tests and benches may import anything in src/.

/** Regex alternatives joined into one anchored pattern. */
const any = (...patterns) => `^(?:${patterns.join('|')})`;

const WIRING = 'src/(?:app|cli|index|progress-display)\\.ts$';
// A module at the top of src/ is base unless it wires things together; threads/ runs
// work on worker threads without knowing what the work is.
const BASE = ['src/(?!(?:app|cli|index|progress-display)\\.ts$)[^/]+\\.ts$', 'src/threads/'];
const CONFIG_SCHEMA = 'src/config/(?:schema|interpolate-env)\\.ts$';
const CONFIG = 'src/config/';
const SOURCE_REGISTRY = 'src/sources/registry\\.ts$';
const FETCH = 'src/fetch/';
const EXTRACT = 'src/extract/';
const NORMALIZE = 'src/normalize/';
const STORE = 'src/store/';
const SOURCES = 'src/sources/';
const SCHEDULE = 'src/schedule/';
const PUBLISH = 'src/publish/';
const SERVER = 'src/server/';

/** A rule that `from` imports nothing in src/ outside `allowed` (its own folder included by the caller). */
function layer(name, comment, from, allowed) {
  return {
    name,
    comment,
    severity: 'error',
    from: { path: any(...from) },
    to: { path: '^src/', pathNot: any(...allowed) },
  };
}

module.exports = {
  forbidden: [
    layer(
      'base-imports-no-stage',
      'Base modules (the Story, errors, clock, log, threads and small helpers at the top of src/) are what every stage shares: importing a stage would make every stage depend on it.',
      BASE,
      BASE,
    ),
    layer(
      'config-schema-imports-base-only',
      'The config schema and env interpolation describe the config file; every stage reads their types, so they depend on nothing but base.',
      [CONFIG_SCHEMA],
      [...BASE, CONFIG_SCHEMA],
    ),
    layer(
      'config-loading-sits-below-sources',
      'Loading the config builds the source union from the source registry (each adapter carries its schema), so the loader may import the registry, and nothing else above base.',
      [`${CONFIG}(?!(?:schema|interpolate-env)\\.ts$)`],
      [...BASE, CONFIG, SOURCE_REGISTRY],
    ),
    layer(
      'fetch-imports-base-and-config-schema',
      'Fetching is HTTP only: it knows nothing of what the bytes become (extract), nor where they are kept (store).',
      [FETCH],
      [...BASE, CONFIG_SCHEMA, FETCH],
    ),
    layer(
      'extract-imports-base-and-config-schema',
      'Extract reads a format (HTML, feeds, sitemaps, NITF) into raw stories; normalize builds on it, so extract must never import normalize.',
      [EXTRACT],
      [...BASE, CONFIG_SCHEMA, EXTRACT],
    ),
    layer(
      'normalize-imports-base-config-schema-extract',
      'Normalize turns raw stories into Stories; it may use the extractors, nothing that fetches, stores or publishes.',
      [NORMALIZE],
      [...BASE, CONFIG_SCHEMA, EXTRACT, NORMALIZE],
    ),
    layer(
      'store-imports-base-config-schema-fetch',
      'The store keeps stories, runs and leases; it does not fetch, parse or render.',
      [STORE],
      [...BASE, CONFIG_SCHEMA, FETCH, STORE],
    ),
    {
      name: 'store-imports-fetch-types-only',
      comment: 'The store keeps the validators fetch sends back (ETag, Last-Modified): it may name fetch\'s types, never run its code.',
      severity: 'error',
      from: { path: any(STORE) },
      to: { path: any(FETCH), dependencyTypesNot: ['type-only'] },
    },
    layer(
      'sources-import-the-stages-below',
      'A source adapter runs fetch, extract, normalize and store for one source type; schedule, publish and server sit above it.',
      [SOURCES],
      [...BASE, CONFIG_SCHEMA, FETCH, EXTRACT, NORMALIZE, STORE, SOURCES],
    ),
    layer(
      'schedule-imports-sources-and-below',
      'The scheduler starts source runs and follows config reloads; it knows nothing of feeds or HTTP routes.',
      [SCHEDULE],
      [...BASE, CONFIG, FETCH, EXTRACT, NORMALIZE, STORE, SOURCES, SCHEDULE],
    ),
    layer(
      'publish-imports-base-config-store',
      'Publishing renders stored Stories into feeds: it reads the store and the feed config, never how stories were ingested (normalize, sources).',
      [PUBLISH],
      [...BASE, CONFIG, STORE, PUBLISH],
    ),
    layer(
      'server-imports-no-wiring',
      'The HTTP server may use every stage; what it is handed is built by the wiring (app.ts, cli.ts), which it must not import.',
      [SERVER],
      [...BASE, CONFIG, FETCH, EXTRACT, NORMALIZE, STORE, SOURCES, SCHEDULE, PUBLISH, SERVER],
    ),
    {
      name: 'only-entry-points-import-app-and-cli',
      comment: 'app.ts builds the whole service and cli.ts is the command line: only the entry points (cli.ts, index.ts) and the CLI commands they dispatch to (src/commands/) start from them.',
      severity: 'error',
      from: { path: '^src/', pathNot: any('src/(?:cli|index)\\.ts$', 'src/commands/') },
      to: { path: any('src/(?:app|cli)\\.ts$') },
    },
    {
      name: 'src-imports-no-tests',
      comment: 'Tests and benches import the product, never the other way: test code is not in the package.',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^(?:test|bench)/' },
    },
    {
      name: 'no-circular',
      comment: 'A cycle (type-only imports included) means two modules are one: merge them or move what both need lower.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-orphans',
      comment: 'A module in src/ that nothing imports and that imports nothing is dead code; the package entry points are the exception.',
      severity: 'error',
      from: { orphan: true, path: '^src/', pathNot: any('src/(?:cli|index)\\.ts$') },
      to: {},
    },
    {
      name: 'no-dev-dependencies-in-src',
      comment: 'The published package installs dependencies only. The TypeScript-source worker entries (*-worker-tsx.mjs) run only from the sources (tests, benches), never from the build, so they may load tsx.',
      severity: 'error',
      from: { path: '^src/', pathNot: '-worker-tsx\\.mjs$' },
      to: { dependencyTypes: ['npm-dev'] },
    },
    {
      name: 'no-unresolvable',
      comment: 'Every import resolves (a `.js` specifier to its `.ts` source): an import the check cannot see it cannot judge.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Type-only imports are dependencies too: they couple modules and can close a cycle.
    tsPreCompilationDeps: 'specify',
    tsConfig: { fileName: 'tsconfig.test.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    skipAnalysisNotInRules: true,
    reporterOptions: { text: { highlightFocused: true } },
  },
};
