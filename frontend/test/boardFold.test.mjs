// The live board's pure update logic: `applyEvent(board, event) -> board` (src/lib/boardFold.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { boardFromQuery, applyEvent, applyEvents, changedObjectiveIds, reasonsOf } from '../src/lib/boardFold.js';
import { buildTree, objectiveExpected } from '../src/lib/okr.js';

const owner = { id: 'U1', displayName: 'Ada Lovelace', handle: 'ada' };

const kr = (id, extra = {}) => ({
  id,
  title: 'KR ' + id,
  kind: 'INCREASE',
  unit: '',
  weight: 50,
  progress: 0.2,
  rawProgress: 0.2,
  expectedProgress: 0.5,
  status: 'AT_RISK',
  statusReasons: ['BEHIND_SCHEDULE'],
  currentValue: 20,
  startValue: 0,
  targetValue: 100,
  rangeMin: null,
  rangeMax: null,
  dueDate: null,
  confidence: null,
  progressSource: 'MANUAL',
  ...extra,
});

const obj = (id, parent, keyResults = [], extra = {}) => ({
  id,
  title: 'Objective ' + id,
  level: parent ? 'TEAM' : 'COMPANY',
  state: 'PUBLISHED',
  visibility: 'PUBLIC',
  progress: 0.2,
  status: 'AT_RISK',
  statusReasons: reasonsOf(keyResults),
  score: null,
  parent: parent ? { id: parent } : null,
  owner,
  team: parent ? { id: 'T1', name: 'Growth' } : null,
  keyResults,
  ...extra,
});

// company C ← team A (KR a1, a2) ← personal P (KR p1)
function demo() {
  return boardFromQuery({
    boardSeq: 10,
    teams: [
      { id: 'T1', name: 'Growth' },
      { id: 'T2', name: 'Platform' },
    ],
    objectives: [
      obj('C', null, [kr('c1', { progressSource: 'ALIGNED' })]),
      obj('A', 'C', [kr('a1'), kr('a2', { status: 'ON_TRACK', statusReasons: [], progress: 0.6 })]),
      obj('P', 'A', [kr('p1')], { level: 'PERSONAL' }),
    ],
  });
}

const byId = (state, id) => state.objectives.find((o) => o.id === id);
const krOf = (state, oid, kid) => byId(state, oid).keyResults.find((k) => k.id === kid);

const summary = (id, extra = {}) => ({
  id,
  title: 'Objective ' + id,
  level: 'TEAM',
  state: 'PUBLISHED',
  visibility: 'PUBLIC',
  parentId: 'C',
  sourceKeyResultId: null,
  teamId: 'T1',
  version: 2,
  owner,
  ...extra,
});

const krSummary = (id, objectiveId, extra = {}) => ({
  id,
  objectiveId,
  title: 'KR ' + id,
  kind: 'INCREASE',
  unit: '',
  startValue: 0,
  targetValue: 100,
  currentValue: 20,
  rangeMin: null,
  rangeMax: null,
  dueDate: null,
  weight: 50,
  confidence: null,
  progressSource: 'MANUAL',
  archived: false,
  ...extra,
});

// A check-in on a1 that finishes it: numbers for A and everything up the chain (C, via its ALIGNED KR c1).
const checkIn = (seq = 11) => ({
  __typename: 'KeyResultCheckedIn',
  seq,
  note: '',
  keyResult: krSummary('a1', 'A', { currentValue: 100 }),
  objectives: [
    { objectiveId: 'A', progress: 0.8, status: 'ON_TRACK' },
    { objectiveId: 'C', progress: 0.8, status: 'ON_TRACK' },
  ],
  keyResults: [
    { keyResultId: 'a1', objectiveId: 'A', progress: 1, rawProgress: 1, expectedProgress: 0.5, status: 'DONE', statusReasons: [] },
    { keyResultId: 'a2', objectiveId: 'A', progress: 0.6, rawProgress: 0.6, expectedProgress: 0.5, status: 'ON_TRACK', statusReasons: [] },
    { keyResultId: 'c1', objectiveId: 'C', progress: 0.8, rawProgress: 0.8, expectedProgress: 0.55, status: 'ON_TRACK', statusReasons: [] },
  ],
});

test('boardFromQuery keeps the seq and names teams', () => {
  const s = demo();
  assert.equal(s.seq, 10);
  assert.equal(s.teams.T2, 'Platform');
  assert.equal(s.objectives.length, 3);
  assert.equal(s.needsRefetch, false);
  assert.equal(boardFromQuery({ objectives: [] }).seq, 0);
});

