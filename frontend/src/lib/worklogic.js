// Pure helpers of tasks, comments and notifications (no DOM, no signals): `npm test`.

// A character that may come right before the "@" of an e-mail address (bob@example.com).
const EMAIL_CHAR = /[A-Za-z0-9_.]/;
const AT = /[@＠]/; // the full-width one is what a Chinese input method types
// Ends what is typed after "@": spaces and punctuation (a name, its pinyin or a handle goes on).
const STOP = /[\s@＠,，。、;；:：!！?？()（）[\]【】{}<>《》"'“”‘’/\\|`~]/;
export const MAX_QUERY = 32;

/**
 * The @-mention being typed at the caret: { start (index of the "@"), end (the caret), query }
 * or null. "@" glued to a word is part of an e-mail address; the query may be letters of a
 * handle, a name (张三) or its pinyin (zs).
 */
export function mentionAt(text, caret) {
  const s = String(text || '');
  const end = Math.max(0, Math.min(caret ?? s.length, s.length));
  let i = end;
  while (i > 0 && end - i <= MAX_QUERY && !STOP.test(s[i - 1])) i--;
  if (i === 0 || end - i > MAX_QUERY || !AT.test(s[i - 1])) return null;
  const start = i - 1;
  if (start > 0 && EMAIL_CHAR.test(s[start - 1])) return null;
  return { start, end, query: s.slice(i, end) };
}

/**
 * Put "@name " (the display name, as people read it) in place of the mention being typed: the
 * new text and where the caret goes. The server stores it as "@handle".
 */
export function insertMention(text, token, name) {
  const s = String(text || '');
  const head = s.slice(0, token.start) + '@' + name + ' ';
  return { text: head + s.slice(token.end).replace(/^ /, ''), caret: head.length };
}

/**
 * A comment body as parts to render as text: { text } or { text, user } for an @mention of one
 * of `mentions` (the people the server resolved). Same rule as the server: an "@" glued to a
 * word is an e-mail address, a handle is ASCII (a CJK character or any punctuation ends it) and
 * a trailing "." or "-" ends the sentence, not the handle. Unknown handles stay plain text; a
 * mention reads as "@" + the person's current display name.
 */
export function segments(body, mentions) {
  const s = String(body || '');
  const users = new Map((mentions || []).map((u) => [String(u.handle).toLowerCase(), u]));
  const out = [];
  const re = /[@＠]([A-Za-z0-9_][A-Za-z0-9_.-]*)/g;
  let last = 0;
  let m;
  while ((m = re.exec(s))) {
    if (m.index > 0 && EMAIL_CHAR.test(s[m.index - 1])) continue;
    const handle = m[1].replace(/[.-]+$/, '');
    const user = users.get(handle.toLowerCase());
    if (!user) continue;
    const end = m.index + 1 + handle.length;
    if (m.index > last) out.push({ text: s.slice(last, m.index) });
    out.push({ text: '@' + user.displayName, user });
    last = re.lastIndex = end;
  }
  if (last < s.length) out.push({ text: s.slice(last) });
  return out;
}

/** A comment body as people read it (mentions by display name): for excerpts and editing. */
export function shownBody(body, mentions) {
  return segments(body, mentions)
    .map((s) => s.text)
    .join('');
}

/**
 * What to tell the writer about the mentions of a text being written (from `mentionsIn`):
 * those naming nobody, and those that could mean several people.
 */
export function mentionProblems(found) {
  return (found || []).filter((m) => !m.person).map((m) => ({ text: m.text, candidates: m.candidates || [] }));
}

// ---- tasks ------------------------------------------------------------------------------------

/** A task from the query (Task) or from a live event (TaskSummary), in one shape. */
export function taskOf(t) {
  return {
    id: t.id,
    title: t.title,
    description: t.description || '',
    status: t.status,
    dueDate: t.dueDate || null,
    position: t.position ?? 0,
    keyResultId: t.keyResultId !== undefined ? t.keyResultId : t.keyResult ? t.keyResult.id : null,
    creatorId: t.creatorId || (t.creator ? t.creator.id : null),
    assignee: t.assignee || null,
    collaborators: t.collaborators || [],
    deleted: !!(t.deleted || t.deletedAt),
    viewerCan: t.viewerCan || null, // none in a live event's summary
  };
}

/** The tasks of one list (a key result's, or the objective's own with krId null), in order. */
export function siblings(tasks, krId) {
  return (tasks || [])
    .filter((t) => (t.keyResultId || null) === (krId || null) && !t.deleted)
    .sort((a, b) => a.position - b.position || (a.id < b.id ? -1 : 1));
}

/** Add, replace or (deleted) drop a task. */
export function upsertTask(tasks, task) {
  const prev = (tasks || []).find((t) => t.id === task.id);
  const rest = (tasks || []).filter((t) => t.id !== task.id);
  // a live event says nothing of what the viewer may do: keep what the server said before
  if (prev && prev.viewerCan && !task.viewerCan) task = { ...task, viewerCan: prev.viewerCan };
  return task.deleted ? rest : [...rest, task];
}

/** The list with `ids` (one list's tasks) numbered 0…n-1 in that order. */
export function applyOrder(tasks, ids) {
  const at = new Map(ids.map((id, i) => [id, i]));
  return (tasks || []).map((t) => (at.has(t.id) && at.get(t.id) !== t.position ? { ...t, position: at.get(t.id) } : t));
}

/** Move `list[from]` to index `to` (clamped). */
export function moveItem(list, from, to) {
  const next = list.slice();
  const [item] = next.splice(from, 1);
  next.splice(Math.max(0, Math.min(to, next.length)), 0, item);
  return next;
}

/**
 * Where a dragged row lands: `mids` are the vertical midpoints of the other rows of its list,
 * top to bottom, `y` the pointer → its 0-based position among them (what moveTask takes).
 */
export function dropIndex(mids, y) {
  let i = 0;
  while (i < mids.length && y > mids[i]) i++;
  return i;
}

/** Move one task of a list to `to`: the whole list renumbered, and the new order of its ids. */
export function reorder(tasks, id, to) {
  const task = (tasks || []).find((t) => t.id === id);
  if (!task) return { tasks, order: null };
  const list = siblings(tasks, task.keyResultId);
  const order = moveItem(list, list.indexOf(task), to).map((t) => t.id);
  return { tasks: applyOrder(tasks, order), order };
}

/** One tap on the check: done ↔ to do. */
export function toggleStatus(status) {
  return status === 'DONE' ? 'TODO' : 'DONE';
}

/** Due before `today` ("YYYY-MM-DD") and not done. */
export function overdue(task, today) {
  return !!task.dueDate && task.status !== 'DONE' && task.dueDate < today;
}

// ---- comments ---------------------------------------------------------------------------------

/** A comment from the query (Comment) or a live event (CommentSummary), in one shape. */
export function commentOf(c) {
  return {
    id: c.id,
    body: c.body,
    createdAt: c.createdAt,
    editedAt: c.editedAt || null,
    author: c.author,
    mentions: c.mentions || [],
    deleted: !!c.deleted,
    // a live summary carries no likes: the thread keeps what it knew (upsertComment)
    ...('likeCount' in c ? { likeCount: c.likeCount, likedByViewer: !!c.likedByViewer } : {}),
  };
}

/** Add, replace or (deleted) drop a comment; the thread stays oldest first. */
export function upsertComment(list, c) {
  const prev = (list || []).find((x) => x.id === c.id);
  const rest = (list || []).filter((x) => x.id !== c.id);
  if (c.deleted) return rest;
  if (prev && !('likeCount' in c)) c = { ...c, likeCount: prev.likeCount, likedByViewer: prev.likedByViewer };
  return [...rest, c].sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0));
}

