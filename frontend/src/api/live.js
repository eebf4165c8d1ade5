// Subscriptions (graphql-transport-ws, on the app's one socket; see socket.js).
// Each export is one named document, validated against schema.graphql by `npm test`.
import { PERSON as P, NOTIFICATION } from './fields.js';

// The board's events since a seq: absolute numbers and summaries, folded by lib/boardFold.js.
export const S_BOARD = `subscription Board($c: ID!, $s: Int) { boardEvents(cycleId: $c, since: $s) {
  __typename
  ... on LiveBoardEvent { seq actorId
    objectives { objectiveId progress status }
    keyResults { keyResultId objectiveId progress rawProgress expectedProgress status statusReasons weight currentValue } }
  ... on KeyResultCheckedIn { keyResult { ...KR } }
  ... on KeyResultChanged { change keyResult { ...KR } }
  ... on ObjectiveCreated { objective { ...O } }
  ... on ObjectiveChanged { change objective { ...O } }
  ... on ObjectivePublished { objective { ...O } }
  ... on ObjectiveArchived { objective { ...O } }
  ... on AlignmentChanged { objective { ...O } }
  ... on WeightsChanged { objective { ...O } }
  ... on CyclePhaseChanged { phase previous why: reason actorId }
  ... on KeyResultScored { objectiveScore score { objectiveId } }
  ... on LikeChanged { targetId userId liked count }
  ... on ObjectiveRemoved { objectiveId }
  ... on ResyncRequired { reason seq }
} }
fragment KR on KeyResultSummary { id objectiveId title kind unit startValue targetValue currentValue
  rangeMin rangeMax dueDate weight confidence progressSource archived }
fragment O on ObjectiveSummary { id title level state visibility parentId sourceKeyResultId teamId version
  owner { id displayName handle } keyResults { ...KR } }`;
export const S_PRESENCE = `subscription Presence($c: ID!) { presence(cycleId: $c) { count watchers { id displayName handle } } }`;

// task changes of one cycle, live (the page keeps those of its objective)
export const S_TASKS = `subscription Tasks($c: ID!, $s: Int) { boardEvents(cycleId: $c, since: $s) { __typename
  ... on LiveBoardEvent { seq } ... on ResyncRequired { seq } ... on TaskChanged { actorId order objectives { objectiveId } task { id objectiveId keyResultId title description
    status dueDate position creatorId deleted assignee { ${P} } collaborators { ${P} } } } } }`;

export const S_COMMENTS = `subscription Thread($t: ID!) { comments(targetId: $t) { __typename
  ... on CommentAdded { comment { ...C } } ... on CommentChanged { comment { ...C } } } }
  fragment C on CommentSummary { id body createdAt editedAt deleted author { ${P} } mentions { ${P} } }`;

export const S_NOTES = `subscription Notes { notifications { ${NOTIFICATION} } }`;
