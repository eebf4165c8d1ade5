// Operations of the work area: tasks, comments, notifications and an objective's activity.
// Each export is one named document, validated against schema.graphql by `npm test`.
import { PERSON as P, NOTIFICATION } from './fields.js';

const TASK = `id title description status dueDate position deletedAt keyResult { id } creator { id }
  assignee { ${P} } collaborators { ${P} } viewerCan { edit archive }`;
const COMMENT = `id body createdAt editedAt likeCount likedByViewer author { ${P} } mentions { ${P} }`;

// with the seq they reflect: the live stream starts right after it (nothing lost in between)
export const Q_TASKS = `query Tasks($t: ID!, $c: ID!) { boardSeq(cycleId: $c) tasks(targetId: $t) { ${TASK} } }`;
export const M_CREATE_TASK = `mutation CreateTask($input: CreateTaskInput!) { createTask(input: $input) { ${TASK} } }`;
export const M_UPDATE_TASK = `mutation UpdateTask($id: ID!, $input: UpdateTaskInput!) { updateTask(id: $id, input: $input) { ${TASK} } }`;
export const M_DELETE_TASK = `mutation DeleteTask($id: ID!) { deleteTask(id: $id) { id } }`;
export const M_RESTORE_TASK = `mutation RestoreTask($id: ID!) { restoreTask(id: $id) { ${TASK} } }`;

export const Q_COMMENTS = `query Comments($t: ID!) { comments(targetId: $t) { ${COMMENT} } }`;
/** The ids of a thread's comments: which thread holds the comment a link points at. */
export const Q_COMMENT_IDS = `query FindComment($t: ID!) { comments(targetId: $t, first: 500) { id } }`;
/** How sending would resolve the @mentions of a text being written. */
export const Q_MENTIONS_IN = `query MentionsIn($text: String!) { mentionsIn(text: $text) { text person { id } candidates { ${P} } } }`;
export const M_ADD_COMMENT = `mutation AddComment($t: ID!, $b: String!, $c: String) { addComment(input: { targetId: $t, body: $b, clientId: $c }) { ${COMMENT} } }`;
export const M_EDIT_COMMENT = `mutation EditComment($id: ID!, $b: String!) { editComment(id: $id, body: $b) { ${COMMENT} } }`;
export const M_DELETE_COMMENT = `mutation DeleteComment($id: ID!) { deleteComment(id: $id) }`;

export const Q_INBOX = `query Inbox { viewer { id unreadNotificationCount mutedNotificationKinds } notifications(first: 30) { ${NOTIFICATION} } }`;
export const M_READ = `mutation Read($ids: [ID!]) { markNotificationsRead(ids: $ids) }`;
export const M_MUTE = `mutation Mute($m: [NotificationKind!]!) { updateNotificationSettings(muted: $m) { id mutedNotificationKinds } }`;

export const Q_ACTIVITY = `query Activity($id: ID!) {
  activity(objectiveId: $id, first: 30) { seq kind at subject changed detail actor { displayName } }
}`;
