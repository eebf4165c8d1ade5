import { html } from 'htm/preact';
import { t, formatNumber, formatPercent, formatDate } from '../i18n/index.js';
import { ProgressBar } from './ProgressBar.js';
import { StatusBadge, reasonsText } from './StatusBadge.js';

function withUnit(n, unit) {
  const s = formatNumber(n);
  if (!unit || s === '–') return s;
  return unit === '%' ? s + unit : s + '\u00a0' + unit;
}

/** "120 / 200 users", "75 min (target 60–90 min)", "Done", … per kind. */
export function krValueText(kr) {
  const current = kr.currentValue ?? kr.startValue;
  switch (kr.kind) {
    case 'BASELINE':
    case 'MILESTONE':
      return Number(current) >= 1 || kr.progress >= 1 ? t('kr.done') : t('kr.notDone');
    case 'RANGE':
      return t('kr.range', {
        current: withUnit(current, kr.unit),
        min: formatNumber(kr.rangeMin),
        max: withUnit(kr.rangeMax, kr.unit),
      });
    default:
      return t('kr.value', { current: formatNumber(current), target: withUnit(kr.targetValue, kr.unit) });
  }
}

function KeyResult({ kr }) {
  const why = reasonsText(kr.statusReasons);
  const showFrom =
    kr.startValue !== null && kr.startValue !== undefined && kr.startValue !== 0 && !['BASELINE', 'MILESTONE'].includes(kr.kind);
  return html`<li class="kr" data-kr-id=${kr.id}>
    <div class="kr-head">
      <bdi class="kr-title">${kr.title}</bdi>
      <span class=${'tag kind kind-' + kr.kind}>${t('kind.' + kr.kind)}</span>
    </div>
    <div class="kr-meta">
      <span class="kr-value num">${krValueText(kr)}</span>
      ${showFrom ? html`<span class="muted num">${t('kr.from', { start: withUnit(kr.startValue, kr.unit) })}</span>` : null}
      <span class="num">${t('kr.weight', { weight: formatPercent((Number(kr.weight) || 0) / 100) })}</span>
      ${kr.dueDate ? html`<span>${t('kr.due', { date: formatDate(kr.dueDate) })}</span>` : null}
      ${
        kr.confidence !== null && kr.confidence !== undefined
          ? html`<span class="num">${t('kr.confidence', { value: kr.confidence })}</span>`
          : null
      }
    </div>
    <div class="kr-track">
      <${ProgressBar} value=${kr.progress} expected=${kr.expectedProgress} status=${kr.status} />
      <${StatusBadge} status=${kr.status} reasons=${kr.statusReasons} />
    </div>
    ${why ? html`<p class="reasons">${why}</p>` : null}
  </li>`;
}

export function KeyResultList({ objective, id }) {
  const krs = objective.keyResults || [];
  const why = reasonsText(objective.statusReasons);
  return html`<div class="krs" id=${id}>
    ${why ? html`<p class="reasons">${why}</p>` : null}
    ${
      krs.length
        ? html`<ol class="kr-list">
          ${krs.map((kr) => html`<${KeyResult} key=${kr.id} kr=${kr} />`)}
        </ol>`
        : html`<p class="muted empty-krs">${t('board.noKrs')}</p>`
    }
  </div>`;
}
