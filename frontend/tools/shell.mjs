// The installable, offline app shell written beside the build: the web app manifest, its icons
// (PNG drawn here: no image tool needed) and the service worker that precaches the build.
import { deflateSync } from 'node:zlib';
import { createHash } from 'node:crypto';

const ACCENT = [0x3b, 0x5b, 0xdb];

// ---- icons ---------------------------------------------------------------------------------

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** The app's four-pointed star, white on the accent colour, as an RGB PNG of size×size. */
export function iconPng(size) {
  const star = [
    [0.5, 0.14],
    [0.585, 0.415],
    [0.86, 0.5],
    [0.585, 0.585],
    [0.5, 0.86],
    [0.415, 0.585],
    [0.14, 0.5],
    [0.415, 0.415],
  ];
  const inside = (x, y) => {
    let hit = false;
    for (let i = 0, j = star.length - 1; i < star.length; j = i++) {
      const [xi, yi] = star[i];
      const [xj, yj] = star[j];
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) hit = !hit;
    }
    return hit;
  };
  const rows = Buffer.alloc(size * (1 + size * 3));
  for (let y = 0; y < size; y++) {
    const row = y * (1 + size * 3); // filter byte 0, then RGB
    for (let x = 0; x < size; x++) {
      const white = inside((x + 0.5) / size, (y + 0.5) / size);
      const [r, g, b] = white ? [255, 255, 255] : ACCENT;
      rows.set([r, g, b], row + 1 + x * 3);
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8 bits, RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

export const ICONS = { 'icon-192.png': 192, 'icon-512.png': 512 };

// ---- manifest ------------------------------------------------------------------------------

export function manifest() {
  return JSON.stringify(
    {
      name: 'Lodestar OKR',
      short_name: 'Lodestar',
      description: 'OKRs your team runs live · 团队实时协作的 OKR',
      start_url: '/',
      scope: '/',
      display: 'standalone',
      background_color: '#f6f7f9',
      theme_color: '#3b5bdb',
      icons: Object.entries(ICONS).map(([src, n]) => ({ src: '/' + src, sizes: `${n}x${n}`, type: 'image/png', purpose: 'any maskable' })),
    },
    null,
    2,
  );
}

// ---- service worker ------------------------------------------------------------------------

/**
 * The worker for this build: it precaches the shell (`files`, dist-relative) under a cache
 * named by their hash, so a new build replaces the old shell; pages are fetched from the
 * network first and fall back to the cached shell; the API is never cached here.
 */
export function serviceWorker(files) {
  const shell = ['/', ...files.map((f) => '/' + f)];
  const version = createHash('sha256').update(shell.join('\n')).digest('hex').slice(0, 12);
  return `// Written by build.mjs (tools/shell.mjs): the offline app shell of this build.
const CACHE = 'lodestar-shell-${version}';
const SHELL = ${JSON.stringify(shell)};
const KEPT = new Set(SHELL);
self.addEventListener('install', (e) => {
  e.waitUntil(caches.open(CACHE).then((c) => c.addAll(SHELL)).then(() => self.skipWaiting()));
});
self.addEventListener('activate', (e) => {
  e.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('lodestar-shell-') && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});
self.addEventListener('fetch', (e) => {
  const req = e.request;
  const url = new URL(req.url);
  if (req.method !== 'GET' || url.origin !== self.location.origin) return;
  if (req.mode === 'navigate') {
    e.respondWith(fetch(req).catch(() => caches.match('/', { cacheName: CACHE })));
  } else if (KEPT.has(url.pathname)) {
    e.respondWith(caches.match(url.pathname, { cacheName: CACHE }).then((hit) => hit || fetch(req)));
  }
});
`;
}
