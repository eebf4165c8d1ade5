// The head of a cycle's screen: the way back to its board, the title, the cycle's phase; what
// the screens share: their cycle, the query of their address, the company-or-team picker.
import { html } from 'htm/preact';
import { t } from '../i18n/index.js';
import { cycles, path, navigate } from '../store.js';

/** The cycle of a screen, from the cycles the app has loaded (null while they load). */
export const cycleOf = (id) => (cycles.value || []).find((c) => c.id === id) || null;

/** The query of the address (`?team=…`, `?owner=…`): reading the path signal re-renders on a change. */
export function useQuery() {
  const p = path.value;
  return new URLSearchParams(p.includes('?') ? p.slice(p.indexOf('?')) : '');
}

export function CycleHead({ cycleId, title, children }) {
  const c = cycleOf(cycleId);
  return html`<nav class="crumbs" aria-label=${t('page.crumbs')}>
      <a href=${'/board/' + encodeURIComponent(cycleId)}>${t('board.title')}</a>
      <span aria-hidden="true"> / </span>
      <span>${c ? c.name : ''}</span>
    </nav>
    <div class="page-head">
      <h1 class="page-title">${title}</h1>
      ${c ? html`<span class="tag phase-tag" data-phase=${c.phase}>${t('phase.' + c.phase)}</span>` : null}
      ${children}
    </div>`;
}

/** The company, or one of `teams`: picking one goes to `base` with `?team=`. */
export function TeamSelect({ id, label, base, teamId, teams }) {
  const go = (v) => navigate(v ? base + '?team=' + encodeURIComponent(v) : base, { replace: true });
  return html`<div class="field">
    <label for=${id}>${label}</label>
    <select id=${id} value=${teamId || ''} onChange=${(e) => go(e.currentTarget.value)}>
      <option value="">${t('retro.company')}</option>
      ${(teams || []).map((tm) => html`<option key=${tm.id} value=${tm.id}>${tm.name}</option>`)}
    </select>
  </div>`;
}
