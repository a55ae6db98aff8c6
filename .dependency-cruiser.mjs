// dependency-cruiser (`npm run lint`): the import graph shared/STYLE.md describes. Type-only imports count.
/** @type {import('dependency-cruiser').IConfiguration} */
export default {
  forbidden: [
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
      name: 'push-not-bot',
      comment: 'bot/ and push/ never import each other: what both render lives in render/.',
      severity: 'error',
      from: { path: '^src/push/' },
      to: { path: '^src/bot/' },
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
      comment: 'SQL lives in store/: better-sqlite3, pg and the Db handle never leave it.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/store/' },
      to: { path: ['node_modules/(@types/)?(better-sqlite3|pg)/', '^src/store/db\\.ts$'] },
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
