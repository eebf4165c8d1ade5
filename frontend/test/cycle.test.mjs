// The cycle's pure logic (src/lib/cycle.js, src/lib/retro.js): phases and what they ask, the
// numbers of DESIGN §4 as the server applies them, the scoring form, a sheet kept live by events,
// consensus, carry forward and the report. Domain rules as tables of cases.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PHASES, phaseMoves, askHref, askKey, round1, scoreBand, hasScores } from '../src/lib/cycle.js';
import {
  suggestedScore,
  ownScore,
  gapFlagged,
  meanScore,
  scoreForm,
  scoreInput,
  factorWord,
  sheetTotals,
  applyRetroEvent,
  patchNode,
  patchLikes,
  reviewsToGive,
  lessonsConflicts,
  commitState,
  carryCandidates,
  carryTargets,
  reportGroups,
  exportLinks,
} from '../src/lib/retro.js';

const near = (a, b) => Math.abs(a - b) < 1e-9;

// ---- phases ------------------------------------------------------------------------------------

test('a phase moves one step forward, or one step back; a closed cycle stays closed', () => {
  const cases = [
    // [phase, forward, back]
    ['DRAFTING', 'ALIGNING', null],
    ['ALIGNING', 'TRACKING', 'DRAFTING'],
    ['TRACKING', 'REVIEWING', 'ALIGNING'],
    ['REVIEWING', 'CLOSED', 'TRACKING'],
    ['CLOSED', null, null],
    ['NOT_A_PHASE', null, null],
  ];
  for (const [phase, forward, back] of cases) assert.deepEqual(phaseMoves(phase), { forward, back }, phase);
  assert.deepEqual(PHASES, ['DRAFTING', 'ALIGNING', 'TRACKING', 'REVIEWING', 'CLOSED']);
  assert.deepEqual(PHASES.filter(hasScores), ['REVIEWING', 'CLOSED']);
});

test('each ask of the phase links to where it is done', () => {
  const cases = [
    ['DRAFTS_TO_DISCUSS', '/me'],
    ['DRAFTS_TO_PUBLISH', '/me'],
    ['KRS_TO_CHECK_IN', '/me'],
    ['OBJECTIVES_TO_COMMIT', '/cycle/c%201/consensus'],
    ['KRS_TO_SCORE', '/cycle/c%201/scoring'],
    ['LESSONS_TO_WRITE', '/cycle/c%201/scoring'],
    ['REVIEWS_TO_GIVE', '/cycle/c%201/reviews'],
  ];
  for (const [kind, href] of cases) assert.equal(askHref(kind, 'c 1'), href, kind);
  assert.equal(askKey('KRS_TO_SCORE', 1), 'ask.KRS_TO_SCORE.one');
  assert.equal(askKey('KRS_TO_SCORE', 3), 'ask.KRS_TO_SCORE');
});

// ---- the numbers (DESIGN §4) ----------------------------------------------------------------------

test('scores round half up to one decimal and fall in their band', () => {
  const cases = [
    // [score, rounded, band] — the server's table (domain/scoring.py)
    [0.25, 0.3, 'RED'],
    [0.34, 0.3, 'RED'],
    [0.35, 0.4, 'YELLOW'],
    [0.6, 0.6, 'YELLOW'],
    [0.1 + 0.6 - 0.05, 0.7, 'GREEN'], // 0.6499999… is 0.65
    [0.65, 0.7, 'GREEN'],
    [0.7, 0.7, 'GREEN'],
    [1, 1, 'GREEN'],
    [0, 0, 'RED'],
  ];
  for (const [score, rounded, band] of cases) {
    assert.equal(round1(score), rounded, String(score));
    assert.equal(scoreBand(score), band, String(score));
  }
  assert.equal(scoreBand(null), null);
  assert.equal(scoreBand(undefined), null);
});

