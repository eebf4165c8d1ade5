// The security page's part of the dictionary: both languages, the same placeholders, no key
// that the main dictionary also has; and its route.
import { test } from 'node:test';
import assert from 'node:assert/strict';

test('the security page’s strings: both languages, the same placeholders, no key twice', async () => {
  const { default: en } = await import('../src/i18n/account/en.js');
  const { default: zh } = await import('../src/i18n/account/zh-CN.js');
  const { default: main } = await import('../src/i18n/en.js');
  assert.deepEqual(Object.keys(zh).sort(), Object.keys(en).sort());
  const holes = (s) => (s.match(/\{\w+\}/g) || []).sort().join();
  for (const k of Object.keys(en)) assert.equal(holes(zh[k]), holes(en[k]), k);
  assert.deepEqual(
    Object.keys(en).filter((k) => k in main),
    [],
  );
});

test('the security page has its address', async () => {
  const { routeOf } = await import('../src/pages/routes.js');
  assert.deepEqual(routeOf('/security'), { name: 'security' });
  assert.deepEqual(routeOf('/security/'), { name: 'security' });
  assert.equal(routeOf('/securityx'), null);
});
