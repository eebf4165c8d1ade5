// Operations of the OKR area: cycles, the board, objectives, key results and check-ins.
// Each export is one named document, validated against schema.graphql by `npm test`.

// with the zone the organization's days begin and end in (lib/clock.js)
export const Q_CYCLES = `query Cycles { cycles { id name startsOn endsOn phase } organization { timeZone } }`;
// The board and the event seq it reflects, in one request: subscribe with since = boardSeq.
export const Q_BOARD = `query Board($c: ID!) { boardSeq(cycleId: $c) viewer { id } teams { id name } objectives(cycleId: $c) {
  id title level state visibility progress status statusReasons score likeCount likedByViewer
  parent { id } owner { id displayName handle } team { id name }
  keyResults { id title kind unit weight progress rawProgress expectedProgress status statusReasons
    currentValue startValue targetValue rangeMin rangeMax dueDate confidence progressSource }
} }`;

// viewerCan: what the viewer may do with it (the screens offer only that)
const CAN = 'viewerCan { edit checkIn comment score archive manageTasks }';

const KR_FIELDS = `id title kind unit startValue targetValue currentValue rangeMin rangeMax dueDate
  weight confidence progressSource progress rawProgress expectedProgress status statusReasons lastCheckInAt version ${CAN}`;

const PERSON = 'owner { id displayName handle }';

const OBJECTIVE_FIELDS = `id title description level state visibility version progress status statusReasons
  weightTotal hints { code severity message } ${PERSON} team { id name } cycle { id name startsOn endsOn phase }
  parent { id title level state progress status ${PERSON} }
  sourceKeyResult { id title progressSource } ${CAN}`;

export const Q_OBJECTIVE = `query ObjectivePage($id: ID!) { objective(id: $id) { ${OBJECTIVE_FIELDS}
  committed committedAt likeCount likedByViewer
  children { id title level state progress status ${PERSON} }
  keyResults { ${KR_FIELDS} likeCount likedByViewer
    checkIns(first: 60) { id value confidence note createdAt likeCount likedByViewer author { id displayName }
      retractedAt retractReason correctedBy retractedBy { displayName } } }
} }`;

/** Archive (r: false) or restore (r: true) an objective: the objective page and the admin area. */
export const M_ARCHIVE = `mutation ArchiveObjective($id: ID!, $v: Int, $r: Boolean!) { archiveObjective(id: $id, version: $v, restore: $r) { id state version } }`;

export const Q_EDIT = `query EditObjective($id: ID!) { objective(id: $id) { ${OBJECTIVE_FIELDS}
  keyResults { ${KR_FIELDS} } } }`;

/** What an objective may align to: the cycle's objectives and their key results. */
export const Q_CANDIDATES = `query AlignTargets($c: ID!) { objectives(cycleId: $c) {
  id title level state parent { id } keyResults { id title progressSource viewerCan { edit } } } }`;

/** My objectives, the key results I own under anyone's (the screen keeps those under others'), my tasks. */
export const Q_MINE = `query MyOkrs($c: ID!, $o: ID!) { objectives(cycleId: $c, ownerId: $o) {
  id title level state progress status statusReasons
  keyResults { ${KR_FIELDS} } }
  keyResults(cycleId: $c, ownerId: $o) { ${KR_FIELDS} objective { id title level state owner { id displayName } } }
  assignedTasks(cycleId: $c) { id title status dueDate objective { id title level state } } }`;

export const M_CREATE_OBJECTIVE = `mutation CreateObjective($input: CreateObjectiveInput!) {
  createObjective(input: $input) { id version } }`;
export const M_UPDATE_OBJECTIVE = `mutation UpdateObjective($id: ID!, $input: UpdateObjectiveInput!, $v: Int) {
  updateObjective(id: $id, input: $input, version: $v) { id version title description } }`;
export const M_PUBLISH = `mutation Publish($id: ID!, $v: Int) { publishObjective(id: $id, version: $v) { id state version } }`;
export const M_CREATE_KR = `mutation CreateKR($input: CreateKeyResultInput!) { createKeyResult(input: $input) { ${KR_FIELDS} } }`;
export const M_UPDATE_KR = `mutation UpdateKR($id: ID!, $input: UpdateKeyResultInput!, $v: Int) {
  updateKeyResult(id: $id, input: $input, version: $v) { ${KR_FIELDS} } }`;
export const M_ARCHIVE_KR = `mutation ArchiveKR($id: ID!) { archiveKeyResult(id: $id) { id archived } }`;
export const M_SET_WEIGHTS = `mutation SetWeights($id: ID!, $w: [WeightInput!]!) {
  setWeights(objectiveId: $id, weights: $w) { id weightTotal hints { code severity message } keyResults { id weight } } }`;
/** Its author corrects or withdraws a check-in: the key result as it now stands. */
export const M_CORRECT_CHECK_IN = `mutation CorrectCheckIn($id: ID!, $input: CorrectCheckInInput!) { correctCheckIn(id: $id, input: $input) { id currentValue progress } }`;
export const M_WITHDRAW_CHECK_IN = `mutation WithdrawCheckIn($id: ID!, $reason: String!) { withdrawCheckIn(id: $id, reason: $reason) { id currentValue progress } }`;
export const M_CHECK_IN = `mutation CheckIn($input: CheckInInput!) { checkIn(input: $input) { ${KR_FIELDS} } }`;
/** The writing hints of the viewer's own objectives of a cycle (the board's markers), with their key results'. */
export const Q_OWN_HINTS = `query OwnHints($c: ID!, $o: ID!) { objectives(cycleId: $c, ownerId: $o) {
  id hints { code message } keyResults { id title hints { code message } } } }`;
