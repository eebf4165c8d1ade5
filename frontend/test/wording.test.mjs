// zh-CN names a check-in 更新进度 (the action) / 进度更新 (the record) on every screen:
// every string whose English says check-in says so in Chinese, and none says 签到.
// tests/unit/test_wording.py checks the server's texts the same way.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';

const base = new URL('../src/i18n/', import.meta.url);
const parts = [
  '',
  ...readdirSync(base, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => `${d.name}/`),
];
const CHECK_IN_EN = /check(ed)?[- ]?ins?\b/i;
const CHECK_IN_ZH = /进度.*更新|更新.*进度|未更新|最近更新|内有更新/;
const REJECTED = /签到|签入|打卡|进展更新|进展记录/;

async function dictionaries(part) {
  const [en, zh] = await Promise.all(['en.js', 'zh-CN.js'].map(async (f) => (await import(new URL(part + f, base))).default));
  return { en, zh };
}

test('every dictionary part is read', () => {
  assert.ok(parts.includes('work/') && parts.includes(''));
});

for (const part of parts) {
  test(`zh-CN check-in wording in i18n/${part || '(first screen)'}`, async () => {
    const { en, zh } = await dictionaries(part);
    assert.deepEqual(
      Object.entries(zh).filter(([, text]) => REJECTED.test(text)),
      [],
    );
    const off = Object.entries(en)
      .filter(([key, text]) => CHECK_IN_EN.test(text) && !CHECK_IN_ZH.test(zh[key]))
      .map(([key]) => `${key}: ${zh[key]}`);
    assert.deepEqual(off, []);
  });
}
