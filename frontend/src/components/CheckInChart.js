// Check-in history as a small chart: the value over time (solid line and dots) against the
// expected line (dashed), a range's band shaded, today marked. The same history follows as a
// list, which is also what a screen reader gets.
import { html } from 'htm/preact';
import { t, formatNumber, formatDate } from '../i18n/index.js';
import { chartModel, isBinary } from '../lib/krlogic.js';
import { withUnit } from './KrBits.js';
import { Like } from './Like.js';

const W = 300;
const H = 100;
const px = (p) => `${(p.x * W).toFixed(1)},${((1 - p.y) * H).toFixed(1)}`;
const isoDay = (ms) => new Date(ms).toISOString().slice(0, 10);

export function CheckInChart({ kr, cycle, checkIns }) {
  const m = chartModel(kr, cycle, checkIns);
  if (!m || !m.points.length) return null;
  const binary = isBinary(kr.kind);
  const fmt = (v) => (binary ? t(v >= 1 ? 'kr.done' : 'kr.notDone') : withUnit(v, kr.unit));
  const last = m.points[m.points.length - 1];
  const label = t('chart.label', { count: (checkIns || []).length, value: fmt(last.value) });
  return html`<figure class="chart">
    <div class="chart-box">
      <span class="chart-y chart-y-top num" aria-hidden="true">${binary ? t('kr.done') : formatNumber(m.yMax)}</span>
      <svg viewBox=${`0 0 ${W} ${H}`} preserveAspectRatio="none" role="img" aria-label=${label}>
        ${
          m.band
            ? html`<rect class="chart-band" x="0" width=${W} y=${((1 - m.band.y1) * H).toFixed(1)} height=${((m.band.y1 - m.band.y0) * H).toFixed(1)} />`
            : null
        }
        ${m.now !== null ? html`<line class="chart-now" x1=${m.now * W} x2=${m.now * W} y1="0" y2=${H} />` : null}
        ${m.expected.length ? html`<polyline class="chart-expected" points=${m.expected.map(px).join(' ')} />` : null}
        <polyline class="chart-line" points=${m.points.map(px).join(' ')} />
        ${m.points.map((p, i) => html`<path key=${i} class="chart-dot" d=${`M${px(p)}h0`} />`)}
      </svg>
      <span class="chart-y chart-y-bottom num" aria-hidden="true">${binary ? t('kr.notDone') : formatNumber(m.yMin)}</span>
    </div>
    <figcaption class="chart-legend">
      <span class="num">${formatDate(isoDay(m.t0))}</span>
      <span class="legend-item"><span class="swatch swatch-line" aria-hidden="true"></span>${t('chart.actual')}</span>
      <span class="legend-item"><span class="swatch swatch-expected" aria-hidden="true"></span>${t('chart.expected')}</span>
      <span class="num">${formatDate(isoDay(m.t1))}</span>
    </figcaption>
  </figure>`;
}

/** The check-ins as a list, newest first (author, value, confidence, note — all as text). */
export function CheckInHistory({ kr, checkIns }) {
  const list = checkIns || [];
  if (!list.length) return html`<p class="muted history-empty">${t('history.none')}</p>`;
  const fmt = (v) => (isBinary(kr.kind) ? t(v >= 1 ? 'kr.done' : 'kr.notDone') : withUnit(v, kr.unit));
  return html`<details class="history">
    <summary>${t('history.title', { count: list.length })}</summary>
    <ol class="history-list">
      ${list.map(
        (c) => html`<li key=${c.id}>
          <span class="history-when num">${formatDate(String(c.createdAt).slice(0, 10))}</span>
          <span class="history-value num">${fmt(c.value)}</span>
          ${
            c.confidence !== null && c.confidence !== undefined
              ? html`<span class="muted num">${t('kr.confidence', { value: c.confidence })}</span>`
              : null
          }
          ${c.author ? html`<bdi class="muted">${c.author.displayName}</bdi>` : null}
          ${'likeCount' in c ? html`<${Like} id=${c.id} count=${c.likeCount} liked=${c.likedByViewer} what=${t('history.checkIn', { value: fmt(c.value) })} />` : null}
          ${c.note ? html`<p class="history-note">${c.note}</p>` : null}
        </li>`,
      )}
    </ol>
  </details>`;
}
