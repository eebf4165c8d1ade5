// The cycle's phase on the board: which meeting the cycle is in, what it asks of me (each ask a
// link to where it is done), the cycle's meetings and the screens of the phase, and a phase move that just arrived live.
import { html } from 'htm/preact';
import { t } from '../i18n/index.js';
import { currentCycle, asksByCycle, phaseNews, viewer } from '../store.js';
import { PHASES, askHref, askKey, hasScores } from '../lib/cycle.js';

/** The screens each phase works on: [path under /cycle/<id>, label key]. */
function phaseLinks(phase) {
  if (phase === 'ALIGNING' || phase === 'TRACKING') return [['/consensus', 'phase.link.consensus']];
  if (!hasScores(phase)) return [];
  const links = [
    ['/report', 'phase.link.report'],
    ['/carry', 'phase.link.carry'],
  ];
  return phase === 'REVIEWING' ? [['/scoring', 'phase.link.scoring'], ['/reviews', 'phase.link.reviews'], ...links] : links;
}

export function PhaseBar() {
  const c = currentCycle.value;
  if (!c) return null;
  const asks = (asksByCycle.value || {})[c.id] || [];
  const news = phaseNews.value && phaseNews.value.cycleId === c.id ? phaseNews.value : null;
  const base = '/cycle/' + encodeURIComponent(c.id);
  const links = [['/meetings', 'phase.link.meetings'], ...phaseLinks(c.phase)].map(([p, key]) => [base + p, key]);
  if ((viewer.value || {}).role === 'ADMIN') links.push(['/cycles', 'phase.link.admin']);
  return html`<section class="phase-bar" aria-label=${t('phase.barLabel')} data-phase=${c.phase}>
    <p class="phase-now">
      <span class="phase-steps" aria-hidden="true">${PHASES.map((p) => html`<i key=${p} class=${p === c.phase ? 'on' : ''}></i>`)}</span>
      <strong class="phase-name">${t('phase.' + c.phase)}</strong>
      <span class="muted">${t('phase.about.' + c.phase)}</span>
    </p>
    ${
      news
        ? html`<p class="phase-news" role="status">
          ${t('phase.moved', { from: t('phase.' + news.previous), to: t('phase.' + news.phase) })}${news.reason ? ' ' + t('phase.because', { reason: news.reason }) : ''}
          <button type="button" class="btn btn-ghost btn-small" onClick=${() => (phaseNews.value = null)}>${t('phase.dismiss')}</button>
        </p>`
        : null
    }
    ${
      asks.length
        ? html`<ul class="asks" aria-label=${t('phase.asksLabel')}>
          ${asks.map(
            (a) => html`<li key=${a.kind} data-kind=${a.kind}>
              <a href=${askHref(a.kind, c.id)}>${t(askKey(a.kind, a.count), { count: a.count })}</a>
            </li>`,
          )}
        </ul>`
        : null
    }
    ${links.length ? html`<nav class="phase-links" aria-label=${t('phase.linksLabel')}>${links.map(([href, key]) => html`<a key=${href} href=${href}>${t(key)}</a>`)}</nav>` : null}
  </section>`;
}