test('the suggested score is 0.6·completion + 0.2·difficulty + 0.2·effort, one decimal, within 0–1', () => {
  const cases = [
    // [completion, difficulty, effort, suggested]
    [0.3, 0.8, 0.9, 0.5], // 0.18 + 0.16 + 0.18 = 0.52
    [0.9, 0.5, 0.5, 0.7], // 0.54 + 0.2 = 0.74
    [0.5, 0.8, 0.5, 0.6], // 0.3 + 0.16 + 0.1 = 0.56
    [1, 1, 1, 1],
    [1.4, 1, 1, 1], // over-achieved: clamped
    [0, 0, 0, 0],
    [0.25, 0.5, 0.5, 0.4], // 0.15 + 0.2 = 0.35 → half up
  ];
  for (const [c, d, e, s] of cases) assert.equal(suggestedScore(c, d, e), s, `${c} ${d} ${e}`);
  assert.equal(suggestedScore(0.5), 0.5); // 0.5 = normal
});

test('a peer score 0.3 or more away from the owner’s is a gap', () => {
  const cases = [
    // [own, peer, flagged]
    [0.5, 0.2, true],
    [0.2, 0.5, true],
    [0.7, 0.4, true], // 0.30000000000000004 and 0.29999999999999993 alike
    [0.6, 0.3, true],
    [0.5, 0.3, false],
    [0.5, null, false],
    [null, 0.5, false],
  ];
  for (const [own, peer, flagged] of cases) assert.equal(gapFlagged(own, peer), flagged, `${own} ${peer}`);
  assert.equal(meanScore([0.2, 0.5]), 0.4); // 0.35 → half up
  assert.equal(meanScore([null, 0.6]), 0.6);
  assert.equal(meanScore([]), null);
  assert.equal(ownScore({ score: null, suggestedScore: 0.5 }), 0.5);
  assert.equal(ownScore({ score: 0, suggestedScore: 0.5 }), 0);
});

// ---- the scoring form -------------------------------------------------------------------------

const kr9 = { id: 'kr_9', completion: 0.3, difficulty: 0.8, effort: 0.9, suggestedScore: 0.5, score: null, scoreReason: '' };

test('the scoring form: the suggestion by default, another score with a reason', () => {
  const cases = [
    // [form, input, suggested, errors]
    [{ difficulty: 0.8, effort: 0.9, score: '', reason: '' }, { difficulty: 0.8, effort: 0.9, score: null, reason: null }, 0.5, {}],
    // the difficulty moved: so does the suggestion
    [{ difficulty: 0.3, effort: 0.9, score: '', reason: '' }, { difficulty: 0.3, effort: 0.9, score: null, reason: null }, 0.4, {}],
    // a score equal to the suggestion is the suggestion (no reason asked)
    [{ difficulty: 0.8, effort: 0.9, score: '0.5', reason: '' }, { difficulty: 0.8, effort: 0.9, score: null, reason: null }, 0.5, {}],
    // another score needs a reason …
    [
      { difficulty: 0.8, effort: 0.9, score: '0.8', reason: '  ' },
      { difficulty: 0.8, effort: 0.9, score: 0.8, reason: null },
      0.5,
      { reason: 'retro.reasonNeeded' },
    ],
    // … given, it is sent trimmed
    [
      { difficulty: 0.8, effort: 0.9, score: '0.8', reason: ' late deals ' },
      { difficulty: 0.8, effort: 0.9, score: 0.8, reason: 'late deals' },
      0.5,
      {},
    ],
    [
      { difficulty: 0.8, effort: 0.9, score: '0', reason: 'nothing landed' },
      { difficulty: 0.8, effort: 0.9, score: 0, reason: 'nothing landed' },
      0.5,
      {},
    ],
  ];
  for (const [form, input, suggested, errors] of cases) {
    const out = scoreInput(kr9, form);
    assert.deepEqual(out.errors, errors, JSON.stringify(form));
    if (!Object.keys(errors).length) assert.deepEqual(out.input, input, JSON.stringify(form));
    assert.equal(out.suggested, suggested, JSON.stringify(form));
    assert.equal(out.final, input.score ?? suggested);
  }
});

