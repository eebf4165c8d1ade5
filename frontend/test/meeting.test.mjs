// Meeting mode's pure rules (src/lib/meeting.js): events folded into a meeting answer, what a
// screen shows while following or broken away, the timer per item, the agenda's groups.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  agendaGroups,
  applyMeetingEvent,
  clock,
  itemSeconds,
  meetingTeams,
  movesMeeting,
  shownItemId,
  stepItem,
} from '../src/lib/meeting.js';

const obj = (id) => ({ id, title: 'O' + id, keyResults: [] });
const meeting = () => ({
  id: 'm1',
  seq: 10,
  agenda: [
    { id: 'a', kind: 'BEHIND', objectiveId: 'o1', spentSeconds: 0, objective: obj('o1') },
    { id: 'b', kind: 'MOVER', objectiveId: 'o2', spentSeconds: 30, objective: obj('o2') },
    { id: 'c', kind: 'BEHIND', objectiveId: 'o3', spentSeconds: 0, objective: obj('o3') },
  ],
  focus: null,
  present: [],
  notes: { text: '', version: 0, editedAt: null, editedBy: null },
  decisions: [],
});
const focusEvent = (seq, item, objective, left = null) => ({
  __typename: 'MeetingFocusChanged',
  seq,
  focus: item || objective ? { agendaItemId: item, objectiveId: objective, openedAt: '2026-05-13T10:00:00Z' } : null,
  left,
});

test('a focus event opens the item and its objective, and records the time on the item it left', () => {
  let out = applyMeetingEvent(meeting(), focusEvent(11, 'a', 'o1'));
  assert.equal(out.refetch, false);
  assert.equal(out.data.focus.agendaItem.id, 'a');
  assert.equal(out.data.focus.objective.id, 'o1');
  out = applyMeetingEvent(out.data, focusEvent(12, 'b', 'o2', { agendaItemId: 'a', seconds: 95 }));
  assert.equal(out.data.agenda[0].spentSeconds, 95);
  assert.equal(out.data.focus.agendaItemId, 'b');
  // closed: nothing in focus
  out = applyMeetingEvent(out.data, focusEvent(13, null, null, { agendaItemId: 'b', seconds: 50 }));
  assert.equal(out.data.focus, null);
  assert.equal(out.data.seq, 13);
});

test('an objective in focus that the answer does not hold is read again', () => {
  const out = applyMeetingEvent(meeting(), focusEvent(11, null, 'o9'));
  assert.equal(out.refetch, true);
  assert.equal(out.data.focus.objectiveId, 'o9');
});

test('an event at or below the answer’s seq changes nothing; presence always applies', () => {
  const m = meeting();
  assert.equal(applyMeetingEvent(m, focusEvent(10, 'a', 'o1')).data, m);
  const present = [{ id: 'u1', displayName: 'A', handle: 'a' }];
  const out = applyMeetingEvent(m, { __typename: 'MeetingPresenceChanged', seq: 3, present });
  assert.deepEqual(out.data.present, present);
});

test('notes follow the newest version only; decisions are added once, changed and removed', () => {
  const editedBy = { id: 'u2', displayName: 'B', handle: 'b' };
  let m = applyMeetingEvent(meeting(), { __typename: 'MeetingNotesChanged', seq: 11, at: 'x', notes: 'two', version: 2, editedBy }).data;
  m = applyMeetingEvent(m, { __typename: 'MeetingNotesChanged', seq: 12, at: 'y', notes: 'one', version: 1, editedBy }).data;
  assert.deepEqual([m.notes.text, m.notes.version], ['two', 2]);
  const d = { id: 'd1', text: 'Do it', objectiveId: null, agendaItemId: 'a' };
  m = applyMeetingEvent(m, { __typename: 'MeetingDecisionChanged', seq: 13, change: 'added', decision: d }).data;
  m = applyMeetingEvent({ ...m, seq: 13 }, { __typename: 'MeetingDecisionChanged', seq: 14, change: 'added', decision: d }).data;
  assert.equal(m.decisions.length, 1);
  m = applyMeetingEvent(m, {
    __typename: 'MeetingDecisionChanged',
    seq: 15,
    change: 'changed',
    decision: { ...d, text: 'Do it now' },
  }).data;
  assert.equal(m.decisions[0].text, 'Do it now');
  m = applyMeetingEvent(m, { __typename: 'MeetingDecisionChanged', seq: 16, change: 'removed', decision: d }).data;
  assert.deepEqual(m.decisions, []);
});

