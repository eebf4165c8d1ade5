// The notification centre under the bell: the list (live), mark one / all read, per-kind mute.
// Opening a notification goes to its objective and reveals the comment or task, to the board
// of the cycle whose phase moved, or where a warning's or reminder's notice leads.
import { html } from 'htm/preact';
import { signal } from '@preact/signals';
import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n/index.js';
import { gql } from '../api/client.js';
import { navigate, selectCycle } from '../store.js';
import { Avatar } from './Avatar.js';
import { notificationTarget, upsertNotification, shownBody, noticePath } from '../lib/worklogic.js';
import { Q_INBOX, M_READ, M_MUTE } from '../api/work.js';
import { focus } from '../reveal.js';
import { When } from './When.js';

const inbox = signal(null); // the list, once loaded
const muted = signal([]);
// the bell's state (components/Bell.js hands it over: this chunk does not import the first screen's)
let unread, counted;
const KINDS = ['MENTION', 'ASSIGNMENT', 'COLLABORATOR', 'COMMENT', 'STATUS', 'LIKE', 'REVIEW_ASKED', 'REVIEW', 'PHASE'];

async function loadInbox() {
  const d = await gql(Q_INBOX);
  inbox.value = d.notifications;
  muted.value = d.viewer.mutedNotificationKinds;
  unread.value = d.viewer.unreadNotificationCount;
  d.notifications.forEach((n) => !n.read && counted.add(n.id));
}

async function markRead(ids) {
  try {
    await gql(M_READ, { ids });
  } catch {
    return;
  }
  inbox.value = (inbox.value || []).map((n) => (!ids || ids.includes(n.id) ? { ...n, read: true } : n));
  if (ids) unread.value = Math.max(0, unread.value - ids.length);
  else unread.value = 0;
}

/** Open what a notification is about: its objective, scrolled to the comment or task; a cycle's board. */
function openNotification(n) {
  const to = notificationTarget(n);
  if (!n.read) markRead([n.id]);
  if (n.kind === 'PHASE' && n.cycle) return selectCycle(n.cycle.id, { force: true });
  if (n.notice) return navigate(noticePath(n));
  if (!to) return;
  const path = '/objective/' + encodeURIComponent(to.objectiveId);
  focus.value = to;
  navigate(path);
  history.replaceState(null, '', path + '#' + [to.taskId, to.commentId].filter(Boolean).join(','));
}

function Item({ n, onOpen }) {
  const c = n.comment;
  const phase = n.kind === 'PHASE' && n.cycle;
  const notice = n.notice;
  const about = (notice && notice.subject) || (n.task && n.task.title) || (n.objective && n.objective.title) || (phase && n.cycle.name);
  const href = phase
    ? '/board/' + encodeURIComponent(n.cycle.id)
    : notice
      ? noticePath(n)
      : n.objective
        ? '/objective/' + encodeURIComponent(n.objective.id)
        : '#';
  const what = phase
    ? t('note.PHASE', { phase: t('phase.' + n.phase) })
    : notice
      ? t('note.' + n.kind)
      : t(KINDS.includes(n.kind) ? 'note.' + n.kind : 'note.other');
  const excerpt = c ? shownBody(c.body, c.mentions) : notice ? notice.intro : phase && n.reason;
  return html`<li class=${'note' + (n.read ? '' : ' unread')} data-kind=${n.kind}>
    <a class="note-link" href=${href} onClick=${(e) => (e.preventDefault(), onOpen(n))}>
      ${n.actor ? html`<${Avatar} user=${n.actor} size="sm" />` : null}
      <span class="note-text">
        <span><strong>${n.actor ? n.actor.displayName : ''}</strong> ${what}${n.count > 1 ? ' ' + t('note.count', { count: n.count }) : ''}</span>
        ${about ? html`<span class="note-about">${about}</span>` : html`<span class="muted">${t('note.gone')}</span>`}
        ${excerpt ? html`<span class="note-excerpt">${excerpt.length > 140 ? excerpt.slice(0, 140) + '…' : excerpt}</span>` : null}
        <${When} at=${n.createdAt} />
      </span>
    </a>
    ${
      n.read
        ? null
        : html`<button type="button" class="btn btn-ghost btn-icon" aria-label=${t('note.markRead')} title=${t('note.markRead')} onClick=${() => markRead([n.id])}>
          <span class="note-dot" aria-hidden="true"></span>
        </button>`
    }
  </li>`;
}

function MuteSettings({ onClose }) {
  const [error, setError] = useState(null);
  const set = async (kind, on) => {
    const next = on ? muted.value.filter((k) => k !== kind) : [...muted.value, kind];
    try {
      muted.value = (await gql(M_MUTE, { m: next })).updateNotificationSettings.mutedNotificationKinds;
      setError(null);
    } catch (e) {
      setError(e.message);
    }
  };
  return html`<fieldset class="mute">
    <legend>${t('note.notifyMe')}</legend>
    ${KINDS.map(
      (k) => html`<label key=${k} class="check">
        <input type="checkbox" checked=${!muted.value.includes(k)} onChange=${(e) => set(k, e.currentTarget.checked)} />
        <span>${t('noteKind.' + k)}</span>
      </label>`,
    )}
    ${error ? html`<p class="field-error" role="alert">${error}</p>` : null}
    <a class="reach-settings" href="/settings/notifications" onClick=${onClose}>${t('note.reachSettings')}</a>
  </fieldset>`;
}

/** `bell`: { unread, arrived, counted, reconnects } of the bell. */
export function Inbox({ onClose, bell }) {
  ({ unread, counted } = bell);
  const { arrived, reconnects } = bell;
  const [settings, setSettings] = useState(false);
  const [error, setError] = useState(null);
  useEffect(() => {
    setError(null);
    loadInbox().catch((e) => setError(e.message));
    return () => (inbox.value = null);
  }, []);
  // what arrives live while the centre is open joins the list
  useEffect(() => arrived.subscribe((n) => n && inbox.value && (inbox.value = upsertNotification(inbox.value, n))), []);
  // …and after a reconnection (what came meanwhile) it is read again
  useEffect(() => {
    const seen = reconnects.value;
    return reconnects.subscribe((n) => n !== seen && loadInbox().catch(() => {}));
  }, []);
  const list = inbox.value;
  return html`<section id="inbox" class="inbox card" aria-label=${t('note.title')}>
    <div class="inbox-head">
      <h2 class="section-title">${t('note.title')}</h2>
      <button type="button" class="btn btn-ghost btn-small" disabled=${!unread.value} onClick=${() => markRead(null)}>${t('note.markAll')}</button>
      <button type="button" class="btn btn-ghost btn-icon" aria-expanded=${settings ? 'true' : 'false'} aria-label=${t('note.settings')} title=${t('note.settings')} onClick=${() => setSettings(!settings)}>
        <span aria-hidden="true">⚙</span>
      </button>
    </div>
    ${settings ? html`<${MuteSettings} onClose=${onClose} />` : null}
    ${error ? html`<p class="field-error" role="alert">${error}</p>` : null}
    ${
      list === null
        ? html`<p class="muted">${t('app.loading')}</p>`
        : list.length
          ? html`<ul class="notes">${list.map((n) => html`<${Item} key=${n.id} n=${n} onOpen=${(x) => (onClose(), openNotification(x))} />`)}</ul>`
          : html`<p class="muted notes-none">${t('note.none')}</p>`
    }
  </section>`;
}
