// Pure logic of the reach screens: the dashboard's drill-downs, downloads and chart geometry,
// mute days, robots' states, and their addresses: `npm test`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bucketCsv, drill, columns, timeline, dashboardPath, teamTree, isFor } from '../src/lib/dashboard.js';
import { addDays, muteUntil, hookState } from '../src/lib/reach.js';

const o = (id) => ({ id, title: 'O' + id });
const DASH = {
  objectives: [o('a'), o('b'), o('c')],
  progressDistribution: [
    { bucket: '0', count: 1, objectiveIds: ['c'] },
    { bucket: '10', count: 2, objectiveIds: ['a', 'b'] },
  ],
  statusCounts: [{ bucket: 'BEHIND', count: 1, objectiveIds: ['b'] }],
  freshness: [{ bucket: '14', count: 1, people: [{ user: { id: 'u1' } }] }],
  alignment: [
    {
      aligned: { bucket: 'TEAM_ALIGNED', count: 1, objectiveIds: ['a'] },
      unaligned: { bucket: 'TEAM_UNALIGNED', count: 0, objectiveIds: [] },
    },
  ],
  unalignedKeyResults: { keyResults: [{ id: 'k9' }] },
  scores: {
    buckets: [{ bucket: '0.7', count: 1, keyResults: [{ id: 'k1' }] }],
    unscored: { bucket: 'UNSCORED', count: 1, keyResults: [{ id: 'k2' }] },
  },
  topMovers: [{ delta: 0.2, objective: o('a') }],
  csv_PROGRESS: '/export/cycles/c1/dashboard.csv?figure=PROGRESS&teamId=t1',
  csv_OBJECTIVES: '/export/cycles/c1/dashboard.csv?figure=OBJECTIVES',
  csv_SCORES: '/export/cycles/c1/dashboard.csv?figure=SCORES',
};

test('a bucket downloads from its figure’s export URL with bucket=', () => {
  assert.equal(bucketCsv(DASH.csv_PROGRESS, '10'), '/export/cycles/c1/dashboard.csv?figure=PROGRESS&teamId=t1&bucket=10');
  assert.equal(bucketCsv('/x.csv', 'TEAM ALIGNED'), '/x.csv?bucket=TEAM%20ALIGNED');
  assert.equal(bucketCsv(DASH.csv_OBJECTIVES, null), DASH.csv_OBJECTIVES);
  assert.equal(bucketCsv(undefined, '1'), null);
});

test('every figure drills down to what it counts, in its order', () => {
  const cases = [
    ['PROGRESS', '10', 'objectives', ['a', 'b']],
    ['PROGRESS', '0', 'objectives', ['c']],
    ['STATUS', 'BEHIND', 'objectives', ['b']],
    ['ALIGNMENT', 'TEAM_ALIGNED', 'objectives', ['a']],
    ['ALIGNMENT', 'TEAM_UNALIGNED', 'objectives', []],
    ['FRESHNESS', '14', 'people', [undefined]],
    ['SCORES', '0.7', 'keyResults', ['k1']],
    ['SCORES', 'UNSCORED', 'keyResults', ['k2']],
    ['UNALIGNED_KEY_RESULTS', null, 'keyResults', ['k9']],
    ['OBJECTIVES', null, 'objectives', ['a', 'b', 'c']],
    ['MOVERS', null, 'movers', [undefined]],
  ];
  for (const [figure, bucket, kind, ids] of cases) {
    const d = drill(DASH, figure, bucket);
    assert.equal(d.kind, kind, figure + bucket);
    assert.deepEqual(
      d.items.map((i) => i.id),
      ids,
      figure + bucket,
    );
  }
  assert.equal(drill(DASH, 'PROGRESS', '10').items[0].title, 'Oa', 'objectives are the dashboard’s own rows');
  assert.equal(drill(DASH, 'PROGRESS', '10').csv, DASH.csv_PROGRESS + '&bucket=10');
  assert.equal(drill(DASH, 'STATUS', 'DONE'), null, 'a bucket the figure does not have');
});

test('columns are scaled to the tallest; all empty stays flat', () => {
  assert.deepEqual(
    columns([{ count: 2 }, { count: 4 }, { count: 0 }]).map((c) => c.h),
    [0.5, 1, 0],
  );
  assert.deepEqual(
    columns([{ count: 0 }]).map((c) => c.h),
    [0],
  );
});

