/**
 * vitest globalSetup: builds dist/ (and dist/web, the reader app's page) once before any test file runs, so the tests that spawn the
 * built CLI (tests/cli, the end-to-end and service tests) run what was just written, even under
 * a bare `npx vitest run`. Incremental: a run after a small change rebuilds only what changed.
 */
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { PROJECT_ROOT } from '../../src/paths.js';

export default async function buildOnce(): Promise<void> {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const args = [tsc, '-p', path.join(PROJECT_ROOT, 'tsconfig.build.json'), '--incremental', '--tsBuildInfoFile', path.join(PROJECT_ROOT, 'dist', '.tsbuildinfo')];
  const run = (command: string[], what: string) =>
    new Promise<void>((resolve, reject) => {
      execFile(process.execPath, command, { cwd: PROJECT_ROOT }, (error, stdout, stderr) => {
        // tsc prints its errors on stdout, esbuild on stderr: they are the reason the tests cannot run.
        if (error) reject(new Error(`the build (${what}) failed:\n${stdout}${stderr}`));
        else resolve();
      });
    });
  // The server side and the reader app's page (a few seconds: esbuild, then brotli of the chart chunk).
  await Promise.all([run(args, 'tsc -p tsconfig.build.json'), run([path.join(PROJECT_ROOT, 'web', 'build.mjs')], 'node web/build.mjs')]);
}
