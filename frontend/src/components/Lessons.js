// An objective's lessons (复盘心得): what went well, what to improve, what to carry on. Saved with
// the version read: when someone saved meanwhile, both texts are shown and nobody's is lost.
import { html } from 'htm/preact';
import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n/index.js';
import { gql } from '../api/client.js';
import { M_LESSONS, Q_LESSONS } from '../api/retro.js';
import { Count, FieldError, Notice } from './forms.js';
import { LIMITS } from '../lib/limits.js';
import { LESSON_FIELDS, lessonsConflicts } from '../lib/retro.js';

const textOf = (l) => Object.fromEntries(LESSON_FIELDS.map((f) => [f, (l && l[f]) || '']));

export function Lessons({ objective, editable, onSaved }) {
  const saved = objective.lessons || { version: 0 };
  const [draft, setDraft] = useState(() => textOf(saved));
  const [dirty, setDirty] = useState(false);
  const [conflict, setConflict] = useState(null); // the lessons saved meanwhile by someone else
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(null);
  // saved elsewhere (live): show it — beside this form's text (with who wrote it) when it is being written
  useEffect(() => {
    if (!dirty) setDraft(textOf(saved));
    else theirs().then((l) => l && setConflict(l));
  }, [saved.version]);
  const theirs = () =>
    gql(Q_LESSONS, { o: objective.id }).then(
      (d) => d.objective && d.objective.lessons,
      () => null,
    );

  const id = 'lessons-' + objective.id;
  const write = async (version) => {
    setBusy(true);
    setError(null);
    try {
      const d = await gql(M_LESSONS, { o: objective.id, i: draft, v: version });
      setDirty(false);
      setConflict(null);
      setDone(t('retro.lessonsSaved'));
      onSaved(objective.id, d.setLessons);
    } catch (err) {
      if (err.code === 'CONFLICT') {
        const l = await theirs();
        if (l) setConflict(l);
      }
      setError(err.message);
    }
    setBusy(false);
  };

  if (!editable) {
    const any = LESSON_FIELDS.some((f) => saved[f]);
    return html`<section class="lessons" aria-labelledby=${id + '-title'}>
      <h4 class="sub-title" id=${id + '-title'}>${t('retro.lessons')}</h4>
      ${
        any
          ? html`<dl class="lessons-read">
            ${LESSON_FIELDS.filter((f) => saved[f]).map((f) => html`<dt>${t('retro.' + f)}</dt><dd>${saved[f]}</dd>`)}
          </dl>`
          : html`<p class="muted">${t('retro.noLessons')}</p>`
      }
    </section>`;
  }

  const clashing = conflict ? lessonsConflicts(draft, conflict) : [];
  return html`<form class="lessons" aria-labelledby=${id + '-title'} onSubmit=${(e) => (e.preventDefault(), write(saved.version))}>
    <h4 class="sub-title" id=${id + '-title'}>${t('retro.lessons')}</h4>
    ${LESSON_FIELDS.map(
      (f) => html`<div class="field" key=${f}>
        <label for=${id + '-' + f}>${t('retro.' + f)}</label>
        <textarea
          id=${id + '-' + f}
          rows="3"
          maxlength=${LIMITS.description}
          value=${draft[f]}
          onInput=${(e) => (setDraft({ ...draft, [f]: e.currentTarget.value }), setDirty(true), setDone(null))}
        ></textarea>
        <${Count} id=${id + '-' + f + '-count'} value=${draft[f]} max=${LIMITS.description} />
        ${
          clashing.includes(f)
            ? html`<div class="clash" role="group" aria-label=${t('retro.theirs', { name: conflict.updatedBy ? conflict.updatedBy.displayName : '' })}>
              <p class="clash-title">${t('retro.theirs', { name: conflict.updatedBy ? conflict.updatedBy.displayName : '' })}</p>
              <p class="clash-text">${conflict[f] || t('retro.empty')}</p>
              <button type="button" class="btn btn-small" onClick=${() => setDraft({ ...draft, [f]: conflict[f] || '' })}>${t('retro.takeTheirs')}</button>
            </div>`
            : null
        }
      </div>`,
    )}
    <div class="form-actions form-actions-start">
      ${
        conflict
          ? html`<button type="button" class="btn btn-primary" disabled=${busy} onClick=${() => write(conflict.version)}>${t('retro.keepMine')}</button>`
          : html`<button type="submit" class="btn btn-primary" disabled=${busy || !dirty}>${t('retro.saveLessons')}</button>`
      }
    </div>
    <${FieldError} id=${id + '-error'} message=${error} />
    <${Notice} message=${done} />
  </form>`;
}
