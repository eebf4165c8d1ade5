import { html } from 'htm/preact';
import { t } from '../i18n/index.js';

/** An objective's title, level and draft tag, linking to its page. */
export function ObjectiveLink({ o }) {
  return html`<a class="obj-link" href=${'/objective/' + encodeURIComponent(o.id)}>
    <bdi class="obj-link-title">${o.title}</bdi>
    <span class=${'tag level level-tag-' + o.level}>${t('level.' + o.level)}</span>
    ${o.state === 'DRAFT' ? html`<span class="tag draft">${t('board.draft')}</span>` : null}
  </a>`;
}
