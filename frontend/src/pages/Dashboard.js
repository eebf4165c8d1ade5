// /cycle/<id>/dashboard[?team=|?owner=]: the managers' dashboard (数据看板) of the company, a team
// with its sub-teams, or a person — progress, statuses, who has gone quiet, alignment, scores,
// progress against expected over the weeks, top movers. Every bar and number opens the list it
// counts (under its chart); every figure and list downloads as CSV.
import { html } from 'htm/preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { t, formatPercent, formatDate, formatInstant } from '../i18n/index.js';
import { viewer, cycles, navigate } from '../store.js';
import { Q_DASHBOARD } from '../api/reach.js';
import { useLoad } from '../components/useLoad.js';
import { PageMessage } from '../components/PageMessage.js';
import { CycleHead, useQuery } from '../components/CycleHead.js';
import { ObjectiveLink } from '../components/ObjectiveLink.js';
import { ProgressBar } from '../components/ProgressBar.js';
import { StatusBadge } from '../components/StatusBadge.js';
import { PersonPicker } from '../components/People.js';
import { Columns, Bars, Timeline, ChartTable, tCount } from '../components/DashCharts.js';
import { drill, dashboardPath, teamTree, isFor } from '../lib/dashboard.js';

const STATUS_TONE = { BEHIND: 'red', AT_RISK: 'amber', ON_TRACK: 'green', DONE: 'accent', NOT_STARTED: 'grey' };
const FRESH_TONE = { 0: 'green', 7: 'amber', 14: 'red' };
const pct = (x) => formatPercent(x);

function Csv({ href, label }) {
  return href ? html`<a class="btn btn-small dash-csv" href=${href} download>${label || t('dash.csv')}</a>` : null;
}

/** Who a drill-down row is: a person's dashboard is one tap away. */
function Person({ user, cycleId }) {
  return user ? html`<a class="muted" href=${dashboardPath(cycleId, { owner: user.id })}><bdi>${user.displayName}</bdi></a>` : null;
}

function KeyResultItem({ kr, cycleId }) {
  return html`<li class="drill-item">
    <div class="drill-main">
      <span class="drill-title">${kr.title}</span>
      <${ObjectiveLink} o=${kr.objective} />
    </div>
    <div class="drill-meta">
      <${Person} user=${kr.owner} cycleId=${cycleId} />
      <span class="num">${pct(kr.progress)}</span>
      <span class="num">${kr.score !== null ? t('dash.finalScore', { score: kr.score.toFixed(1) }) : t('dash.suggestedScore', { score: kr.suggestedScore.toFixed(1) })}</span>
    </div>
  </li>`;
}

function ObjectiveItem({ o, cycleId }) {
  return html`<li class="drill-item">
    <div class="drill-main"><${ObjectiveLink} o=${o} /></div>
    <div class="drill-meta">
      <${Person} user=${o.owner} cycleId=${cycleId} />
      ${o.team ? html`<span class="muted">${o.team.name}</span>` : null}
      <${ProgressBar} value=${o.progress} status=${o.status} size="sm" />
      <${StatusBadge} status=${o.status} />
    </div>
  </li>`;
}

function PersonItem({ p, cycleId }) {
  return html`<li class="drill-item">
    <div class="drill-main">
      <${Person} user=${p.user} cycleId=${cycleId} />
      <span class="num">${tCount('dash.silentDays', { days: p.silentDays })}</span>
      <span class="muted">${p.lastCheckInAt ? t('dash.lastCheckIn', { when: formatInstant(p.lastCheckInAt) }) : t('dash.neverCheckedIn')}</span>
    </div>
    <ul class="drill-krs">
      ${p.keyResults.map(
        (s) => html`<li key=${s.keyResult.id}>
          <a href=${'/objective/' + encodeURIComponent(s.keyResult.objective.id)}>${s.keyResult.title}</a>
          <span class="muted num"> · ${tCount('dash.silentDays', { days: s.silentDays })}</span>
        </li>`,
      )}
    </ul>
  </li>`;
}

function MoverItem({ m, cycleId }) {
  const up = m.delta >= 0;
  return html`<li class="drill-item">
    <div class="drill-main"><${ObjectiveLink} o=${m.objective} /></div>
    <div class="drill-meta">
      <${Person} user=${m.objective.owner} cycleId=${cycleId} />
      <span class="num">${pct(m.before)} → ${pct(m.after)}</span>
      <span class=${'num mover-delta ' + (up ? 'up' : 'down')}>${up ? '▲ +' : '▼ '}${t('dash.points', { n: Math.round(m.delta * 100) })}</span>
    </div>
  </li>`;
}

