// Pure logic of tasks, comments and notifications: `npm test`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  mentionAt,
  insertMention,
  mentionProblems,
  shownBody,
  segments,
  taskOf,
  siblings,
  upsertTask,
  applyOrder,
  moveItem,
  dropIndex,
  reorder,
  toggleStatus,
  overdue,
  commentOf,
  upsertComment,
  notificationTarget,
  noticePath,
  upsertNotification,
  timeAgo,
} from '../src/lib/worklogic.js';

const at = (text) => mentionAt(text.replace('|', ''), text.indexOf('|'));

// ---- the mention being typed at the caret ------------------------------------------------------

test('mentionAt: "@" + letters right before the caret', () => {
  assert.deepEqual(at('hi @zs|'), { start: 3, end: 6, query: 'zs' });
  assert.deepEqual(at('@|'), { start: 0, end: 1, query: '' });
  assert.deepEqual(at('@zhang|san'), { start: 0, end: 6, query: 'zhang' });
  assert.deepEqual(at('line one\n@li|'), { start: 9, end: 12, query: 'li' });
});

test('mentionAt: CJK text around it, full-width @, names typed in Chinese', () => {
  assert.deepEqual(at('请@zs|'), { start: 1, end: 4, query: 'zs' });
  assert.deepEqual(at('请＠张|'), { start: 1, end: 3, query: '张' });
  assert.deepEqual(at('你好，@张三|'), { start: 3, end: 6, query: '张三' });
  assert.equal(at('@张三，看一下|'), null); // the comma ended it
  assert.equal(at('@lisi 你好|'), null); // a space ended it
});

test('mentionAt: e-mail addresses, no "@", the caret elsewhere, too long', () => {
  assert.equal(at('mail bob@exa|'), null);
  assert.equal(at('a.b@c|'), null);
  assert.equal(at('no mention|'), null);
  assert.equal(at('|@zs'), null);
  assert.equal(at('@' + 'x'.repeat(33) + '|'), null);
  assert.equal(mentionAt('', 0), null);
  assert.equal(mentionAt(null, 3), null);
});

test('insertMention: "@name " replaces what was typed, caret after the space', () => {
  const text = '请@zs看一下';
  const r = insertMention(text, mentionAt(text, 4), '张三');
  assert.deepEqual(r, { text: '请@张三 看一下', caret: 5 });
  const r2 = insertMention('cc @li and', { start: 3, end: 6 }, 'lisi');
  assert.equal(r2.text, 'cc @lisi and'); // no double space
  assert.equal(r2.caret, 9);
});

// ---- rendering a body ----------------------------------------------------------------------------

const zs = { id: 'user_4', handle: 'zhangsan', displayName: '张三' };
const emily = { id: 'user_5', handle: 'Emily', displayName: 'Emily Chen' };

test('segments: mentions of resolved people become parts with the user; the rest is text', () => {
  assert.deepEqual(segments('请@zhangsan看一下', [zs]), [{ text: '请' }, { text: '@张三', user: zs }, { text: '看一下' }]);
  assert.deepEqual(segments('@zhangsan，你好', [zs]), [{ text: '@张三', user: zs }, { text: '，你好' }]);
  assert.deepEqual(segments('thanks @emily.', [emily]), [{ text: 'thanks ' }, { text: '@Emily Chen', user: emily }, { text: '.' }]);
  assert.deepEqual(segments('＠ZhangSan ok', [zs]), [{ text: '@张三', user: zs }, { text: ' ok' }]);
  // a renamed person reads under the new name; the stored text did not change
  assert.equal(shownBody('请@zhangsan看一下', [{ ...zs, displayName: '张三丰' }]), '请@张三丰看一下');
});

test('segments: e-mail addresses, unknown handles and duplicates', () => {
  assert.deepEqual(segments('mail zhangsan@example.com', [zs]), [{ text: 'mail zhangsan@example.com' }]);
  assert.deepEqual(segments('hi @nobody', [zs]), [{ text: 'hi @nobody' }]);
  assert.deepEqual(segments('@zhangsan @zhangsan', [zs]), [{ text: '@张三', user: zs }, { text: ' ' }, { text: '@张三', user: zs }]);
  assert.deepEqual(segments('', [zs]), []);
  assert.deepEqual(segments('<b>@zhangsan</b>', [zs]), [{ text: '<b>' }, { text: '@张三', user: zs }, { text: '</b>' }]);
});