test('the timeline runs from the first week to the last; actual stops where it ends; now is marked', () => {
  const m = timeline(
    [
      { at: '2026-10-01T00:00:00Z', expected: 0, actual: 0 },
      { at: '2026-10-11T00:00:00Z', expected: 0.5, actual: 1.4 },
      { at: '2026-10-21T00:00:00Z', expected: 1, actual: null },
    ],
    '2026-10-16T00:00:00Z',
  );
  assert.deepEqual(
    m.expected.map((p) => [p.x, p.y]),
    [
      [0, 0],
      [0.5, 0.5],
      [1, 1],
    ],
  );
  assert.deepEqual(
    m.actual.map((p) => [p.x, p.y]),
    [
      [0, 0],
      [0.5, 1],
    ],
  );
  assert.equal(m.now, 0.75);
  assert.equal(timeline([{ at: '2026-10-01T00:00:00Z', expected: 0, actual: 0 }], '2027-01-01T00:00:00Z').now, null);
  assert.equal(timeline([], null), null);
});

test('the dashboard’s address names its scope: a person wins over a team', () => {
  assert.equal(dashboardPath('cycle 2'), '/cycle/cycle%202/dashboard');
  assert.equal(dashboardPath('c', { team: 't1' }), '/cycle/c/dashboard?team=t1');
  assert.equal(dashboardPath('c', { team: 't1', owner: 'u 1' }), '/cycle/c/dashboard?owner=u%201');
});

test('an answer is shown only for the scope asked: the previous one is not, while the next loads', () => {
  const company = { cycle: { id: 'c' }, team: null, owner: null };
  const team = { cycle: { id: 'c' }, team: { id: 't' }, owner: null };
  const person = { cycle: { id: 'c' }, team: null, owner: { id: 'u' } };
  assert.equal(isFor(company, 'c'), true);
  assert.equal(isFor(company, 'c2'), false);
  assert.equal(isFor(company, 'c', { team: 't' }), false);
  assert.equal(isFor(team, 'c', { team: 't' }), true);
  assert.equal(isFor(team, 'c'), false);
  assert.equal(isFor(person, 'c', { owner: 'u' }), true);
  assert.equal(isFor(person, 'c', { owner: 'v' }), false);
  assert.equal(isFor(null, 'c'), false);
});

test('teams for a picker: tree order with depth; an orphan (its parent not given) at the top', () => {
  const tree = teamTree([
    { id: 'b', name: 'B', parentId: 'a' },
    { id: 'a', name: 'A', parentId: null },
    { id: 'c', name: 'C', parentId: 'b' },
    { id: 'x', name: 'X', parentId: 'gone' },
  ]);
  assert.deepEqual(
    tree.map((t) => [t.id, t.depth]),
    [
      ['a', 0],
      ['b', 1],
      ['c', 2],
      ['x', 0],
    ],
  );
});

test('muting through a day ends at that day’s local end; days add across months', () => {
  assert.equal(addDays('2026-12-28', 7), '2027-01-04');
  assert.equal(addDays('2026-03-01', -1), '2026-02-28');
  const end = new Date(muteUntil('2026-12-11'));
  assert.deepEqual([end.getFullYear(), end.getMonth(), end.getDate(), end.getHours(), end.getMinutes()], [2026, 11, 11, 23, 59]);
});

test('a robot is active, failing, or paused', () => {
  assert.equal(hookState({ paused: false, failures: 0 }), 'ACTIVE');
  assert.equal(hookState({ paused: false, failures: 2 }), 'FAILING');
  assert.equal(hookState({ paused: true, failures: 5 }), 'PAUSED');
});

test('the reach screens have addresses', async () => {
  const { routeOf } = await import('../src/pages/routes.js');
  assert.deepEqual(routeOf('/cycle/cycle_2/dashboard?team=t'), { name: 'dashboard', id: 'cycle_2' });
  assert.deepEqual(routeOf('/settings/notifications'), { name: 'notifications' });
  assert.deepEqual(routeOf('/settings/webhooks/'), { name: 'webhooks' });
  assert.equal(routeOf('/settings/other'), null);
});