test('a check-in moves the key result, its objective and the chain above; reasons and marker follow', () => {
  const before = demo();
  const after = applyEvent(before, checkIn());
  assert.equal(after.seq, 11);
  assert.equal(krOf(after, 'A', 'a1').progress, 1);
  assert.equal(krOf(after, 'A', 'a1').status, 'DONE');
  assert.equal(krOf(after, 'A', 'a1').currentValue, 100);
  assert.equal(byId(after, 'A').progress, 0.8);
  assert.equal(byId(after, 'A').status, 'ON_TRACK');
  assert.deepEqual(byId(after, 'A').statusReasons, []); // recomputed from its KRs
  assert.equal(byId(after, 'C').progress, 0.8);
  assert.equal(krOf(after, 'C', 'c1').expectedProgress, 0.55);
  assert.ok(Math.abs(objectiveExpected(byId(after, 'C').keyResults) - 0.55) < 1e-9);
  // untouched objective keeps its identity (and the old state is not mutated)
  assert.equal(byId(after, 'P'), byId(before, 'P'));
  assert.equal(krOf(before, 'A', 'a1').progress, 0.2);
  assert.deepEqual(changedObjectiveIds(before.objectives, after.objectives).sort(), ['A', 'C']);
});

test('applying an event twice is harmless, and a replayed seq is skipped', () => {
  const once = applyEvent(demo(), checkIn());
  assert.equal(applyEvent(once, checkIn()), once); // same seq: skipped outright
  // even without the seq guard, absolute numbers give the same board
  const again = applyEvent({ ...once, seq: 0 }, checkIn());
  assert.deepEqual(again.objectives, once.objectives);
  assert.deepEqual(changedObjectiveIds(once.objectives, again.objectives), []);
  // an older event arriving after a refetch at a newer seq changes nothing
  const newer = { ...demo(), seq: 50 };
  assert.equal(applyEvent(newer, checkIn(11)), newer);
});

test('status reasons of an objective are the union of its key results, in order', () => {
  assert.deepEqual(reasonsOf([{ statusReasons: ['STALE', 'LOW_CONFIDENCE'] }, { statusReasons: ['BEHIND_SCHEDULE', 'STALE'] }, {}]), [
    'STALE',
    'LOW_CONFIDENCE',
    'BEHIND_SCHEDULE',
  ]);
  const s = applyEvent(demo(), {
    __typename: 'KeyResultCheckedIn',
    seq: 12,
    note: '',
    keyResult: krSummary('a2', 'A', { confidence: 2 }),
    objectives: [{ objectiveId: 'A', progress: 0.4, status: 'AT_RISK' }],
    keyResults: [
      {
        keyResultId: 'a2',
        objectiveId: 'A',
        progress: 0.6,
        rawProgress: 0.6,
        expectedProgress: 0.5,
        status: 'AT_RISK',
        statusReasons: ['LOW_CONFIDENCE'],
      },
    ],
  });
  assert.deepEqual(byId(s, 'A').statusReasons, ['BEHIND_SCHEDULE', 'LOW_CONFIDENCE']);
  assert.equal(krOf(s, 'A', 'a2').confidence, 2);
});

