// Pure helpers of the board: `npm test` (node's built-in runner, no extra dependency).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  buildTree,
  objectiveExpected,
  defaultCycle,
  cycleIdFromPath,
  isBoardPath,
  initials,
  parentIds,
  filterObjectives,
  firstRows,
} from '../src/lib/okr.js';

const o = (id, parent, level = 'TEAM', extra = {}) => ({
  id,
  title: id,
  level,
  state: 'PUBLISHED',
  parent: parent ? { id: parent } : null,
  ...extra,
});

test('buildTree nests by parent id and treats a missing parent as a root', () => {
  const tree = buildTree([o('c', null, 'COMPANY'), o('t1', 'c'), o('p1', 't1', 'PERSONAL'), o('orphan', 'hidden')]);
  assert.deepEqual(
    tree.roots.map((n) => n.obj.id),
    ['c', 'orphan'],
  );
  const c = tree.byId.get('c');
  assert.equal(c.children[0].obj.id, 't1');
  assert.equal(tree.byId.get('p1').depth, 2);
  assert.deepEqual(parentIds(tree).sort(), ['c', 't1']);
});

test('firstRows: the first n rows top to bottom, through the open objectives only', () => {
  const tree = buildTree([
    o('c', null, 'COMPANY'),
    o('t1', 'c'),
    o('p1', 't1', 'PERSONAL'),
    o('t2', 'c'),
    o('p2', 't2', 'PERSONAL'),
    o('r', null, 'COMPANY'),
  ]);
  const order = (open, n) => [...firstRows(tree, new Set(open), n)];
  assert.deepEqual(order(['c', 't1', 't2'], 99), ['c', 't1', 'p1', 't2', 'p2', 'r']);
  assert.deepEqual(order(['c', 't1', 't2'], 3), ['c', 't1', 'p1']); // a prefix: each row's parent is in it
  assert.deepEqual(order(['c'], 99), ['c', 't1', 't2', 'r']); // closed ones hide their children
  assert.deepEqual(order([], 0), []);
});

test('isBoardPath: "/", a board and the wall are the board; other screens are not', () => {
  for (const p of ['/', '/board/cycle_1', '/wall', '/wall/cycle_1']) assert.ok(isBoardPath(p), p);
  for (const p of ['/me', '/objective/obj_1', '/cycle/c1/dashboard', '/boards']) assert.ok(!isBoardPath(p), p);
});

test('buildTree hides archived objectives and survives a parent loop', () => {
  const tree = buildTree([o('a', 'b'), o('b', 'a'), o('gone', null, 'COMPANY', { state: 'ARCHIVED' }), o('kid', 'gone')]);
  const ids = [...tree.byId.keys()].sort();
  assert.deepEqual(ids, ['a', 'b', 'kid']);
  const reachable = new Set();
  const walk = (n) => (reachable.add(n.obj.id), n.children.forEach(walk));
  tree.roots.forEach(walk);
  assert.equal(reachable.size, 3);
});

test('objectiveExpected is the weighted mean of KR expected progress', () => {
  assert.equal(objectiveExpected([]), null);
  const krs = [
    { weight: 75, expectedProgress: 0.4 },
    { weight: 25, expectedProgress: 0.8 },
  ];
  assert.ok(Math.abs(objectiveExpected(krs) - 0.5) < 1e-9);
  // every weight 0 → plain mean
  assert.ok(
    Math.abs(
      objectiveExpected([
        { weight: 0, expectedProgress: 0.2 },
        { weight: 0, expectedProgress: 0.6 },
      ]) - 0.4,
    ) < 1e-9,
  );
});

test('defaultCycle prefers TRACKING, else the latest start', () => {
  const cycles = [
    { id: 'q1', startsOn: '2025-01-01', phase: 'CLOSED' },
    { id: 'q2', startsOn: '2025-04-01', phase: 'TRACKING' },
    { id: 'q3', startsOn: '2025-07-01', phase: 'DRAFTING' },
  ];
  assert.equal(defaultCycle(cycles).id, 'q2');
  assert.equal(defaultCycle(cycles.filter((c) => c.phase !== 'TRACKING')).id, 'q3');
  assert.equal(defaultCycle([]), null);
});

test('paths and initials', () => {
  assert.equal(cycleIdFromPath('/board/abc%3D'), 'abc=');
  assert.equal(cycleIdFromPath('/'), null);
  assert.equal(initials('Ada Lovelace'), 'AL');
  assert.equal(initials('王小明'), '小明');
  assert.equal(initials('管理员 Admin'), '理员');
  assert.equal(initials('Michael Huang'), 'MH');
  assert.equal(initials(''), '?');
});

