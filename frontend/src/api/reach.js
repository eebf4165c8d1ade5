// Operations of the reach area: the managers' dashboard, what reaches me where (preferences,
// mute), and the team chats' robots. Each export is one named document, validated against
// schema.graphql by `npm test`.
import { PERSON as P } from './fields.js';

// ---- the dashboard ----------------------------------------------------------------------------

// Buckets carry ids only: their objectives are the dashboard's own list (every one counted),
// looked up by id; key results and people come with the few buckets that hold them.
const KR = `id title progress score suggestedScore status owner { ${P} } objective { id title level state }`;
const FIGURES = ['OBJECTIVES', 'PROGRESS', 'STATUS', 'FRESHNESS', 'ALIGNMENT', 'UNALIGNED_KEY_RESULTS', 'SCORES', 'TIMELINE', 'MOVERS'];
const CSV = FIGURES.map((f) => `csv_${f}: csvPath(figure: ${f})`).join(' ');

export const Q_DASHBOARD = `query Dashboard($c: ID!, $t: ID, $o: ID) { teams { id name parentId }
  dashboard(cycleId: $c, teamId: $t, ownerId: $o) { asOf since objectiveCount keyResultCount
    averageProgress averageExpected cycle { id } team { id name } owner { ${P} }
    objectives { id title level state progress status owner { ${P} } team { id name } }
    progressDistribution { bucket count lower upper objectiveIds }
    statusCounts { bucket count status objectiveIds }
    freshness { bucket minDays maxDays count keyResultCount
      people { silentDays lastCheckInAt user { ${P} } keyResults { silentDays keyResult { id title objective { id } } } } }
    alignment { level count share aligned { bucket count objectiveIds } unaligned { bucket count objectiveIds } }
    unalignedKeyResults { bucket count keyResults { ${KR} } }
    scores { scoredCount averageScore unscored { bucket count keyResults { ${KR} } }
      buckets { bucket count score finalCount suggestedCount keyResults { ${KR} } } }
    progressOverTime { at expected actual }
    topMovers(first: 10) { before after delta objective { id title level state owner { ${P} } } }
    ${CSV} } }`;

// ---- what reaches me --------------------------------------------------------------------------

const PREFS = `topics { topic inApp email im supported } mutedUntil emailAvailable`;
export const Q_PREFERENCES = `query ReachPreferences { viewer { id reachPreferences { ${PREFS} } } webhookTeams { id } }`;
export const M_PREFERENCES = `mutation SetReachPreferences($i: ReachPreferencesInput!) { setReachPreferences(input: $i) { ${PREFS} } }`;

// ---- team robots ------------------------------------------------------------------------------

const HOOK = `id teamId kind name urlHint hasSecret locale warnings reminders paused pausedAt failures lastError lastSentAt`;
export const Q_WEBHOOKS = `query Webhooks { webhookTeams { id name parentId } webhooks { ${HOOK} } }`;
export const M_CREATE_WEBHOOK = `mutation CreateWebhook($i: WebhookInput!) { createWebhook(input: $i) { ${HOOK} } }`;
export const M_UPDATE_WEBHOOK = `mutation UpdateWebhook($id: ID!, $i: UpdateWebhookInput!) { updateWebhook(id: $id, input: $i) { ${HOOK} } }`;
export const M_DELETE_WEBHOOK = `mutation DeleteWebhook($id: ID!) { deleteWebhook(id: $id) }`;
export const M_TEST_WEBHOOK = `mutation SendTestMessage($id: ID!) { sendTestMessage(id: $id) { ok error webhook { ${HOOK} } } }`;
