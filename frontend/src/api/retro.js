// Operations of the retrospective area: consensus (共识会), the scoring sheet, peer reviews,
// lessons, the report and carrying objectives forward, and the live events their screens fold.
// Each export is one named document, validated against schema.graphql by `npm test`.
import { PERSON as P } from './fields.js';

// ---- consensus (共识会) -------------------------------------------------------------------------

const OBJ_LINE = `id title level state owner { ${P} } team { id name }`;
export const Q_CONSENSUS = `query Consensus($c: ID!, $t: ID, $me: ID!) { teams { id name parentId }
  mine: objectives(cycleId: $c, ownerId: $me) { ${OBJ_LINE} committed committedAt }
  consensus(cycleId: $c, teamId: $t) { uncommitted { ${OBJ_LINE} } uncommittedOwners { ${P} }
    unaligned { ${OBJ_LINE} } weightsOff { ${OBJ_LINE} weightTotal }
    uncoveredKeyResults { id title objective { ${OBJ_LINE} } } } }`;
export const M_COMMIT = `mutation Commit($id: ID!, $c: Boolean!) { commitObjective(id: $id, committed: $c) { id committed committedAt } }`;

// ---- the retrospective (复盘会) -----------------------------------------------------------------

const REVIEW = `id score comment updatedAt ownScore gapFlagged reviewer { ${P} }`;
const KR_SCORE = `id title kind unit weight progress completion difficulty effort suggestedScore score scoreReason
  scoredAt scoreBand peerScore peerGapFlagged likeCount likedByViewer owner { ${P} } peerReviews { ${REVIEW} }`;
const LESSONS = `wentWell toImprove toCarryOn version updatedAt updatedBy { ${P} }`;
const SHEET_OBJECTIVE = `id title level state progress status score scoreBand likeCount likedByViewer
  owner { ${P} } team { id name } reviewers { ${P} } lessons { ${LESSONS} } keyResults { ${KR_SCORE} } viewerCan { score }`;

/** A person's or a team's sheet (neither: everything the viewer sees), with the seq it reflects. */
export const Q_SHEET = `query ScoringSheet($c: ID!, $t: ID, $o: ID) { boardSeq(cycleId: $c) teams { id name parentId }
  scoringSheet(cycleId: $c, teamId: $t, ownerId: $o) { keyResultCount scoredCount score scoreBand
    objectives { ${SHEET_OBJECTIVE} } } }`;
/** One objective's part of the sheet (the objective page's retrospective section). */
export const Q_SHEET_OBJECTIVE = `query SheetObjective($id: ID!) { objective(id: $id) { ${SHEET_OBJECTIVE}
  cycle { id } } }`;
export const M_SCORE = `mutation Score($id: ID!, $i: ScoreInput!) { scoreKeyResult(id: $id, input: $i) { ${KR_SCORE} } }`;
export const M_REVIEWERS = `mutation SetReviewers($o: ID!, $u: [ID!]!) { setReviewers(objectiveId: $o, reviewerIds: $u) { id reviewers { ${P} } } }`;
export const M_REVIEW = `mutation Review($id: ID!, $i: PeerReviewInput!) { reviewKeyResult(id: $id, input: $i) { ${REVIEW} } }`;
export const Q_LESSONS = `query Lessons($o: ID!) { objective(id: $o) { id lessons { ${LESSONS} } } }`;
export const M_LESSONS = `mutation SetLessons($o: ID!, $i: LessonsInput!, $v: Int) {
  setLessons(objectiveId: $o, input: $i, version: $v) { ${LESSONS} } }`;

// ---- carry forward ----------------------------------------------------------------------------

export const Q_CARRY = `query CarryFrom($c: ID!) { objectives(cycleId: $c) { id title level state progress status
  owner { ${P} } team { id name } keyResults { id } } }`;
export const M_CARRY = `mutation CarryForward($ids: [ID!]!, $to: ID!) { carryForward(objectiveIds: $ids, toCycleId: $to) { id title } }`;

// ---- live: the cycle's events a retrospective screen folds (lib/retro.js applyRetroEvent) ---------

export const S_RETRO = `subscription Retro($c: ID!, $s: Int) { boardEvents(cycleId: $c, since: $s) { __typename
  ... on LiveBoardEvent { seq actorId }
  ... on ResyncRequired { seq }
  ... on CyclePhaseChanged { phase }
  ... on KeyResultScored { objectiveScore score { keyResultId objectiveId completion difficulty effort suggestedScore
    score reason scoreBand } }
  ... on KeyResultReviewed { review { id keyResultId objectiveId score comment updatedAt reviewer { ${P} } } }
  ... on ReviewersChanged { objectiveId reviewers { ${P} } }
  ... on LessonsChanged { objectiveId lessons { wentWell toImprove toCarryOn version } }
  ... on LikeChanged { targetId objectiveId userId liked count }
  ... on ObjectiveCommitted { objectiveId committed committedAt }
  ... on KeyResultCheckedIn { keyResult { id objectiveId } }
  ... on KeyResultChanged { keyResult { id objectiveId } }
  ... on WeightsChanged { objective { id } }
  ... on ObjectivePublished { objective { id } }
  ... on ObjectiveArchived { objective { id } }
} }`;
