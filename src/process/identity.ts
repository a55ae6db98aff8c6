/**
 * Who a process is, in a form that survives the process: host, pid and the
 * moment the kernel started it. The start time tells a dead process from a
 * new one that was given the same pid after it (pids are reused quickly in
 * containers). Used by delivery claims and the DATA_DIR lock.
 */
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';

/** A process on some host. `startedAt` is empty where the start time cannot be read (no /proc). */
export interface ProcessIdentity {
  readonly host: string;
  readonly pid: number;
  readonly startedAt: string;
}

/** Whether a process still runs: `unknown` for a process on another host (nothing to ask). */
export type Liveness = 'alive' | 'dead' | 'unknown';

/**
 * The kernel's start time of `pid` (clock ticks since boot, field 22 of /proc/PID/stat),
 * or null when there is no such process or no /proc (macOS: then only the pid is compared).
 */
export function processStartTime(pid: number): string | null {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
  // "1234 (node my app) S 1 ...": the command may hold spaces and parentheses, so count from the last ")".
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return fields[19] ?? null;
}

/** This process. */
export function currentProcess(): ProcessIdentity {
  return { host: hostname(), pid: process.pid, startedAt: processStartTime(process.pid) ?? '' };
}

/** `host:pid:startedAt`, the form stored in claims and the lock file. */
export function formatIdentity(identity: ProcessIdentity): string {
  return `${identity.host}:${identity.pid}:${identity.startedAt}`;
}

/** Reads `host:pid:startedAt` back; null for anything else. */
export function parseIdentity(text: string): ProcessIdentity | null {
  const match = /^(.+):(\d+):([^:]*)$/.exec(text);
  if (!match) return null;
  return { host: match[1]!, pid: Number(match[2]), startedAt: match[3]! };
}

/** Asks the kernel about a pid: kill(pid, 0) sends nothing, it only checks. */
function pidExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Whether `identity` still runs. On this host: dead when the pid is gone or now belongs
 * to a process started at another moment. On another host: unknown.
 */
export function livenessOf(identity: ProcessIdentity, here: string = hostname()): Liveness {
  if (identity.host !== here) return 'unknown';
  if (identity.pid === process.pid) return identity.startedAt === (processStartTime(process.pid) ?? '') ? 'alive' : 'dead';
  if (!pidExists(identity.pid)) return 'dead';
  const startedAt = processStartTime(identity.pid);
  if (startedAt === null || identity.startedAt === '') return 'alive';
  return startedAt === identity.startedAt ? 'alive' : 'dead';
}
