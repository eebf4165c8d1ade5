// The admin screens' pure logic: cycle templates and the team tree.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { templateDates, nextPeriod, teamTree, moveTargets } from '../src/lib/admin.js';

test('a template fills the dates of a year or a quarter', () => {
  assert.deepEqual(templateDates(2027, 0), { startsOn: '2027-01-01', endsOn: '2027-12-31' });
  assert.deepEqual(templateDates(2027, 1), { startsOn: '2027-01-01', endsOn: '2027-03-31' });
  assert.deepEqual(templateDates(2028, 1), { startsOn: '2028-01-01', endsOn: '2028-03-31' });
  assert.deepEqual(templateDates(2027, 2), { startsOn: '2027-04-01', endsOn: '2027-06-30' });
  assert.deepEqual(templateDates(2027, 4), { startsOn: '2027-10-01', endsOn: '2027-12-31' });
});

test('the next period follows the latest cycle of that length, or today', () => {
  const q4 = { startsOn: '2026-10-01', endsOn: '2026-12-31' };
  const year = { startsOn: '2026-01-01', endsOn: '2026-12-31' };
  assert.deepEqual(nextPeriod([], 'QUARTER', '2026-05-10'), { year: 2026, q: 2 });
  assert.deepEqual(nextPeriod([q4, year], 'QUARTER', '2026-12-04'), { year: 2027, q: 1 });
  assert.deepEqual(nextPeriod([q4, year], 'ANNUAL', '2026-12-04'), { year: 2027, q: 0 });
  assert.deepEqual(nextPeriod([{ startsOn: '2026-01-01', endsOn: '2026-03-31' }], 'QUARTER', '2026-12-04'), { year: 2026, q: 4 });
});

test('the team tree puts each parent before its children, and survives a loop', () => {
  const teams = [
    { id: 'b', name: 'Platform', parentId: 'a' },
    { id: 'a', name: 'Engineering', parentId: null },
    { id: 'c', name: 'Sales', parentId: null },
    { id: 'x', name: 'Loop', parentId: 'y' },
    { id: 'y', name: 'Pool', parentId: 'x' },
  ];
  assert.deepEqual(
    teamTree(teams).map(({ team, depth }) => [team.id, depth]),
    [
      ['a', 0],
      ['b', 1],
      ['c', 0],
    ],
  );
});

test('a team moves anywhere but under itself or its own sub-teams', () => {
  const teams = [
    { id: 'a', name: 'A', parentId: null },
    { id: 'b', name: 'B', parentId: 'a' },
    { id: 'c', name: 'C', parentId: 'b' },
    { id: 'd', name: 'D', parentId: null },
  ];
  assert.deepEqual(
    moveTargets(teams, 'a').map((t) => t.id),
    ['d'],
  );
  assert.deepEqual(
    moveTargets(teams, 'c').map((t) => t.id),
    ['a', 'b', 'd'],
  );
});
