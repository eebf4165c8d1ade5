// /cycles: the cycles' phases (admins move them). DRAFTING (圆桌会) → ALIGNING (共识会) → TRACKING
// (推进会) → REVIEWING (复盘会) → CLOSED, one step forward, or one step back with a reason, each
// confirmed; every member is notified. Each cycle's moves are listed with their reasons.
import { html } from 'htm/preact';
import { useState } from 'preact/hooks';
import { t, formatDate } from '../i18n/index.js';
import { gql } from '../api/client.js';
import { viewer, refreshAsks } from '../store.js';
import { Q_PHASES, M_SET_PHASE } from '../api/cycle.js';
import { useLoad } from '../components/useLoad.js';
import { PageMessage } from '../components/PageMessage.js';
import { Avatar } from '../components/Avatar.js';
import { When } from '../components/When.js';
import { Count, FieldError } from '../components/forms.js';
import { LIMITS } from '../lib/limits.js';
import { PHASES, phaseMoves } from '../lib/cycle.js';

function Steps({ phase }) {
  const at = PHASES.indexOf(phase);
  return html`<ol class="steps">
    ${PHASES.map(
      (p, i) => html`<li key=${p} class=${i < at ? 'done' : i === at ? 'now' : ''} aria-current=${i === at ? 'step' : undefined}>
        <span class="step-dot" aria-hidden="true">${i < at ? '✓' : i + 1}</span>
        <span>${t('phase.' + p)}</span>
      </li>`,
    )}
  </ol>`;
}

/** The confirmation of a move: what happens, the reason (required to go back), confirm / cancel. */
function Confirm({ cycle, to, back, onDone, onCancel }) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const id = 'move-' + cycle.id;
  const go = async (e) => {
    e.preventDefault();
    if (back && !reason.trim()) return setError(t('phases.reasonNeeded'));
    setBusy(true);
    setError(null);
    try {
      const d = await gql(M_SET_PHASE, { id: cycle.id, p: to, r: reason.trim() || null });
      onDone(d.setCyclePhase);
    } catch (err) {
      setError(err.message);
      setBusy(false);
    }
  };
  return html`<form class="confirm" role="group" aria-labelledby=${id + '-q'} onSubmit=${go}>
    <p id=${id + '-q'}><strong>${t(back ? 'phases.confirmBack' : 'phases.confirmForward', { cycle: cycle.name, from: t('phase.' + cycle.phase), to: t('phase.' + to) })}</strong></p>
    <p class="muted">${t('phases.everyone')}</p>
    <div class="field">
      <label for=${id + '-reason'}>${t(back ? 'phases.reasonBack' : 'phases.reasonForward')}</label>
      <textarea
        id=${id + '-reason'}
        rows="2"
        maxlength=${LIMITS.reason}
        value=${reason}
        aria-invalid=${error && back && !reason.trim() ? 'true' : undefined}
        onInput=${(e) => setReason(e.currentTarget.value)}
      ></textarea>
      <${Count} id=${id + '-reason-count'} value=${reason} max=${LIMITS.reason} />
    </div>
    <${FieldError} id=${id + '-error'} message=${error} />
    <div class="form-actions form-actions-start">
      <button type="submit" class="btn btn-primary" disabled=${busy}>${t(back ? 'phases.doBack' : 'phases.doForward', { to: t('phase.' + to) })}</button>
      <button type="button" class="btn" disabled=${busy} onClick=${onCancel}>${t('form.cancel')}</button>
    </div>
  </form>`;
}

function History({ changes }) {
  if (!changes.length) return html`<p class="muted">${t('phases.noMoves')}</p>`;
  return html`<ol class="phase-history">
    ${changes.map(
      (m, i) => html`<li key=${i}>
        ${m.actor ? html`<${Avatar} user=${m.actor} size="sm" />` : null}
        <span>
          <strong>${m.actor ? m.actor.displayName : ''}</strong>
          ${' '}${m.previous ? t('phases.moved', { from: t('phase.' + m.previous), to: t('phase.' + m.phase) }) : t('phases.movedTo', { to: t('phase.' + m.phase) })}
          ${m.reason ? html`<span class="phase-reason">${t('phase.because', { reason: m.reason })}</span>` : null}
        </span>
        <${When} at=${m.at} />
      </li>`,
    )}
  </ol>`;
}

function CycleCard({ cycle, admin, onMoved }) {
  const [move, setMove] = useState(null); // the phase to confirm a move to
  const { forward, back } = phaseMoves(cycle.phase);
  return html`<article class="card cycle-card" data-id=${cycle.id} data-phase=${cycle.phase}>
    <header class="cycle-card-head">
      <h2 class="section-title" dir="auto">${cycle.name}</h2>
      <span class="muted num">${formatDate(cycle.startsOn)} – ${formatDate(cycle.endsOn)}</span>
    </header>
    <${Steps} phase=${cycle.phase} />
    <p class="muted">${t('phase.about.' + cycle.phase)}</p>
    ${
      admin && !move && (forward || back)
        ? html`<div class="form-actions form-actions-start">
          ${forward ? html`<button type="button" class="btn btn-primary move-forward" onClick=${() => setMove(forward)}>${t('phases.forward', { to: t('phase.' + forward) })}</button>` : null}
          ${back ? html`<button type="button" class="btn move-back" onClick=${() => setMove(back)}>${t('phases.back', { to: t('phase.' + back) })}</button>` : null}
        </div>`
        : null
    }
    ${
      move
        ? html`<${Confirm}
          cycle=${cycle}
          to=${move}
          back=${move === back}
          onCancel=${() => setMove(null)}
          onDone=${(c) => (setMove(null), onMoved(c))}
        />`
        : null
    }
    <details class="history">
      <summary>${t('phases.history', { count: cycle.phaseChanges.length })}</summary>
      <${History} changes=${cycle.phaseChanges} />
    </details>
  </article>`;
}

export function CyclePhases() {
  const admin = (viewer.value || {}).role === 'ADMIN';
  const [data, error, reload, update] = useLoad(Q_PHASES, null, []);
  const moved = (c) => {
    update((d) => ({ cycles: d.cycles.map((x) => (x.id === c.id ? { ...x, ...c } : x)) }));
    refreshAsks(); // the board's phase and what it asks
  };
  const list = data ? [...data.cycles].sort((a, b) => (a.startsOn < b.startsOn ? 1 : a.startsOn > b.startsOn ? -1 : 0)) : null;
  return html`<main id="main" class="page phases-page">
    <div class="page-head"><h1 class="page-title">${t('phases.title')}</h1></div>
    <p class="muted">${t(admin ? 'phases.about' : 'phases.adminsOnly')}</p>
    ${list ? list.map((c) => html`<${CycleCard} key=${c.id} cycle=${c} admin=${admin} onMoved=${moved} />`) : html`<${PageMessage} error=${error} onRetry=${reload} />`}
  </main>`;
}
