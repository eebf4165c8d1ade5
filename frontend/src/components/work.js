// Tasks, comments and notifications: the GraphQL operations, the people search behind the
// pickers and the @-autocomplete, and the state shared by the objective page and the bell.
import { html } from 'htm/preact';
import { signal } from '@preact/signals';
import { useEffect, useState } from 'preact/hooks';
import { gql } from '../api.js';
import { t, lang } from '../i18n.js';
import { Avatar } from './Avatar.js';
import { timeAgo } from './worklogic.js';

const P = 'id displayName handle';
const TASK = `id title description status dueDate position deletedAt keyResult { id } creator { id }
  assignee { ${P} } collaborators { ${P} }`;
const COMMENT = `id body createdAt editedAt author { ${P} } mentions { ${P} }`;
const NOTE = `id kind read count createdAt actor { ${P} } objective { id title } task { id title } comment { id body }`;

// with the seq they reflect: the live stream starts right after it (nothing lost in between)
export const Q_TASKS = `query Tasks($t: ID!, $c: ID!) { boardSeq(cycleId: $c) tasks(targetId: $t) { ${TASK} } }`;
export const M_CREATE_TASK = `mutation CreateTask($input: CreateTaskInput!) { createTask(input: $input) { ${TASK} } }`;
export const M_UPDATE_TASK = `mutation UpdateTask($id: ID!, $input: UpdateTaskInput!) { updateTask(id: $id, input: $input) { ${TASK} } }`;
export const M_DELETE_TASK = `mutation DeleteTask($id: ID!) { deleteTask(id: $id) { id } }`;
export const M_RESTORE_TASK = `mutation RestoreTask($id: ID!) { restoreTask(id: $id) { ${TASK} } }`;
// task changes of one cycle, live (the page keeps those of its objective)
export const S_TASKS = `subscription Tasks($c: ID!, $s: Int) { boardEvents(cycleId: $c, since: $s) { __typename
  ... on LiveBoardEvent { seq } ... on ResyncRequired { seq } ... on TaskChanged { actorId order objectives { objectiveId } task { id objectiveId keyResultId title description
    status dueDate position creatorId deleted assignee { ${P} } collaborators { ${P} } } } } }`;

export const Q_COMMENTS = `query Comments($t: ID!) { comments(targetId: $t) { ${COMMENT} } }`;
export const M_ADD_COMMENT = `mutation AddComment($t: ID!, $b: String!) { addComment(input: { targetId: $t, body: $b }) { ${COMMENT} } }`;
export const M_EDIT_COMMENT = `mutation EditComment($id: ID!, $b: String!) { editComment(id: $id, body: $b) { ${COMMENT} } }`;
export const M_DELETE_COMMENT = `mutation DeleteComment($id: ID!) { deleteComment(id: $id) }`;
export const S_COMMENTS = `subscription Thread($t: ID!) { comments(targetId: $t) { __typename
  ... on CommentAdded { comment { ...C } } ... on CommentChanged { comment { ...C } } } }
  fragment C on CommentSummary { id body createdAt editedAt deleted author { ${P} } mentions { ${P} } }`;

export const Q_INBOX = `query Inbox { viewer { id unreadNotificationCount mutedNotificationKinds } notifications(first: 30) { ${NOTE} } }`;
export const Q_UNREAD = `query Unread { viewer { id unreadNotificationCount } }`;
export const M_READ = `mutation Read($ids: [ID!]) { markNotificationsRead(ids: $ids) }`;
export const M_MUTE = `mutation Mute($m: [NotificationKind!]!) { updateNotificationSettings(muted: $m) { id mutedNotificationKinds } }`;
export const S_NOTES = `subscription Notes { notifications { ${NOTE} } }`;
const Q_PEOPLE = `query People($q: String) { people(search: $q) { ${P} } }`;

/** What a notification opened: the objective page reveals (scrolls to, highlights) it. */
export const focus = signal(null); // { objectiveId, taskId, commentId } | null
/** Ids of key results and tasks whose comment thread is open on the objective page. */
export const openThreads = signal(new Set());

export function openThread(id, open = true) {
  const next = new Set(openThreads.value);
  if (open) next.add(id);
  else next.delete(id);
  openThreads.value = next;
}

/** People matching `query` (handles, names, pinyin, pinyin initials), after a short pause. */
export function usePeople(query) {
  const [people, setPeople] = useState([]);
  useEffect(() => {
    if (query === null) return setPeople([]);
    let live = true;
    const timer = setTimeout(() => {
      gql(Q_PEOPLE, { q: query || null })
        .then((d) => live && setPeople((d.people || []).slice(0, 6)))
        .catch(() => live && setPeople([]));
    }, 120);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [query]);
  return people;
}

/** The options of a people combobox (the control owns the focus and the keys). */
export function PeopleList({ id, people, active, onPick }) {
  if (!people.length) return null;
  return html`<ul class="people-list" id=${id} role="listbox" aria-label=${t('people.label')}>
    ${people.map(
      (u, i) => html`<li
        key=${u.id}
        id=${id + '-' + i}
        role="option"
        aria-selected=${i === active ? 'true' : 'false'}
        class=${i === active ? 'active' : ''}
        onPointerDown=${(e) => e.preventDefault() /* keep the focus in the field */}
        onClick=${() => onPick(u)}
      >
        <${Avatar} user=${u} size="sm" /><span>${u.displayName}</span><span class="muted">@${u.handle}</span>
      </li>`,
    )}
  </ul>`;
}

/** Arrow keys / Enter / Escape of a combobox over `people`; returns true when it took the key. */
export function listKeys(e, people, active, setActive, pick, close) {
  if (!people.length || e.isComposing || e.keyCode === 229) return false; // an input method is composing
  if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
    setActive((active + (e.key === 'ArrowDown' ? 1 : people.length - 1)) % people.length);
  } else if (e.key === 'Enter' || e.key === 'Tab') pick(people[active] || people[0]);
  else if (e.key === 'Escape') close();
  else return false;
  e.preventDefault();
  return true;
}

