// dependency-cruiser (`npm run lint`): the import graph ARCHITECTURE.md draws. Type-only imports count.
// tests/lint/importRules.test.ts plants one import each rule forbids in a copy of src/ and checks
// that the rule fails on it: a rule that checks nothing cannot stay.

/**
 * The layers, lowest first, and inside each layer its folders in order: a module imports only
 * what stands before it (and its own folder). Leaves hold plain data and helpers with no
 * newsbot import of their own; the root builds and runs everything.
 */
const LAYERS = [
  { layer: 'leaves', parts: [['types', 'calendar', 'config', 'html', 'redact', 'logger', 'paths', 'durableFile', 'process/']] },
  { layer: 'domain', parts: [['corpus/'], ['print/'], ['search/'], ['answer/'], ['trend/']] },
  { layer: 'store', parts: [['store/']] },
  { layer: 'services', parts: [['ingest/'], ['render/'], ['push/']] },
  { layer: 'surfaces', parts: [['bot/'], ['server/'], ['chat/'], ['webapp/']] },
  { layer: 'root', parts: [['services'], ['app'], ['runtime'], ['commands/'], ['cli']] },
];

/** `types` → `^src/types\.ts$`, `corpus/` → `^src/corpus/`. */
const pathOf = (part) => (part.endsWith('/') ? `^src/${part}` : `^src/${part.replace('.', '\\.')}\\.ts$`);

/** The ranks in order: each is one or more modules or folders that may import every rank before it. */
const RANKS = LAYERS.flatMap(({ layer, parts }) =>
  parts.map((names) => ({ layer, label: names.length > 1 ? layer : names[0].replace('/', ''), names, paths: names.map(pathOf) })),
);

/** One rule per rank: nothing it holds imports a rank after it. */
const noUpwardImports = RANKS.slice(0, -1).map((rank, i) => ({
  name: `no-upward-import-from-${rank.label}`,
  comment:
    `${rank.names.join(', ')} (${rank.layer}) imports only what stands before it: ` +
    RANKS.slice(i + 1)
      .map((later) => later.names.join(', '))
      .join('; ') +
    ' stand after it.',
  severity: 'error',
  from: { path: rank.paths },
  to: { path: RANKS.slice(i + 1).flatMap((later) => later.paths) },
}));

/** Every module of src/ stands in a layer: one that is in none is named, not left unchecked. */
const RANKED = RANKS.flatMap((rank) => rank.paths);
const everyModuleInALayer = [
  {
    name: 'module-in-a-layer',
    comment: 'A module of src/ outside LAYERS imports nothing: add it to its layer first.',
    severity: 'error',
    from: { path: '^src/', pathNot: RANKED },
    to: {},
  },
  {
    name: 'import-in-a-layer',
    comment: 'A module of src/ outside LAYERS is imported by nothing: add it to its layer first.',
    severity: 'error',
    from: { path: '^src/' },
    to: { path: '^src/', pathNot: RANKED },
  },
];

/** @type {import('dependency-cruiser').IConfiguration} */
export default {
  forbidden: [
    ...noUpwardImports,
    ...everyModuleInALayer,
    {
      name: 'only-through-index',
      comment: 'A folder is used through its index.ts: another folder never imports one of its files directly.',
      severity: 'error',
      from: { path: '^src/([^/]+)/' },
      to: { path: '^src/[^/]+/', pathNot: ['^src/$1/', '^src/[^/]+/index\\.ts$'] },
    },
    {
      name: 'root-only-through-index',
      comment:
        'The root files use a folder through its index.ts, as the folders do; cli.ts loads each command ' +
        '(src/commands/<name>.ts) by path on demand, so `newsbot articles` never loads grammY. Three leaves are ' +
        "taken by path, as their folders' index.ts would load grammY with them: the DATA_DIR lock and file modes " +
        '(process/) and the webhook secret (server/), which every command needs and `newsbot ingest` beside a bot does not.',
      severity: 'error',
      from: { path: '^src/[^/]+\\.ts$' },
      to: {
        path: '^src/[^/]+/',
        pathNot: ['^src/[^/]+/index\\.ts$', '^src/commands/', '^src/process/(dataDirLock|fileModes)\\.ts$', '^src/server/webhookSecret\\.ts$'],
      },
    },
    {
      name: 'corpus-search-store-alone',
      comment: 'corpus/, search/ and store/ import no other folder: only the leaves (types, calendar, ...).',
      severity: 'error',
      from: { path: '^src/(corpus|search|store)/' },
      to: { path: '^src/[^/]+/', pathNot: ['^src/$1/', '^src/process/'] },
    },
    {
      name: 'no-cycle',
      comment: 'No import cycle in src/, type-only ones included: each folder builds on the ones below it.',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'runtime-only-from-cli',
      comment: 'runtime.ts is the one runtime builder: only cli.ts opens it and hands it to the commands (tests and the bench may too).',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/cli\\.ts$' },
      to: { path: '^src/runtime\\.ts$' },
    },
    {
      name: 'runtime-on-demand',
      comment: 'cli.ts loads runtime.ts (grammY, the texts, the reader app: ~0.7 s of a start) only for a command that opens it: `newsbot ingest` beside a serving bot should not compile the bot.',
      severity: 'error',
      from: { path: '^src/cli\\.ts$' },
      to: { path: '^src/runtime\\.ts$', dependencyTypesNot: ['dynamic-import'] },
    },
    {
      name: 'app-only-from-root',
      comment: 'app.ts opens the data half of the runtime: only runtime.ts builds on it and cli.ts hands it to the commands that only read.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/(cli|runtime)\\.ts$' },
      to: { path: '^src/app\\.ts$' },
    },
    {
      name: 'bot-not-push',
      comment: 'bot/ and push/ never import each other: what both render lives in render/.',
      severity: 'error',
      from: { path: '^src/bot/' },
      to: { path: '^src/push/' },
    },
    {
      name: 'src-not-bench-or-tests',
      comment: 'The product never imports the benchmark or the tests.',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^(bench|tests)/' },
    },
    {
      name: 'database-only-in-store',
      comment:
        'SQL lives in store/: better-sqlite3, pg and every database module (store/db.ts, store/postgres/db.ts, ' +
        'the stores over them) never leave it; the rest sees the Store interfaces through store/index.ts.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/store/' },
      to: { path: ['node_modules/(@types/)?(better-sqlite3|pg)/', '^src/store/'], pathNot: '^src/store/index\\.ts$' },
    },
    {
      name: 'web-sees-api-types-only',
      comment: 'The reader app\'s page (web/) runs in the browser: of src/ it imports only the API\'s types (src/webapp/apiTypes.ts and the types they name).',
      severity: 'error',
      from: { path: '^web/' },
      to: { path: '^src/', pathNot: '^src/(webapp/apiTypes|types)\\.ts$' },
    },
    {
      name: 'src-not-web',
      comment: 'The server never imports the page\'s code: it serves what web/build.mjs built.',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^web/' },
    },
    {
      name: 'no-unresolvable',
      comment: 'Every import resolves to a file or an installed package.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|node_modules)/' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};
