import { test } from 'node:test';
import assert from 'node:assert/strict';
import { keptKey, keep, kept, forgetKept, KEPT_PREFIX, MAX_KEPT_CHARS } from '../src/lib/kept.js';

function memoryStorage() {
  const m = new Map();
  return {
    get length() {
      return m.size;
    },
    key: (i) => [...m.keys()][i] ?? null,
    getItem: (k) => (m.has(k) ? m.get(k) : null),
    setItem: (k, v) => m.set(k, String(v)),
    removeItem: (k) => m.delete(k),
  };
}

test('keptKey: one key per query and variables, stable', () => {
  const q = 'query Board($c: ID!) { objectives(cycleId: $c) { id } }';
  assert.equal(keptKey(q, { c: 'cyc_1' }), keptKey(q, { c: 'cyc_1' }));
  assert.notEqual(keptKey(q, { c: 'cyc_1' }), keptKey(q, { c: 'cyc_2' }));
  assert.ok(keptKey(q).startsWith(KEPT_PREFIX));
});

test('keep and kept: the answer comes back with when it came', () => {
  const s = memoryStorage();
  assert.equal(kept(s, 'k'), null);
  assert.ok(keep(s, KEPT_PREFIX + 'k', { viewer: { id: 'user_1' } }, '2026-12-04T09:30:00Z'));
  assert.deepEqual(kept(s, KEPT_PREFIX + 'k'), { at: '2026-12-04T09:30:00Z', data: { viewer: { id: 'user_1' } } });
  s.setItem(KEPT_PREFIX + 'bad', '{not json');
  assert.equal(kept(s, KEPT_PREFIX + 'bad'), null);
});

test('keep: a board too large for the device is not kept; a refusing storage is survived', () => {
  const s = memoryStorage();
  assert.equal(keep(s, KEPT_PREFIX + 'big', { x: 'y'.repeat(MAX_KEPT_CHARS) }), false);
  assert.equal(s.length, 0);
  const full = {
    ...memoryStorage(),
    setItem: () => {
      throw new Error('QuotaExceededError');
    },
  };
  assert.equal(keep(full, KEPT_PREFIX + 'k', { a: 1 }), false);
});

test('forgetKept: signing out leaves nothing of the last person behind', () => {
  const s = memoryStorage();
  keep(s, KEPT_PREFIX + 'a', { a: 1 });
  keep(s, KEPT_PREFIX + 'b', { b: 2 });
  s.setItem('lodestar.lang', 'zh-CN');
  forgetKept(s);
  assert.equal(s.length, 1);
  assert.equal(s.getItem('lodestar.lang'), 'zh-CN');
});
