import { html } from 'htm/preact';
import { t, formatPercent } from '../i18n/index.js';
import { clamp01 } from '../lib/okr.js';

/**
 * A thin bar with the done share filled and a marker at the expected progress, so
 * "behind" is visible at a glance. `status` tints the fill; the percentage is printed
 * next to the bar in tabular numbers.
 */
export function ProgressBar({ value, expected = null, status = 'NOT_STARTED', showValue = true, size = 'md' }) {
  const p = clamp01(value);
  const e = expected === null || expected === undefined ? null : clamp01(expected);
  const pct = formatPercent(p);
  const label = e === null ? t('progress.labelNoExpected', { pct }) : t('progress.label', { pct, expected: formatPercent(e) });
  return html`<span class=${'progress progress-' + size}>
    <span
      class=${'bar status-' + status}
      role="progressbar"
      aria-valuemin="0"
      aria-valuemax="100"
      aria-valuenow=${Math.round(p * 100)}
      aria-valuetext=${label}
      title=${label}
    >
      <span class="bar-fill" style=${{ width: p * 100 + '%' }}></span>
      ${e === null ? null : html`<span class="bar-expected" style=${{ left: e * 100 + '%' }}></span>`}
    </span>
    ${showValue ? html`<span class="progress-value num" aria-hidden="true">${pct}</span>` : null}
  </span>`;
}
