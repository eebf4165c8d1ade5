// The retrospective on an objective's page: its part of the scoring sheet — the key results'
// scores, the peer reviews beside them, who reviews it, the viewer's own reviews, its lessons.
import { html } from 'htm/preact';
import { useState } from 'preact/hooks';
import { t } from '../i18n/index.js';
import { viewer } from '../store.js';
import { Q_SHEET_OBJECTIVE } from '../api/retro.js';
import { useLive } from './useLive.js';
import { PageMessage } from './PageMessage.js';
import { SheetObjective, sheetRights, LeadToggle } from './SheetObjective.js';
import { applyRetroEvent } from '../lib/retro.js';

// the objective as a one-objective sheet, so that the sheet's fold applies
const fold = (d, ev) => {
  const out = applyRetroEvent({ objectives: [d.objective] }, ev, (viewer.value || {}).id);
  return { data: out.sheet.objectives[0] === d.objective ? d : { objective: out.sheet.objectives[0] }, refetch: out.refetch };
};

export function RetroSection({ id, phase }) {
  const me = viewer.value || {};
  const [asLead, setAsLead] = useState(false);
  const [data, error, reload, update] = useLive(Q_SHEET_OBJECTIVE, { id }, [id], (d) => d.objective && d.objective.cycle.id, fold);
  const o = data && data.objective;
  const leadAsk = o && phase === 'REVIEWING' && o.owner.id !== me.id && me.role !== 'ADMIN';
  return html`<section class="obj-section retro-section" aria-labelledby="retro-title">
    <h2 id="retro-title" class="section-title">${t('retro.section')}</h2>
    <${LeadToggle} shown=${leadAsk} checked=${asLead} onChange=${setAsLead} label=${t('retro.asLeadOne')} />
    ${o ? html`<${SheetObjective} o=${o} rights=${sheetRights(o, me, phase, asLead)} me=${me.id} update=${update} embedded=${true} />` : html`<${PageMessage} error=${error} onRetry=${reload} />`}
  </section>`;
}
