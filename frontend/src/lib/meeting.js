// Meeting mode's pure rules: a meeting answer folded with its live events, what a screen shows
// (the facilitator's focus, or the item it broke away to), the timer per item, the agenda grouped
// by kind. No DOM, no signals (test/meeting.test.mjs).

/** The agenda's kinds in the order each meeting discusses them. */
export const AGENDA_KINDS = [
  'DRAFT',
  'UNALIGNED',
  'UNCOMMITTED',
  'WEIGHTS_OFF',
  'UNCOVERED_KEY_RESULT',
  'BEHIND',
  'AT_RISK',
  'STALE',
  'BLOCKED_TASK',
  'MOVER',
  'SCORE_KEY_RESULT',
];

/** [[kind, items]] in AGENDA_KINDS order, kinds without items left out; items keep their order. */
export function agendaGroups(agenda) {
  return AGENDA_KINDS.map((k) => [k, agenda.filter((i) => i.kind === k)]).filter(([, items]) => items.length);
}

/** The focus as the meeting answer has it, from an event's focus summary (ids and openedAt). */
function focusFrom(m, f) {
  if (!f) return null;
  const item = f.agendaItemId ? m.agenda.find((i) => i.id === f.agendaItemId) || null : null;
  const objective = item ? item.objective : f.objectiveId && m.focus && m.focus.objectiveId === f.objectiveId ? m.focus.objective : null;
  return { agendaItemId: f.agendaItemId, objectiveId: f.objectiveId, openedAt: f.openedAt, agendaItem: item, objective };
}

/**
 * Apply one meetingEvents event to a meeting answer → { data, refetch }: refetch when the event
 * moves what it does not carry (the meeting's state or agenda, an action item, an objective in
 * focus that the answer does not hold). Idempotent: an event at or below the answer's seq is
 * skipped — except presence, whose seq is the last event delivered before it.
 */
export function applyMeetingEvent(m, ev) {
  const same = { data: m, refetch: false };
  if (ev.__typename === 'MeetingPresenceChanged') return { data: { ...m, present: ev.present }, refetch: false };
  if (ev.__typename === 'ResyncRequired') return { data: m, refetch: true };
  if (ev.seq <= m.seq) return same;
  const next = { ...m, seq: ev.seq };
  switch (ev.__typename) {
    case 'MeetingFocusChanged': {
      const left = ev.left;
      if (left) next.agenda = m.agenda.map((i) => (i.id === left.agendaItemId ? { ...i, spentSeconds: left.seconds } : i));
      next.focus = focusFrom(next, ev.focus);
      return { data: next, refetch: !!(ev.focus && ev.focus.objectiveId && !next.focus.objective) };
    }
    case 'MeetingNotesChanged':
      if (ev.version <= m.notes.version) return { data: next, refetch: false };
      next.notes = { text: ev.notes, version: ev.version, editedAt: ev.at, editedBy: ev.editedBy };
      return { data: next, refetch: false };
    case 'MeetingDecisionChanged': {
      const d = ev.decision;
      const others = m.decisions.filter((x) => x.id !== d.id);
      if (ev.change === 'removed') next.decisions = others;
      else if (ev.change === 'added' && others.length === m.decisions.length) next.decisions = [...m.decisions, d];
      else next.decisions = m.decisions.map((x) => (x.id === d.id ? { ...x, ...d } : x));
      return { data: next, refetch: false };
    }
    default: // MeetingChanged (state, time, people, a new agenda), TaskChanged (action items)
      return { data: next, refetch: true };
  }
}

/** The item a screen shows: the one it broke away to, else the facilitator's. */
export function shownItemId(m, own) {
  return own !== null && own !== undefined ? own : m.focus ? m.focus.agendaItemId : null;
}

/** Whole seconds an item has been open: what the meeting recorded, plus the running time when open now. */
export function itemSeconds(item, focus, now) {
  const running = focus && focus.agendaItemId === item.id ? Math.max(0, Math.floor((now - Date.parse(focus.openedAt)) / 1000)) : 0;
  return (item.spentSeconds || 0) + running;
}

/** 75 → "1:15", 3725 → "1:02:05". */
export function clock(seconds) {
  const s = Math.max(0, Math.floor(seconds));
  const two = (n) => String(n).padStart(2, '0');
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return h ? `${h}:${two(m)}:${two(s % 60)}` : `${m}:${two(s % 60)}`;
}

/** The item after (step 1) or before (step -1) the open one; the first when nothing is open. */
export function stepItem(agenda, openId, step) {
  if (!agenda.length) return null;
  const at = agenda.findIndex((i) => i.id === openId);
  if (at < 0) return agenda[0].id;
  const to = at + step;
  return to >= 0 && to < agenda.length ? agenda[to].id : null;
}

/** Whether a board event moved an objective the meeting shows (on its agenda or in focus). */
export function movesMeeting(m, ev) {
  if (ev.__typename === 'ResyncRequired') return true;
  const shown = new Set(m.agenda.map((i) => i.objectiveId));
  if (m.focus && m.focus.objectiveId) shown.add(m.focus.objectiveId);
  return (ev.objectives || []).some((o) => shown.has(o.objectiveId));
}

/**
 * The teams `viewer` may hold a meeting of, as the server decides (createMeeting): an admin any
 * team and the whole company (`company`), a lead the teams they lead and those below them.
 */
export function meetingTeams(viewer, teams, memberships) {
  if (!viewer) return { company: false, teams: [] };
  if (viewer.role === 'ADMIN') return { company: true, teams };
  const led = new Set(memberships.filter((m) => m.isLead && m.userId === viewer.id).map((m) => m.teamId));
  for (let grew = true; grew;) {
    const before = led.size;
    for (const tm of teams) if (tm.parentId && led.has(tm.parentId)) led.add(tm.id);
    grew = led.size > before;
  }
  return { company: false, teams: teams.filter((tm) => led.has(tm.id)) };
}
