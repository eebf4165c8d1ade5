// The offline shell's worker is registered once the page has loaded and the first screen's answers
// are in: its precache would otherwise compete with the board's request. `npm test`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { registerServiceWorker } from '../src/lib/serviceWorker.js';

const tick = () => new Promise((r) => setTimeout(r));

function browser(readyState) {
  const registered = [];
  const listeners = {};
  Object.defineProperty(globalThis, 'navigator', {
    value: { serviceWorker: { register: async (url) => registered.push(url) } },
    configurable: true,
  });
  globalThis.window = { isSecureContext: true, addEventListener: (name, fn) => (listeners[name] = fn) };
  globalThis.document = { readyState };
  return { registered, load: () => listeners.load() };
}

test('the worker waits for the first screen, then registers', async () => {
  const b = browser('complete');
  let settle;
  registerServiceWorker(new Promise((r) => (settle = r)));
  await tick();
  assert.deepEqual(b.registered, []);
  settle();
  await tick();
  assert.deepEqual(b.registered, ['/sw.js']);
});

test('and for the page to load', async () => {
  const b = browser('interactive');
  registerServiceWorker(Promise.resolve());
  await tick();
  assert.deepEqual(b.registered, []);
  b.load();
  await tick();
  assert.deepEqual(b.registered, ['/sw.js']);
});
