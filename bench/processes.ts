import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The built CLI (dist/src/cli.js), next to this file's build (dist/bench/). */
export const CLI = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'src', 'cli.js');

/** A field of /proc/<pid>/status in MB (VmRSS: now, VmHWM: peak so far), or 0 once the process is gone. */
export function procMb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Math.round(Number(match[1]) / 1024) : 0;
  } catch {
    return 0; // exited between two polls: the last value read stands
  }
}

/** What one CLI run took. */
export interface CliRun {
  readonly ms: number;
  /** Peak RSS (VmHWM, polled every 25 ms). */
  readonly peakRssMb: number;
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `newsbot ARGS` with `env`, timing it from spawn to exit and following its peak RSS. */
export function runCli(args: readonly string[], env: NodeJS.ProcessEnv): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [CLI, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let peak = 0;
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const poll = setInterval(() => (peak = Math.max(peak, procMb(child.pid!, 'VmHWM'))), 25);
    child.once('error', (error) => {
      clearInterval(poll);
      reject(error);
    });
    child.once('exit', (code) => {
      clearInterval(poll);
      resolve({ ms: performance.now() - started, peakRssMb: peak, code, stdout, stderr });
    });
  });
}

/** Starts `newsbot ARGS` in the background (stderr kept for a failure message). */
export function startCli(args: readonly string[], env: NodeJS.ProcessEnv): { child: ChildProcess; stderr: () => string } {
  const child = spawn(process.execPath, [CLI, ...args], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  return { child, stderr: () => stderr };
}

/** Stops a child started by startCli (SIGTERM, then SIGKILL after 10 s). */
export async function stopCli(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

/** How long and how often `until` asks, and what it says when it gives up. */
export interface Waiting {
  readonly timeoutMs: number;
  readonly everyMs: number;
  /** The error's message when it gives up (read then: a child's stderr so far). */
  readonly failure: () => string;
  /** True when waiting longer is pointless (the process waited on has exited): give up at once. */
  readonly over?: () => boolean;
}

/** Asks `done` every `everyMs` until it says yes; throws `failure()` after `timeoutMs` or once `over()`. */
export async function until(done: () => Promise<boolean>, waiting: Waiting): Promise<void> {
  for (const started = performance.now(); !(await done()); ) {
    if (performance.now() - started > waiting.timeoutMs || waiting.over?.() === true) throw new Error(waiting.failure());
    await new Promise((resolve) => setTimeout(resolve, waiting.everyMs));
  }
}
