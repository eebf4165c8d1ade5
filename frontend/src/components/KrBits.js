// How a key result reads per kind: its value against its target, a range's band, a
// milestone's date, a decrease's ceiling, and over-achievement (raw progress above 100 %).
import { html } from 'htm/preact';
import { t, formatNumber, formatPercent, formatDate } from '../i18n/index.js';
import { isBinary } from '../lib/krlogic.js';

export function withUnit(n, unit) {
  const s = formatNumber(n);
  if (!unit || s === '–') return s;
  return unit === '%' ? s + unit : s + '\u00a0' + unit;
}

const current = (kr) => kr.currentValue ?? kr.startValue;

/** The value now: "7 users", "Done", "75 min". */
export function valueText(kr) {
  if (isBinary(kr.kind)) return Number(kr.currentValue) >= 1 || kr.progress >= 1 ? t('kr.done') : t('kr.notDone');
  return withUnit(current(kr), kr.unit);
}

/** What it is aiming at: "target 12", "ceiling ≤ 25%", "band 60–90 min", "due 15 Nov". */
export function targetText(kr) {
  switch (kr.kind) {
    case 'DECREASE':
      return t('krx.ceiling', { value: withUnit(kr.targetValue, kr.unit) });
    case 'RANGE':
      return t('krx.band', { min: formatNumber(kr.rangeMin), max: withUnit(kr.rangeMax, kr.unit) });
    case 'MILESTONE':
      return kr.dueDate ? t('kr.due', { date: formatDate(kr.dueDate) }) : t('krx.noDate');
    case 'BASELINE':
      return t('krx.doneOrNot');
    default:
      return t('krx.target', { value: withUnit(kr.targetValue, kr.unit) });
  }
}

/** A range's band on a small scale, with the current value marked (shape, not colour alone). */
export function RangeBand({ kr }) {
  const v = Number(current(kr));
  const lo = Number(kr.rangeMin);
  const hi = Number(kr.rangeMax);
  if (![lo, hi].every(Number.isFinite)) return null;
  const nums = [lo, hi, v, Number(kr.startValue)].filter(Number.isFinite);
  let min = Math.min(...nums);
  let max = Math.max(...nums);
  const pad = (max - min || 1) * 0.15;
  min -= pad;
  max += pad;
  const pos = (x) => ((x - min) / (max - min)) * 100 + '%';
  const inside = v >= lo && v <= hi;
  return html`<div class="range-band" aria-hidden="true">
    <span class="range-zone" style=${{ left: pos(lo), width: `calc(${pos(hi)} - ${pos(lo)})` }}></span>
    ${Number.isFinite(v) ? html`<span class=${'range-now' + (inside ? ' inside' : '')} style=${{ left: pos(v) }}>◆</span>` : null}
    <span class="range-label num" style=${{ left: pos(lo) }}>${formatNumber(lo)}</span>
    <span class="range-label num range-label-hi" style=${{ left: pos(hi) }}>${formatNumber(hi)}</span>
  </div>`;
}

/** The facts line of a key result, per kind. */
export function KrFacts({ kr }) {
  const raw = Number(kr.rawProgress);
  const showStart = !isBinary(kr.kind) && kr.startValue !== null && kr.startValue !== undefined;
  return html`<div class=${'kr-facts kind-' + kr.kind}>
    <p class="kr-facts-line">
      <span class="kr-value num">${valueText(kr)}</span>
      <span class="kr-target num">${targetText(kr)}</span>
      ${showStart ? html`<span class="muted num">${t('kr.from', { start: withUnit(kr.startValue, kr.unit) })}</span>` : null}
      ${kr.kind === 'MILESTONE' || !kr.dueDate ? null : html`<span class="muted">${t('kr.due', { date: formatDate(kr.dueDate) })}</span>`}
      ${kr.kind === 'MISSION' ? html`<span class="tag aspirational">${t('krx.aspirational')}</span>` : null}
    </p>
    ${kr.kind === 'RANGE' ? html`<${RangeBand} kr=${kr} />` : null}
    ${
      raw > 1.0005
        ? html`<p class="over"><span aria-hidden="true">↑ </span>${t('krx.over', { pct: formatPercent(raw) })}</p>`
        : raw < -0.0005
          ? html`<p class="under"><span aria-hidden="true">↓ </span>${t('krx.under', { pct: formatPercent(raw) })}</p>`
          : null
    }
  </div>`;
}
