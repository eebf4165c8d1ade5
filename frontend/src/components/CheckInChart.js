// Check-in history as a small chart: the value over time (solid line and dots) against the
// expected line (dashed), a range's band shaded, today marked. The same history follows as a
// list, which is also what a screen reader gets.
import { html } from 'htm/preact';
import { useState } from 'preact/hooks';
import { t, formatNumber, formatDate } from '../i18n/index.js';
import { chartModel, checkInInput, checkInMode, implausibleValue, isBinary } from '../lib/krlogic.js';
import { gql } from '../api/client.js';
import { M_CORRECT_CHECK_IN, M_WITHDRAW_CHECK_IN } from '../api/okr.js';
import { FormError, errorsFrom } from './forms.js';
import { targetText, withUnit } from './KrBits.js';
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
  const standing = (checkIns || []).filter((c) => !c.retractedAt).length;
  const label = t('chart.label', { count: standing, value: fmt(last.value) });
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

/** What its author does to a wrong check-in: 'correct' (value, note) or 'withdraw' (a reason). */
function RetractForm({ kr, c, action, onDone }) {
  const [value, setValue] = useState(String(c.value));
  const [text, setText] = useState(action === 'correct' ? c.note : '');
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const [doubt, setDoubt] = useState(null); // as in the sheet: an implausible value, once confirmed
  const id = (f) => `retract-${c.id}-${f}`;
  const submit = async (ev) => {
    ev.preventDefault();
    setError(null);
    let vars = { id: c.id, reason: text };
    if (action === 'correct') {
      const { input, errors } = checkInInput(kr, { value, note: text });
      if (errors.value) return setError(t(errors.value));
      const why = input.value === undefined ? null : implausibleValue(kr, input.value);
      if (why && doubt?.value !== input.value) return setDoubt({ value: input.value, why });
      vars = { id: c.id, input: { value: input.value, note: input.note || '', confidence: c.confidence } };
    }
    setBusy(true);
    try {
      await gql(action === 'correct' ? M_CORRECT_CHECK_IN : M_WITHDRAW_CHECK_IN, vars);
      onDone(true);
    } catch (err) {
      setBusy(false);
      setError(errorsFrom(err, [])._form);
    }
  };
  const number = action === 'correct' && checkInMode(kr) !== 'none';
  return html`<form class="retract-form" onSubmit=${submit} novalidate>
    ${
      number
        ? html`<label for=${id('value')}>${t('history.correctValue')}</label>
          <input
            id=${id('value')}
            class="num"
            type="text"
            inputmode="decimal"
            autocomplete="off"
            value=${value}
            onInput=${(e) => (setValue(e.currentTarget.value), setDoubt(null))}
          />`
        : null
    }
    <label for=${id('text')}>${t(action === 'correct' ? 'checkin.note' : 'history.reason')}</label>
    <input id=${id('text')} type="text" maxlength=${action === 'correct' ? 2000 : 500} value=${text} onInput=${(e) => setText(e.currentTarget.value)} />
    <${FormError} id=${id('error')} message=${error} />
    ${
      doubt
        ? html`<p class="inline-notice inline-info checkin-doubt" role="alert">
            <span aria-hidden="true">?</span> ${t(doubt.why === 'NEGATIVE' ? 'checkin.doubtNegative' : 'checkin.doubtFar', { value: formatNumber(doubt.value), target: targetText(kr) })}
          </p>`
        : null
    }
    <div class="card-actions">
      <button type="button" class="btn btn-small" onClick=${() => onDone(false)}>${t('form.cancel')}</button>
      <button type="submit" class="btn btn-small btn-primary" disabled=${busy}>${
        doubt
          ? t('checkin.confirm', { value: formatNumber(doubt.value) })
          : t(action === 'correct' ? 'history.saveCorrection' : 'history.confirmWithdraw')
      }</button>
    </div>
  </form>`;
}

/** How a retracted check-in is marked: corrected, or withdrawn with the reason. */
function retractedText(c) {
  const who = c.retractedBy ? c.retractedBy.displayName : '';
  const date = formatDate(String(c.retractedAt).slice(0, 10));
  return c.correctedBy ? t('history.corrected', { who, date }) : t('history.withdrawn', { who, date, reason: c.retractReason });
}

/**
 * The check-ins as a list, newest first (author, value, confidence, note — all as text).
 * `me`: the viewer's id — their own standing check-ins can be corrected or withdrawn (when they
 * may check in here: `canRetract`); `onChanged` after one was.
 */
export function CheckInHistory({ kr, checkIns, me, canRetract, onChanged }) {
  const [open, setOpen] = useState(null); // { id, action } of the form shown
  const list = checkIns || [];
  if (!list.length) return html`<p class="muted history-empty">${t('history.none')}</p>`;
  const fmt = (v) => (isBinary(kr.kind) ? t(v >= 1 ? 'kr.done' : 'kr.notDone') : withUnit(v, kr.unit));
  const done = (changed) => {
    setOpen(null);
    if (changed && onChanged) onChanged();
  };
  return html`<details class="history">
    <summary>${t('history.title', { count: list.filter((c) => !c.retractedAt).length })}</summary>
    <ol class="history-list">
      ${list.map(
        (c) => html`<li key=${c.id} class=${c.retractedAt ? 'history-retracted' : undefined}>
          <span class="history-when num">${formatDate(String(c.createdAt).slice(0, 10))}</span>
          ${c.retractedAt ? html`<s class="history-value num">${fmt(c.value)}</s>` : html`<span class="history-value num">${fmt(c.value)}</span>`}
          ${
            c.confidence !== null && c.confidence !== undefined
              ? html`<span class="muted num">${t('kr.confidence', { value: c.confidence })}</span>`
              : null
          }
          ${c.author ? html`<bdi class="muted">${c.author.displayName}</bdi>` : null}
          ${'likeCount' in c ? html`<${Like} id=${c.id} count=${c.likeCount} liked=${c.likedByViewer} what=${t('history.checkIn', { value: fmt(c.value) })} />` : null}
          ${c.note ? html`<p class="history-note">${c.retractedAt ? html`<s>${c.note}</s>` : c.note}</p>` : null}
          ${c.retractedAt ? html`<p class="history-mark">${retractedText(c)}</p>` : null}
          ${
            !c.retractedAt && canRetract && c.author && c.author.id === me && open?.id !== c.id
              ? html`<span class="history-actions">
                  ${['correct', 'withdraw'].map(
                    (
                      action,
                    ) => html`<button type="button" class="btn btn-ghost btn-small" aria-label=${t(`history.${action}Of`, { value: fmt(c.value) })} onClick=${() => setOpen({ id: c.id, action })}>
                      ${t(`history.${action}`)}
                    </button>`,
                  )}
                </span>`
              : null
          }
          ${open?.id === c.id ? html`<${RetractForm} kr=${kr} c=${c} action=${open.action} onDone=${done} />` : null}
        </li>`,
      )}
    </ol>
  </details>`;
}