const ITEMS = { objectives: ObjectiveItem, keyResults: KeyResultItem, people: PersonItem, movers: MoverItem };
const itemKey = (kind, i) => (kind === 'people' ? i.user.id : kind === 'movers' ? i.objective.id : i.id);
const itemProp = { objectives: 'o', keyResults: 'kr', people: 'p', movers: 'm' };

/** The list a figure's bucket counts, under its chart; its heading takes the focus. */
function Drill({ data, open, cycleId, onClose }) {
  const list = drill(data, open.figure, open.bucket);
  const head = useRef(null);
  // before the browser paints: the list is announced from its heading, whatever runs next
  useLayoutEffect(() => head.current && head.current.focus(), [open.figure, open.bucket]);
  if (!list) return null;
  const Item = ITEMS[list.kind];
  return html`<section class="drill" aria-labelledby="drill-title" data-figure=${open.figure}>
    <div class="drill-head">
      <h3 id="drill-title" tabindex="-1" ref=${head}>${open.title} <span class="muted num">(${list.items.length})</span></h3>
      <${Csv} href=${list.csv} />
      <button type="button" class="btn btn-ghost btn-small" onClick=${onClose}>${t('dash.close')}</button>
    </div>
    ${
      list.items.length
        ? html`<ul class="drill-list">${list.items.map((i) => html`<${Item} key=${itemKey(list.kind, i)} cycleId=${cycleId} ...${{ [itemProp[list.kind]]: i }} />`)}</ul>`
        : html`<p class="muted">${t('dash.emptyList')}</p>`
    }
  </section>`;
}

/** A figure's card: its title, its download, its chart, and the list opened from it. */
function Figure({ id, title, csv, note, owns, state, children }) {
  const { open, data, cycleId, close } = state;
  return html`<section class=${'card dash-figure dash-' + id} aria-labelledby=${'fig-' + id} data-figure=${id}>
    <div class="dash-figure-head">
      <h2 class="section-title" id=${'fig-' + id}>${title}</h2>
      <${Csv} href=${csv} />
    </div>
    ${note ? html`<p class="muted dash-note">${note}</p>` : null}
    ${children}
    ${open && owns.includes(open.figure) ? html`<${Drill} data=${data} open=${open} cycleId=${cycleId} onClose=${close} />` : null}
  </section>`;
}

function Scope({ cycleId, teams, team, owner }) {
  const go = (scope) => navigate(dashboardPath(cycleId, scope));
  const me = viewer.value;
  return html`<div class="card dash-scope">
    <div class="field">
      <label for="dash-cycle">${t('dash.cycle')}</label>
      <select id="dash-cycle" value=${cycleId} onChange=${(e) => navigate(dashboardPath(e.currentTarget.value, { team, owner }))}>
        ${(cycles.value || []).map((c) => html`<option key=${c.id} value=${c.id}>${c.name}</option>`)}
      </select>
    </div>
    <div class="field">
      <label for="dash-team">${t('dash.scope')}</label>
      <select id="dash-team" value=${owner ? '' : team || ''} onChange=${(e) => go({ team: e.currentTarget.value || null })}>
        <option value="">${t('dash.company')}</option>
        ${teamTree(teams || []).map((tm) => html`<option key=${tm.id} value=${tm.id}>${'\u00a0\u00a0'.repeat(tm.depth) + tm.name}</option>`)}
      </select>
    </div>
    <div class="field dash-person">
      <span class="field-label" aria-hidden="true">${t('dash.person')}</span>
      <${PersonPicker} id="dash-person" label=${t('dash.pickPerson')} onPick=${(u) => go({ owner: u.id })} />
      ${me ? html`<a class="btn btn-small" href=${dashboardPath(cycleId, { owner: me.id })} aria-current=${owner === me.id ? 'page' : undefined}>${t('dash.mine')}</a>` : null}
    </div>
  </div>`;
}

export function Dashboard({ cycleId }) {
  const q = useQuery();
  const team = q.get('team');
  const owner = q.get('owner');
  const [data, error, reload] = useLoad(Q_DASHBOARD, { c: cycleId, t: owner ? null : team, o: owner }, [cycleId, team, owner]);
  const [open, setOpen] = useState(null);
  useEffect(() => setOpen(null), [cycleId, team, owner]);
  const shown = data && data.dashboard;
  const d = isFor(shown, cycleId, { team, owner }) ? shown : null;
  const toggle = (figure, bucket, title) =>
    setOpen(open && open.figure === figure && open.bucket === bucket ? null : { figure, bucket, title });
  const state = { open, data: d, cycleId, close: () => setOpen(null) };
  const openKey = (figure) => (open && open.figure === figure ? open.bucket : null);

  let scopeName = t('dash.company');
  if (d && d.owner) scopeName = d.owner.displayName;
  else if (d && d.team) scopeName = t('dash.teamWithSubteams', { team: d.team.name });

  return html`<main id="main" class="page dashboard-page">
    <${CycleHead} cycleId=${cycleId} title=${t('dash.title')} />
    <${Scope} cycleId=${cycleId} teams=${data && data.teams} team=${team} owner=${owner} />
    ${!d ? html`<${PageMessage} error=${error} onRetry=${reload} />` : html`<${Body} d=${d} state=${state} toggle=${toggle} openKey=${openKey} scopeName=${scopeName} />`}
  </main>`;
}

