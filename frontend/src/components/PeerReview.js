// 互评: the reviewers an objective's owner or lead chooses, a reviewer's score and comment per key
// result, and the owner's score beside the peers' with a gap of 0.3 or more marked (in words too).
import { html } from 'htm/preact';
import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n/index.js';
import { gql } from '../api/client.js';
import { M_REVIEWERS, M_REVIEW } from '../api/retro.js';
import { Avatar } from './Avatar.js';
import { PersonPicker } from './People.js';
import { ScoreBadge } from './Score.js';
import { ScoreSelect } from './ScoreRow.js';
import { Count, FieldError, Notice } from './forms.js';
import { LIMITS } from '../lib/limits.js';
import { ownScore } from '../lib/retro.js';

const Gap = () => html`<strong class="gap-flag"><span aria-hidden="true">⚠</span> ${t('retro.gap')}</strong>`;

/** The owner's score and the peers', side by side, then each review. */
export function PeerScores({ kr }) {
  const reviews = kr.peerReviews || [];
  if (!reviews.length) return null;
  return html`<div class=${'peer' + (kr.peerGapFlagged ? ' has-gap' : '')} data-kr-id=${kr.id}>
    <p class="side-by-side">
      <${ScoreBadge} score=${ownScore(kr)} label=${t('retro.self')} />
      <${ScoreBadge} score=${kr.peerScore} label=${t('retro.peers', { count: reviews.length })} />
      ${kr.peerGapFlagged ? html`<${Gap} />` : null}
    </p>
    <ul class="reviews">
      ${reviews.map(
        (r) => html`<li key=${r.id} class=${r.gapFlagged ? 'gap' : ''}>
          <${Avatar} user=${r.reviewer} size="sm" />
          <span class="review-who">${r.reviewer ? r.reviewer.displayName : ''}</span>
          <${ScoreBadge} score=${r.score} />
          ${r.gapFlagged ? html`<${Gap} />` : null}
          ${r.comment ? html`<p class="review-comment">${r.comment}</p>` : null}
        </li>`,
      )}
    </ul>
  </div>`;
}

/** A chosen reviewer's score and comment on one key result (again: revised). */
export function ReviewForm({ kr, me, onSaved }) {
  const mine = (kr.peerReviews || []).find((r) => r.reviewer && r.reviewer.id === me);
  const [score, setScore] = useState(mine ? String(mine.score) : '');
  const [comment, setComment] = useState(mine ? mine.comment : '');
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(null);
  // revised on another device: show it
  useEffect(() => {
    if (!mine || busy) return;
    setScore(String(mine.score));
    setComment(mine.comment);
  }, [mine && mine.updatedAt]);
  const id = 'review-' + kr.id;
  const save = async (e) => {
    e.preventDefault();
    if (score === '') return setError(t('retro.pickScore'));
    setBusy(true);
    setError(null);
    try {
      const d = await gql(M_REVIEW, { id: kr.id, i: { score: Number(score), comment } });
      setDone(t('retro.reviewSaved'));
      onSaved(kr.id, d.reviewKeyResult);
    } catch (err) {
      setError(err.message);
    }
    setBusy(false);
  };
  return html`<form class="review-form" onSubmit=${save}>
    <h5 class="sub-title">${t(mine ? 'retro.yourReview' : 'retro.giveReview')}</h5>
    <div class="field">
      <label for=${id + '-score'}>${t('retro.peerScore')}</label>
      <${ScoreSelect} id=${id + '-score'} value=${score} onValue=${(v) => (setScore(v), setDone(null))} disabled=${busy} />
    </div>
    <div class="field">
      <label for=${id + '-comment'}>${t('retro.comment')}</label>
      <textarea id=${id + '-comment'} rows="2" maxlength=${LIMITS.note} value=${comment} onInput=${(e) => (setComment(e.currentTarget.value), setDone(null))}></textarea>
      <${Count} id=${id + '-comment-count'} value=${comment} max=${LIMITS.note} />
    </div>
    <div class="form-actions form-actions-start">
      <button type="submit" class="btn btn-primary" disabled=${busy}>${t(mine ? 'retro.updateReview' : 'retro.sendReview')}</button>
    </div>
    <${FieldError} id=${id + '-error'} message=${error} />
    <${Notice} message=${done} />
  </form>`;
}

/** Who reviews the objective: chips, and (for its owner or lead) a picker to add and remove. */
export function Reviewers({ objective, editable, onSaved }) {
  const list = objective.reviewers || [];
  const [error, setError] = useState(null);
  const save = async (people) => {
    setError(null);
    try {
      const d = await gql(M_REVIEWERS, { o: objective.id, u: people.map((u) => u.id) });
      onSaved(objective.id, d.setReviewers.reviewers);
    } catch (err) {
      setError(err.message);
    }
  };
  if (!list.length && !editable) return null;
  const id = 'reviewers-' + objective.id;
  return html`<div class="reviewers">
    <h4 class="sub-title" id=${id + '-title'}>${t('retro.reviewers')}</h4>
    <ul class="chips" aria-labelledby=${id + '-title'}>
      ${list.map(
        (u) => html`<li key=${u.id} class="chip">
          <${Avatar} user=${u} size="sm" /><bdi>${u.displayName}</bdi>
          ${
            editable
              ? html`<button type="button" class="btn btn-ghost btn-icon" aria-label=${t('retro.removeReviewer', { name: u.displayName })} onClick=${() => save(list.filter((x) => x.id !== u.id))}>
                <span aria-hidden="true">×</span>
              </button>`
              : null
          }
        </li>`,
      )}
      ${!list.length ? html`<li class="muted">${t('retro.noReviewers')}</li>` : null}
    </ul>
    ${
      editable
        ? html`<${PersonPicker}
          id=${id + '-add'}
          label=${t('retro.addReviewer')}
          exclude=${[objective.owner.id, ...list.map((u) => u.id)]}
          onPick=${(u) => save([...list, u])}
        />`
        : null
    }
    <${FieldError} id=${id + '-error'} message=${error} />
  </div>`;
}
