import { html } from 'htm/preact';
import { t } from '../i18n/index.js';

/** A page's body while it loads, or why it could not (with "Try again" when that may help). */
export function PageMessage({ error, onRetry }) {
  if (!error) return html`<p class="loading">${t('app.loading')}</p>`;
  return html`<div class="notice" role="alert">
    <p>${error.code === 'NOT_FOUND' ? t('page.notFound') : error.message}</p>
    ${onRetry && error.code !== 'NOT_FOUND' ? html`<button type="button" class="btn" onClick=${onRetry}>${t('board.retry')}</button>` : null}
  </div>`;
}
