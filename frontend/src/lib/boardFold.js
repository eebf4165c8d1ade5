// The live board as pure functions: fold the server's BoardEvents into the board the page shows.
// No DOM, no signals, no network (unit-tested with node --test).
//
// A board state is { seq, objectives, teams, phase, viewerId, needsRefetch, resync }:
//   seq           the last event seq applied (from `boardSeq` of the query that loaded the board)
//   objectives    the flat list as `objectives(cycleId)` returns it (parent { id }, team, keyResults…);
//                 ARCHIVED objectives are kept (so a restore needs no refetch) and hidden by buildTree
//   teams         { [teamId]: name } to name the team of an objective that arrives by event
//   phase         the cycle's phase as last announced
//   viewerId      who is looking (the query's `viewer { id }`): their likes are `likedByViewer`
//   needsRefetch  true when an event said something the events cannot carry (new key result weights,
//                 a phase change that moves every status, an objective that became visible with key
//                 results we never saw, a late check-in that moves a suggested score while the cycle
//                 is reviewed): refetch the board, keep the subscription (events ≤ the new seq are
//                 then skipped)
//   resync        the reason of a ResyncRequired: refetch and resubscribe with the new seq
//
// Events carry absolute numbers, so applying one twice is harmless; an event at or below `seq`
// is skipped outright. Unchanged objectives keep their identity, changed ones are copied.

/** A board state from the answer of the board query. */
export function boardFromQuery(data, phase = null) {
  const teams = {};
  for (const t of (data && data.teams) || []) teams[t.id] = t.name;
  const objectives = ((data && data.objectives) || []).map((o) => ({ ...o, keyResults: o.keyResults || [] }));
  for (const o of objectives) if (o.team && o.team.id && !(o.team.id in teams)) teams[o.team.id] = o.team.name;
  const seq = data && Number.isInteger(data.boardSeq) ? data.boardSeq : 0;
  const viewerId = (data && data.viewer && data.viewer.id) || null;
  return { seq, objectives, teams, phase, viewerId, needsRefetch: false, resync: null };
}

const KR_FIELDS = [
  'title',
  'kind',
  'unit',
  'startValue',
  'targetValue',
  'currentValue',
  'rangeMin',
  'rangeMax',
  'dueDate',
  'weight',
  'confidence',
  'progressSource',
];
const KR_NUMBERS = ['progress', 'rawProgress', 'expectedProgress', 'status', 'weight'];