test('mentionProblems: those naming nobody or several people, with whom they could mean', () => {
  const leo = { id: 'user_7', handle: 'leo', displayName: 'Leo' };
  const found = [
    { text: '@张三', person: zs, candidates: [] },
    { text: '@le', person: null, candidates: [leo, emily] },
    { text: '@zz', person: null, candidates: [] },
  ];
  assert.deepEqual(mentionProblems(found), [
    { text: '@le', candidates: [leo, emily] },
    { text: '@zz', candidates: [] },
  ]);
  assert.deepEqual(mentionProblems(null), []);
});

// ---- tasks and their order -------------------------------------------------------------------------

const task = (id, position, keyResultId = null, extra = {}) => ({ id, position, keyResultId, status: 'TODO', deleted: false, ...extra });

test('taskOf: the query and the live summary give the same shape', () => {
  const fromQuery = taskOf({
    id: 'task_1',
    title: 'A',
    status: 'DONE',
    position: 2,
    keyResult: { id: 'kr_1' },
    creator: { id: 'user_1' },
    deletedAt: null,
    collaborators: [],
  });
  const fromEvent = taskOf({
    id: 'task_1',
    title: 'A',
    status: 'DONE',
    position: 2,
    keyResultId: 'kr_1',
    creatorId: 'user_1',
    deleted: false,
    collaborators: [],
  });
  assert.deepEqual(fromQuery, fromEvent);
  assert.equal(taskOf({ id: 'task_2', keyResultId: null }).keyResultId, null);
  assert.equal(taskOf({ id: 'task_2', deletedAt: '2026-01-01T00:00:00Z' }).deleted, true);
});

test('siblings: one list, in manual order, without deleted ones', () => {
  const all = [task('t3', 1, 'kr_1'), task('t1', 0, 'kr_1'), task('t2', 0), task('t4', 2, 'kr_1', { deleted: true })];
  assert.deepEqual(
    siblings(all, 'kr_1').map((t) => t.id),
    ['t1', 't3'],
  );
  assert.deepEqual(
    siblings(all, null).map((t) => t.id),
    ['t2'],
  );
});

test('moveItem and dropIndex: the reorder math', () => {
  assert.deepEqual(moveItem(['a', 'b', 'c', 'd'], 0, 2), ['b', 'c', 'a', 'd']);
  assert.deepEqual(moveItem(['a', 'b', 'c'], 2, 0), ['c', 'a', 'b']);
  assert.deepEqual(moveItem(['a', 'b', 'c'], 0, 99), ['b', 'c', 'a']);
  assert.deepEqual(moveItem(['a', 'b', 'c'], 1, -5), ['b', 'a', 'c']);
  const mids = [20, 60, 100]; // the other rows' midpoints
  assert.equal(dropIndex(mids, 5), 0);
  assert.equal(dropIndex(mids, 40), 1);
  assert.equal(dropIndex(mids, 60), 1); // on a midpoint: before that row
  assert.equal(dropIndex(mids, 101), 3);
  assert.equal(dropIndex([], 50), 0);
});

test('reorder: one list renumbered 0…n-1, the others untouched', () => {
  const all = [task('a', 0, 'kr_1'), task('b', 1, 'kr_1'), task('c', 2, 'kr_1'), task('x', 0)];
  const { tasks, order } = reorder(all, 'c', 0);
  assert.deepEqual(order, ['c', 'a', 'b']);
  assert.deepEqual(
    siblings(tasks, 'kr_1').map((t) => [t.id, t.position]),
    [
      ['c', 0],
      ['a', 1],
      ['b', 2],
    ],
  );
  assert.equal(
    tasks.find((t) => t.id === 'x'),
    all[3],
  );
  assert.equal(reorder(all, 'nope', 0).order, null);
});

test('applyOrder and upsertTask: a live move, add, change, delete', () => {
  const all = [task('a', 0), task('b', 1)];
  assert.deepEqual(
    siblings(applyOrder(all, ['b', 'a']), null).map((t) => t.id),
    ['b', 'a'],
  );
  assert.deepEqual(
    upsertTask(all, task('c', 2)).map((t) => t.id),
    ['a', 'b', 'c'],
  );
  assert.equal(upsertTask(all, { ...all[0], status: 'DONE' }).find((t) => t.id === 'a').status, 'DONE');
  assert.deepEqual(
    upsertTask(all, { ...all[0], deleted: true }).map((t) => t.id),
    ['b'],
  );
});

