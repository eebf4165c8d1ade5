// The setup screens (single sign-on, spreadsheet import) have their own routes (their part of
// the dictionary is checked with every part in okr.test.mjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';

test('the setup screens have their own addresses', async () => {
  const { routeOf } = await import('../src/pages/routes.js');
  assert.deepEqual(routeOf('/admin/sso'), { name: 'sso' });
  assert.deepEqual(routeOf('/admin/import/'), { name: 'import' });
  assert.deepEqual(routeOf('/admin/people'), { name: 'admin', id: 'people' });
});