function sameList(a, b) {
  if (a === b) return true;
  if (!a || !b || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function krFields(kr) {
  const fields = {};
  for (const f of KR_FIELDS) if (f in kr) fields[f] = kr[f];
  return fields;
}

/** A key result first seen in an event (its numbers come in the event's keyResults). */
function newKeyResult(kr) {
  return { id: kr.id, progress: 0, rawProgress: 0, expectedProgress: 0, status: 'NOT_STARTED', statusReasons: [], ...krFields(kr) };
}

/** Copy `obj` with `patch` applied, or return `obj` itself when nothing differs. */
function patched(obj, patch) {
  for (const k of Object.keys(patch)) {
    const a = obj[k];
    const b = patch[k];
    if (Array.isArray(a) && Array.isArray(b) ? !sameList(a, b) : a !== b) return { ...obj, ...patch };
  }
  return obj;
}

/** Every reason any of its key results carries, once each, in key result order (as the server does). */
export function reasonsOf(keyResults) {
  const seen = [];
  for (const kr of keyResults || []) for (const r of kr.statusReasons || []) if (!seen.includes(r)) seen.push(r);
  return seen;
}

function objectivePatch(summary, teams, prev) {
  const team = summary.teamId
    ? prev && prev.team && prev.team.id === summary.teamId
      ? prev.team
      : { id: summary.teamId, name: teams[summary.teamId] ?? '' }
    : null;
  const owner =
    prev && prev.owner && prev.owner.id === summary.owner.id && prev.owner.displayName === summary.owner.displayName
      ? prev.owner
      : { ...summary.owner };
  const parentId = summary.parentId || null;
  return {
    title: summary.title,
    level: summary.level,
    state: summary.state,
    visibility: summary.visibility,
    version: summary.version,
    sourceKeyResultId: summary.sourceKeyResultId || null,
    parent: prev && (prev.parent ? prev.parent.id : null) === parentId ? prev.parent : parentId ? { id: parentId } : null,
    team,
    owner,
  };
}

/**
 * Apply one BoardEvent (as the `boardEvents` subscription delivers it, with `__typename`).
 * Returns a new state, or `state` itself when the event changes nothing.
 */
export function applyEvent(state, ev) {
  if (!state || !ev) return state;
  if (ev.__typename === 'ResyncRequired') return { ...state, resync: ev.reason || 'RESYNC' };
  if (Number.isInteger(ev.seq) && ev.seq <= state.seq) return state; // already applied (replay seam)

  const byId = new Map(state.objectives.map((o) => [o.id, o]));
  const touched = new Set(); // objectives whose key results moved: recompute their reasons
  let needsRefetch = state.needsRefetch;
  let phase = state.phase;
  let listChanged = false;
  const set = (o) => {
    if (byId.get(o.id) !== o) {
      byId.set(o.id, o);
      listChanged = true;
    }
  };

  switch (ev.__typename) {
    case 'ObjectiveCreated':
    case 'ObjectivePublished':
    case 'ObjectiveChanged':
    case 'ObjectiveArchived':
    case 'AlignmentChanged':
    case 'WeightsChanged': {
      const s = ev.objective;
      if (!s || !s.id) break;
      const prev = byId.get(s.id);
      const patch = objectivePatch(s, state.teams, prev);
      if (prev) set(patched(prev, patch));
      else {
        // One that only now became visible (or was restored before we loaded the board) brings its
        // key results, their numbers below; an event of an older server does not: refetch then.
        // (Likes it got while hidden from us show with the next refetch.)
        const keyResults = (s.keyResults || []).filter((k) => !k.archived).map(newKeyResult);
        const fresh = { id: s.id, progress: 0, status: 'NOT_STARTED', statusReasons: [], score: null, likeCount: 0, likedByViewer: false };
        set({ ...fresh, ...patch, keyResults });
        touched.add(s.id);
        if (!s.keyResults && ev.__typename !== 'ObjectiveCreated' && s.state !== 'ARCHIVED') needsRefetch = true;
      }
      if (ev.__typename === 'WeightsChanged' && state.phase === 'REVIEWING') needsRefetch = true; // the score moves
      break;
    }
    case 'ObjectiveRemoved':
      if (byId.delete(ev.objectiveId)) listChanged = true;
      break;
    case 'KeyResultCheckedIn':
    case 'KeyResultChanged': {
      const kr = ev.keyResult;
      if (!kr || !kr.id) break;
      const obj = byId.get(kr.objectiveId);
      if (!obj) {
        // numbers for an objective we have not got: it is visible to us, so the board is behind
        if ((ev.objectives || []).some((n) => n.objectiveId === kr.objectiveId)) needsRefetch = true;
        break;
      }
      const krs = obj.keyResults || [];
      const i = krs.findIndex((k) => k.id === kr.id);
      let next;
      if (kr.archived) next = i < 0 ? krs : krs.filter((k) => k.id !== kr.id);
      else if (i < 0) next = [...krs, newKeyResult(kr)];
      else {
        const k = patched(krs[i], krFields(kr));
        next = k === krs[i] ? krs : krs.map((x, j) => (j === i ? k : x));
      }
      if (next !== krs) {
        set({ ...obj, keyResults: next });
        touched.add(obj.id);
      }
      // while reviewed, the score follows the key results' suggestions: the event has no score
      if (state.phase === 'REVIEWING') needsRefetch = true;
      break;
    }
    case 'KeyResultScored': {
      const obj = byId.get(ev.score && ev.score.objectiveId);
      if (obj) set(patched(obj, { score: ev.objectiveScore }));
      break;
    }
    case 'LikeChanged': {
      const obj = byId.get(ev.targetId); // the board shows objectives' likes (not their parts')
      if (obj) set(patched(obj, ev.userId === state.viewerId ? { likeCount: ev.count, likedByViewer: ev.liked } : { likeCount: ev.count }));
      break;
    }
    case 'CyclePhaseChanged':
      // Staleness only counts while TRACKING: every status may move, and the event has no numbers for it.
      if (ev.phase && ev.phase !== phase) {
        phase = ev.phase;
        needsRefetch = true;
      }
      break;
    default:
      break; // a kind this client does not know yet: its numbers still apply below
  }

  // The absolute numbers: every key result and objective up the alignment chain.
  for (const n of ev.keyResults || []) {
    const obj = byId.get(n.objectiveId);
    if (!obj) continue;
    const krs = obj.keyResults || [];
    const i = krs.findIndex((k) => k.id === n.keyResultId);
    if (i < 0) continue; // archived, or not loaded: nothing shows it
    const patch = {};
    for (const f of KR_NUMBERS) if (f in n) patch[f] = n[f];
    // what the KR reports (done tasks of a task-driven count); an event older than the field has null
    if (n.currentValue != null) patch.currentValue = n.currentValue;
    if (Array.isArray(n.statusReasons)) patch.statusReasons = n.statusReasons;
    const k = patched(krs[i], patch);
    if (k !== krs[i]) {
      set({ ...obj, keyResults: krs.map((x, j) => (j === i ? k : x)) });
      touched.add(obj.id);
    }
  }
  for (const n of ev.objectives || []) {
    const obj = byId.get(n.objectiveId);
    if (obj) set(patched(obj, { progress: n.progress, status: n.status }));
  }
  for (const id of touched) {
    const obj = byId.get(id);
    if (obj) set(patched(obj, { statusReasons: reasonsOf(obj.keyResults) }));
  }

  const seq = Number.isInteger(ev.seq) ? ev.seq : state.seq;
  if (!listChanged && seq === state.seq && needsRefetch === state.needsRefetch && phase === state.phase) return state;
  return {
    ...state,
    seq,
    phase,
    needsRefetch,
    objectives: listChanged ? [...byId.values()] : state.objectives,
  };
}

/** Fold a list of events into a board (in the order given). */
export function applyEvents(state, events) {
  return (events || []).reduce(applyEvent, state);
}

// What a person sees of an objective: a change here is worth a brief highlight of its row.
function look(o) {
  return JSON.stringify([
    o.title,
    o.state,
    o.parent ? o.parent.id : null,
    o.owner ? o.owner.id : null,
    o.team ? o.team.id : null,
    o.progress,
    o.status,
    o.statusReasons,
    (o.keyResults || []).map((k) => [k.id, k.title, k.progress, k.expectedProgress, k.status, k.currentValue, k.weight, k.confidence]),
  ]);
}

/** Ids of objectives (present in `next`, not archived) that look different than in `prev`. */
export function changedObjectiveIds(prev, next) {
  const before = new Map((prev || []).map((o) => [o.id, o]));
  const ids = [];
  for (const o of next || []) {
    if (o.state === 'ARCHIVED') continue;
    const p = before.get(o.id);
    if (p === o) continue;
    if (!p || p.state === 'ARCHIVED' || look(p) !== look(o)) ids.push(o.id);
  }
  return ids;
}
