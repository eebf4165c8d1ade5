import { html } from 'htm/preact';
import { t } from '../i18n/index.js';
import { scoreBand } from '../lib/cycle.js';

// A band is never colour alone: each has a shape and a word.
const SHAPES = { GREEN: '●', YELLOW: '◐', RED: '○' };

/** A band's shape and word in its colour. */
export const BandMark = ({ band }) => html`<span aria-hidden="true">${SHAPES[band]}</span>
  <span class="score-word">${t('band.' + band)}</span>`;

/** A 0–1 score with its band (DESIGN §4) in colour, shape and word: "0.7 ● achieved". */
export function ScoreBadge({ score, band = scoreBand(score), label }) {
  if (score === null || score === undefined) return null;
  const s = Number(score).toFixed(1);
  return html`<span class=${'score band-' + band} title=${t('band.' + band + '.about')}>
    ${label ? html`<span class="score-label">${label}</span>` : null}
    <span class="score-value num">${s}</span>
    <${BandMark} band=${band} />
  </span>`;
}
