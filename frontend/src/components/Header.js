import { html } from 'htm/preact';
import { t, lang } from '../i18n/index.js';
import { viewer, signOut, switchLanguage } from '../store.js';
import { Avatar } from './Avatar.js';

export function LanguageSwitch() {
  const next = lang.value === 'zh-CN' ? 'en' : 'zh-CN';
  return html`<button
    type="button"
    class="btn btn-ghost lang-switch"
    onClick=${() => switchLanguage(next)}
  >
    <span class="lang-icon" aria-hidden="true">文/A</span>
    <span lang=${next}>${t('lang.switch')}</span>
    <span class="sr-only">${t('lang.switchLabel')}</span>
  </button>`;
}

export function Header() {
  const user = viewer.value;
  return html`<header class="app-header">
    <div class="brand">
      <span class="brand-mark" aria-hidden="true">✦</span>
      <span>${t('app.name')}</span>
    </div>
    <div class="header-actions">
      <${LanguageSwitch} />
      ${
        user
          ? html`<a class="me" href="/security" title=${t('header.security', { name: user.displayName })}>
              <${Avatar} user=${user} size="sm" />
              <bdi class="me-name">${user.displayName}</bdi>
            </a>
            <button type="button" class="btn btn-ghost sign-out" onClick=${signOut}>${t('header.signOut')}</button>`
          : null
      }
    </div>
  </header>`;
}
