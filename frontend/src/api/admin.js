// Operations of the admin area (organization, teams, people, cycles, archived objectives, the
// activity log) and of the e-mailed account links (invitations, the join link, password resets).
// Each export is one named document, validated against schema.graphql by `npm test`.

export const Q_ORG = `query AdminOrg { organization { id name behindGap atRiskGap staleDays weekStart joinDomain joinKey }
  reminderSchedule { timeZone checkInWeekday checkInTime digestWeekday digestTime milestoneDays } }`;
export const M_ORG = `mutation AdminSaveOrg($i: OrganizationInput!) { updateOrganization(input: $i) { id name behindGap atRiskGap staleDays weekStart } }`;
export const M_SCHEDULE = `mutation AdminSaveSchedule($i: ReminderScheduleInput!) { updateReminderSchedule(input: $i) {
  timeZone checkInWeekday checkInTime digestWeekday digestTime milestoneDays } }`;
export const M_JOIN_LINK = `mutation AdminJoinLink($d: String, $r: Boolean!) { setJoinLink(domain: $d, renew: $r) { id joinDomain joinKey } }`;

export const Q_PEOPLE_ADMIN = `query AdminPeople { members { id displayName handle email role isActive managerId }
  teams { id name parentId } teamMemberships { teamId userId isLead } invitations { id email displayName role joined expiresAt } }`;
export const M_UPDATE_USER = `mutation AdminUpdateUser($id: ID!, $i: UserInput!) { updateUser(id: $id, input: $i) { id role isActive managerId } }`;
export const M_INVITE = `mutation AdminInvite($i: InviteInput!) { inviteUser(input: $i) { id email displayName role joined expiresAt } }`;
export const M_REVOKE_INVITE = `mutation AdminRevokeInvite($id: ID!) { revokeInvitation(id: $id) }`;
export const M_CREATE_TEAM = `mutation AdminCreateTeam($n: String!, $p: ID) { createTeam(name: $n, parentId: $p) { id name parentId } }`;
export const M_UPDATE_TEAM = `mutation AdminUpdateTeam($id: ID!, $n: String, $p: ID) { updateTeam(id: $id, name: $n, parentId: $p) { id name parentId } }`;
export const M_TEAM_MEMBER = `mutation AdminTeamMember($t: ID!, $u: ID!, $m: Boolean!, $l: Boolean!) {
  setTeamMember(teamId: $t, userId: $u, member: $m, lead: $l) { id } }`;

export const Q_CYCLES_ADMIN = `query AdminCycles { cycles { id name startsOn endsOn phase } }`;
export const M_CREATE_CYCLE = `mutation AdminCreateCycle($i: CycleInput!) { createCycle(input: $i) { id name startsOn endsOn phase } }`;
export const M_UPDATE_CYCLE = `mutation AdminUpdateCycle($id: ID!, $i: CycleInput!) { updateCycle(id: $id, input: $i) { id name startsOn endsOn phase } }`;
export const Q_CYCLE_OBJECTIVES = `query AdminObjectives($c: ID!) { objectives(cycleId: $c) { id title state version owner { id displayName } }
  archivedObjectives(cycleId: $c) { id title version owner { id displayName } } }`;

export const Q_LOG = `query AdminLog($a: ID, $t: ID, $s: DateTime, $u: DateTime, $b: Int) {
  activityLog(actorId: $a, targetId: $t, since: $s, until: $u, before: $b, first: 50) {
    seq kind at actorId subject changed cycleId objectiveId keyResultId } members { id displayName } }`;

// signed out: the pages an e-mailed link opens
export const Q_ACCOUNT_LINK = `query AccountLink($t: String!, $p: String!) { accountLink(token: $t, purpose: $p) { email displayName organizationName } }`;
export const M_ACCEPT = `mutation AcceptInvitation($t: String!, $p: String!, $n: String) { acceptInvitation(token: $t, password: $p, displayName: $n) { id } }`;
export const M_RESET = `mutation ResetPassword($t: String!, $p: String!) { resetPassword(token: $t, password: $p) { id } }`;
export const M_FORGOT = `mutation ForgotPassword($e: String!) { requestPasswordReset(email: $e) }`;
export const M_JOIN = `mutation RequestJoin($k: String!, $e: String!, $n: String, $l: String) { requestJoin(key: $k, email: $e, displayName: $n, locale: $l) }`;
