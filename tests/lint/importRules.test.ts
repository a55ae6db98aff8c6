/**
 * The import rules prove themselves: each forbidden import is planted in a copy of src/ and
 * dependency-cruiser, run with the project's own .dependency-cruiser.mjs, must report it
 * under the rule that forbids it. Every rule of the config must be hit by a plant, so a rule
 * that checks nothing (a path that matches no file, a layer left out) fails here.
 * `npm run lint` runs this file (tests/lint/vitest.config.ts); the suite leaves it out.
 */
import { spawn } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const DEPCRUISE = path.join(ROOT, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');

interface Plant {
  /** The rule that must report it. */
  readonly rule: string;
  /** An existing file of src/ that gets the import (a new one for `module-in-a-layer`). */
  readonly file: string;
  /** What it imports, as written in the file. */
  readonly imports: string;
}

/** One forbidden import per rule; the first five are the holes issue 18 found in the old rules. */
const PLANTS: readonly Plant[] = [
  { rule: 'no-upward-import-from-corpus', file: 'src/corpus/index.ts', imports: '../search/index.js' },
  { rule: 'only-through-index', file: 'src/bot/index.ts', imports: '../search/segment.js' },
  { rule: 'database-only-in-store', file: 'src/bot/createBot.ts', imports: '../store/postgres/db.js' },
  { rule: 'no-upward-import-from-store', file: 'src/store/index.ts', imports: '../render/index.js' },
  { rule: 'no-upward-import-from-answer', file: 'src/answer/index.ts', imports: '../push/index.js' },
  // Each rank imports nothing after it: a plant into the next one (or further), lowest first.
  { rule: 'no-upward-import-from-leaves', file: 'src/types.ts', imports: './corpus/index.js' },
  { rule: 'no-upward-import-from-print', file: 'src/print/index.ts', imports: '../search/index.js' },
  { rule: 'no-upward-import-from-search', file: 'src/search/index.ts', imports: '../answer/index.js' },
  { rule: 'no-upward-import-from-trend', file: 'src/trend/index.ts', imports: '../store/index.js' },
  { rule: 'no-upward-import-from-ingest', file: 'src/ingest/index.ts', imports: '../render/index.js' },
  { rule: 'no-upward-import-from-render', file: 'src/render/index.ts', imports: '../push/index.js' },
  { rule: 'no-upward-import-from-push', file: 'src/push/index.ts', imports: '../bot/index.js' },
  { rule: 'no-upward-import-from-bot', file: 'src/bot/index.ts', imports: '../server/index.js' },
  { rule: 'no-upward-import-from-server', file: 'src/server/index.ts', imports: '../chat/index.js' },
  { rule: 'no-upward-import-from-chat', file: 'src/chat/index.ts', imports: '../services.js' },
  { rule: 'no-upward-import-from-webapp', file: 'src/webapp/index.ts', imports: '../services.js' },
  { rule: 'no-upward-import-from-services', file: 'src/services.ts', imports: './app.js' },
  { rule: 'no-upward-import-from-app', file: 'src/app.ts', imports: './runtime.js' },
  { rule: 'no-upward-import-from-runtime', file: 'src/runtime.ts', imports: './commands/env.js' },
  { rule: 'no-upward-import-from-commands', file: 'src/commands/env.ts', imports: '../cli.js' },
  // The other rules.
  { rule: 'root-only-through-index', file: 'src/runtime.ts', imports: './bot/createBot.js' },
  { rule: 'corpus-search-store-alone', file: 'src/search/index.ts', imports: '../corpus/index.js' },
  { rule: 'database-only-in-store', file: 'src/push/index.ts', imports: 'pg' },
  { rule: 'no-cycle', file: 'src/bot/keyboards.ts', imports: './createBot.js' },
  { rule: 'runtime-only-from-cli', file: 'src/commands/env.ts', imports: '../runtime.js' },
  { rule: 'runtime-on-demand', file: 'src/cli.ts', imports: './runtime.js' },
  { rule: 'app-only-from-root', file: 'src/commands/env.ts', imports: '../app.js' },
  { rule: 'bot-not-push', file: 'src/bot/index.ts', imports: '../push/index.js' },
  { rule: 'src-not-bench-or-tests', file: 'src/cli.ts', imports: '../bench/pages.js' },
  { rule: 'no-unresolvable', file: 'src/html.ts', imports: './nowhere.js' },
  { rule: 'module-in-a-layer', file: 'src/stray.ts', imports: './types.js' },
  { rule: 'import-in-a-layer', file: 'src/cli.ts', imports: './stray.js' },
  // The reader app's page (web/) and the server: the page sees the API's types only, the server none of the page.
  { rule: 'web-sees-api-types-only', file: 'web/src/routes.ts', imports: '../../src/config.js' },
  { rule: 'src-not-web', file: 'src/webapp/api.ts', imports: '../../web/src/routes.js' },
];

interface Violation {
  readonly from: string;
  readonly to: string;
  /** The import as written, where depcruise keeps it (a package, a file that does not exist). */
  readonly unresolvedTo?: string;
  readonly rule: { readonly name: string };
}

interface CruiseResult {
  readonly summary: {
    readonly violations: readonly Violation[];
    readonly ruleSetUsed: { readonly forbidden: readonly { readonly name: string }[] };
  };
}

/** Runs depcruise on `dir`'s src/ and web/ with its config; the JSON report (it exits non-zero on violations). */
function cruise(dir: string): Promise<CruiseResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [DEPCRUISE, 'src', 'web', '--config', '.dependency-cruiser.mjs', '--output-type', 'json'], { cwd: dir });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', () => {
      try {
        resolve(JSON.parse(stdout) as CruiseResult);
      } catch {
        reject(new Error(`depcruise printed no report: ${stderr}`));
      }
    });
  });
}

