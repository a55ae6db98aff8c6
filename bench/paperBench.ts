/**
 * The paper as published (`npm run bench -- --only paper`): each seed page
 * set as a newspaper page (bench/paperPages.ts) and read back as a PDF with
 * a text layer, the same PDF without character maps (OCR), a 300-dpi scan
 * and a phone photo, against the seed text (bench/pageFidelity.ts): titles
 * exact, article boundaries, character accuracy, report numbers, seconds and
 * CPU seconds per page (read in the print worker, as ingest does: worker
 * start and model load included). Beside it, in the same run: the text page
 * through the text parser (the baseline), tesseract 5 with Debian's chi_sim
 * data on the same scans when it is installed (the other OCR candidate), and
 * the peak memory of one `newsbot ingest` of an OCR page.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { composePrintedPage, parsePage, parsePageText } from '../src/corpus/index.js';
import { PROJECT_ROOT } from '../src/paths.js';
import { readPrintedPageOffThread } from '../src/print/index.js';
import type { ParsedPage, PrintedLine } from '../src/types.js';
import { measurePage, type PageFidelity } from './pageFidelity.js';
import { layoutPaperPage, renderPaperImage, renderPaperPdf, stripCharacterMaps } from './paperPages.js';
import { markdownTable } from './table.js';

/** The day the pages are dated against (after every seed's latest day). */
const INGEST_DAY = '2026-12-31';

/** One page read one way. */
export interface PaperRow {
  readonly page: string;
  readonly form: string;
  readonly reader: string;
  readonly seconds: number;
  readonly cpuSeconds: number;
  readonly fidelity: PageFidelity | null;
  readonly error?: string;
}

/** The peak memory of one OCR ingest. */
export interface PaperMemory {
  readonly file: string;
  readonly peakRssMb: number;
  readonly seconds: number;
}

interface PaperForm {
  readonly form: string;
  readonly file: string;
  readonly bytes: Uint8Array;
}

async function formsOf(reference: ParsedPage): Promise<PaperForm[]> {
  const layout = layoutPaperPage(reference.items, { date: reference.edition.date ?? INGEST_DAY, page: 3, section: '要闻' });
  const pdf = await renderPaperPdf(layout);
  return [
    { form: 'PDF text layer', file: 'page.pdf', bytes: pdf },
    { form: 'PDF, no character maps', file: 'page.pdf', bytes: stripCharacterMaps(pdf) },
    { form: 'scan 300 dpi', file: 'page.png', bytes: renderPaperImage(layout, { dpi: 300 }) },
    {
      form: 'phone photo 150 dpi',
      file: 'page.jpg',
      bytes: renderPaperImage(layout, { dpi: 150, rotateDegrees: 1.2, noise: 10, light: 0.65, format: 'jpeg', seed: 5 }),
    },
  ];
}

function cpuSeconds(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1e6;
}

/** Lines tesseract found (its TSV, level-5 words grouped by line), in pixels. */
function tesseractLines(image: string): PrintedLine[] {
  const tsv = execFileSync('tesseract', [image, 'stdout', '-l', 'chi_sim', '--psm', '3', 'tsv'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const lines = new Map<string, { words: string[]; x0: number; y0: number; x1: number; y1: number }>();
  for (const row of tsv.split('\n').slice(1)) {
    const cells = row.split('\t');
    if (cells[0] !== '5' || (cells[11] ?? '').trim() === '') continue;
    const [, pageNum, block, par, line, , left, top, width, height] = cells.map(Number);
    const key = `${pageNum}:${block}:${par}:${line}`;
    const known = lines.get(key) ?? { words: [], x0: Infinity, y0: Infinity, x1: 0, y1: 0 };
    known.words.push(cells[11]!.trim());
    known.x0 = Math.min(known.x0, left!);
    known.y0 = Math.min(known.y0, top!);
    known.x1 = Math.max(known.x1, left! + width!);
    known.y1 = Math.max(known.y1, top! + height!);
    lines.set(key, known);
  }
  return [...lines.values()].map((l) => {
    const text = l.words.join('');
    const ems = [...text].reduce((sum, c) => sum + (/[\x21-\x7e]/u.test(c) ? 0.55 : 1), 0);
    const width = l.x1 - l.x0;
    return { text, x: l.x0, y: l.y0, width, height: l.y1 - l.y0, size: ems >= 2 ? width / ems : l.y1 - l.y0, bold: false };
  });
}

function hasTesseract(): boolean {
  try {
    return execFileSync('tesseract', ['--list-langs'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).includes('chi_sim');
  } catch {
    return false; // not installed: the row is left out and the table says so
  }
}

/** Peak RSS of `newsbot ingest FILE` (the CLI and its worker: one process), sampled from /proc. */
function measureIngest(file: string): Promise<PaperMemory> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'newsbot-paper-mem-'));
  const started = performance.now();
  const child = spawn(process.execPath, [path.join(PROJECT_ROOT, 'dist', 'src', 'cli.js'), 'ingest', file], {
    env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
    stdio: 'ignore',
  });
  let peak = 0;
  const sample = setInterval(() => {
    try {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      peak = Math.max(peak, Number(/VmHWM:\s+(\d+)/u.exec(status)?.[1] ?? 0) / 1024);
    } catch {
      // the process has just exited: the last sample stands (VmHWM only grows)
    }
  }, 100);
  return new Promise((resolve) => {
    child.on('exit', () => {
      clearInterval(sample);
      rmSync(dataDir, { recursive: true, force: true });
      resolve({ file: path.basename(file), peakRssMb: Math.round(peak), seconds: (performance.now() - started) / 1000 });
    });
  });
}

