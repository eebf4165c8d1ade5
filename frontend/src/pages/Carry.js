// /cycle/<id>/carry: carry forward (复盘 → the next cycle). From a cycle being reviewed or closed,
// pick unfinished objectives and a cycle that still takes drafts: each is copied there as a draft
// whose key results start where they stopped (never its check-ins).
import { html } from 'htm/preact';
import { useState } from 'preact/hooks';
import { t } from '../i18n/index.js';
import { gql } from '../api/client.js';
import { viewer, cycles } from '../store.js';
import { Q_CARRY, M_CARRY } from '../api/retro.js';
import { useLoad } from '../components/useLoad.js';
import { PageMessage } from '../components/PageMessage.js';
import { CycleHead, cycleOf } from '../components/CycleHead.js';
import { ProgressBar } from '../components/ProgressBar.js';
import { StatusBadge } from '../components/StatusBadge.js';
import { FieldError } from '../components/forms.js';
import { carryCandidates, carryTargets } from '../lib/retro.js';
import { hasScores } from '../lib/cycle.js';

export function Carry({ cycleId }) {
  const me = viewer.value;
  const phase = (cycleOf(cycleId) || {}).phase;
  const targets = carryTargets(cycles.value, cycleId);
  const [data, error, reload] = useLoad(Q_CARRY, { c: cycleId }, [cycleId]);
  const [onlyMine, setOnlyMine] = useState(me.role !== 'ADMIN');
  const [picked, setPicked] = useState(() => new Set());
  const [to, setTo] = useState('');
  const [problem, setProblem] = useState(null);
  const [busy, setBusy] = useState(false);
  const [made, setMade] = useState(null); // the copies, once made
  const target = to || (targets[0] || {}).id || '';

  const all = data ? carryCandidates(data.objectives) : [];
  const shown = onlyMine ? all.filter((o) => o.owner.id === me.id) : all;
  const toggle = (id, on) => {
    const next = new Set(picked);
    if (on) next.add(id);
    else next.delete(id);
    setPicked(next);
  };
  const carry = async (e) => {
    e.preventDefault();
    if (!picked.size) return setProblem(t('carry.pickSome'));
    setBusy(true);
    setProblem(null);
    try {
      const d = await gql(M_CARRY, { ids: [...picked], to: target });
      setMade({ cycle: cycleOf(target), list: d.carryForward });
      setPicked(new Set());
    } catch (err) {
      setProblem(err.message);
    }
    setBusy(false);
  };

  let body;
  if (phase && !hasScores(phase)) body = html`<p class="muted">${t('carry.notYet')}</p>`;
  else if (!data) body = html`<${PageMessage} error=${error} onRetry=${reload} />`;
  else if (!targets.length) body = html`<p class="muted">${t('carry.noTarget')}</p>`;
  else
    body = html`<form class="card carry-form" onSubmit=${carry}>
      <div class="field">
        <label for="carry-to">${t('carry.to')}</label>
        <select id="carry-to" value=${target} onChange=${(e) => setTo(e.currentTarget.value)}>
          ${targets.map((c) => html`<option key=${c.id} value=${c.id}>${c.name} · ${t('phase.' + c.phase)}</option>`)}
        </select>
      </div>
      <label class="check">
        <input type="checkbox" checked=${onlyMine} onChange=${(e) => setOnlyMine(e.currentTarget.checked)} />
        <span>${t('carry.onlyMine')}</span>
      </label>
      <fieldset class="carry-list">
        <legend>${t('carry.unfinished', { count: shown.length })}</legend>
        ${shown.length ? null : html`<p class="muted">${t('carry.none')}</p>`}
        ${shown.map(
          (o) => html`<label key=${o.id} class="carry-item" data-id=${o.id}>
            <input type="checkbox" checked=${picked.has(o.id)} onChange=${(e) => toggle(o.id, e.currentTarget.checked)} />
            <span class="carry-what">
              <span class="carry-title">${o.title}</span>
              <span class="muted">${o.owner.displayName}${o.team ? ' · ' + o.team.name : ''} · ${t('carry.krs', { count: o.keyResults.length })}</span>
              <span class="track"><${ProgressBar} value=${o.progress} status=${o.status} /><${StatusBadge} status=${o.status} /></span>
            </span>
          </label>`,
        )}
      </fieldset>
      <p class="muted">${t('carry.what')}</p>
      <${FieldError} id="carry-error" message=${problem} />
      <div class="form-actions form-actions-start">
        <button type="submit" class="btn btn-primary" disabled=${busy || !picked.size}>${t('carry.go', { count: picked.size })}</button>
      </div>
    </form>`;

  return html`<main id="main" class="page carry-page">
    <${CycleHead} cycleId=${cycleId} title=${t('carry.title')} />
    ${
      made
        ? html`<section class="card carried" role="status">
          <p><span aria-hidden="true">✓</span> ${t('carry.done', { count: made.list.length, cycle: made.cycle ? made.cycle.name : '' })}</p>
          <ul>${made.list.map((o) => html`<li key=${o.id}><a href=${'/objective/' + encodeURIComponent(o.id) + '/edit'}>${o.title}</a></li>`)}</ul>
        </section>`
        : null
    }
    ${body}
  </main>`;
}
