import { html } from 'htm/preact';
import { lang } from '../i18n/index.js';
import { timeAgo } from '../lib/worklogic.js';

/** "3 minutes ago" in the UI language; the exact time in the tooltip. */
export function When({ at }) {
  if (!at) return null;
  const [n, unit] = timeAgo(at);
  const rel = new Intl.RelativeTimeFormat(lang.value, { numeric: 'auto' }).format(n, unit);
  const exact = new Date(at).toLocaleString(lang.value);
  return html`<time class="muted when" datetime=${at} title=${exact}>${rel}</time>`;
}
