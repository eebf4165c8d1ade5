// Scoring one key result (复盘): its completion, difficulty and effort (0–1, 0.5 = normal) giving
// the suggested score, and the final score — the suggestion, or another one with a reason.
// Made for a thumb: range sliders and a select, each with its value in words.
import { html } from 'htm/preact';
import { useEffect, useState } from 'preact/hooks';
import { t, formatPercent } from '../i18n/index.js';
import { gql } from '../api/client.js';
import { M_SCORE } from '../api/retro.js';
import { ProgressBar } from './ProgressBar.js';
import { ScoreBadge } from './Score.js';
import { Count, FieldError, Notice } from './forms.js';
import { LIMITS } from '../lib/limits.js';
import { scoreForm, scoreInput, factorWord, SCORE_STEPS } from '../lib/retro.js';
import { scoreBand } from '../lib/cycle.js';

const fmt = (x) => Number(x).toFixed(1);

/** "0.8 · harder than normal" */
const factorText = (name, x) => fmt(x) + ' · ' + t('retro.' + name + '.' + factorWord(x));

function Factor({ id, name, value, onValue, disabled }) {
  return html`<div class="factor">
    <label for=${id}>${t('retro.' + name)}</label>
    <input
      id=${id}
      type="range"
      min="0"
      max="1"
      step="0.1"
      value=${value}
      disabled=${disabled}
      aria-valuetext=${factorText(name, value)}
      onInput=${(e) => onValue(Number(e.currentTarget.value))}
    />
    <output for=${id} class="num">${factorText(name, value)}</output>
  </div>`;
}

/** A select of final scores, each with its band's word: "0.7 · achieved". `suggested` heads the list. */
export function ScoreSelect({ id, value, onValue, suggested, disabled, describedBy }) {
  return html`<select id=${id} value=${value} disabled=${disabled} aria-describedby=${describedBy} onChange=${(e) => onValue(e.currentTarget.value)}>
    ${suggested !== undefined ? html`<option value="">${t('retro.useSuggested', { score: fmt(suggested) })}</option>` : html`<option value="">${t('retro.pick')}</option>`}
    ${SCORE_STEPS.map((s) => html`<option key=${s} value=${String(s)}>${fmt(s)} · ${t('band.' + scoreBand(s))}</option>`)}
  </select>`;
}

/**
 * One key result of a sheet: read-only, or the form when `editable`. `onSaved(kr)`: the answer;
 * `children`: shown beside the title (its like).
 */
export function ScoreRow({ kr, editable, onSaved, children }) {
  const [form, setForm] = useState(() => scoreForm(kr));
  const [dirty, setDirty] = useState(false);
  const [errors, setErrors] = useState({});
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(null);
  // scored meanwhile (by the lead, on another device): show it, unless this form is being changed
  useEffect(() => {
    if (!dirty) setForm(scoreForm(kr));
  }, [kr.score, kr.difficulty, kr.effort, kr.scoreReason, kr.suggestedScore]);

  const { suggested, final, override } = scoreInput(kr, form);
  const change = (field) => (v) => {
    setForm({ ...form, [field]: v });
    setDirty(true);
    setDone(null);
    setErrors({}); // what was wrong is being changed
  };
  const save = async (e) => {
    e.preventDefault();
    const { input, errors: problems } = scoreInput(kr, form);
    if (Object.keys(problems).length) return setErrors(Object.fromEntries(Object.entries(problems).map(([f, k]) => [f, t(k)])));
    setBusy(true);
    setErrors({});
    try {
      const d = await gql(M_SCORE, { id: kr.id, i: input });
      setDirty(false);
      setDone(t('retro.saved', { score: fmt(d.scoreKeyResult.score) }));
      onSaved(d.scoreKeyResult);
    } catch (err) {
      setErrors({ [err.field === 'reason' || err.field === 'score' ? err.field : '_form']: err.message });
    }
    setBusy(false);
  };

  const pid = 'score-' + kr.id;
  const scored = kr.score !== null && kr.score !== undefined;
  return html`<form class=${'score-row' + (scored ? ' scored' : '')} data-kr-id=${kr.id} onSubmit=${save}>
    <div class="score-head">
      <h3 class="score-title" dir="auto">${kr.title}</h3>
      <span class="muted num">${t('kr.weight', { weight: formatPercent((Number(kr.weight) || 0) / 100) })}</span>
      ${children}
    </div>
    <div class="score-completion">
      <span class="score-label">${t('retro.completion')}</span>
      <${ProgressBar} value=${kr.completion} status=${kr.completion >= 1 ? 'DONE' : 'NOT_STARTED'} />
    </div>
    ${
      editable
        ? html`<${Factor} id=${pid + '-difficulty'} name="difficulty" value=${form.difficulty} onValue=${change('difficulty')} disabled=${busy} />
          <${Factor} id=${pid + '-effort'} name="effort" value=${form.effort} onValue=${change('effort')} disabled=${busy} />`
        : html`<p class="factors-read muted num">
          ${t('retro.difficulty')}: ${factorText('difficulty', kr.difficulty)} · ${t('retro.effort')}: ${factorText('effort', kr.effort)}
        </p>`
    }
    <p class="score-suggested" aria-live="polite">
      <${ScoreBadge} score=${editable ? suggested : kr.suggestedScore} label=${t('retro.suggested')} />
      <span class="muted formula">${t('retro.formula')}</span>
    </p>
    ${
      editable
        ? html`<div class="field score-final">
            <label for=${pid + '-final'}>${t('retro.final')}</label>
            <${ScoreSelect} id=${pid + '-final'} value=${form.score} onValue=${change('score')} suggested=${suggested} disabled=${busy} />
            <${FieldError} id=${pid + '-score-error'} message=${errors.score} />
          </div>
          ${
            override
              ? html`<div class="field">
                <label for=${pid + '-reason'}>${t('retro.reason', { score: fmt(final), suggested: fmt(suggested) })}</label>
                <textarea
                  id=${pid + '-reason'}
                  rows="2"
                  maxlength=${LIMITS.reason}
                  value=${form.reason}
                  aria-invalid=${errors.reason ? 'true' : undefined}
                  aria-describedby=${errors.reason ? pid + '-reason-error' : undefined}
                  onInput=${(e) => change('reason')(e.currentTarget.value)}
                ></textarea>
                <${Count} id=${pid + '-reason-count'} value=${form.reason} max=${LIMITS.reason} />
                <${FieldError} id=${pid + '-reason-error'} message=${errors.reason} />
              </div>`
              : null
          }
          <div class="form-actions form-actions-start">
            <button type="submit" class="btn btn-primary" disabled=${busy}>${t(scored ? 'retro.resubmit' : 'retro.submit', { score: fmt(final) })}</button>
            ${scored && !dirty ? html`<span class="muted">${t('retro.scoredAs', { score: fmt(kr.score) })}</span>` : null}
          </div>
          <${FieldError} id=${pid + '-error'} message=${errors._form} />
          <${Notice} message=${done} />`
        : html`<p class="score-final-read">
          ${scored ? html`<${ScoreBadge} score=${kr.score} label=${t('retro.final')} />` : html`<span class="muted">${t('retro.notScored')}</span>`}
          ${kr.scoreReason ? html`<span class="score-reason">${t('retro.because', { reason: kr.scoreReason })}</span>` : null}
        </p>`
    }
  </form>`;
}
