import { spawn } from 'node:child_process';
import path from 'node:path';
import { PROJECT_ROOT } from '../paths.js';
import type { CommandEnv } from './env.js';

/**
 * `newsbot bench ...`: runs the benchmark's own entry point (dist/bench/main.js) in a
 * child process with the same flags, so that src/ never imports bench/.
 */
export async function run(argv: string[], env: CommandEnv): Promise<number> {
  const entry = path.join(PROJECT_ROOT, 'dist', 'bench', 'main.js');
  env.logger.debug({ entry }, 'starting the benchmark');
  const child = spawn(process.execPath, ['--expose-gc', entry, ...argv], { stdio: 'inherit', env: withHugePages(process.env) });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

/**
 * `env` with glibc's malloc asked to back large allocations with transparent
 * huge pages, as package.json's start and bench scripts run node: a search at
 * a million articles decodes posting lists into fresh memory, and on a
 * virtual machine each 4 KB page touched first is a fault of ~10 µs (a bench
 * pass: 47,000 faults without, 700 with). Tunables already set are kept.
 */
function withHugePages(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const tunables = env.GLIBC_TUNABLES;
  return { ...env, GLIBC_TUNABLES: tunables ? `${tunables}:${HUGE_PAGES}` : HUGE_PAGES };
}

const HUGE_PAGES = 'glibc.malloc.hugetlb=1';
