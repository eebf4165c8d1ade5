import { html } from 'htm/preact';
import { useRef, useState } from 'preact/hooks';
import { useDismiss } from './useDismiss.js';
import { t, formatList } from '../i18n/index.js';
import { connection, presence } from '../socket.js';
import { Avatar } from './Avatar.js';

const ICONS = { live: '●', connecting: '○', reconnecting: '↻', catchingUp: '↻', caughtUp: '✓' };

/** "Live", "Reconnecting…", "Caught up": the state of the board's socket, as a word and an icon. */
export function ConnectionStatus() {
  const state = connection.value;
  if (state === 'idle') return null;
  return html`<span class=${'live-status live-' + state} data-state=${state} role="status" title=${t('live.hint.' + state)}>
    <span class="live-icon" aria-hidden="true">${ICONS[state]}</span>
    <span class="live-word">${t('live.' + state)}</span>
  </span>`;
}

/** "3 watching", with the names on hover, focus or tap. */
export function Presence() {
  const p = presence.value;
  const [open, setOpen] = useState(false);
  const ref = useRef(null);
  useDismiss(open, ref, () => setOpen(false));
  if (!p) return null;
  const watchers = p.watchers || [];
  // the update names up to 50 watchers: the rest are a number
  const unnamed = Math.max(0, p.count - watchers.length);
  const more = unnamed ? t('presence.more', { count: unnamed }) : '';
  const names = watchers.map((w) => w.displayName).concat(more ? [more] : []);
  const stale = connection.value !== 'live' && connection.value !== 'caughtUp';
  return html`<span ref=${ref} class=${'presence' + (open ? ' is-open' : '') + (stale ? ' is-stale' : '')}>
    <button
      type="button"
      class="presence-button"
      aria-expanded=${open ? 'true' : 'false'}
      aria-controls="presence-list"
      onClick=${() => setOpen(!open)}
    >
      <span class="presence-faces" aria-hidden="true">
        ${watchers.slice(0, 3).map((w) => html`<${Avatar} key=${w.id} user=${w} size="xs" />`)}
      </span>
      <span class="presence-count num">${t('presence.count', { count: p.count })}</span>
      <span class="sr-only">${t('presence.names', { names: formatList(names) })}</span>
    </button>
    <span class="presence-pop" id="presence-list" role="group" aria-label=${t('presence.title')}>
      <span class="presence-title">${t('presence.title')}</span>
      <ul class="presence-list">
        ${watchers.map(
          (w) => html`<li key=${w.id}><${Avatar} user=${w} size="xs" /><bdi class="presence-name">${w.displayName}</bdi></li>`,
        )}
        ${more && html`<li class="presence-more">${more}</li>`}
      </ul>
    </span>
  </span>`;
}
