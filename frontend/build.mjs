// Build the web app into dist/: index.html, app-<hash>.js and its chunks, app-<hash>.css (minified).
//   node build.mjs            one production build, prints sizes (gzip) and fails over budget
//   node build.mjs --watch    rebuild dist/ on every change (the backend serves dist/: reload the page)
//   node build.mjs --serve    like --watch, and also serve dist/ on http://127.0.0.1:8010 (UI only, no API)
//
// Code splitting: every dynamic import() is a chunk fetched when needed (a language's dictionary,
// the pages besides the board). The budget holds the first screen: the early script (a bundle of
// its own), the entry, the chunks it imports statically, and the dictionary of one language (the
// larger one counts).
import * as esbuild from 'esbuild';
import { mkdir, readFile, rm, writeFile, readdir } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ICONS, iconPng, manifest, serviceWorker } from './tools/shell.mjs';

const root = path.dirname(fileURLToPath(import.meta.url));
const dist = path.join(root, 'dist');
const watch = process.argv.includes('--watch') || process.argv.includes('--serve');
const serve = process.argv.includes('--serve');
const FIRST_SCREEN_BUDGET = 40 * 1024; // docs/architecture.md budgets: the first screen's JS, gzipped
// one per language, loaded at boot (src/i18n/<part>/<lang>.js: the strings of lazy screens, with them)
const DICTIONARIES = /^src\/i18n\/(?!index\.js$)([\w-]+)\.js$/;
// What the sizes below say, for the bench (bench/frontend.py) to report: one definition
const FIRST_SCREEN_LIST = 'first-screen.json';

