import { html } from 'htm/preact';
import { t, formatList } from '../i18n/index.js';

// Status is never colour alone: each has a shape and a word.
const ICONS = {
  ON_TRACK: '●',
  AT_RISK: '▲',
  BEHIND: '▼',
  DONE: '✓',
  NOT_STARTED: '○',
};

export function reasonsText(reasons) {
  if (!reasons || !reasons.length) return '';
  return t('board.reasons', { reasons: formatList(reasons.map((r) => t('reason.' + r))) });
}

export function StatusBadge({ status, reasons }) {
  const s = status in ICONS ? status : 'NOT_STARTED';
  const why = reasonsText(reasons);
  return html`<span class=${'badge status-' + s} title=${why || undefined}>
    <span class="badge-icon" aria-hidden="true">${ICONS[s]}</span>
    <span class="badge-word">${t('status.' + s)}</span>
    ${why ? html`<span class="sr-only">. ${why}</span>` : null}
  </span>`;
}
