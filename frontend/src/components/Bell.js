// The bell: a live unread badge (the `notifications` subscription). The notification centre under
// it (components/Inbox.js: the list, mark read, per-kind mute) is a chunk fetched on first open.
import { html } from 'htm/preact';
import { signal } from '@preact/signals';
import { useEffect, useRef, useState } from 'preact/hooks';
import { t, needStrings } from '../i18n/index.js';
import { gql } from '../api/client.js';
import { Q_UNREAD } from '../api/org.js';
import { S_NOTES } from '../api/live.js';
import * as socket from '../socket.js';
import { useDismiss } from './useDismiss.js';
import { Icon } from './Icon.js';

const unread = signal(0);
/** The last notification that arrived live (the centre, when open, folds each into its list). */
const arrived = signal(null);
/** Counts the socket's reconnections: the open centre reads its list again after each. */
const reconnects = signal(0);
/** Unread ids already in the badge (a grouped one comes again as it grows). */
const counted = new Set();

const refreshUnread = () =>
  gql(Q_UNREAD)
    .then((d) => d.viewer && (unread.value = d.viewer.unreadNotificationCount))
    .catch(() => {});

let Inbox = null; // the centre, once fetched

export function Bell() {
  const [open, setOpen] = useState(false);
  const [, setLoaded] = useState(!!Inbox);
  const wrap = useRef(null);
  const button = useRef(null);

  // The badge: the count now, +1 per new notification as it arrives, the count again after a
  // reconnection (and shortly after each arrival, to stay exact).
  useEffect(() => {
    let timer;
    refreshUnread();
    const stop = socket.subscribe(
      S_NOTES,
      null,
      (d) => {
        const n = d.notifications;
        if (!n.read && !counted.has(n.id)) {
          counted.add(n.id);
          unread.value++;
        }
        arrived.value = n;
        clearTimeout(timer);
        timer = setTimeout(refreshUnread, 1000);
      },
      () => (refreshUnread(), reconnects.value++),
    );
    return () => {
      stop();
      clearTimeout(timer);
      arrived.value = null;
      counted.clear();
    };
  }, []);
  useEffect(() => {
    // the inbox and its strings (the 'work' part of the dictionary) arrive when first opened
    if (open && !Inbox) Promise.all([import('./Inbox.js'), needStrings('work')]).then(([m]) => ((Inbox = m.Inbox), setLoaded(true)));
  }, [open]);
  useDismiss(open, wrap, (byEscape) => {
    setOpen(false);
    if (byEscape && button.current) button.current.focus();
  });

  const count = unread.value;
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
        ? Inbox
          ? html`<${Inbox} onClose=${() => setOpen(false)} bell=${{ unread, arrived, counted, reconnects }} />`
          : html`<section id="inbox" class="inbox card" aria-label=${t('note.title')}><p class="muted">${t('app.loading')}</p></section>`
        : null
    }
  </div>`;
}