// `early`: the early script's code, run inline as the page is parsed (the server's CSP names its hash)
function indexHtml(early, scripts, preload, css) {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">
<meta name="color-scheme" content="light dark">
<meta name="theme-color" content="#ffffff" media="(prefers-color-scheme: light)">
<meta name="theme-color" content="#151a21" media="(prefers-color-scheme: dark)">
<title>Lodestar</title>
<link rel="manifest" href="/manifest.webmanifest">
<link rel="apple-touch-icon" href="/icon-192.png">
<link rel="icon" href="data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 16 16'%3E%3Cpath d='M8 0l2 6 6 2-6 2-2 6-2-6-6-2 6-2z' fill='%233b5bdb'/%3E%3C/svg%3E">
<script>${early}</script>
<link rel="stylesheet" href="/${css}">
${scripts.map((f) => `<script type="module" src="/${f}"></script>\n`).join('')}${preload.map((f) => `<link rel="modulepreload" href="/${f}">\n`).join('')}</head>
<body>
<div id="app"></div>
<noscript>Lodestar needs JavaScript. / Lodestar 需要启用 JavaScript。</noscript>
</body>
</html>
`;
}

// GraphiQL, served by the backend at /graphql to a browser: copied from npm with a content hash in
// each name (the backend caches files for a year), with the page that loads them
const GRAPHIQL = [
  ['node_modules/react/umd/react.production.min.js', 'react.js'],
  ['node_modules/react-dom/umd/react-dom.production.min.js', 'react-dom.js'],
  ['node_modules/graphiql/graphiql.min.js', 'graphiql.js'],
  ['node_modules/graphiql/graphiql.min.css', 'graphiql.css'],
  ['graphiql/page.css', 'page.css'],
  ['graphiql/boot.js', 'boot.js'],
];

async function vendorGraphiql() {
  const out = path.join(dist, 'graphiql');
  await rm(out, { recursive: true, force: true });
  await mkdir(out, { recursive: true });
  const names = {};
  for (const [from, name] of GRAPHIQL) {
    const buf = await readFile(path.join(root, from));
    const hash = createHash('sha256').update(buf).digest('hex').slice(0, 10);
    names[name] = name.replace(/\.(\w+)$/, `-${hash}.$1`);
    await writeFile(path.join(out, names[name]), buf);
  }
  const css = ['graphiql.css', 'page.css'].map((n) => `<link rel="stylesheet" href="/graphiql/${names[n]}">`);
  const js = ['react.js', 'react-dom.js', 'graphiql.js', 'boot.js'].map((n) => `<script defer src="/graphiql/${names[n]}"></script>`);
  await writeFile(
    path.join(out, 'index.html'),
    `<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>Lodestar · GraphiQL</title>\n${css.join('\n')}\n${js.join('\n')}\n</head>\n<body>\n<div id="graphiql"></div>\n</body>\n</html>\n`,
  );
}

function kib(n) {
  return (n / 1024).toFixed(1) + ' KiB';
}

/** dist-relative name of an output path of the metafile. */
const rel = (p) => path.relative(dist, path.resolve(root, p));

/** `file` and every chunk it imports statically (what the browser fetches with it). */
function staticClosure(outputs, file, seen = new Set()) {
  if (seen.has(file)) return seen;
  seen.add(file);
  for (const imp of outputs[file].imports) if (imp.kind === 'import-statement') staticClosure(outputs, imp.path, seen);
  return seen;
}

/**
 * The JS files of the first screen and the lazy ones, from the app's metafile and the early
 * script: { entries, preload, firstScreens: [{ lang, files }], lazy: [file] } (metafile output paths).
 */
function splitOutputs(metafile, early) {
  const outputs = metafile.outputs;
  const js = Object.keys(outputs).filter((f) => f.endsWith('.js'));
  const entries = Object.values(options.entryPoints).map((src) => js.find((f) => outputs[f].entryPoint === src));
  const boot = new Set();
  for (const entry of entries) staticClosure(outputs, entry, boot);
  const firstScreens = js
    .filter((f) => DICTIONARIES.test(outputs[f].entryPoint || ''))
    .map((f) => ({ lang: DICTIONARIES.exec(outputs[f].entryPoint)[1], files: staticClosure(outputs, f, new Set([early, ...boot])) }));
  const first = new Set(firstScreens.flatMap((s) => [...s.files]));
  return {
    entries,
    preload: [...boot].filter((f) => !entries.includes(f)),
    firstScreens,
    lazy: js.filter((f) => !first.has(f)),
  };
}

// The last good metafile of each build: index.html is written once both are there, again after either
const lastBuild = { early: null, app: null };

/** After each build of `name` (early, app): keep its metafile, write index.html. */
const writeIndexAfter = (name) => ({
  name: `lodestar-index-${name}`,
  setup(build) {
    build.onEnd(async (result) => {
      if (result.errors.length || !result.metafile) return;
      lastBuild[name] = result.metafile;
      if (lastBuild.early && lastBuild.app) await writeIndex(lastBuild.app, Object.keys(lastBuild.early.outputs));
    });
  },
});

/** Write index.html pointing at the hashed files, drop stale ones, report sizes. */
async function writeIndex(metafile, earlyOutputs) {
  const early = earlyOutputs.find((f) => f.endsWith('.js'));
  // inline: its requests leave while the page is parsed, not once a file of its own arrives
  // (a request of its own waited behind the first screen's other files: ~150 ms at 1,000 objectives)
  const earlyCode = (await readFile(path.resolve(root, early), 'utf8')).trim();
  if (/<\/script/i.test(earlyCode)) throw new Error('the early script cannot be inlined: it contains </script');
  const outputs = Object.keys(metafile.outputs);
  const { entries, preload, firstScreens, lazy } = splitOutputs(metafile, early);
  const css = outputs.find((f) => /^app-.*\.css$/.test(rel(f)));
  await writeFile(path.join(dist, 'index.html'), indexHtml(earlyCode, entries.map(rel), preload.map(rel), rel(css)));
  // the installable, offline shell: manifest, icons, and a worker precaching all of the above
  const shell = { 'manifest.webmanifest': manifest() };
  for (const [name, size] of Object.entries(ICONS)) shell[name] = iconPng(size);
  for (const [name, body] of Object.entries(shell)) await writeFile(path.join(dist, name), body);
  const built = outputs.map(rel).filter((f) => !f.endsWith('.map'));
  await writeFile(path.join(dist, 'sw.js'), serviceWorker([...built, ...Object.keys(shell)]));
  const keep = new Set([...outputs.map(rel), 'index.html', FIRST_SCREEN_LIST, 'graphiql', 'sw.js', ...Object.keys(shell)]);
  for (const f of await readdir(dist)) if (!keep.has(f)) await rm(path.join(dist, f), { force: true });

  const gz = new Map([[early, gzipSync(earlyCode, { level: 9 }).length]]);
  const line = async (f) => {
    if (f === early)
      return `  ${'(inline in index.html)'.padEnd(28)} ${kib(earlyCode.length).padStart(10)}  ${kib(gz.get(f)).padStart(9)} gzipped`;
    const buf = await readFile(path.resolve(root, f));
    gz.set(f, gzipSync(buf, { level: 9 }).length);
    return `  ${rel(f).padEnd(28)} ${kib(buf.length).padStart(10)}  ${kib(gz.get(f)).padStart(9)} gzipped`;
  };
  const sum = (files) => [...files].reduce((n, f) => n + gz.get(f), 0);
  const shared = [early, ...entries, ...preload];
  const lines = ['  first screen:'];
  for (const f of shared) lines.push(await line(f));
  for (const s of firstScreens) for (const f of s.files) if (!shared.includes(f)) lines.push(await line(f));
  lines.push('  lazy (fetched when needed):');
  for (const f of lazy) lines.push(await line(f));
  lines.push(await line(css), await line(path.join('dist', 'index.html')));
  console.log(lines.join('\n'));

  const sizes = {
    // the early script is counted, inline in index.html (not a file of its own)
    firstScreen: Object.fromEntries(
      firstScreens.map((s) => [s.lang, { files: [...s.files].filter((f) => f !== early).map(rel), gzipBytes: sum(s.files) }]),
    ),
    lazy: { files: lazy.map(rel), gzipBytes: sum(lazy) },
  };
  await writeFile(path.join(dist, FIRST_SCREEN_LIST), JSON.stringify(sizes, null, 1) + '\n');
  const worst = Math.max(...firstScreens.map((s) => sum(s.files)));
  for (const s of firstScreens) console.log(`  first-screen JS (${s.lang}): ${sum(s.files)} bytes (${kib(sum(s.files))}) gzipped`);
  console.log(`  lazy JS: ${sum(lazy)} bytes (${kib(sum(lazy))}) gzipped in ${lazy.length} chunks`);
  console.log(`  budget: first-screen JS ≤ ${kib(FIRST_SCREEN_BUDGET)} gzipped`);
  if (worst > FIRST_SCREEN_BUDGET) {
    console.error(`  ✗ the first screen's JS is over the ${kib(FIRST_SCREEN_BUDGET)} gzipped budget`);
    if (!watch) process.exitCode = 1;
  }
}