test('the form starts from the key result as scored', () => {
  assert.deepEqual(scoreForm(kr9), { difficulty: 0.8, effort: 0.9, score: '', reason: '' });
  assert.deepEqual(scoreForm({ ...kr9, score: 0.5 }), { difficulty: 0.8, effort: 0.9, score: '', reason: '' }); // the suggestion, final
  assert.deepEqual(scoreForm({ ...kr9, score: 0.8, scoreReason: 'late deals' }), {
    difficulty: 0.8,
    effort: 0.9,
    score: '0.8',
    reason: 'late deals',
  });
  assert.deepEqual(scoreForm({ id: 'x', completion: 0, suggestedScore: 0.2, score: null }), {
    difficulty: 0.5,
    effort: 0.5,
    score: '',
    reason: '',
  });
  assert.deepEqual([0, 0.3, 0.4, 0.5, 0.6, 0.7, 1].map(factorWord), ['low', 'low', 'normal', 'normal', 'normal', 'high', 'high']);
});

// ---- a sheet, live ----------------------------------------------------------------------------------

const review = (id, who, score) => ({ id, score, comment: 'c' + id, updatedAt: 't', reviewer: { id: who, displayName: who } });

function sheet() {
  const objectives = [
    {
      id: 'obj_5',
      score: 0.6,
      scoreBand: 'YELLOW',
      likeCount: 1,
      likedByViewer: false,
      reviewers: [{ id: 'u_xt' }],
      lessons: { wentWell: '', toImprove: '', toCarryOn: '', version: 0 },
      keyResults: [
        {
          ...kr9,
          weight: 60,
          likeCount: 0,
          likedByViewer: false,
          peerScore: 0.2,
          peerGapFlagged: true,
          peerReviews: [{ ...review('r1', 'u_xt', 0.2), ownScore: 0.5, gapFlagged: true }],
        },
        {
          id: 'kr_10',
          completion: 0.9,
          difficulty: 0.5,
          effort: 0.5,
          suggestedScore: 0.7,
          score: null,
          weight: 40,
          peerReviews: [],
          peerScore: null,
        },
      ],
    },
  ];
  return { objectives, ...sheetTotals(objectives) };
}

test('a sheet’s totals: key results, those with a final score, the mean of the objectives', () => {
  const s = sheet();
  assert.deepEqual([s.keyResultCount, s.scoredCount, s.score, s.scoreBand], [2, 0, 0.6, 'YELLOW']);
  assert.deepEqual(sheetTotals([]), { keyResultCount: 0, scoredCount: 0, score: null, scoreBand: null });
});

test('a score event scores the key result, moves the objective and the gaps with the owner’s new score', () => {
  const before = sheet();
  const ev = {
    __typename: 'KeyResultScored',
    seq: 9,
    objectiveScore: 0.8,
    score: {
      keyResultId: 'kr_9',
      objectiveId: 'obj_5',
      completion: 0.3,
      difficulty: 0.6,
      effort: 0.9,
      suggestedScore: 0.5,
      score: 0.8,
      reason: 'late',
      scoreBand: 'GREEN',
    },
  };
  const { sheet: after, refetch } = applyRetroEvent(before, ev);
  assert.equal(refetch, false);
  const o = after.objectives[0];
  const kr = o.keyResults[0];
  assert.deepEqual([o.score, o.scoreBand], [0.8, 'GREEN']);
  assert.deepEqual([kr.score, kr.scoreReason, kr.difficulty, kr.scoreBand], [0.8, 'late', 0.6, 'GREEN']);
  // the owner now says 0.8, the peer 0.2: still a gap, now against 0.8
  assert.deepEqual([kr.peerReviews[0].ownScore, kr.peerReviews[0].gapFlagged, kr.peerGapFlagged], [0.8, true, true]);
  assert.deepEqual([after.scoredCount, after.score], [1, 0.8]);
  assert.equal(o.keyResults[1], before.objectives[0].keyResults[1], 'the other key result keeps its identity');
  assert.equal(before.objectives[0].keyResults[0].score, null, 'the old sheet is not changed');
});

