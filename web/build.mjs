// Builds the reader app (web/) into dist/web: esbuild bundles and minifies the page's
// TypeScript and CSS under content-hashed names (the chart library as a chunk of its own,
// loaded by the hotline view only), writes index.html pointing at them, and stores each
// file's gzip and brotli forms beside it so the server compresses nothing at run time.
// Run by `npm install` (the prepare script) and `npm run build`; prints the sizes.
import { build } from 'esbuild';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import process from 'node:process';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'dist', 'web');
const assetsDir = path.join(out, 'assets');

rmSync(out, { recursive: true, force: true });
mkdirSync(assetsDir, { recursive: true });

const result = await build({
  absWorkingDir: root,
  entryPoints: { main: 'web/src/main.tsx', boot: 'web/src/boot.ts' },
  bundle: true,
  splitting: true,
  format: 'esm',
  minify: true,
  sourcemap: false,
  target: ['es2020', 'chrome87', 'safari15'],
  outdir: assetsDir,
  entryNames: '[name]-[hash]',
  chunkNames: '[name]-[hash]',
  jsx: 'automatic',
  jsxImportSource: 'preact',
  legalComments: 'none',
  metafile: true,
  logLevel: 'warning',
});

const outputs = Object.entries(result.metafile.outputs).map(([file, meta]) => ({ name: path.relative(out, path.join(root, file)), meta }));
const entryOf = (source) => {
  const found = outputs.find(({ name, meta }) => meta.entryPoint === source && name.endsWith('.js'));
  if (!found) throw new Error(`web build: no output for ${source}`);
  return found;
};
const entry = entryOf('web/src/main.tsx');
const boot = entryOf('web/src/boot.ts');
const css = entry.meta.cssBundle ? path.relative(out, path.join(root, entry.meta.cssBundle)) : null;
// The chunks the entries import statically load with them: preloaded, so they do not wait for an entry to parse.
const preloads = [...new Set([boot, entry].flatMap(({ meta }) => meta.imports.filter((i) => i.kind === 'import-statement').map((i) => path.relative(out, path.join(root, i.path)))))];

// boot (async: it runs as soon as it is in, not after the app) sends the first view's request while the app compiles.
const page = readFileSync(path.join(root, 'web', 'index.html'), 'utf8')
  .replace('<!-- build: styles -->', css ? `<link rel="stylesheet" href="${css}" />` : '')
  .replace(
    '<!-- build: scripts -->',
    [
      `<script type="module" async src="${boot.name}"></script>`,
      ...preloads.map((p) => `<link rel="modulepreload" href="${p}" />`),
      `<script type="module" src="${entry.name}"></script>`,
    ].join('\n    '),
  );
writeFileSync(path.join(out, 'index.html'), page);
writeFileSync(path.join(out, 'icon.svg'), readFileSync(path.join(root, 'web', 'icon.svg')));

// The files the page loads before anything else (the chart chunk, fetched by the hotline view, is not one).
const chartChunks = new Set(
  outputs.filter(({ meta }) => Object.keys(meta.inputs).some((input) => input.includes('node_modules/echarts/') || input.includes('node_modules/zrender/'))).map(({ name }) => name),
);
const sizes = { initialJs: { raw: 0, gzip: 0, brotli: 0 }, chartJs: { raw: 0, gzip: 0, brotli: 0 }, css: { raw: 0, gzip: 0, brotli: 0 }, files: {} };
for (const name of ['index.html', 'icon.svg', ...outputs.map((o) => o.name)]) {
  const body = readFileSync(path.join(out, name));
  const gzip = gzipSync(body, { level: 9 });
  const brotli = brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } });
  writeFileSync(path.join(out, `${name}.gz`), gzip);
  writeFileSync(path.join(out, `${name}.br`), brotli);
  const size = { raw: body.length, gzip: gzip.length, brotli: brotli.length };
  sizes.files[name] = size;
  const group = name.endsWith('.css') ? sizes.css : name.endsWith('.js') ? (chartChunks.has(name) ? sizes.chartJs : sizes.initialJs) : null;
  if (group) for (const key of ['raw', 'gzip', 'brotli']) group[key] += size[key];
}
writeFileSync(path.join(out, 'sizes.json'), `${JSON.stringify(sizes, null, 2)}\n`);
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
process.stdout.write(
  `web: dist/web built; JavaScript without the chart ${kb(sizes.initialJs.raw)} (gzip ${kb(sizes.initialJs.gzip)}, brotli ${kb(sizes.initialJs.brotli)}); ` +
    `chart chunk ${kb(sizes.chartJs.raw)} (gzip ${kb(sizes.chartJs.gzip)}); CSS gzip ${kb(sizes.css.gzip)}\n`,
);
