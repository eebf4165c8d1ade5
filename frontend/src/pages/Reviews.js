// /cycle/<id>/reviews: the peer reviews (互评) the viewer was chosen to give — each key result of
// those objectives, its completion, and the viewer's score and comment.
import { html } from 'htm/preact';
import { t } from '../i18n/index.js';
import { viewer } from '../store.js';
import { Q_SHEET } from '../api/retro.js';
import { useLive } from '../components/useLive.js';
import { PageMessage } from '../components/PageMessage.js';
import { CycleHead, cycleOf } from '../components/CycleHead.js';
import { ObjectiveLink } from '../components/ObjectiveLink.js';
import { ProgressBar } from '../components/ProgressBar.js';
import { ReviewForm } from '../components/PeerReview.js';
import { reviewsToGive, patchNode } from '../lib/retro.js';
import { foldSheet, PhaseNote } from './Scoring.js';

export function Reviews({ cycleId }) {
  const me = viewer.value;
  const phase = (cycleOf(cycleId) || {}).phase;
  const [data, error, reload, update] = useLive(Q_SHEET, { c: cycleId }, [cycleId], cycleId, foldSheet(me.id));
  const saveReview = (krId, review) =>
    update((d) =>
      patchNode(d, krId, (kr) => ({ ...kr, peerReviews: [...(kr.peerReviews || []).filter((r) => r.id !== review.id), review] })),
    );
  const asked = data ? reviewsToGive(data.scoringSheet.objectives, me.id) : null;
  return html`<main id="main" class="page reviews-page">
    <${CycleHead} cycleId=${cycleId} title=${t('retro.reviewsTitle')} />
    <${PhaseNote} phase=${phase} />
    ${
      !asked
        ? html`<${PageMessage} error=${error} onRetry=${reload} />`
        : asked.length
          ? asked.map(
              ({ objective: o, left }) => html`<article key=${o.id} class="retro-obj card" data-id=${o.id}>
                <header class="retro-obj-head">
                  <${ObjectiveLink} o=${o} />
                  <p class="muted"><bdi>${o.owner.displayName}</bdi> · ${t(left ? (left === 1 ? 'retro.leftOne' : 'retro.left') : 'retro.allReviewed', { count: left })}</p>
                </header>
                <ol class="retro-krs">
                  ${o.keyResults.map(
                    (kr) => html`<li key=${kr.id} class="retro-kr" data-kr-id=${kr.id}>
                      <h4 class="score-title" dir="auto">${kr.title}</h4>
                      <div class="score-completion">
                        <span class="score-label">${t('retro.completion')}</span>
                        <${ProgressBar} value=${kr.completion} status=${kr.completion >= 1 ? 'DONE' : 'NOT_STARTED'} />
                      </div>
                      ${phase === 'REVIEWING' ? html`<${ReviewForm} kr=${kr} me=${me.id} onSaved=${saveReview} />` : null}
                    </li>`,
                  )}
                </ol>
              </article>`,
            )
          : html`<p class="muted">${t('retro.noReviewsAsked')}</p>`
    }
  </main>`;
}
