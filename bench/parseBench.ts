/**
 * Parse benchmark: one page file made of the seed pages run together, at
 * 1 and 10 MB, through `parsePage` in this process. Reports wall and CPU
 * time (CPU is the steadier figure on a shared machine).
 */
import { parsePage } from '../src/corpus/index.js';

export interface ParseBenchRow {
  readonly megabytes: number;
  readonly bytes: number;
  readonly items: number;
  readonly wallSeconds: number;
  readonly cpuSeconds: number;
}

/** Sizes measured by default, in MB (10^6 bytes). */
const DEFAULT_SIZES = [1, 10];

/** Seed page texts, repeated in order until the page reaches `megabytes`. */
function buildPage(seedTexts: readonly string[], megabytes: number): Buffer {
  const parts: string[] = [];
  let bytes = 0;
  for (let i = 0; bytes < megabytes * 1e6; i++) {
    const part = `${seedTexts[i % seedTexts.length]!}\n\n`;
    parts.push(part);
    bytes += Buffer.byteLength(part);
  }
  return Buffer.from(parts.join(''));
}

/** Parses a page of each size once (`parsePage` itself has no size limit; ingest refuses pages over 5 MB). */
export function runParseBench(seedTexts: readonly string[], sizes: readonly number[] = DEFAULT_SIZES): ParseBenchRow[] {
  return sizes.map((megabytes) => {
    const bytes = buildPage(seedTexts, megabytes);
    const wall = performance.now();
    const cpu = process.cpuUsage();
    const page = parsePage(bytes, `bench-${megabytes}mb.txt`);
    const used = process.cpuUsage(cpu);
    return {
      megabytes,
      bytes: bytes.length,
      items: 'error' in page ? 0 : page.items.length,
      wallSeconds: (performance.now() - wall) / 1000,
      cpuSeconds: (used.user + used.system) / 1e6,
    };
  });
}

/** The rows as a Markdown table. */
export function formatParseTable(rows: readonly ParseBenchRow[]): string {
  return [
    '| page | bytes | items | wall s | CPU s |',
    '|---:|---:|---:|---:|---:|',
    ...rows.map((r) => `| ${r.megabytes} MB | ${r.bytes} | ${r.items} | ${r.wallSeconds.toFixed(2)} | ${r.cpuSeconds.toFixed(2)} |`),
  ].join('\n');
}
