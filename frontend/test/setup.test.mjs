// The setup screens (single sign-on, spreadsheet import): their routes and their part of the
// dictionary.
import { test } from 'node:test';
import assert from 'node:assert/strict';

test('the setup screens have their own addresses', async () => {
  const { routeOf } = await import('../src/pages/routes.js');
  assert.deepEqual(routeOf('/admin/sso'), { name: 'sso' });
  assert.deepEqual(routeOf('/admin/import/'), { name: 'import' });
  assert.equal(routeOf('/admin/other'), null);
});

test('the setup part of the dictionary: both languages, the same placeholders, no key of another part', async () => {
  const { default: en } = await import('../src/i18n/setup/en.js');
  const { default: zh } = await import('../src/i18n/setup/zh-CN.js');
  const { default: main } = await import('../src/i18n/en.js');
  const { default: cycle } = await import('../src/i18n/cycle/en.js');
  assert.deepEqual(Object.keys(zh).sort(), Object.keys(en).sort());
  const holes = (s) => (s.match(/\{\w+\}/g) || []).sort().join();
  for (const k of Object.keys(en)) assert.equal(holes(zh[k]), holes(en[k]), k);
  assert.deepEqual(
    Object.keys(en).filter((k) => k in main || k in cycle),
    [],
  );
});
