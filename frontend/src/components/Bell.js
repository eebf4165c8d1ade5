// The bell: a live unread badge (the `notifications` subscription), and the notification
// centre under it — the list, mark one / all read, per-kind mute. Opening a notification goes
// to its objective and reveals the comment or task.
import { html } from 'htm/preact';
import { signal } from '@preact/signals';
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../i18n/index.js';
import { gql } from '../api/client.js';
import { navigate } from '../store.js';
import * as socket from '../socket.js';
import { Avatar } from './Avatar.js';
import { useDismiss } from './useDismiss.js';
import { notificationTarget, upsertNotification } from '../lib/worklogic.js';
import { Q_INBOX, Q_UNREAD, M_READ, M_MUTE } from '../api/work.js';
import { S_NOTES } from '../api/live.js';
import { focus } from '../reveal.js';
import { When } from './When.js';
import { Icon } from './Icon.js';

export const unread = signal(0);
const inbox = signal(null); // the list, once the centre was opened
const muted = signal([]);
const counted = new Set(); // unread ids already in the badge (a grouped one comes again as it grows)
const KINDS = ['MENTION', 'ASSIGNMENT', 'COLLABORATOR', 'COMMENT', 'STATUS'];

const refresh = () =>
  gql(Q_UNREAD)
    .then((d) => d.viewer && (unread.value = d.viewer.unreadNotificationCount))
    .catch(() => {});

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

/** Open what a notification is about: its objective, scrolled to the comment or task. */
export function openNotification(n) {
  const to = notificationTarget(n);
  if (!n.read) markRead([n.id]);
  if (!to) return;
  const path = '/objective/' + encodeURIComponent(to.objectiveId);
  focus.value = to;
  navigate(path);
  history.replaceState(null, '', path + '#' + [to.taskId, to.commentId].filter(Boolean).join(','));
}

function Item({ n, onOpen }) {
  const c = n.comment;
  const about = (n.task && n.task.title) || (n.objective && n.objective.title);
  return html`<li class=${'note' + (n.read ? '' : ' unread')} data-kind=${n.kind}>
    <a class="note-link" href=${n.objective ? '/objective/' + encodeURIComponent(n.objective.id) : '#'} onClick=${(e) => (e.preventDefault(), onOpen(n))}>
      ${n.actor ? html`<${Avatar} user=${n.actor} size="sm" />` : null}
      <span class="note-text">
        <span><strong>${n.actor ? n.actor.displayName : ''}</strong> ${t(KINDS.includes(n.kind) ? 'note.' + n.kind : 'note.other')}${n.count > 1 ? ' ' + t('note.count', { count: n.count }) : ''}</span>
        ${about ? html`<span class="note-about">${about}</span>` : html`<span class="muted">${t('note.gone')}</span>`}
        ${c ? html`<span class="note-excerpt">${c.body.length > 140 ? c.body.slice(0, 140) + '…' : c.body}</span>` : null}
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

function MuteSettings() {
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
  </fieldset>`;
}

export function Bell() {
  const [open, setOpen] = useState(false);
  const [settings, setSettings] = useState(false);
  const [error, setError] = useState(null);
  const wrap = useRef(null);
  const button = useRef(null);

  // The badge: the count now, +1 per new notification as it arrives, the count again after a
  // reconnection (and shortly after each arrival, to stay exact).
  useEffect(() => {
    let timer;
    refresh();
    const stop = socket.subscribe(
      S_NOTES,
      null,
      (d) => {
        const n = d.notifications;
        if (!n.read && !counted.has(n.id)) {
          counted.add(n.id);
          unread.value++;
        }
        if (inbox.value) inbox.value = upsertNotification(inbox.value, n);
        clearTimeout(timer);
        timer = setTimeout(refresh, 1000);
      },
      () => (refresh(), inbox.value && loadInbox().catch(() => {})),
    );
    return () => {
      stop();
      clearTimeout(timer);
      inbox.value = null;
      counted.clear();
    };
  }, []);

  useEffect(() => {
    if (!open) return;
    setError(null);
    loadInbox().catch((e) => setError(e.message));
  }, [open]);
  useDismiss(open, wrap, (byEscape) => {
    setOpen(false);
    if (byEscape && button.current) button.current.focus();
  });

  const count = unread.value;
  const list = inbox.value;
  return html`<div class="bell-wrap" ref=${wrap}>
    <button
      type="button"
      ref=${button}
      class="btn btn-ghost bell"
      aria-expanded=${open ? 'true' : 'false'}
      aria-controls="inbox"
      aria-label=${count ? t('note.bellUnread', { count }) : t('note.bell')}
      onClick=${() => setOpen(!open)}
    >
      <${Icon} name="bell" />
      ${count ? html`<span class="bell-badge num" aria-hidden="true">${count > 99 ? '99+' : count}</span>` : null}
    </button>
    <span class="sr-only" aria-live="polite">${count ? t('note.bellUnread', { count }) : ''}</span>
    ${
      open
        ? html`<section id="inbox" class="inbox card" aria-label=${t('note.title')}>
          <div class="inbox-head">
            <h2 class="section-title">${t('note.title')}</h2>
            <button type="button" class="btn btn-ghost btn-small" disabled=${!count} onClick=${() => markRead(null)}>${t('note.markAll')}</button>
            <button type="button" class="btn btn-ghost btn-icon" aria-expanded=${settings ? 'true' : 'false'} aria-label=${t('note.settings')} title=${t('note.settings')} onClick=${() => setSettings(!settings)}>
              <span aria-hidden="true">⚙</span>
            </button>
          </div>
          ${settings ? html`<${MuteSettings} />` : null}
          ${error ? html`<p class="field-error" role="alert">${error}</p>` : null}
          ${
            list === null
              ? html`<p class="muted">${t('app.loading')}</p>`
              : list.length
                ? html`<ul class="notes">${list.map((n) => html`<${Item} key=${n.id} n=${n} onOpen=${(x) => (setOpen(false), openNotification(x))} />`)}</ul>`
                : html`<p class="muted notes-none">${t('note.none')}</p>`
          }
        </section>`
        : null
    }
  </div>`;
}
