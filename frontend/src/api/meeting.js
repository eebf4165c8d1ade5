// Operations of meetings (圆桌会 共识会 推进会 复盘会): the cycle's list, creating one, meeting
// mode (the agenda, the facilitator's focus, notes, decisions, action items) and its live events.
// Each export is one named document, validated against schema.graphql by `npm test`.
import { PERSON as P } from './fields.js';

const LINE = `id kind state startsAt startedAt endedAt team { id name } facilitator { ${P} } attendees { ${P} }`;
/** With who leads which team: the teams the viewer may hold a meeting of (lib/meeting.js meetingTeams). */
export const Q_MEETINGS = `query Meetings($c: ID!, $t: ID) { teams { id name parentId } teamMemberships { teamId userId isLead }
  meetings(cycleId: $c, teamId: $t) { ${LINE} agenda { id } } }`;
export const M_CREATE_MEETING = `mutation CreateMeeting($i: MeetingInput!) { createMeeting(input: $i) { id } }`;

const OBJECTIVE = `id title level state progress status statusReasons owner { ${P} }
  keyResults { id title progress status statusReasons score owner { ${P} } }`;
const ITEM = `id kind title objectiveId keyResultId taskId progress status statusReasons delta weightSum hints score
  spentSeconds owner { ${P} } objective { ${OBJECTIVE} } task { id title status assignee { ${P} } }`;
const DECISION = `id text objectiveId agendaItemId createdAt editedAt author { ${P} }`;
const ACTION = `id title status dueDate assignee { ${P} } objective { id title } keyResult { id title }`;
/** Meeting mode: everything on the screen, with the seq to follow its events from. */
export const Q_MEETING = `query Meeting($id: ID!) { meeting(id: $id) { ${LINE} seq agendaBuiltAt agendaSince
  cycle { id name phase } present { ${P} } agenda { ${ITEM} }
  focus { agendaItemId objectiveId openedAt agendaItem { ${ITEM} } objective { ${OBJECTIVE} } }
  notes { text version editedAt editedBy { ${P} } } decisions { ${DECISION} } actionItems { ${ACTION} }
  viewerCan { run takeNotes } } }`;
/** The notes as they are now (a save that met someone else's: both texts are shown). */
export const Q_NOTES = `query MeetingNotes($id: ID!) { meeting(id: $id) { id notes { text version editedAt editedBy { ${P} } } } }`;

export const M_UPDATE_MEETING = `mutation UpdateMeeting($id: ID!, $i: UpdateMeetingInput!) { updateMeeting(id: $id, input: $i) { id startsAt attendees { ${P} } } }`;
export const M_REBUILD = `mutation RebuildMeetingAgenda($id: ID!) { rebuildMeetingAgenda(id: $id) { id agendaBuiltAt } }`;
export const M_START = `mutation StartMeeting($id: ID!) { startMeeting(id: $id) { id state startedAt } }`;
export const M_END = `mutation EndMeeting($id: ID!) { endMeeting(id: $id) { id state endedAt } }`;
export const M_FOCUS = `mutation FocusMeeting($id: ID!, $item: ID, $o: ID) { setMeetingFocus(id: $id, agendaItemId: $item, objectiveId: $o) {
  id focus { agendaItemId objectiveId openedAt } } }`;
export const M_NOTES = `mutation SaveMeetingNotes($id: ID!, $n: String!, $v: Int!) { setMeetingNotes(id: $id, notes: $n, version: $v) {
  id notes { text version editedAt editedBy { ${P} } } } }`;
export const M_DECIDE = `mutation Decide($m: ID!, $i: MeetingDecisionInput!) { addMeetingDecision(meetingId: $m, input: $i) { ${DECISION} } }`;
export const M_EDIT_DECISION = `mutation EditDecision($id: ID!, $text: String!) { updateMeetingDecision(id: $id, text: $text) { ${DECISION} } }`;
export const M_UNDECIDE = `mutation Undecide($id: ID!) { removeMeetingDecision(id: $id) }`;
export const M_ACTION = `mutation AddActionItem($m: ID!, $i: ActionItemInput!) { addMeetingActionItem(meetingId: $m, input: $i) { ${ACTION} } }`;

export const S_MEETING = `subscription MeetingLive($m: ID!, $s: Int) { meetingEvents(meetingId: $m, since: $s) { __typename
  ... on LiveMeetingEvent { seq at actorId }
  ... on MeetingChanged { change }
  ... on MeetingFocusChanged { focus { agendaItemId objectiveId openedAt } left { agendaItemId seconds } }
  ... on MeetingNotesChanged { notes version editedBy { ${P} } }
  ... on MeetingDecisionChanged { change decision { ${DECISION} } }
  ... on MeetingPresenceChanged { present { ${P} } }
  ... on TaskChanged { seq }
  ... on ResyncRequired { seq }
} }`;
/** The numbers of the cycle's objectives as they move (check-ins during the meeting): the screen reads again. */
export const S_MEETING_NUMBERS = `subscription MeetingNumbers($c: ID!, $s: Int) { boardEvents(cycleId: $c, since: $s) { __typename
  ... on LiveBoardEvent { seq objectives { objectiveId } }
  ... on ResyncRequired { seq }
} }`;
