// The retrospective's screens as pure functions (unit-tested): the scoring form, the sheet kept
// live by the cycle's events, peer-review gaps, lessons in conflict, what may be carried forward,
// the report's groups. The rules are DESIGN §4's, as the server applies them.
import { round1, scoreBand } from './cycle.js';

const EPS = 1e-9;
/** A peer's score this far from the owner's is worth talking about (issue 12). */
export const PEER_GAP = 0.3;

const clamp01 = (x) => Math.min(1, Math.max(0, x));

/** Suggested score = round1(clamp(0.6·completion + 0.2·difficulty + 0.2·effort)). */
export function suggestedScore(completion, difficulty = 0.5, effort = 0.5) {
  return round1(clamp01(0.6 * Number(completion) + 0.2 * Number(difficulty) + 0.2 * Number(effort)));
}

/** The owner's score of a key result: the final one, else the suggestion standing in. */
export const ownScore = (kr) => (kr.score === null || kr.score === undefined ? kr.suggestedScore : kr.score);

export function gapFlagged(own, peer) {
  if (own === null || own === undefined || peer === null || peer === undefined) return false;
  return Math.abs(own - peer) >= PEER_GAP - EPS;
}

/** The mean of scores, one decimal; null without any. */
export function meanScore(scores) {
  const known = scores.filter((s) => s !== null && s !== undefined);
  return known.length ? round1(known.reduce((a, b) => a + b, 0) / known.length) : null;
}

/** The scores a final score can take: 0.0 … 1.0. */
export const SCORE_STEPS = Array.from({ length: 11 }, (_, i) => i / 10);

/** The scoring form of a key result as it stands on the server. */
export function scoreForm(kr) {
  return {
    difficulty: kr.difficulty ?? 0.5,
    effort: kr.effort ?? 0.5,
    // '' = the suggestion; a final score equal to the suggestion is the suggestion
    score: kr.score === null || kr.score === undefined || Math.abs(kr.score - kr.suggestedScore) < EPS ? '' : String(kr.score),
    reason: kr.scoreReason || '',
  };
}

/**
 * The form → { input (ScoreInput), suggested, final, override, errors: { field: messageKey } }.
 * A final score other than the suggestion needs a reason (the server says so too).
 */
export function scoreInput(kr, form) {
  const difficulty = clamp01(Number(form.difficulty));
  const effort = clamp01(Number(form.effort));
  const suggested = suggestedScore(kr.completion, difficulty, effort);
  const chosen = form.score === '' || form.score === null || form.score === undefined ? null : round1(Number(form.score));
  const override = chosen !== null && Math.abs(chosen - suggested) > EPS;
  const reason = String(form.reason || '').trim();
  const errors = {};
  if (chosen !== null && !(chosen >= 0 && chosen <= 1)) errors.score = 'retro.scoreRange';
  if (override && !reason) errors.reason = 'retro.reasonNeeded';
  const input = { difficulty, effort, score: override ? chosen : null, reason: override ? reason : null };
  return { input, suggested, final: override ? chosen : suggested, override, errors };
}

/** A "0.5 = normal" factor as a word: below, about, above normal. */
export function factorWord(x) {
  if (x < 0.4 - EPS) return 'low';
  if (x > 0.6 + EPS) return 'high';
  return 'normal';
}

// ---- the sheet, live ---------------------------------------------------------------------------

/** Copy `list` with the item of id `id` replaced by fn(item) (the same list when absent). */
function mapId(list, id, fn) {
  const i = (list || []).findIndex((x) => x.id === id);
  if (i < 0) return list;
  const next = fn(list[i]);
  return next === list[i] ? list : list.map((x, j) => (j === i ? next : x));
}

/** Recompute what follows from a key result's own score and its reviews (gaps, the peers' mean). */
function withReviews(kr, reviews) {
  const own = ownScore(kr);
  const peerReviews = reviews.map((r) => ({ ...r, ownScore: own, gapFlagged: gapFlagged(own, r.score) }));
  const peerScore = meanScore(peerReviews.map((r) => r.score));
  return { ...kr, peerReviews, peerScore, peerGapFlagged: gapFlagged(own, peerScore) };
}

