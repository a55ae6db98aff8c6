import { spawn } from 'node:child_process';
import path from 'node:path';
import { PROJECT_ROOT } from '../paths.js';
import type { CommandEnv } from './env.js';

/**
 * `newsbot bench ...`: runs the benchmark's own entry point (dist/bench/main.js) in a
 * child process with the same flags, so that src/ never imports bench/. The child is
 * node as `npm run bench` runs it (scripts/tuned-node.sh: huge pages for malloc, a
 * larger young generation), so that both measure the same process.
 */
export async function run(argv: string[], env: CommandEnv): Promise<number> {
  const entry = path.join(PROJECT_ROOT, 'dist', 'bench', 'main.js');
  env.logger.debug({ entry }, 'starting the benchmark');
  const child = spawn(path.join(PROJECT_ROOT, 'scripts', 'tuned-node.sh'), ['--expose-gc', entry, ...argv], { stdio: 'inherit' });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}