test('toggleStatus and overdue', () => {
  assert.equal(toggleStatus('TODO'), 'DONE');
  assert.equal(toggleStatus('DOING'), 'DONE');
  assert.equal(toggleStatus('BLOCKED'), 'DONE');
  assert.equal(toggleStatus('DONE'), 'TODO');
  assert.equal(overdue({ dueDate: '2026-01-01', status: 'TODO' }, '2026-01-02'), true);
  assert.equal(overdue({ dueDate: '2026-01-02', status: 'TODO' }, '2026-01-02'), false);
  assert.equal(overdue({ dueDate: '2026-01-01', status: 'DONE' }, '2026-01-02'), false);
  assert.equal(overdue({ dueDate: null, status: 'TODO' }, '2026-01-02'), false);
});

// ---- comments and notifications ---------------------------------------------------------------------

test('upsertComment: oldest first, edits replace, deletes drop', () => {
  const c1 = commentOf({ id: 'cmt_1', body: 'a', createdAt: '2026-01-01T10:00:00Z', author: zs });
  const c2 = commentOf({ id: 'cmt_2', body: 'b', createdAt: '2026-01-01T11:00:00Z', author: zs });
  let list = upsertComment(upsertComment([], c2), c1);
  assert.deepEqual(
    list.map((c) => c.id),
    ['cmt_1', 'cmt_2'],
  );
  list = upsertComment(list, { ...c1, body: 'a!', editedAt: '2026-01-01T12:00:00Z' });
  assert.deepEqual(
    list.map((c) => c.body),
    ['a!', 'b'],
  );
  assert.deepEqual(
    upsertComment(list, { ...c2, deleted: true }).map((c) => c.id),
    ['cmt_1'],
  );
});

test('a comment keeps its likes when a live summary (which carries none) replaces it', () => {
  const read = commentOf({ id: 'cmt_1', body: 'a', createdAt: '2026-01-01T10:00:00Z', author: zs, likeCount: 2, likedByViewer: true });
  const edited = commentOf({ id: 'cmt_1', body: 'a!', createdAt: '2026-01-01T10:00:00Z', author: zs, editedAt: '2026-01-01T12:00:00Z' });
  assert.equal('likeCount' in edited, false);
  const [kept] = upsertComment([read], edited);
  assert.deepEqual([kept.body, kept.likeCount, kept.likedByViewer], ['a!', 2, true]);
  const [fresh] = upsertComment([], commentOf({ id: 'cmt_2', body: 'b', createdAt: '2026-01-01T11:00:00Z', author: zs }));
  assert.equal(fresh.likeCount, undefined); // a new comment: no likes yet (shown as 0)
});

test('a warning or reminder leads to its notice’s path on this origin, whatever the server’s public address', () => {
  assert.equal(noticePath({ notice: { link: 'https://okr.example.com/me' } }), '/me');
  assert.equal(noticePath({ notice: { link: 'https://okr.example.com/objective/obj_4?x=1#kr_2' } }), '/objective/obj_4?x=1#kr_2');
  assert.equal(noticePath({ notice: { link: '/settings/webhooks' } }), '/settings/webhooks');
  assert.equal(noticePath({ notice: null }), null);
});

test('notificationTarget and upsertNotification', () => {
  const n = { id: 'ntf_1', objective: { id: 'obj_1' }, task: { id: 'task_2' }, comment: { id: 'cmt_3' } };
  assert.deepEqual(notificationTarget(n), { objectiveId: 'obj_1', taskId: 'task_2', commentId: 'cmt_3' });
  assert.deepEqual(notificationTarget({ ...n, task: null }), { objectiveId: 'obj_1', taskId: null, commentId: 'cmt_3' });
  assert.equal(notificationTarget({ ...n, objective: null }), null);
  const list = upsertNotification([{ id: 'ntf_2' }, { id: 'ntf_1', count: 1 }], { id: 'ntf_1', count: 2 });
  assert.deepEqual(list, [{ id: 'ntf_1', count: 2 }, { id: 'ntf_2' }]);
});

test('timeAgo: value and unit for Intl.RelativeTimeFormat', () => {
  const now = Date.parse('2026-01-10T12:00:00Z');
  assert.deepEqual(timeAgo('2026-01-10T11:59:30Z', now), [-30, 'second']);
  assert.deepEqual(timeAgo('2026-01-10T11:55:00Z', now), [-5, 'minute']);
  assert.deepEqual(timeAgo('2026-01-10T09:00:00Z', now), [-3, 'hour']);
  assert.deepEqual(timeAgo('2026-01-08T12:00:00Z', now), [-2, 'day']);
  assert.deepEqual(timeAgo('2025-12-20T12:00:00Z', now), [-3, 'week']);
});