/** Is this the planted import? depcruise names a resolved file by its path, anything else as written. */
function isPlanted(violation: Violation, plant: Plant): boolean {
  const file = path.posix.join(path.posix.dirname(plant.file), plant.imports).replace(/\.js$/, '.ts');
  return violation.from === plant.file && (violation.to === file || violation.unresolvedTo === plant.imports);
}

describe('the import rules fail on each planted import', () => {
  let dir: string;
  let result: CruiseResult;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'newsbot-import-rules-'));
    for (const name of ['src', 'bench', 'web', 'tsconfig.json', '.dependency-cruiser.mjs', 'package.json']) {
      cpSync(path.join(ROOT, name), path.join(dir, name), { recursive: true });
    }
    symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
    for (const plant of PLANTS) {
      const file = path.join(dir, plant.file);
      if (plant.rule === 'module-in-a-layer') writeFileSync(file, '');
      appendFileSync(file, `\nimport '${plant.imports}';\n`);
    }
    result = await cruise(dir);
  }, 120_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it.each(PLANTS)('$rule: $file imports $imports', (plant) => {
    const reported = result.summary.violations
      .filter((violation) => isPlanted(violation, plant))
      .map((violation) => violation.rule.name);
    expect(reported).toContain(plant.rule);
  });

  it('hits every rule of the config with a plant', () => {
    const rules = result.summary.ruleSetUsed.forbidden.map((rule) => rule.name);
    expect(rules.length).toBeGreaterThan(20);
    expect(rules.filter((rule) => !PLANTS.some((plant) => plant.rule === rule))).toEqual([]);
  });

  it('reports nothing but the plants', () => {
    const planted = (violation: Violation) =>
      PLANTS.some((plant) => isPlanted(violation, plant)) ||
      // A planted import that closes a cycle makes every module on it part of the cycle.
      violation.rule.name === 'no-cycle';
    expect(result.summary.violations.filter((violation) => !planted(violation))).toEqual([]);
  });
});
