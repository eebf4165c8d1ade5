// /cycle/<id>/report: the retrospective report (复盘报告) of the company or a team (?team=) — how
// many key results are scored, the scores by team with their bands, each objective's score and
// lessons — and the downloads the server makes of it.
import { html } from 'htm/preact';
import { t, formatPercent } from '../i18n/index.js';
import { viewer } from '../store.js';
import { Q_SHEET } from '../api/retro.js';
import { useLive } from '../components/useLive.js';
import { PageMessage } from '../components/PageMessage.js';
import { CycleHead, cycleOf, useQuery, TeamSelect } from '../components/CycleHead.js';
import { ScoreBadge, BandMark } from '../components/Score.js';
import { ObjectiveLink } from '../components/ObjectiveLink.js';
import { Like } from '../components/Like.js';
import { reportGroups, exportLinks, LESSON_FIELDS } from '../lib/retro.js';
import { foldSheet, PhaseNote, BandLegend } from './Scoring.js';

const BANDS = ['GREEN', 'YELLOW', 'RED'];

function Bands({ bands }) {
  return html`<span class="band-counts">
    ${BANDS.map((b) => html`<span key=${b} class=${'score band-' + b}><span class="num">${bands[b]}</span> <${BandMark} band=${b} /></span>`)}
  </span>`;
}

function ObjectiveLine({ o }) {
  const lessons = LESSON_FIELDS.filter((f) => o.lessons && o.lessons[f]);
  return html`<li class="report-obj" data-id=${o.id}>
    <div class="report-obj-head">
      <${ObjectiveLink} o=${o} />
      <span class="muted">${o.owner.displayName}</span>
      <span class="muted num">${t('retro.completionIs', { pct: formatPercent(o.progress) })}</span>
      <${ScoreBadge} score=${o.score} />
      <${Like} id=${o.id} count=${o.likeCount} liked=${o.likedByViewer} what=${o.title} />
    </div>
    ${
      lessons.length
        ? html`<dl class="lessons-read">${lessons.map((f) => html`<dt>${t('retro.' + f)}</dt><dd>${o.lessons[f]}</dd>`)}</dl>`
        : null
    }
  </li>`;
}

export function Report({ cycleId }) {
  const me = viewer.value;
  const teamId = useQuery().get('team');
  const phase = (cycleOf(cycleId) || {}).phase;
  const [data, error, reload] = useLive(Q_SHEET, { c: cycleId, t: teamId }, [cycleId, teamId], cycleId, foldSheet(me.id));
  const base = '/cycle/' + encodeURIComponent(cycleId) + '/report';
  const sheet = data && data.scoringSheet;
  const groups = sheet ? reportGroups(sheet.objectives, data.teams) : [];
  const bands = { GREEN: 0, YELLOW: 0, RED: 0 };
  groups.forEach((g) => BANDS.forEach((b) => (bands[b] += g.bands[b])));
  return html`<main id="main" class="page report-page">
    <${CycleHead} cycleId=${cycleId} title=${t('retro.reportTitle')} />
    <div class="report-tools card">
      <${TeamSelect} id="report-team" label=${t('retro.reportOf')} base=${base} teamId=${teamId} teams=${data && data.teams} />
      <p class="downloads">
        <span>${t('retro.download')}</span>
        ${exportLinks(cycleId, teamId).map((l) => html` <a key=${l.ext} class="btn btn-small" href=${l.href} download>${t('retro.format.' + l.ext)}</a>`)}
      </p>
    </div>
    <${PhaseNote} phase=${phase} />
    ${
      !sheet
        ? html`<${PageMessage} error=${error} onRetry=${reload} />`
        : html`<section class="report-summary card" aria-label=${t('retro.summary')}>
              <p>
                <span class="num">${t('retro.objectivesCount', { count: sheet.objectives.length })}</span> ·
                <span class="num">${t('retro.scoredCount', { scored: sheet.scoredCount, total: sheet.keyResultCount })}</span>
              </p>
              <p><${ScoreBadge} score=${sheet.score} label=${t('retro.sheetScore')} /> <${Bands} bands=${bands} /></p>
              <${BandLegend} />
            </section>
            ${
              groups.length > 1
                ? html`<section class="card" aria-labelledby="by-team">
                  <h2 class="section-title" id="by-team">${t('retro.byTeam')}</h2>
                  <table class="report-table">
                    <thead>
                      <tr><th scope="col">${t('board.team')}</th><th scope="col">${t('retro.objectives')}</th><th scope="col">${t('retro.score')}</th><th scope="col">${t('retro.bands')}</th></tr>
                    </thead>
                    <tbody>
                      ${groups.map(
                        (g) => html`<tr key=${g.teamId || 'company'}>
                          <th scope="row">${g.name || t('retro.companyLevel')}</th>
                          <td class="num">${g.objectives.length}</td>
                          <td><${ScoreBadge} score=${g.score} /></td>
                          <td><${Bands} bands=${g.bands} /></td>
                        </tr>`,
                      )}
                    </tbody>
                  </table>
                </section>`
                : null
            }
            ${groups.map(
              (g) => html`<section key=${g.teamId || 'company'} class="report-group" aria-label=${g.name || t('retro.companyLevel')}>
                <h2 class="section-title">${g.name || t('retro.companyLevel')}</h2>
                <ul class="report-list">${g.objectives.map((o) => html`<${ObjectiveLine} key=${o.id} o=${o} />`)}</ul>
              </section>`,
            )}
            ${groups.length ? null : html`<p class="muted">${t('retro.nothing')}</p>`}`
    }
  </main>`;
}