/** The sheet's totals from its objectives: KRs, KRs with a final score, the mean of the objectives' scores. */
export function sheetTotals(objectives) {
  const krs = objectives.flatMap((o) => o.keyResults || []);
  const score = meanScore(objectives.map((o) => o.score));
  return {
    keyResultCount: krs.length,
    scoredCount: krs.filter((k) => k.score !== null && k.score !== undefined).length,
    score,
    scoreBand: scoreBand(score),
  };
}

/**
 * Apply one board event (the cycle's `boardEvents`, with __typename) to a scoring sheet
 * { objectives, keyResultCount, scoredCount, score, scoreBand }: scores, reviews, reviewers,
 * lessons and likes are carried by their events. Returns { sheet, refetch } — refetch when the
 * event moves what it does not carry (a late check-in moves the suggestion; a phase change).
 */
export function applyRetroEvent(sheet, ev, viewerId = null) {
  if (!sheet || !ev) return { sheet, refetch: false };
  const objectives = sheet.objectives || [];
  const has = (id) => objectives.some((o) => o.id === id);
  let next;
  switch (ev.__typename) {
    case 'KeyResultScored': {
      const s = ev.score;
      next = mapId(objectives, s.objectiveId, (o) => ({
        ...o,
        score: ev.objectiveScore,
        scoreBand: scoreBand(ev.objectiveScore),
        keyResults: mapId(o.keyResults, s.keyResultId, (kr) =>
          withReviews(
            {
              ...kr,
              completion: s.completion,
              difficulty: s.difficulty,
              effort: s.effort,
              suggestedScore: s.suggestedScore,
              score: s.score,
              scoreReason: s.reason,
              scoreBand: s.scoreBand,
            },
            kr.peerReviews || [],
          ),
        ),
      }));
      break;
    }
    case 'KeyResultReviewed': {
      const r = ev.review;
      next = mapId(objectives, r.objectiveId, (o) => ({
        ...o,
        keyResults: mapId(o.keyResults, r.keyResultId, (kr) => {
          const review = { id: r.id, score: r.score, comment: r.comment, updatedAt: r.updatedAt, reviewer: r.reviewer };
          const reviews = kr.peerReviews || [];
          const known = reviews.some((x) => x.id === r.id);
          return withReviews(kr, known ? reviews.map((x) => (x.id === r.id ? { ...x, ...review } : x)) : [...reviews, review]);
        }),
      }));
      break;
    }
    case 'ReviewersChanged':
      next = mapId(objectives, ev.objectiveId, (o) => ({ ...o, reviewers: ev.reviewers }));
      break;
    case 'LessonsChanged':
      next = mapId(objectives, ev.objectiveId, (o) =>
        o.lessons && o.lessons.version >= ev.lessons.version ? o : { ...o, lessons: { ...o.lessons, ...ev.lessons } },
      );
      break;
    case 'LikeChanged':
      next = patchLikes(objectives, ev, viewerId);
      break;
    case 'KeyResultCheckedIn':
    case 'KeyResultChanged':
    case 'WeightsChanged':
    case 'ObjectivePublished':
    case 'ObjectiveArchived': {
      const id = ev.keyResult ? ev.keyResult.objectiveId : ev.objective && ev.objective.id;
      return { sheet, refetch: has(id) || ev.__typename === 'ObjectivePublished' };
    }
    case 'CyclePhaseChanged':
    case 'ResyncRequired':
      return { sheet, refetch: true };
    default:
      return { sheet, refetch: false };
  }
  if (next === objectives) return { sheet, refetch: false };
  return { sheet: { ...sheet, objectives: next, ...sheetTotals(next) }, refetch: false };
}

/**
 * Copy a tree of plain objects and arrays with each node whose id is `id` replaced by fn(node)
 * (unchanged parts keep their identity; the same tree when nothing changes).
 */
export function patchNode(tree, id, fn) {
  const visit = (node) => {
    if (Array.isArray(node)) {
      let out = node;
      node.forEach((x, i) => {
        const y = visit(x);
        if (y !== x) (out = out === node ? [...node] : out)[i] = y;
      });
      return out;
    }
    if (!node || typeof node !== 'object') return node;
    let out = node;
    for (const [k, v] of Object.entries(node)) {
      const w = v && typeof v === 'object' ? visit(v) : v;
      if (w !== v) (out = out === node ? { ...node } : out)[k] = w;
    }
    return node.id === id ? fn(out) : out;
  };
  return visit(tree);
}