const common = {
  absWorkingDir: root,
  outdir: 'dist',
  entryNames: '[name]-[hash]',
  chunkNames: '[name]-[hash]',
  assetNames: '[name]-[hash]',
  bundle: true,
  target: ['es2020', 'chrome100', 'firefox100', 'safari15'],
  minify: true,
  sourcemap: watch ? 'linked' : false,
  metafile: true,
  legalComments: 'none',
  charset: 'utf8',
  logLevel: 'warning',
  define: { 'process.env.NODE_ENV': '"production"' },
};
const options = { ...common, entryPoints: { app: 'src/main.js' }, format: 'esm', splitting: true, plugins: [writeIndexAfter('app')] };
// The first screen's requests (src/early.js): one bundle of its own, no chunk to wait for, inlined
// in index.html (writeIndex), run as the page is parsed, while the app's code is still on its way
const earlyOptions = { ...common, entryPoints: { early: 'src/early.js' }, format: 'iife', plugins: [writeIndexAfter('early')] };

const t0 = performance.now();
await mkdir(dist, { recursive: true });
await vendorGraphiql();

if (watch) {
  const ctx = await esbuild.context(options);
  await ctx.watch();
  await (await esbuild.context(earlyOptions)).watch();
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
  const results = await Promise.all([esbuild.build(earlyOptions), esbuild.build(options)]);
  if (results.some((r) => r.errors.length)) process.exit(1);
  console.log(`built dist/ in ${Math.round(performance.now() - t0)} ms`);
}
