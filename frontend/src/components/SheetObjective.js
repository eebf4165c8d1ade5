// One objective of a scoring sheet: its score, each key result's scoring and peer reviews side by
// side, who reviews it, the viewer's own reviews (when chosen), its lessons.
import { html } from 'htm/preact';
import { t } from '../i18n/index.js';
import { ObjectiveLink } from './ObjectiveLink.js';
import { Avatar } from './Avatar.js';
import { ScoreBadge } from './Score.js';
import { Like } from './Like.js';
import { ScoreRow } from './ScoreRow.js';
import { PeerScores, ReviewForm, Reviewers } from './PeerReview.js';
import { Lessons } from './Lessons.js';
import { patchNode } from '../lib/retro.js';

/**
 * What the viewer may do with an objective of the sheet. The API has no `viewerCan` yet: the
 * owner and admins, and a lead who says so (`asLead`), get the controls; the server decides.
 */
export function sheetRights(objective, viewer, phase, asLead = false) {
  const reviewing = phase === 'REVIEWING';
  const editor = !!viewer && (objective.owner.id === viewer.id || viewer.role === 'ADMIN' || asLead);
  const chosen = !!viewer && (objective.reviewers || []).some((u) => u.id === viewer.id);
  // the server's word when it gave one (viewerCan): a lead offers scores only once they ask to
  const may = objective.viewerCan ? objective.viewerCan.score : true;
  return { score: reviewing && editor && may, review: reviewing && chosen };
}

/** The lead's "let me score and choose reviewers" (see sheetRights), shown when `shown`. */
export function LeadToggle({ shown, checked, onChange, label }) {
  if (!shown) return null;
  return html`<label class="check lead-mode">
    <input type="checkbox" checked=${checked} onChange=${(e) => onChange(e.currentTarget.checked)} />
    <span>${label}</span>
  </label>`;
}

/**
 * `update(fn)` folds an answer into the screen's data (fn: data → data); `embedded`: on the
 * objective's own page (which shows its title, owner and likes already).
 */
export function SheetObjective({ o, rights, me, update, embedded = false }) {
  const saveKr = (kr) => update((d) => patchNode(d, kr.id, (old) => ({ ...old, ...kr })));
  const saveReview = (krId, review) =>
    update((d) =>
      patchNode(d, krId, (kr) => {
        const rest = (kr.peerReviews || []).filter((r) => r.id !== review.id);
        return { ...kr, peerReviews: [...rest, review] };
      }),
    );
  const saveReviewers = (id, reviewers) => update((d) => patchNode(d, id, (x) => ({ ...x, reviewers })));
  const saveLessons = (id, lessons) => update((d) => patchNode(d, id, (x) => ({ ...x, lessons })));
  const krs = o.keyResults || [];
  return html`<article class="retro-obj card" data-id=${o.id}>
    <header class="retro-obj-head">
      ${
        embedded
          ? null
          : html`<h2 class="retro-obj-title"><${ObjectiveLink} o=${o} /></h2>
            <p class="retro-obj-who muted">
              <${Avatar} user=${o.owner} size="sm" /> <bdi>${o.owner.displayName}</bdi>
              ${o.team ? html`<span>· <bdi>${o.team.name}</bdi></span>` : null}
            </p>`
      }
      <p class="retro-obj-score">
        <${ScoreBadge} score=${o.score} label=${t('retro.objectiveScore')} />
        ${embedded ? null : html`<${Like} id=${o.id} count=${o.likeCount} liked=${o.likedByViewer} what=${o.title} />`}
      </p>
    </header>
    <ol class="retro-krs">
      ${krs.map(
        (kr) => html`<li key=${kr.id} class="retro-kr">
          <${ScoreRow} kr=${kr} editable=${rights.score} onSaved=${saveKr}>
            ${embedded ? null : html`<${Like} id=${kr.id} count=${kr.likeCount} liked=${kr.likedByViewer} what=${kr.title} />`}
          </${ScoreRow}>
          <${PeerScores} kr=${kr} />
          ${rights.review ? html`<${ReviewForm} kr=${kr} me=${me} onSaved=${saveReview} />` : null}
        </li>`,
      )}
    </ol>
    ${krs.length ? null : html`<p class="muted">${t('board.noKrs')}</p>`}
    <${Reviewers} objective=${o} editable=${rights.score} onSaved=${saveReviewers} />
    <${Lessons} objective=${o} editable=${rights.score} onSaved=${saveLessons} />
  </article>`;
}