test('what the event does not carry is read again: state, agenda, action items, a resync', () => {
  for (const ev of [
    { __typename: 'MeetingChanged', seq: 11, change: 'ended' },
    { __typename: 'TaskChanged', seq: 11 },
    { __typename: 'ResyncRequired', seq: 40 },
  ])
    assert.equal(applyMeetingEvent(meeting(), ev).refetch, true, ev.__typename);
});

test('a screen shows the facilitator’s item unless it broke away', () => {
  const m = applyMeetingEvent(meeting(), focusEvent(11, 'a', 'o1')).data;
  assert.equal(shownItemId(m, null), 'a');
  assert.equal(shownItemId(m, 'c'), 'c');
  assert.equal(shownItemId(meeting(), null), null);
});

test('the timer: recorded time plus the running time of the open item', () => {
  const m = applyMeetingEvent(meeting(), focusEvent(11, 'b', 'o2')).data;
  const now = Date.parse('2026-05-13T10:01:15Z');
  assert.equal(itemSeconds(m.agenda[1], m.focus, now), 30 + 75);
  assert.equal(itemSeconds(m.agenda[0], m.focus, now), 0);
  assert.deepEqual([clock(0), clock(75), clock(3725)], ['0:00', '1:15', '1:02:05']);
});

test('the agenda grouped by kind in the method’s order; stepping through it', () => {
  const groups = agendaGroups(meeting().agenda);
  assert.deepEqual(
    groups.map(([k, items]) => [k, items.map((i) => i.id)]),
    [
      ['BEHIND', ['a', 'c']],
      ['MOVER', ['b']],
    ],
  );
  const agenda = meeting().agenda;
  assert.equal(stepItem(agenda, null, 1), 'a');
  assert.equal(stepItem(agenda, 'a', 1), 'b');
  assert.equal(stepItem(agenda, 'a', -1), null);
  assert.equal(stepItem(agenda, 'c', 1), null);
  assert.equal(stepItem([], null, 1), null);
});

test('a board event is read again only when it moves an objective the meeting shows', () => {
  const m = applyMeetingEvent(meeting(), focusEvent(11, null, 'o9')).data;
  const moved = (...ids) => ({ __typename: 'KeyResultCheckedIn', seq: 20, objectives: ids.map((objectiveId) => ({ objectiveId })) });
  assert.equal(movesMeeting(m, moved('o2')), true); // on the agenda
  assert.equal(movesMeeting(m, moved('o9')), true); // in focus
  assert.equal(movesMeeting(m, moved('o7')), false);
  assert.equal(movesMeeting(m, { __typename: 'ResyncRequired', seq: 30 }), true);
});

test('who may hold a meeting of which team: admins all and the company, leads theirs and below, members none', () => {
  const teams = [
    { id: 'e', name: 'Eng', parentId: null },
    { id: 'g', name: 'Growth', parentId: 'e' },
    { id: 'w', name: 'Web', parentId: 'g' },
    { id: 's', name: 'Sales', parentId: null },
  ];
  const ms = [
    { teamId: 'g', userId: 'lead', isLead: true },
    { teamId: 's', userId: 'member', isLead: false },
    { teamId: 's', userId: 'lead', isLead: false },
  ];
  const ids = (r) => [r.company, r.teams.map((tm) => tm.id)];
  assert.deepEqual(ids(meetingTeams({ id: 'boss', role: 'ADMIN' }, teams, ms)), [true, ['e', 'g', 'w', 's']]);
  assert.deepEqual(ids(meetingTeams({ id: 'lead', role: 'MEMBER' }, teams, ms)), [false, ['g', 'w']]);
  assert.deepEqual(ids(meetingTeams({ id: 'member', role: 'MEMBER' }, teams, ms)), [false, []]);
  assert.deepEqual(ids(meetingTeams(null, teams, ms)), [false, []]);
});