/** Pick a person: a search field with a list under it (assignee, collaborators). */
export function PersonPicker({ id, label, onPick, exclude = [] }) {
  const [q, setQ] = useState(null);
  const [active, setActive] = useState(0);
  const people = usePeople(q).filter((u) => !exclude.includes(u.id));
  const pick = (u) => {
    onPick(u);
    setQ(null);
  };
  const open = q !== null && people.length > 0;
  return html`<div class="person-picker">
    <label class="sr-only" for=${id}>${label}</label>
    <input
      id=${id}
      type="search"
      placeholder=${label}
      autocomplete="off"
      role="combobox"
      aria-autocomplete="list"
      aria-expanded=${open ? 'true' : 'false'}
      aria-controls=${id + '-list'}
      aria-activedescendant=${open ? id + '-list-' + active : undefined}
      value=${q || ''}
      onFocus=${() => q === null && setQ('')}
      onBlur=${() => setTimeout(() => setQ(null), 150)}
      onInput=${(e) => (setQ(e.currentTarget.value), setActive(0))}
      onKeyDown=${(e) => listKeys(e, people, active, setActive, pick, () => setQ(null))}
    />
    ${open ? html`<${PeopleList} id=${id + '-list'} people=${people} active=${active} onPick=${pick} />` : null}
  </div>`;
}

/** "3 minutes ago" in the UI language; the exact time in the tooltip. */
export function When({ at }) {
  if (!at) return null;
  const [n, unit] = timeAgo(at);
  const rel = new Intl.RelativeTimeFormat(lang.value, { numeric: 'auto' }).format(n, unit);
  const exact = new Date(at).toLocaleString(lang.value);
  return html`<time class="muted when" datetime=${at} title=${exact}>${rel}</time>`;
}

/** Scroll to the element with this id once it is on the page, focus and highlight it. */
export function reveal(id, tries = 40) {
  const el = document.getElementById(id);
  if (!el) {
    if (tries > 0) setTimeout(() => reveal(id, tries - 1), 100);
    return;
  }
  el.scrollIntoView({ block: 'center', behavior: matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth' });
  el.setAttribute('tabindex', '-1');
  el.focus({ preventScroll: true });
  el.classList.remove('target');
  void el.offsetWidth; // restart the highlight
  el.classList.add('target');
}

/** "#task_3,cmt_9" (what the bell leaves in the address) → { taskId, commentId }. */
function fromHash(objectiveId) {
  const ids = decodeURIComponent(location.hash.slice(1)).split(',');
  const taskId = ids.find((i) => i.startsWith('task_')) || null;
  const commentId = ids.find((i) => i.startsWith('cmt_')) || null;
  return taskId || commentId ? { objectiveId, taskId, commentId } : null;
}

/**
 * On the objective page: show what a notification (or the address) points at — open the thread
 * holding the comment (a task's, or the one of the objective / key result that has it), then
 * scroll to it and highlight it.
 */
export function useReveal(o, ready) {
  const f = focus.value;
  useEffect(() => {
    if (!o || !ready) return;
    const want = f && f.objectiveId === o.id ? f : !f ? fromHash(o.id) : null;
    if (!want) return;
    focus.value = null;
    (async () => {
      let thread = want.taskId;
      if (want.commentId && !thread) {
        const ids = [o.id, ...(o.keyResults || []).map((k) => k.id)];
        const q = `query FindComment { ${ids.map((id, i) => `t${i}: comments(targetId: ${JSON.stringify(id)}, first: 500) { id }`).join(' ')} }`;
        const d = await gql(q).catch(() => ({}));
        thread = ids.find((_, i) => (d['t' + i] || []).some((c) => c.id === want.commentId));
      }
      if (thread && thread !== o.id) openThread(thread);
      reveal(want.commentId || want.taskId);
    })();
  }, [o && o.id, ready, f]);
}

const ICONS = {
  bell: 'M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9M10.3 21a2 2 0 0 0 3.4 0',
  talk: 'M21 15a2 2 0 0 1-2 2H7l-4 4V5a2 2 0 0 1 2-2h14a2 2 0 0 1 2 2z',
};
/** A line icon in the text colour (decorative: the control carries the words). */
export const Icon = ({ name }) => html`<svg class="icon" viewBox="0 0 24 24" aria-hidden="true"><path d=${ICONS[name]} /></svg>`;