/** Every seed page in every form, read back; `seeds` names the seed files (default all). */
export async function runPaperBench(options: { seedsDir: string; progress: (line: string) => void; seeds?: readonly string[] }): Promise<{ rows: PaperRow[]; memory: PaperMemory | null; tesseract: boolean }> {
  const rows: PaperRow[] = [];
  const work = mkdtempSync(path.join(tmpdir(), 'newsbot-paper-'));
  const tesseract = hasTesseract();
  let memory: PaperMemory | null = null;
  try {
    const files = options.seeds ?? readdirSync(options.seedsDir).filter((f) => f.endsWith('.txt')).sort();
    for (const seed of files) {
      const bytes = readFileSync(path.join(options.seedsDir, seed));
      const page = seed.slice(0, 3);
      let cpu = process.cpuUsage();
      let started = performance.now();
      const reference = parsePage(bytes, seed, { ingestDay: INGEST_DAY });
      if ('error' in reference) throw new Error(`${seed}: ${reference.error}`);
      rows.push({ page, form: 'text page (baseline)', reader: 'text parser', seconds: (performance.now() - started) / 1000, cpuSeconds: cpuSeconds(cpu), fidelity: measurePage(reference, reference) });
      for (const form of await formsOf(reference)) {
        options.progress(`paper: ${page} ${form.form}`);
        cpu = process.cpuUsage();
        started = performance.now();
        const read = await readPrintedPageOffThread(form.bytes, form.file, { context: { ingestDay: INGEST_DAY } });
        const seconds = (performance.now() - started) / 1000;
        const reader = form.form === 'PDF text layer' ? 'PDF.js text layer' : 'PP-OCRv4 (onnxruntime)';
        rows.push(
          'error' in read
            ? { page, form: form.form, reader, seconds, cpuSeconds: cpuSeconds(cpu), fidelity: null, error: read.error }
            : { page, form: form.form, reader, seconds, cpuSeconds: cpuSeconds(cpu), fidelity: measurePage(reference, read) },
        );
        const image = path.join(work, `${page}-${form.file}`);
        writeFileSync(image, form.bytes);
        if (tesseract && form.file !== 'page.pdf') {
          options.progress(`paper: ${page} ${form.form} (tesseract)`);
          cpu = process.cpuUsage();
          started = performance.now();
          // tesseract runs as a child process: its CPU is the children's, read from the wall clock here
          const text = composePrintedPage({ width: 0, height: 0, lines: tesseractLines(image) });
          const read2 = parsePageText(text, { source: form.file, contentHash: 'tesseract' }, { ingestDay: INGEST_DAY });
          const wall = (performance.now() - started) / 1000;
          rows.push({ page, form: form.form, reader: 'tesseract 5 chi_sim', seconds: wall, cpuSeconds: Number.NaN, fidelity: measurePage(reference, read2) });
        }
        if (memory === null && form.form === 'scan 300 dpi') memory = await measureIngest(image);
      }
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return { rows, memory, tesseract };
}

const percent = (n: number, d: number): string => (d === 0 ? '–' : `${((100 * n) / d).toFixed(1)}%`);

/** The rows as a markdown table, then the memory line. */
export function formatPaperTable(result: { rows: readonly PaperRow[]; memory: PaperMemory | null; tesseract: boolean }): string {
  const table = markdownTable(
    ['page', 'form', 'reader', 's', 'CPU s', 'titles exact', 'boundaries', 'char accuracy', 'reports exact'],
    result.rows.map((r) => {
      const f = r.fidelity;
      return [
        r.page,
        r.form,
        r.reader,
        r.seconds.toFixed(2),
        Number.isNaN(r.cpuSeconds) ? '–' : r.cpuSeconds.toFixed(1),
        f ? `${f.titlesExact}/${f.items}` : (r.error ?? '–'),
        f ? `${f.boundariesRight}/${f.items}` : '–',
        f ? percent(f.charsRight, f.chars) : '–',
        f ? `${f.reportsExact}/${f.reports}` : '–',
      ];
    }),
    3,
  ).join('\n');
  const memory = result.memory
    ? `\npeak memory of \`newsbot ingest\` of a 300-dpi scan (OCR): ${result.memory.peakRssMb} MB RSS, ${result.memory.seconds.toFixed(1)} s\n`
    : '';
  const tesseract = result.tesseract ? '' : '\ntesseract with chi_sim is not installed: its rows are left out\n';
  return `${table}${memory}${tesseract}`;
}
