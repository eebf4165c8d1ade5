// Build the web app into dist/: index.html, app-<hash>.js, app-<hash>.css (minified).
//   node build.mjs            one production build, prints sizes (gzip) and fails over budget
//   node build.mjs --watch    rebuild dist/ on every change (the backend serves dist/: reload the page)
//   node build.mjs --serve    like --watch, and also serve dist/ on http://127.0.0.1:8010 (UI only, no API)
import * as esbuild from 'esbuild';
import { mkdir, readFile, rm, writeFile, readdir } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(fileURLToPath(import.meta.url));
const dist = path.join(root, 'dist');
const watch = process.argv.includes('--watch') || process.argv.includes('--serve');
const serve = process.argv.includes('--serve');
const JS_BUDGET = 60 * 1024; // DESIGN.md §8: frontend JS ≤ 60 KiB gzipped

function indexHtml(js, css) {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">
<meta name="color-scheme" content="light dark">
<meta name="theme-color" content="#ffffff" media="(prefers-color-scheme: light)">
<meta name="theme-color" content="#151a21" media="(prefers-color-scheme: dark)">
<title>Lodestar</title>
<link rel="icon" href="data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 16 16'%3E%3Cpath d='M8 0l2 6 6 2-6 2-2 6-2-6-6-2 6-2z' fill='%233b5bdb'/%3E%3C/svg%3E">
<link rel="stylesheet" href="/${css}">
<script type="module" src="/${js}"></script>
</head>
<body>
<div id="app"></div>
<noscript>Lodestar needs JavaScript. / Lodestar 需要启用 JavaScript。</noscript>
</body>
</html>
`;
}

function kib(n) {
  return (n / 1024).toFixed(1) + ' KiB';
}

/** After each build: write index.html pointing at the hashed files, drop stale ones, report sizes. */
const writeIndex = {
  name: 'lodestar-index',
  setup(build) {
    build.onEnd(async (result) => {
      if (result.errors.length || !result.metafile) return;
      const outputs = Object.keys(result.metafile.outputs).map((p) => path.relative(dist, path.resolve(root, p)));
      const js = outputs.find((f) => /^app-.*\.js$/.test(f));
      const css = outputs.find((f) => /^app-.*\.css$/.test(f));
      await writeFile(path.join(dist, 'index.html'), indexHtml(js, css));
      const keep = new Set([...outputs, 'index.html']);
      for (const f of await readdir(dist)) if (!keep.has(f)) await rm(path.join(dist, f), { force: true });

      let jsGz = 0;
      const lines = [];
      for (const f of [js, css, 'index.html']) {
        const buf = await readFile(path.join(dist, f));
        const gz = gzipSync(buf, { level: 9 }).length;
        if (f.endsWith('.js')) jsGz = gz;
        lines.push(`  dist/${f.padEnd(24)} ${kib(buf.length).padStart(10)}  ${kib(gz).padStart(9)} gzipped`);
      }
      console.log(lines.join('\n'));
      console.log(`  JS gzipped: ${jsGz} bytes (${kib(jsGz)}) — budget ${kib(JS_BUDGET)}`);
      if (jsGz > JS_BUDGET) {
        console.error('  ✗ JS bundle is over the 60 KiB gzipped budget');
        if (!watch) process.exitCode = 1;
      }
    });
  },
};

const options = {
  absWorkingDir: root,
  entryPoints: { app: 'src/main.js' },
  outdir: 'dist',
  entryNames: '[name]-[hash]',
  assetNames: '[name]-[hash]',
  bundle: true,
  format: 'esm',
  target: ['es2020', 'chrome100', 'firefox100', 'safari15'],
  minify: true,
  sourcemap: watch ? 'linked' : false,
  metafile: true,
  legalComments: 'none',
  charset: 'utf8',
  logLevel: 'warning',
  plugins: [writeIndex],
  define: { 'process.env.NODE_ENV': '"production"' },
};

const t0 = performance.now();
await mkdir(dist, { recursive: true });

if (watch) {
  const ctx = await esbuild.context(options);
  await ctx.watch();
  console.log('watching src/ → dist/ (the backend serves dist/: reload the page after a rebuild)');
  if (serve) {
    const served = await ctx.serve({
      servedir: dist,
      host: '127.0.0.1',
      port: 8010,
      fallback: path.join(dist, 'index.html'),
    });
    const host = (served.hosts && served.hosts[0]) || served.host || '127.0.0.1';
    console.log(`serving dist/ on http://${host}:${served.port} (UI only: /graphql is not proxied)`);
  }
} else {
  await rm(dist, { recursive: true, force: true });
  await mkdir(dist, { recursive: true });
  const result = await esbuild.build(options);
  if (result.errors.length) process.exit(1);
  console.log(`built dist/ in ${Math.round(performance.now() - t0)} ms`);
}