/**
 * A LikeChanged event ({ targetId, count, liked, userId }) applied to any tree of items that
 * carry likeCount/likedByViewer: the target's count, and its heart when the viewer is who liked.
 */
export function patchLikes(tree, ev, viewerId) {
  const mine = viewerId !== null && viewerId !== undefined && ev.userId === viewerId;
  return patchNode(tree, ev.targetId, (node) => {
    if (!('likeCount' in node) || (node.likeCount === ev.count && (!mine || node.likedByViewer === ev.liked))) return node;
    return { ...node, likeCount: ev.count, ...(mine ? { likedByViewer: ev.liked } : {}) };
  });
}

// ---- consensus, peer review, lessons, carry forward, the report ------------------------------------

/**
 * Where the owner's "I commit" stands for an objective: 'none' (a company objective, an archived
 * one), 'draft' (publish it first), 'open' (the phase takes commitments: ALIGNING, TRACKING) or
 * 'closed' (the commitment shows, it does not change).
 */
export function commitState(o, phase) {
  if (o.level === 'COMPANY' || o.state === 'ARCHIVED') return 'none';
  if (o.state === 'DRAFT') return 'draft';
  return phase === 'ALIGNING' || phase === 'TRACKING' ? 'open' : 'closed';
}

/** The objectives (of a sheet) the viewer was chosen to review, with what is left to review. */
export function reviewsToGive(objectives, viewerId) {
  return (objectives || [])
    .filter((o) => (o.reviewers || []).some((u) => u.id === viewerId))
    .map((o) => ({
      objective: o,
      left: (o.keyResults || []).filter((kr) => !(kr.peerReviews || []).some((r) => r.reviewer && r.reviewer.id === viewerId)).length,
    }));
}

export const LESSON_FIELDS = ['wentWell', 'toImprove', 'toCarryOn'];

/** The fields where my draft and the text saved meanwhile by someone else differ. */
export function lessonsConflicts(mine, theirs) {
  return LESSON_FIELDS.filter((f) => (mine[f] || '').trim() !== (theirs[f] || '').trim());
}

const EDITABLE_PHASES = ['DRAFTING', 'ALIGNING', 'TRACKING']; // where copies may be carried into

/** Unfinished published objectives of a cycle (what carry forward copies), lowest progress first. */
export function carryCandidates(objectives) {
  return (objectives || []).filter((o) => o.state === 'PUBLISHED' && o.progress < 1 - EPS).sort((a, b) => a.progress - b.progress);
}

/** The cycles a cycle's objectives may be carried into: another one that still takes drafts, latest first. */
export function carryTargets(cycles, fromId) {
  return (cycles || [])
    .filter((c) => c.id !== fromId && EDITABLE_PHASES.includes(c.phase))
    .sort((a, b) => (a.startsOn < b.startsOn ? 1 : a.startsOn > b.startsOn ? -1 : 0));
}

/**
 * The report's groups: objectives by team (company objectives — no team — first), each with its
 * mean score and how many objectives fall in each band.
 */
export function reportGroups(objectives, teams) {
  const names = new Map((teams || []).map((t) => [t.id, t.name]));
  const groups = new Map();
  for (const o of objectives || []) {
    const id = o.team ? o.team.id : '';
    if (!groups.has(id)) groups.set(id, { teamId: id || null, name: id ? names.get(id) || o.team.name : null, objectives: [] });
    groups.get(id).objectives.push(o);
  }
  const order = [...(teams || []).map((t) => t.id)];
  return [...groups.values()]
    .sort((a, b) => (a.teamId === null ? -1 : b.teamId === null ? 1 : order.indexOf(a.teamId) - order.indexOf(b.teamId)))
    .map((g) => {
      const bands = { GREEN: 0, YELLOW: 0, RED: 0 };
      for (const o of g.objectives) if (o.scoreBand) bands[o.scoreBand]++;
      const score = meanScore(g.objectives.map((o) => o.score));
      return { ...g, score, scoreBand: scoreBand(score), bands };
    });
}

/** The export URLs of a cycle's retrospective (served by the backend), for a team or the company. */
export function exportLinks(cycleId, teamId) {
  const q = teamId ? '?teamId=' + encodeURIComponent(teamId) : '';
  return ['xlsx', 'csv', 'md'].map((ext) => ({
    ext,
    href: `/export/cycles/${encodeURIComponent(cycleId)}/retrospective.${ext}${q}`,
  }));
}
