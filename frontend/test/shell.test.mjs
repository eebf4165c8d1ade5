import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inflateSync } from 'node:zlib';
import { iconPng, manifest, serviceWorker, ICONS } from '../tools/shell.mjs';

test('iconPng: a valid RGB PNG of the asked size, star in the middle, accent in the corner', () => {
  const png = iconPng(64);
  assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  assert.equal(png.readUInt32BE(16), 64);
  assert.equal(png.readUInt32BE(20), 64);
  const idatAt = png.indexOf('IDAT');
  const raw = inflateSync(png.subarray(idatAt + 4, idatAt + 4 + png.readUInt32BE(idatAt - 4)));
  const px = (x, y) => [...raw.subarray(y * (1 + 64 * 3) + 1 + x * 3, y * (1 + 64 * 3) + 4 + x * 3)];
  assert.deepEqual(px(32, 32), [255, 255, 255]);
  assert.deepEqual(px(0, 0), [0x3b, 0x5b, 0xdb]);
});

test('manifest: installable (name, start_url, standalone, 192 and 512 px icons)', () => {
  const m = JSON.parse(manifest());
  assert.equal(m.start_url, '/');
  assert.equal(m.display, 'standalone');
  assert.deepEqual(
    m.icons.map((i) => i.sizes),
    Object.values(ICONS).map((n) => `${n}x${n}`),
  );
});

test('serviceWorker: precaches the shell under a cache named by the build', () => {
  const a = serviceWorker(['app-AAAAAAAA.js', 'index.html']);
  const b = serviceWorker(['app-BBBBBBBB.js', 'index.html']);
  assert.match(a, /"\/app-AAAAAAAA\.js"/);
  assert.match(a, /"\/"/);
  assert.notEqual(/lodestar-shell-(\w+)/.exec(a)[1], /lodestar-shell-(\w+)/.exec(b)[1]);
  assert.doesNotMatch(a, /graphql/); // the API is never cached by the worker
});