test('reviews arrive and are revised; the peers’ mean and the gap follow', () => {
  const s = sheet();
  const ev = (id, who, score) => ({
    __typename: 'KeyResultReviewed',
    seq: 3,
    review: { ...review(id, who, score), keyResultId: 'kr_9', objectiveId: 'obj_5' },
  });
  const one = applyRetroEvent(s, ev('r2', 'u_ry', 0.5)).sheet.objectives[0].keyResults[0];
  assert.deepEqual(
    one.peerReviews.map((r) => [r.id, r.score, r.gapFlagged]),
    [
      ['r1', 0.2, true],
      ['r2', 0.5, false],
    ],
  );
  assert.deepEqual([one.peerScore, one.peerGapFlagged], [0.4, false]); // (0.2 + 0.5) / 2 = 0.35 → 0.4
  const revised = applyRetroEvent(s, ev('r1', 'u_xt', 0.4)).sheet.objectives[0].keyResults[0];
  assert.deepEqual([revised.peerReviews.length, revised.peerScore, revised.peerGapFlagged], [1, 0.4, false]);
});

test('reviewers, lessons and likes change what they carry; unknown items change nothing', () => {
  const s = sheet();
  const chosen = applyRetroEvent(s, { __typename: 'ReviewersChanged', objectiveId: 'obj_5', reviewers: [{ id: 'u_a' }] }).sheet;
  assert.deepEqual(chosen.objectives[0].reviewers, [{ id: 'u_a' }]);
  const lessons = { wentWell: 'ok', toImprove: '', toCarryOn: '', version: 2 };
  const written = applyRetroEvent(s, { __typename: 'LessonsChanged', objectiveId: 'obj_5', lessons }).sheet;
  assert.equal(written.objectives[0].lessons.wentWell, 'ok');
  const older = applyRetroEvent(written, {
    __typename: 'LessonsChanged',
    objectiveId: 'obj_5',
    lessons: { ...lessons, wentWell: 'old', version: 1 },
  });
  assert.equal(older.sheet, written, 'an older version is skipped');
  const mine = applyRetroEvent(s, { __typename: 'LikeChanged', targetId: 'kr_9', userId: 'me', liked: true, count: 1 }, 'me').sheet;
  assert.deepEqual([mine.objectives[0].keyResults[0].likeCount, mine.objectives[0].keyResults[0].likedByViewer], [1, true]);
  const theirs = applyRetroEvent(s, { __typename: 'LikeChanged', targetId: 'obj_5', userId: 'other', liked: true, count: 2 }, 'me').sheet;
  assert.deepEqual([theirs.objectives[0].likeCount, theirs.objectives[0].likedByViewer], [2, false]);
  for (const ev of [
    { __typename: 'ReviewersChanged', objectiveId: 'obj_x', reviewers: [] },
    { __typename: 'KeyResultScored', objectiveScore: 1, score: { keyResultId: 'k', objectiveId: 'obj_x' } },
    { __typename: 'TaskChanged' },
  ]) {
    assert.deepEqual(applyRetroEvent(s, ev), { sheet: s, refetch: false }, ev.__typename);
  }
});

test('what an event does not carry makes the sheet read again', () => {
  const s = sheet();
  const cases = [
    // [event, refetch]
    [{ __typename: 'KeyResultCheckedIn', keyResult: { id: 'kr_9', objectiveId: 'obj_5' } }, true], // a late check-in moves the suggestion
    [{ __typename: 'KeyResultCheckedIn', keyResult: { id: 'kr_1', objectiveId: 'obj_1' } }, false], // not on this sheet
    [{ __typename: 'KeyResultChanged', keyResult: { id: 'kr_10', objectiveId: 'obj_5' } }, true],
    [{ __typename: 'ObjectivePublished', objective: { id: 'obj_new' } }, true], // it may join the sheet
    [{ __typename: 'ObjectiveArchived', objective: { id: 'obj_5' } }, true],
    [{ __typename: 'CyclePhaseChanged', phase: 'CLOSED' }, true],
    [{ __typename: 'ResyncRequired' }, true],
    [{ __typename: 'CommentAdded' }, false],
  ];
  for (const [ev, refetch] of cases) assert.equal(applyRetroEvent(s, ev).refetch, refetch, JSON.stringify(ev));
});