// ---- notifications ------------------------------------------------------------------------------

/** Where a notification leads: { objectiveId, taskId, commentId } or null (no longer visible). */
export function notificationTarget(n) {
  if (!n || !n.objective) return null;
  return { objectiveId: n.objective.id, taskId: n.task ? n.task.id : null, commentId: n.comment ? n.comment.id : null };
}

/**
 * Where a warning or a reminder leads in this app: its notice's link without the server's public
 * address (which may differ from the one this page is on); null for other notifications.
 */
export function noticePath(n) {
  if (!n || !n.notice || !n.notice.link) return null;
  const u = new URL(n.notice.link, 'http://x');
  return u.pathname + u.search + u.hash;
}

/** A live notification joins the inbox: newest first, a grouped one replaces its older self. */
export function upsertNotification(list, n) {
  return [n, ...(list || []).filter((x) => x.id !== n.id)];
}

/** "5 minutes ago" as [value, unit] for Intl.RelativeTimeFormat. */
export function timeAgo(iso, now = Date.now()) {
  const s = Math.round((new Date(iso).getTime() - now) / 1000);
  const steps = [
    [60, 'second'],
    [3600, 'minute', 60],
    [86400, 'hour', 3600],
    [604800, 'day', 86400],
    [Infinity, 'week', 604800],
  ];
  for (const [limit, unit, div = 1] of steps) if (Math.abs(s) < limit) return [Math.round(s / div), unit];
  return [0, 'second'];
}
