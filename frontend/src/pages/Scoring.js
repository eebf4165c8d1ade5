// /cycle/<id>/scoring: the retrospective's scoring sheet (复盘会 评分) of a person (?owner=, me by
// default) or a team (?team=): every key result's completion, difficulty, effort, suggested and
// final score, peer reviews beside the owner's score, reviewers and lessons — live.
import { html } from 'htm/preact';
import { useState } from 'preact/hooks';
import { t } from '../i18n/index.js';
import { viewer, navigate } from '../store.js';
import { Q_SHEET } from '../api/retro.js';
import { useLive } from '../components/useLive.js';
import { PageMessage } from '../components/PageMessage.js';
import { CycleHead, cycleOf, useQuery } from '../components/CycleHead.js';
import { ScoreBadge, BandMark } from '../components/Score.js';
import { PersonPicker } from '../components/People.js';
import { SheetObjective, sheetRights, LeadToggle } from '../components/SheetObjective.js';
import { applyRetroEvent } from '../lib/retro.js';

/** A sheet query's answer with one event folded in (lib/retro.js applyRetroEvent). */
export const foldSheet = (me) => (d, ev) => {
  const out = applyRetroEvent(d.scoringSheet, ev, me);
  return { data: out.sheet === d.scoringSheet ? d : { ...d, scoringSheet: out.sheet }, refetch: out.refetch };
};

/** The bands and what they mean (a colour always comes with a shape and a word). */
export function BandLegend() {
  return html`<ul class="band-legend" aria-label=${t('retro.legend')}>
    ${['GREEN', 'YELLOW', 'RED'].map(
      (b) =>
        html`<li key=${b}><span class=${'score band-' + b}><${BandMark} band=${b} /></span> <span class="muted">${t('band.' + b + '.about')}</span></li>`,
    )}
  </ul>`;
}

/** What the phase means for the sheet: a preview before the retrospective, final once closed. */
export function PhaseNote({ phase }) {
  if (phase === 'REVIEWING') return null;
  return html`<p class="inline-notice inline-info" role="status">
    <span aria-hidden="true">ℹ</span> ${t(phase === 'CLOSED' ? 'retro.closedNote' : 'retro.previewNote')}
  </p>`;
}

export function Scoring({ cycleId }) {
  const me = viewer.value;
  const q = useQuery();
  const teamId = q.get('team');
  const ownerId = teamId ? null : q.get('owner') || me.id;
  const phase = (cycleOf(cycleId) || {}).phase;
  const [asLead, setAsLead] = useState(false);
  const [data, error, reload, update] = useLive(
    Q_SHEET,
    { c: cycleId, t: teamId, o: ownerId },
    [cycleId, teamId, ownerId],
    cycleId,
    foldSheet(me.id),
  );
  const base = '/cycle/' + encodeURIComponent(cycleId) + '/scoring';
  const go = (param, id) => navigate(id ? base + '?' + param + '=' + encodeURIComponent(id) : base, { replace: true });

  const sheet = data && data.scoringSheet;
  const objectives = (sheet && sheet.objectives) || [];
  const someoneElse = !teamId && ownerId !== me.id;
  const who = someoneElse && objectives.length ? objectives[0].owner.displayName : t('retro.someone');
  const leadAsk = (teamId || someoneElse) && me.role !== 'ADMIN' && phase === 'REVIEWING';

  return html`<main id="main" class="page scoring-page">
    <${CycleHead} cycleId=${cycleId} title=${t('retro.sheetTitle')}>
      <a class="btn btn-small" href=${'/cycle/' + encodeURIComponent(cycleId) + '/report' + (teamId ? '?team=' + encodeURIComponent(teamId) : '')}>${t('phase.link.report')}</a>
    </${CycleHead}>
    <div class="retro-pick card">
      <div class="field">
        <label for="sheet-of">${t('retro.sheetOf')}</label>
        <select id="sheet-of" value=${teamId ? 'team:' + teamId : someoneElse ? 'person' : 'me'} onChange=${(e) => {
          const v = e.currentTarget.value;
          if (v === 'me') go();
          else if (v.startsWith('team:')) go('team', v.slice(5));
        }}>
          <option value="me">${t('retro.mine')}</option>
          ${someoneElse ? html`<option value="person">${who}</option>` : null}
          <optgroup label=${t('retro.teams')}>
            ${((data && data.teams) || []).map((tm) => html`<option key=${tm.id} value=${'team:' + tm.id}>${tm.name}</option>`)}
          </optgroup>
        </select>
      </div>
      <${PersonPicker} id="sheet-person" label=${t('retro.someoneElse')} onPick=${(u) => go('owner', u.id)} />
      <${LeadToggle} shown=${leadAsk} checked=${asLead} onChange=${setAsLead} label=${t('retro.asLead')} />
    </div>
    <${PhaseNote} phase=${phase} />
    ${
      !sheet
        ? html`<${PageMessage} error=${error} onRetry=${reload} />`
        : html`<section class="retro-summary" aria-live="polite">
            <p>
              <span class="num">${t('retro.scoredCount', { scored: sheet.scoredCount, total: sheet.keyResultCount })}</span>
              ${' '}<${ScoreBadge} score=${sheet.score} label=${t('retro.sheetScore')} />
            </p>
            <${BandLegend} />
          </section>
          ${
            objectives.length
              ? objectives.map(
                  (o) =>
                    html`<${SheetObjective} key=${o.id} o=${o} rights=${sheetRights(o, me, phase, asLead)} me=${me.id} update=${update} />`,
                )
              : html`<p class="muted">${t('retro.nothing')}</p>`
          }`
    }
  </main>`;
}