test('patchNode copies only the path to the node; patchLikes sets the heart only for the viewer', () => {
  const tree = { a: { id: 'x', n: 1, likeCount: 0, likedByViewer: false }, b: [{ id: 'y' }, { id: 'z', likeCount: 3 }], c: { id: 'w' } };
  const next = patchNode(tree, 'z', (n) => ({ ...n, likeCount: 4 }));
  assert.equal(next.b[1].likeCount, 4);
  assert.equal(next.a, tree.a);
  assert.equal(next.c, tree.c);
  assert.equal(next.b[0], tree.b[0]);
  assert.equal(
    patchNode(tree, 'nowhere', () => ({})),
    tree,
  );
  assert.equal(patchLikes(tree, { targetId: 'w', userId: 'me', liked: true, count: 1 }, 'me'), tree, 'no likes there: nothing to patch');
  const liked = patchLikes(tree, { targetId: 'x', userId: 'me', liked: true, count: 1 }, 'me');
  assert.deepEqual([liked.a.likeCount, liked.a.likedByViewer], [1, true]);
  assert.equal(
    patchLikes(liked, { targetId: 'x', userId: 'me', liked: true, count: 1 }, 'me'),
    liked,
    'twice: unchanged (absolute values)',
  );
  const other = patchLikes(liked, { targetId: 'x', userId: 'u2', liked: false, count: 0 }, 'me');
  assert.deepEqual([other.a.likeCount, other.a.likedByViewer], [0, true]);
});

// ---- consensus, reviews, lessons, carry forward, the report ---------------------------------------------

test('where the owner’s commitment stands', () => {
  const cases = [
    // [level, state, phase, state of "I commit"]
    ['COMPANY', 'PUBLISHED', 'ALIGNING', 'none'],
    ['TEAM', 'ARCHIVED', 'ALIGNING', 'none'],
    ['TEAM', 'DRAFT', 'ALIGNING', 'draft'],
    ['TEAM', 'PUBLISHED', 'DRAFTING', 'closed'],
    ['TEAM', 'PUBLISHED', 'ALIGNING', 'open'],
    ['PERSONAL', 'PUBLISHED', 'TRACKING', 'open'],
    ['PERSONAL', 'PUBLISHED', 'REVIEWING', 'closed'],
    ['PERSONAL', 'PUBLISHED', 'CLOSED', 'closed'],
  ];
  for (const [level, state, phase, expected] of cases)
    assert.equal(commitState({ level, state }, phase), expected, `${level} ${state} ${phase}`);
});

test('the reviews asked of me, with what is left', () => {
  const objectives = [
    {
      id: 'o1',
      reviewers: [{ id: 'me' }],
      keyResults: [
        { id: 'k1', peerReviews: [review('r', 'me', 0.5)] },
        { id: 'k2', peerReviews: [] },
      ],
    },
    { id: 'o2', reviewers: [{ id: 'u2' }], keyResults: [{ id: 'k3', peerReviews: [] }] },
    { id: 'o3', reviewers: [{ id: 'me' }], keyResults: [{ id: 'k4', peerReviews: [review('s', 'me', 0.1)] }] },
  ];
  assert.deepEqual(
    reviewsToGive(objectives, 'me').map((x) => [x.objective.id, x.left]),
    [
      ['o1', 1],
      ['o3', 0],
    ],
  );
});

test('lessons in conflict: the fields whose texts differ', () => {
  const mine = { wentWell: 'a', toImprove: 'b ', toCarryOn: '' };
  assert.deepEqual(lessonsConflicts(mine, { wentWell: 'a', toImprove: 'b', toCarryOn: 'c' }), ['toCarryOn']);
  assert.deepEqual(lessonsConflicts(mine, { wentWell: 'x', toImprove: 'y', toCarryOn: '' }), ['wentWell', 'toImprove']);
});

test('carry forward: unfinished published objectives, into a cycle that still takes drafts', () => {
  const objectives = [
    { id: 'done', state: 'PUBLISHED', progress: 1 },
    { id: 'half', state: 'PUBLISHED', progress: 0.5 },
    { id: 'draft', state: 'DRAFT', progress: 0 },
    { id: 'low', state: 'PUBLISHED', progress: 0.1 },
    { id: 'gone', state: 'ARCHIVED', progress: 0.2 },
    { id: 'almost', state: 'PUBLISHED', progress: 0.9999999999999 },
  ];
  assert.deepEqual(
    carryCandidates(objectives).map((o) => o.id),
    ['low', 'half'],
  );
  const cycles = [
    { id: 'q2', phase: 'CLOSED', startsOn: '2026-04-01' },
    { id: 'q3', phase: 'REVIEWING', startsOn: '2026-07-01' },
    { id: 'q4', phase: 'TRACKING', startsOn: '2026-10-01' },
    { id: 'y', phase: 'TRACKING', startsOn: '2026-01-01' },
    { id: 'q1', phase: 'DRAFTING', startsOn: '2027-01-01' },
  ];
  assert.deepEqual(
    carryTargets(cycles, 'q3').map((c) => c.id),
    ['q1', 'q4', 'y'],
  );
  assert.deepEqual(
    carryTargets(cycles, 'q4').map((c) => c.id),
    ['q1', 'y'],
  );
});