test('objectives appear, change, re-parent and disappear', () => {
  let s = demo();
  s = applyEvent(s, {
    __typename: 'ObjectiveCreated',
    seq: 11,
    objective: summary('N', { state: 'DRAFT', teamId: 'T2', parentId: null, level: 'COMPANY', title: 'New one' }),
    objectives: [{ objectiveId: 'N', progress: 0, status: 'NOT_STARTED' }],
    keyResults: [],
  });
  assert.equal(byId(s, 'N').title, 'New one');
  assert.equal(byId(s, 'N').team.name, 'Platform');
  assert.equal(byId(s, 'N').state, 'DRAFT');
  assert.deepEqual(byId(s, 'N').keyResults, []);
  assert.equal(s.needsRefetch, false); // a brand-new objective has nothing more to fetch

  s = applyEvent(s, {
    __typename: 'ObjectivePublished',
    seq: 12,
    objective: summary('N', { teamId: 'T2', parentId: null, level: 'COMPANY', title: 'New one' }),
    objectives: [],
    keyResults: [],
  });
  assert.equal(byId(s, 'N').state, 'PUBLISHED');

  // aligned under C: the tree re-parents it
  s = applyEvent(s, {
    __typename: 'AlignmentChanged',
    seq: 13,
    objective: summary('P', { parentId: 'N', level: 'PERSONAL', teamId: 'T1' }),
    objectives: [
      { objectiveId: 'P', progress: 0.2, status: 'AT_RISK' },
      { objectiveId: 'N', progress: 0.2, status: 'AT_RISK' },
    ],
    keyResults: [],
  });
  let tree = buildTree(s.objectives);
  assert.equal(tree.byId.get('P').depth, 1);
  assert.deepEqual(
    tree.byId.get('N').children.map((n) => n.obj.id),
    ['P'],
  );
  assert.equal(byId(s, 'N').progress, 0.2);

  s = applyEvent(s, {
    __typename: 'ObjectiveChanged',
    change: 'changed',
    seq: 14,
    objective: summary('P', { parentId: 'N', level: 'PERSONAL', title: 'Renamed', owner: { id: 'U2', displayName: 'Bo', handle: 'bo' } }),
    objectives: [],
    keyResults: [],
  });
  assert.equal(byId(s, 'P').title, 'Renamed');
  assert.equal(byId(s, 'P').owner.displayName, 'Bo');
  assert.equal(byId(s, 'P').keyResults.length, 1); // key results survive an edit

  // archived: kept (a restore needs no refetch) but hidden from the tree
  s = applyEvent(s, {
    __typename: 'ObjectiveArchived',
    seq: 15,
    objective: summary('N', { state: 'ARCHIVED', parentId: null }),
    objectives: [],
    keyResults: [],
  });
  tree = buildTree(s.objectives);
  assert.equal(tree.byId.has('N'), false);
  assert.equal(tree.byId.get('P').depth, 0); // its child shows as a root
  s = applyEvent(s, {
    __typename: 'ObjectiveChanged',
    change: 'restored',
    seq: 16,
    objective: summary('N', { parentId: null }),
    objectives: [],
    keyResults: [],
  });
  assert.equal(buildTree(s.objectives).byId.has('N'), true);
  assert.equal(s.needsRefetch, false);

  // removed: no longer visible to this viewer
  s = applyEvent(s, { __typename: 'ObjectiveRemoved', seq: 17, objectiveId: 'A', objectives: [], keyResults: [] });
  assert.equal(byId(s, 'A'), undefined);
  assert.equal(s.seq, 17);
});

test('key results are created, changed and archived in place', () => {
  let s = demo();
  s = applyEvent(s, {
    __typename: 'KeyResultChanged',
    change: 'created',
    seq: 11,
    keyResult: krSummary('a3', 'A', { title: 'Third', kind: 'MILESTONE', currentValue: 0, targetValue: 1 }),
    objectives: [{ objectiveId: 'A', progress: 0.3, status: 'BEHIND' }],
    keyResults: [
      {
        keyResultId: 'a3',
        objectiveId: 'A',
        progress: 0,
        rawProgress: 0,
        expectedProgress: 0.5,
        status: 'BEHIND',
        statusReasons: ['BEHIND_SCHEDULE'],
      },
    ],
  });
  assert.deepEqual(
    byId(s, 'A').keyResults.map((k) => k.id),
    ['a1', 'a2', 'a3'],
  );
  assert.equal(krOf(s, 'A', 'a3').status, 'BEHIND');
  assert.equal(krOf(s, 'A', 'a3').kind, 'MILESTONE');
  assert.equal(byId(s, 'A').status, 'BEHIND');

  s = applyEvent(s, {
    __typename: 'KeyResultChanged',
    change: 'changed',
    seq: 12,
    keyResult: krSummary('a3', 'A', { title: 'Third, renamed', kind: 'MILESTONE', currentValue: 0, targetValue: 1 }),
    objectives: [],
    keyResults: [],
  });
  assert.equal(krOf(s, 'A', 'a3').title, 'Third, renamed');
  assert.equal(krOf(s, 'A', 'a3').status, 'BEHIND'); // numbers kept

  s = applyEvent(s, {
    __typename: 'KeyResultChanged',
    change: 'archived',
    seq: 13,
    keyResult: krSummary('a1', 'A', { archived: true }),
    objectives: [{ objectiveId: 'A', progress: 0.3, status: 'BEHIND' }],
    keyResults: [
      {
        keyResultId: 'a1',
        objectiveId: 'A',
        progress: 0.2,
        rawProgress: 0.2,
        expectedProgress: 0.5,
        status: 'AT_RISK',
        statusReasons: ['BEHIND_SCHEDULE'],
      },
    ],
  });
  assert.deepEqual(
    byId(s, 'A').keyResults.map((k) => k.id),
    ['a2', 'a3'],
  ); // numbers of an archived KR do not bring it back
  assert.deepEqual(byId(s, 'A').statusReasons, ['BEHIND_SCHEDULE']);
});

