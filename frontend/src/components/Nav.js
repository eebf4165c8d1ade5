// The main navigation under the header: Board / My OKRs / New objective / Dashboard, and the bell.
import { html } from 'htm/preact';
import { t } from '../i18n/index.js';
import { path, cycleId, viewer } from '../store.js';
import { outbox } from '../outbox.js';
import { Bell } from './Bell.js';

export function Nav() {
  const p = path.value;
  const board = cycleId.value ? '/board/' + encodeURIComponent(cycleId.value) : '/';
  const items = [
    [board, 'nav.board', p === '/' || p.startsWith('/board/'), '▤'],
    ['/me', 'nav.me', p === '/me', '◎'],
    ['/new', 'nav.new', p === '/new', '＋'],
    [
      cycleId.value ? '/cycle/' + encodeURIComponent(cycleId.value) + '/dashboard' : board,
      'nav.dashboard',
      p.startsWith('/cycle/') && p.includes('/dashboard'),
      '▥',
    ],
  ];
  if ((viewer.value || {}).role === 'ADMIN') items.push(['/admin', 'nav.admin', p.startsWith('/admin'), '⚙']);
  const waiting = outbox.value.length;
  return html`<nav class="app-nav" aria-label=${t('nav.label')}>
    <ul>
      ${items.map(
        ([href, key, active, icon]) => html`<li key=${key}>
          <a href=${href} class=${'nav-link' + (active ? ' active' : '')} aria-current=${active ? 'page' : undefined}>
            <span class="nav-icon" aria-hidden="true">${icon}</span>
            <span class=${key === 'nav.new' ? 'nav-full' : undefined}>${t(key)}</span>
            ${key === 'nav.new' ? html`<span class="nav-short">${t('nav.newShort')}</span>` : null}
            ${
              key === 'nav.me' && waiting
                ? html`<span class="nav-count num" title=${t('me.outboxOffline', { count: waiting })}>${waiting}<span class="sr-only"> ${t('nav.pending')}</span></span>`
                : null
            }
          </a>
        </li>`,
      )}
    </ul>
    <${Bell} />
  </nav>`;
}