test('both languages define every UI string, with the same placeholders', async () => {
  const { default: en } = await import('../src/i18n/en.js');
  const { default: zh } = await import('../src/i18n/zh-CN.js');
  assert.deepEqual(Object.keys(zh).sort(), Object.keys(en).sort());
  const holes = (s) => (s.match(/\{\w+\}/g) || []).sort().join();
  for (const k of Object.keys(en)) assert.equal(holes(zh[k]), holes(en[k]), k);
});

test('every part of the dictionary: both languages, the same placeholders, no key in two parts', async () => {
  const { readdir } = await import('node:fs/promises');
  const dir = new URL('../src/i18n/', import.meta.url);
  const parts = (await readdir(dir, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name);
  assert.ok(parts.includes('cycle') && parts.includes('work'));
  const { default: main } = await import('../src/i18n/en.js');
  const owner = new Map(Object.keys(main).map((k) => [k, 'main']));
  const holes = (s) => (s.match(/\{\w+\}/g) || []).sort().join();
  for (const part of parts) {
    const { default: en } = await import(`../src/i18n/${part}/en.js`);
    const { default: zh } = await import(`../src/i18n/${part}/zh-CN.js`);
    assert.deepEqual(Object.keys(zh).sort(), Object.keys(en).sort(), part);
    for (const k of Object.keys(en)) {
      assert.equal(holes(zh[k]), holes(en[k]), k);
      assert.ok(!owner.has(k), `${k} is in ${part} and in ${owner.get(k)}`);
      owner.set(k, part);
    }
  }
});

test('a part of the dictionary loads with its screens, and with every later switch', async () => {
  const { ready, t, setLang, needStrings } = await import('../src/i18n/index.js');
  await ready;
  assert.equal(t('retro.sheetTitle'), 'retro.sheetTitle', 'not loaded before a screen asks for it');
  await needStrings('cycle');
  assert.equal(t('retro.sheetTitle'), 'Scoring sheet');
  await setLang('zh-CN', false);
  assert.equal(t('retro.sheetTitle'), '评分表');
  assert.equal(t('board.summary', { count: 3 }), '3 个目标');
  await setLang('en', false);
});

test('a part asked for while a switch is on its way comes with the new language', async () => {
  const { ready, lang, t, setLang, needStrings } = await import('../src/i18n/index.js');
  await ready;
  assert.equal(lang.value, 'en');
  const switching = setLang('zh-CN', false); // the viewer's language, say, as the app boots
  await needStrings('work'); // a screen opened meanwhile: loaded in the language still on screen
  await switching;
  assert.equal(lang.value, 'zh-CN');
  assert.equal(t('me.title'), '我的 OKR');
  await setLang('en', false);
});

test('switching language loads its dictionary, then every string follows', async () => {
  const { ready, lang, t, setLang, formatPercent } = await import('../src/i18n/index.js');
  await ready; // the first language (en here: node has no zh navigator.language)
  assert.equal(t('board.summary', { count: 3 }), '3 objectives');
  const switching = setLang('zh-CN', false);
  assert.equal(lang.value, 'en', 'the screen keeps its language until the new dictionary is in');
  await switching;
  assert.equal(lang.value, 'zh-CN');
  assert.equal(t('board.summary', { count: 3 }), '3 个目标');
  await setLang('en', false);
  assert.equal(t('board.summary', { count: 3 }), '3 objectives');
  assert.equal(formatPercent(0.426), '43%');
  // two switches in a row: the latest one wins, whichever dictionary arrives first
  await Promise.all([setLang('zh-CN', false), setLang('en', false)]);
  assert.equal(lang.value, 'en');
});

test('filters keep matches and their ancestors', () => {
  const list = [
    { id: 'c', title: 'Company', status: 'ON_TRACK', owner: { id: 'u1', displayName: 'Ada' } },
    {
      id: 't',
      title: 'Team goal',
      status: 'BEHIND',
      parent: { id: 'c' },
      team: { id: 'x', name: 'Eng' },
      owner: { id: 'u2', displayName: '张三', handle: 'zhangsan' },
    },
    {
      id: 'p',
      title: 'Other',
      status: 'DONE',
      parent: { id: 'c' },
      owner: { id: 'u3', displayName: 'Bo' },
      keyResults: [{ title: 'Ship the SDK' }],
    },
  ];
  const ids = (f) => filterObjectives(list, f).map((obj) => obj.id);
  assert.deepEqual(ids({}), ['c', 't', 'p']);
  assert.deepEqual(ids({ status: 'BEHIND' }), ['c', 't']);
  assert.deepEqual(ids({ teamId: 'x' }), ['c', 't']);
  assert.deepEqual(ids({ ownerId: 'u3' }), ['c', 'p']);
  assert.deepEqual(ids({ q: 'zhangsan' }), ['c', 't']);
  assert.deepEqual(ids({ q: 'sdk' }), ['c', 'p']);
  assert.deepEqual(ids({ q: 'nothing like it' }), []);
  assert.deepEqual(ids({ status: 'BEHIND', ownerId: 'u3' }), []);
});