test('the report groups objectives by team, company first, with mean scores and band counts', () => {
  const teams = [
    { id: 't1', name: 'Eng' },
    { id: 't2', name: 'Sales' },
  ];
  const objectives = [
    { id: 'a', team: { id: 't2', name: 'Sales' }, score: 0.6, scoreBand: 'YELLOW' },
    { id: 'b', team: null, score: 0.7, scoreBand: 'GREEN' },
    { id: 'c', team: { id: 't1', name: 'Eng' }, score: 0.8, scoreBand: 'GREEN' },
    { id: 'd', team: { id: 't2', name: 'Sales' }, score: 0.3, scoreBand: 'RED' },
    { id: 'e', team: { id: 't2', name: 'Sales' }, score: null, scoreBand: null },
  ];
  const groups = reportGroups(objectives, teams);
  assert.deepEqual(
    groups.map((g) => [g.teamId, g.name, g.objectives.map((o) => o.id), g.score, g.scoreBand, g.bands]),
    [
      [null, null, ['b'], 0.7, 'GREEN', { GREEN: 1, YELLOW: 0, RED: 0 }],
      ['t1', 'Eng', ['c'], 0.8, 'GREEN', { GREEN: 1, YELLOW: 0, RED: 0 }],
      ['t2', 'Sales', ['a', 'd', 'e'], 0.5, 'YELLOW', { GREEN: 0, YELLOW: 1, RED: 1 }], // (0.6 + 0.3) / 2 = 0.45 → 0.5
    ],
  );
  assert.ok(near(meanScore([0.6, 0.3]), 0.5));
});

test('the retrospective’s downloads: xlsx, csv and md, for the company or a team', () => {
  assert.deepEqual(
    exportLinks('cycle_2', null).map((l) => l.href),
    ['/export/cycles/cycle_2/retrospective.xlsx', '/export/cycles/cycle_2/retrospective.csv', '/export/cycles/cycle_2/retrospective.md'],
  );
  assert.equal(exportLinks('cycle_2', 'team 9')[2].href, '/export/cycles/cycle_2/retrospective.md?teamId=team%209');
});

test('the cycle’s screens have addresses; a query or a fragment does not change the screen', async () => {
  const { routeOf } = await import('../src/pages/routes.js');
  const cases = [
    ['/cycles', { name: 'cycles' }],
    ['/cycle/cycle_2/scoring', { name: 'scoring', id: 'cycle_2' }],
    ['/cycle/cycle_2/scoring?owner=user_4', { name: 'scoring', id: 'cycle_2' }],
    ['/cycle/c%201/report?team=t#x', { name: 'report', id: 'c 1' }],
    ['/cycle/cycle_2/consensus/', { name: 'consensus', id: 'cycle_2' }],
    ['/cycle/cycle_2/reviews', { name: 'reviews', id: 'cycle_2' }],
    ['/cycle/cycle_2/carry', { name: 'carry', id: 'cycle_2' }],
    ['/cycle/cycle_2/meetings?team=t1', { name: 'meetings', id: 'cycle_2' }],
    ['/meeting/mtg_3', { name: 'meeting', id: 'mtg_3' }],
    ['/cycle/cycle_2/nothing', null], // an unknown screen is the board
    ['/cycle/cycle_2', null],
    ['/objective/obj_5', { name: 'objective', id: 'obj_5' }],
    ['/board/cycle_2', null],
  ];
  for (const [path, route] of cases) assert.deepEqual(routeOf(path), route, path);
});