function Body({ d, state, toggle, openKey, scopeName }) {
  const objectives = tCount('dash.objectivesOf', { count: d.objectiveCount });
  const progressBuckets = d.progressDistribution.map((b) => {
    const range = `${Math.round(b.lower * 100)}–${Math.round(b.upper * 100)}%`;
    return {
      key: b.bucket,
      count: b.count,
      label: String(Math.round(b.lower * 100)),
      name: tCount('dash.bucketObjectives', { what: range, count: b.count }),
      range,
    };
  });
  const scoreBuckets = d.scores.buckets.map((b) => ({
    key: b.bucket,
    count: b.count,
    label: b.bucket,
    name: tCount('dash.bucketKrs', { what: b.bucket, count: b.count }),
    final: b.finalCount,
    suggested: b.suggestedCount,
  }));
  const statusItems = d.statusCounts.map((s) => ({
    key: s.bucket,
    count: s.count,
    share: d.objectiveCount ? s.count / d.objectiveCount : 0,
    tone: STATUS_TONE[s.status],
    label: html`<${StatusBadge} status=${s.status} />`,
    text: t('status.' + s.status),
  }));
  const people = d.freshness.reduce((n, b) => n + b.count, 0);
  const freshItems = d.freshness.map((b) => ({
    key: b.bucket,
    count: b.count,
    share: people ? b.count / people : 0,
    tone: FRESH_TONE[b.minDays] || 'red',
    text:
      b.maxDays === null
        ? t('dash.silentAtLeast', { days: b.minDays })
        : b.minDays === 0
          ? t('dash.checkedInWithin', { days: b.maxDays + 1 })
          : t('dash.silentBetween', { from: b.minDays, to: b.maxDays }),
  }));
  freshItems.forEach((i) => (i.label = i.text));
  const figureTitle = (key) => t('dash.figure.' + key);
  return html`
    <p class="dash-asof muted">${scopeName} · ${t('dash.asOf', { when: formatInstant(d.asOf) })}</p>
    <section class="dash-kpis" aria-label=${t('dash.summary')}>
      <button type="button" class="card dash-kpi" data-kpi="objectives" onClick=${() => toggle('OBJECTIVES', null, figureTitle('OBJECTIVES'))}>
        <span class="dash-kpi-value num">${d.objectiveCount}</span><span class="dash-kpi-label">${t('dash.kpi.objectives')}</span>
      </button>
      <div class="card dash-kpi"><span class="dash-kpi-value num">${d.keyResultCount}</span><span class="dash-kpi-label">${t('dash.kpi.keyResults')}</span></div>
      <div class="card dash-kpi">
        <span class="dash-kpi-value num">${pct(d.averageProgress)}</span>
        <span class="dash-kpi-label">${t('dash.kpi.progress', { expected: pct(d.averageExpected) })}</span>
      </div>
      <div class="card dash-kpi">
        <span class="dash-kpi-value num">${d.scores.averageScore === null ? '–' : d.scores.averageScore.toFixed(1)}</span>
        <span class="dash-kpi-label">${t('dash.kpi.score', { scored: d.scores.scoredCount })}</span>
      </div>
    </section>
    ${state.open && state.open.figure === 'OBJECTIVES' ? html`<${Figure} id="objectives" title=${objectives} csv=${d.csv_OBJECTIVES} owns=${['OBJECTIVES']} state=${state} />` : null}
    <div class="dash-grid">
      <${Figure} id="progress" title=${figureTitle('PROGRESS')} csv=${d.csv_PROGRESS} owns=${['PROGRESS']} state=${state} note=${t('dash.progressNote')}>
        <${Columns} buckets=${progressBuckets} label=${figureTitle('PROGRESS')} open=${openKey('PROGRESS')}
          onPick=${(k) => toggle('PROGRESS', k, t('dash.progressBetween', { range: progressBuckets.find((b) => b.key === k).range }))} />
        <${ChartTable} caption=${figureTitle('PROGRESS')} head=${[t('dash.col.progress'), t('dash.col.objectives')]}
          rows=${progressBuckets.map((b) => [b.range, { key: b.key, text: b.count }])}
          onPick=${(k) => toggle('PROGRESS', k, t('dash.progressBetween', { range: progressBuckets.find((b) => b.key === k).range }))} />
      <//>
      <${Figure} id="status" title=${figureTitle('STATUS')} csv=${d.csv_STATUS} owns=${['STATUS']} state=${state}>
        <${Bars} items=${statusItems} open=${openKey('STATUS')} onPick=${(k) => toggle('STATUS', k, t('status.' + k))} />
      <//>
      <${Figure} id="freshness" title=${figureTitle('FRESHNESS')} csv=${d.csv_FRESHNESS} owns=${['FRESHNESS']} state=${state}
        note=${t('dash.freshnessNote', { people })}>
        <${Bars} items=${freshItems} open=${openKey('FRESHNESS')} onPick=${(k) => toggle('FRESHNESS', k, freshItems.find((i) => i.key === k).text)} />
      <//>
      <${Figure} id="alignment" title=${figureTitle('ALIGNMENT')} csv=${d.csv_ALIGNMENT} owns=${['ALIGNMENT', 'UNALIGNED_KEY_RESULTS']} state=${state}>
        ${d.alignment.map(
          (c) => html`<div key=${c.level} class="dash-coverage">
            <p><strong>${t('dash.coverage.' + c.level)}</strong> <span class="num">${t('dash.coverageShare', { share: pct(c.share), aligned: c.aligned.count, count: c.count })}</span></p>
            <${Bars}
              items=${[
                {
                  key: c.aligned.bucket,
                  count: c.aligned.count,
                  share: c.count ? c.aligned.count / c.count : 0,
                  tone: 'green',
                  label: t('dash.aligned'),
                },
                {
                  key: c.unaligned.bucket,
                  count: c.unaligned.count,
                  share: c.count ? c.unaligned.count / c.count : 0,
                  tone: 'amber',
                  label: t('dash.unaligned'),
                },
              ]}
              open=${openKey('ALIGNMENT')}
              onPick=${(k) => toggle('ALIGNMENT', k, t('dash.coverage.' + c.level) + ' · ' + t(k === c.aligned.bucket ? 'dash.aligned' : 'dash.unaligned'))}
            />
          </div>`,
        )}
        <button type="button" class="link-button dash-unaligned-krs" aria-pressed=${state.open && state.open.figure === 'UNALIGNED_KEY_RESULTS' ? 'true' : 'false'}
          onClick=${() => toggle('UNALIGNED_KEY_RESULTS', null, t('dash.unalignedKrs'))}>
          ${tCount('dash.unalignedKrsCount', { count: d.unalignedKeyResults.count })}
        </button>
      <//>
      <${Figure} id="scores" title=${figureTitle('SCORES')} csv=${d.csv_SCORES} owns=${['SCORES']} state=${state}
        note=${t('dash.scoresNote', { scored: d.scores.scoredCount, unscored: d.scores.unscored.count })}>
        <${Columns} buckets=${scoreBuckets} label=${figureTitle('SCORES')} open=${openKey('SCORES')} onPick=${(k) => toggle('SCORES', k, t('dash.scoreIs', { score: k }))} />
        <${ChartTable} caption=${figureTitle('SCORES')} head=${[t('dash.col.score'), t('dash.col.final'), t('dash.col.suggested')]}
          rows=${scoreBuckets.map((b) => [b.label, b.final, { key: b.key, text: b.suggested }])}
          onPick=${(k) => toggle('SCORES', k, t('dash.scoreIs', { score: k }))} />
        <button type="button" class="link-button" data-bucket="UNSCORED" onClick=${() => toggle('SCORES', 'UNSCORED', t('dash.unscored'))}>
          ${tCount('dash.unscoredCount', { count: d.scores.unscored.count })}
        </button>
      <//>
      <${Figure} id="timeline" title=${figureTitle('TIMELINE')} csv=${d.csv_TIMELINE} owns=${[]} state=${state} note=${t('dash.timelineNote')}>
        <${Timeline} points=${d.progressOverTime} asOf=${d.asOf}
          label=${t('dash.timelineLabel', { actual: pct(d.averageProgress), expected: pct(d.averageExpected) })} />
        <${ChartTable} caption=${figureTitle('TIMELINE')} head=${[t('dash.col.week'), t('chart.expected'), t('chart.actual')]}
          rows=${d.progressOverTime.map((p) => [formatDate(p.at), pct(p.expected), p.actual === null ? '–' : pct(p.actual)])} />
      <//>
      <${Figure} id="movers" title=${figureTitle('MOVERS')} csv=${d.csv_MOVERS} owns=${[]} state=${state}
        note=${t('dash.moversSince', { since: formatInstant(d.since) })}>
        ${d.topMovers.length ? html`<ul class="drill-list">${drill(d, 'MOVERS').items.map((m) => html`<${MoverItem} key=${m.objective.id} m=${m} cycleId=${state.cycleId} />`)}</ul>` : html`<p class="muted">${t('dash.noMovers')}</p>`}
      <//>
    </div>`;
}