test('an objective that only now became visible brings its key results and their numbers', () => {
  const s = applyEvent(demo(), {
    __typename: 'ObjectiveChanged',
    change: 'changed',
    seq: 11,
    objective: summary('X', { keyResults: [krSummary('x1', 'X'), krSummary('x2', 'X', { archived: true })] }),
    objectives: [{ objectiveId: 'X', progress: 0.2, status: 'BEHIND' }],
    keyResults: [
      {
        keyResultId: 'x1',
        objectiveId: 'X',
        progress: 0.2,
        rawProgress: 0.2,
        expectedProgress: 0.5,
        status: 'BEHIND',
        statusReasons: ['BEHIND_SCHEDULE'],
      },
    ],
  });
  assert.equal(s.needsRefetch, false);
  assert.equal(byId(s, 'X').progress, 0.2);
  assert.deepEqual(
    byId(s, 'X').keyResults.map((k) => [k.id, k.title, k.progress, k.status]),
    [['x1', 'KR x1', 0.2, 'BEHIND']],
  );
  assert.deepEqual(byId(s, 'X').statusReasons, ['BEHIND_SCHEDULE']);
});

test('what the events cannot carry asks for a refetch; ResyncRequired asks for a resync', () => {
  const base = demo();
  // an objective that only now became visible, from a server that does not send its key results
  const seen = applyEvent(base, {
    __typename: 'ObjectiveChanged',
    change: 'changed',
    seq: 11,
    objective: summary('X'),
    objectives: [],
    keyResults: [],
  });
  assert.equal(seen.needsRefetch, true);
  assert.ok(byId(seen, 'X'));
  // new weights come with the key results' numbers: no refetch
  const w = applyEvent(base, { __typename: 'WeightsChanged', seq: 11, objective: summary('A'), objectives: [], keyResults: [] });
  assert.equal(w.needsRefetch, false);
  // a phase change moves statuses without numbers
  const p = applyEvent(
    { ...base, phase: 'ALIGNING' },
    { __typename: 'CyclePhaseChanged', seq: 11, phase: 'TRACKING', objectives: [], keyResults: [] },
  );
  assert.equal(p.phase, 'TRACKING');
  assert.equal(p.needsRefetch, true);
  // a key result of a visible objective we have not got
  const k = applyEvent(base, {
    __typename: 'KeyResultCheckedIn',
    seq: 11,
    note: '',
    keyResult: krSummary('z1', 'Z'),
    objectives: [{ objectiveId: 'Z', progress: 1, status: 'DONE' }],
    keyResults: [],
  });
  assert.equal(k.needsRefetch, true);
  const r = applyEvent(base, { __typename: 'ResyncRequired', reason: 'TOO_FAR_BEHIND', seq: 99 });
  assert.equal(r.resync, 'TOO_FAR_BEHIND');
  assert.equal(r.seq, 10); // the refetch brings the new seq
});

test('an unknown event kind still applies its numbers', () => {
  const s = applyEvent(demo(), {
    __typename: 'TaskChanged',
    seq: 11,
    objectives: [{ objectiveId: 'P', progress: 0.9, status: 'ON_TRACK' }],
    keyResults: [],
  });
  assert.equal(byId(s, 'P').progress, 0.9);
  assert.equal(s.seq, 11);
});

test('folding the events into the old board gives the new board', () => {
  const events = [
    checkIn(11),
    {
      __typename: 'ObjectiveCreated',
      seq: 12,
      objective: summary('N', { parentId: 'C' }),
      objectives: [
        { objectiveId: 'N', progress: 0, status: 'NOT_STARTED' },
        { objectiveId: 'C', progress: 0.8, status: 'ON_TRACK' },
      ],
      keyResults: [],
    },
    {
      __typename: 'KeyResultChanged',
      change: 'created',
      seq: 13,
      keyResult: krSummary('n1', 'N', { currentValue: 0 }),
      objectives: [{ objectiveId: 'N', progress: 0, status: 'BEHIND' }],
      keyResults: [
        {
          keyResultId: 'n1',
          objectiveId: 'N',
          progress: 0,
          rawProgress: 0,
          expectedProgress: 0.5,
          status: 'BEHIND',
          statusReasons: ['BEHIND_SCHEDULE'],
        },
      ],
    },
  ];
  const folded = applyEvents(demo(), events);
  // replaying the whole stream again (a reconnect with an old since) changes nothing
  assert.equal(applyEvents(folded, events), folded);
  const n = byId(folded, 'N');
  assert.equal(n.status, 'BEHIND');
  assert.deepEqual(n.statusReasons, ['BEHIND_SCHEDULE']);
  assert.equal(n.team.name, 'Growth');
  assert.equal(buildTree(folded.objectives).byId.get('N').depth, 1);
  assert.equal(folded.seq, 13);
});
