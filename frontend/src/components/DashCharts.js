// The dashboard's charts, drawn as inline SVG in the theme's colours (so dark mode follows):
// columns (a distribution), bars (counts with words), a line over time against the expected.
// Every bar is a button that opens its list; each chart has its numbers as a table too (under
// "Show as table"), which is also what a screen reader reads.
import { html } from 'htm/preact';
import { t, formatPercent, formatDate } from '../i18n/index.js';
import { columns, timeline } from '../lib/dashboard.js';

/** `t` with the singular (`key.one`) when `params.count` (or `params.days`) is 1 and it has one. */
export function tCount(key, params) {
  const one = key + '.one';
  const n = 'count' in params ? params.count : params.days;
  return n === 1 && t(one) !== one ? t(one, params) : t(key, params);
}

const W = 320;
const H = 150;
const TOP = 16; // room for the counts above the columns
const AXIS = 20; // room for the labels under them

const pick = (onPick, key) => (e) => {
  if (e.type === 'click' || e.key === 'Enter' || e.key === ' ') {
    e.preventDefault();
    onPick(key);
  }
};

/** The numbers of a chart as a table: `rows` are [label, count, key|null]; a key makes it a button. */
export function ChartTable({ caption, head, rows, onPick }) {
  return html`<details class="dash-table">
    <summary>${t('dash.asTable')}</summary>
    <table>
      <caption class="sr-only">${caption}</caption>
      <thead><tr>${head.map((h) => html`<th scope="col">${h}</th>`)}</tr></thead>
      <tbody>
        ${rows.map(
          ([label, ...cells]) => html`<tr>
            <th scope="row">${label}</th>
            ${cells.map((c) => html`<td class="num">${c && c.key !== undefined ? html`<button type="button" class="link-button" onClick=${() => onPick(c.key)}>${c.text}</button>` : c}</td>`)}
          </tr>`,
        )}
      </tbody>
    </table>
  </details>`;
}

/**
 * A distribution as columns: `buckets` [{ key, count, label, name }] — `label` under the column,
 * `name` what the column is called aloud ("40–50 %: 3 objectives"). `open` is the key shown.
 */
export function Columns({ buckets, label, open, onPick }) {
  const cols = columns(buckets);
  const step = W / cols.length;
  const bw = Math.min(step * 0.7, 40);
  const plot = H - TOP - AXIS;
  return html`<svg class="dash-columns" viewBox=${`0 0 ${W} ${H}`} role="group" aria-label=${label}>
    <line class="dash-axis" x1="0" x2=${W} y1=${H - AXIS + 0.5} y2=${H - AXIS + 0.5} />
    ${cols.map((c, i) => {
      const x = i * step + (step - bw) / 2;
      const h = Math.max(c.h * plot, c.count ? 2 : 0);
      const y = H - AXIS - h;
      // named by its <title>: an aria-label would leave the figures it shows out of its name
      return html`<g
        key=${c.key}
        class=${'dash-col' + (open === c.key ? ' open' : '') + (c.count ? '' : ' empty')}
        role="button"
        tabindex="0"
        aria-pressed=${open === c.key ? 'true' : 'false'}
        data-bucket=${c.key}
        onClick=${pick(onPick, c.key)}
        onKeyDown=${pick(onPick, c.key)}
      >
        <title>${c.name}</title>
        <rect class="dash-hit" x=${i * step} y="0" width=${step} height=${H} />
        <rect class="dash-fill" x=${x} y=${y} width=${bw} height=${h} rx="2" />
        <text class="dash-count" x=${x + bw / 2} y=${y - 4} text-anchor="middle">${c.count}</text>
        <text class="dash-label" x=${x + bw / 2} y=${H - 6} text-anchor="middle">${c.label}</text>
      </g>`;
    })}
  </svg>`;
}

/** Counts as rows of buttons: [{ key, label (text or markup), count, share 0…1, tone }]. */
export function Bars({ items, open, onPick }) {
  return html`<ul class="dash-bars">
    ${items.map(
      (i) => html`<li key=${i.key}>
        <button type="button" class=${'dash-bar' + (open === i.key ? ' open' : '')} aria-pressed=${open === i.key ? 'true' : 'false'} data-bucket=${i.key} onClick=${() => onPick(i.key)}>
          <span class="dash-bar-label">${i.label}</span>
          <svg class="dash-bar-svg" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true">
            <rect class="dash-track" width="100" height="10" rx="2" />
            <rect class=${'dash-fill tone-' + (i.tone || 'accent')} width=${Math.max(i.share * 100, i.count ? 1.5 : 0)} height="10" rx="2" />
          </svg>
          <span class="dash-bar-count num">${i.count}</span>
        </button>
      </li>`,
    )}
  </ul>`;
}

const px = (p, w, h) => `${(p.x * w).toFixed(1)},${(TOP / 2 + (1 - p.y) * h).toFixed(1)}`;

/** Progress over time (solid) against the expected (dashed), asOf marked; the weeks as a table. */
export function Timeline({ points, asOf, label }) {
  const m = timeline(points, asOf);
  if (!m) return html`<p class="muted">${t('dash.noData')}</p>`;
  const left = 34;
  const w = W - left - 4;
  const h = H - AXIS - TOP / 2;
  const at = (p) => px(p, w, h);
  return html`<figure class="dash-timeline">
    <svg viewBox=${`0 0 ${W} ${H}`} role="img" aria-label=${label}>
      ${[0, 0.5, 1].map(
        (v) => html`<g key=${v}>
          <line class="dash-rule" x1=${left} x2=${W} y1=${TOP / 2 + (1 - v) * h} y2=${TOP / 2 + (1 - v) * h} />
          <text class="dash-label" x=${left - 4} y=${TOP / 2 + (1 - v) * h + 3} text-anchor="end">${formatPercent(v)}</text>
        </g>`,
      )}
      <g transform=${`translate(${left} 0)`}>
        ${m.now !== null ? html`<line class="dash-now" x1=${m.now * w} x2=${m.now * w} y1=${TOP / 2} y2=${TOP / 2 + h} />` : null}
        <polyline class="dash-expected" points=${m.expected.map(at).join(' ')} />
        ${m.actual.length ? html`<polyline class="dash-actual" points=${m.actual.map(at).join(' ')} />` : null}
        ${m.actual.map((p) => html`<circle key=${p.at} class="dash-dot" cx=${(p.x * w).toFixed(1)} cy=${(TOP / 2 + (1 - p.y) * h).toFixed(1)} r="2.5" />`)}
      </g>
      <text class="dash-label" x=${left} y=${H - 4}>${formatDate(m.t0)}</text>
      <text class="dash-label" x=${W - 2} y=${H - 4} text-anchor="end">${formatDate(m.t1)}</text>
    </svg>
    <figcaption class="chart-legend">
      <span class="legend-item"><span class="swatch swatch-line" aria-hidden="true"></span>${t('chart.actual')}</span>
      <span class="legend-item"><span class="swatch swatch-expected" aria-hidden="true"></span>${t('chart.expected')}</span>
    </figcaption>
  </figure>`;
}
