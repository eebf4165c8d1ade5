// /new and /objective/<id>/edit: write an objective, align it (to a parent objective, or by
// converting a parent's key result), add key results with a form per kind, set the weights
// (the running sum must be 100 to publish) and publish. Writing help sits beside the fields;
// hints on each title come as it is typed (WritingHints.js).
import { html } from 'htm/preact';
import { useState, useEffect, useRef } from 'preact/hooks';
import { signal } from '@preact/signals';
import { t, formatNumber } from '../i18n/index.js';
import { gql } from '../api/client.js';
import { viewer, cycles, cycleId, navigate } from '../store.js';
import { Q_EDIT, Q_CANDIDATES, M_CREATE_OBJECTIVE, M_UPDATE_OBJECTIVE, M_PUBLISH, M_ARCHIVE_KR, M_SET_WEIGHTS } from '../api/okr.js';
import { Q_TEAMS } from '../api/org.js';
import { Field, FormError, Notice, errorsFrom, FieldError } from '../components/forms.js';
import { LIMITS } from '../lib/limits.js';
import { ObjectiveHelp } from '../components/WritingHelp.js';
import { KrForm } from '../components/KrForm.js';
import { HintedTitle } from '../components/WritingHints.js';
import { targetText } from '../components/KrBits.js';
import { weightSum, weightsProblem, evenWeights, parseNumber } from '../lib/krlogic.js';
import { useLoad } from '../components/useLoad.js';
import { PageMessage } from '../components/PageMessage.js';
import { PersonPicker } from '../components/People.js';

const LEVELS = ['PERSONAL', 'TEAM', 'COMPANY'];
const VISIBILITIES = ['PUBLIC', 'TEAM', 'PRIVATE'];
const OBJ_FIELDS = [
  'title',
  'description',
  'level',
  'visibility',
  'teamId',
  'cycleId',
  'parentId',
  'sourceKeyResultId',
  'alignSourceKeyResult',
  'ownerId',
];
const DRAFT_KEY = 'lodestar.draft.objective:';
// A confirmation that outlives the switch from /new to /objective/<id>/edit.
const flash = signal(null); // { path, text }
const say = (text) => (flash.value = { path: location.pathname, text });

function readDraft(key) {
  try {
    return JSON.parse(localStorage.getItem(key) || 'null');
  } catch {
    return null;
  }
}
function writeDraft(key, value) {
  try {
    if (value) localStorage.setItem(key, JSON.stringify(value));
    else localStorage.removeItem(key);
  } catch {
    /* private mode */
  }
}

function formOf(o) {
  // owner null: the one writing it
  if (!o)
    return {
      title: '',
      description: '',
      level: 'PERSONAL',
      visibility: 'PUBLIC',
      teamId: '',
      cycleId: cycleId.value || '',
      align: 'none',
      parentId: '',
      sourceKeyResultId: '',
      followKr: true,
      owner: null,
    };
  return {
    owner: o.owner,
    title: o.title,
    description: o.description || '',
    level: o.level,
    visibility: o.visibility,
    teamId: o.team ? o.team.id : '',
    cycleId: o.cycle.id,
    align: o.sourceKeyResult ? 'kr' : o.parent ? 'parent' : 'none',
    parentId: o.parent ? o.parent.id : '',
    sourceKeyResultId: o.sourceKeyResult ? o.sourceKeyResult.id : '',
    followKr: false, // an objective saved before: its key result changes only when asked
  };
}

/** The converted key result, when the viewer may make it follow this objective (it does not yet). */
function followable(objectives, krId) {
  for (const o of objectives || []) {
    const kr = (o.keyResults || []).find((k) => k.id === krId);
    if (kr) return kr.progressSource !== 'ALIGNED' && kr.viewerCan && kr.viewerCan.edit ? kr : null;
  }
  return null;
}

/** The objective and everything aligned under it (it cannot align to those: a loop). */
function excluded(list, selfId) {
  const out = new Set(selfId ? [selfId] : []);
  let grew = true;
  while (grew) {
    grew = false;
    for (const o of list) {
      if (!out.has(o.id) && o.parent && out.has(o.parent.id)) {
        out.add(o.id);
        grew = true;
      }
    }
  }
  return out;
}

function AlignPicker({ f, set, errors, selfId, onTargets }) {
  const [data] = useLoad(Q_CANDIDATES, { c: f.cycleId }, [f.cycleId]);
  onTargets((data && data.objectives) || null);
  const skip = excluded((data && data.objectives) || [], selfId);
  // DESIGN §4 level order: a company objective aligns under no team or personal one, a team one under no personal one
  const above = (o) => LEVELS.indexOf(o.level) >= LEVELS.indexOf(f.level);
  const list = ((data && data.objectives) || []).filter((o) => !skip.has(o.id) && o.state !== 'ARCHIVED' && above(o));
  const byLevel = LEVELS.slice()
    .reverse()
    .map((lv) => [lv, list.filter((o) => o.level === lv)])
    .filter(([, l]) => l.length);
  const withKrs = list.filter((o) => (o.keyResults || []).length);
  return html`<fieldset class="field align-picker">
    <legend>${t('editor.alignment')}</legend>
    <div class="choice-list">
      ${['none', 'parent', 'kr'].map(
        (a) => html`<label key=${a} class="choice">
          <input type="radio" name="align" value=${a} checked=${f.align === a} onChange=${() => set({ align: a })} />
          <span><strong>${t('align.' + a)}</strong><span class="muted choice-hint">${t('align.' + a + 'Hint')}</span></span>
        </label>`,
      )}
    </div>
    ${
      f.align === 'parent'
        ? html`<${Field} id="obj-parent" as="select" label=${t('editor.parent')} value=${f.parentId} onValue=${(v) => set({ parentId: v })} error=${errors.parentId}>
          <option value="">${t('editor.choose')}</option>
          ${byLevel.map(
            ([lv, l]) => html`<optgroup key=${lv} label=${t('level.' + lv)}>
              ${l.map((o) => html`<option key=${o.id} value=${o.id}>${o.title}</option>`)}
            </optgroup>`,
          )}
        </${Field}>`
        : null
    }
    ${
      f.align === 'kr'
        ? html`<${Field}
          id="obj-source-kr"
          as="select"
          label=${t('editor.sourceKr')}
          value=${f.sourceKeyResultId}
          onValue=${(v) => set({ sourceKeyResultId: v })}
          error=${errors.sourceKeyResultId}
        >
          <option value="">${t('editor.choose')}</option>
          ${withKrs.map(
            (o) => html`<optgroup key=${o.id} label=${o.title}>
              ${o.keyResults.map((kr) => html`<option key=${kr.id} value=${kr.id}>${kr.title}</option>`)}
            </optgroup>`,
          )}
        </${Field}>
        ${
          followable(list, f.sourceKeyResultId)
            ? html`<label class="check follow-kr">
                <input type="checkbox" id="obj-follow-kr" checked=${f.followKr} onChange=${(e) => set({ followKr: e.currentTarget.checked })} />
                <span><strong>${t('align.followKr')}</strong><span class="muted choice-hint">${t('align.followKrHint')}</span></span>
              </label>`
            : null
        }`
        : null
    }
  </fieldset>`;
}

function ObjectiveForm({ objective, onSaved }) {
  const isNew = !objective;
  const draftKey = DRAFT_KEY + (viewer.value ? viewer.value.id : '');
  const [f, setF] = useState(() => (isNew && readDraft(draftKey)) || formOf(objective));
  const [errors, setErrors] = useState({});
  const [busy, setBusy] = useState(false);
  const targets = useRef(null); // what the alignment picker offers (its key results, whether they follow)
  const [teamsData] = useLoad(Q_TEAMS, null, []);
  const teams = (teamsData && teamsData.teams) || [];

  useEffect(() => {
    if (isNew && !f.cycleId && cycleId.value) setF({ ...f, cycleId: cycleId.value });
  }, [cycleId.value]);

  const set = (patch) => {
    const next = { ...f, ...patch };
    setF(next);
    if (isNew) writeDraft(draftKey, next); // nothing typed is lost on reload
  };
  const val = (k) => (v) => set({ [k]: v });

  const submit = async (ev) => {
    ev.preventDefault();
    if (busy) return;
    const local = {};
    if (!f.title.trim()) local.title = 'form.required';
    if (f.level === 'TEAM' && !f.teamId) local.teamId = 'form.required';
    if (f.align === 'parent' && !f.parentId) local.parentId = 'form.required';
    if (f.align === 'kr' && !f.sourceKeyResultId) local.sourceKeyResultId = 'form.required';
    if (isNew && !f.cycleId) local.cycleId = 'form.required';
    if (Object.keys(local).length) {
      setErrors(errorsFrom(local, OBJ_FIELDS));
      focusField(Object.keys(local)[0]);
      return;
    }
    const input = {
      title: f.title,
      description: f.description,
      level: f.level,
      visibility: f.visibility,
      teamId: f.teamId || null,
    };
    if (f.owner && (isNew || f.owner.id !== objective.owner.id)) input.ownerId = f.owner.id;
    if (f.align === 'kr') {
      input.sourceKeyResultId = f.sourceKeyResultId;
      // offered only when it does not follow yet and the viewer may change it
      if (f.followKr && followable(targets.current, f.sourceKeyResultId)) input.alignSourceKeyResult = true;
    } else if (f.align === 'parent') {
      input.parentId = f.parentId;
      if (!isNew) input.sourceKeyResultId = null;
    } else if (!isNew) input.parentId = null;
    setBusy(true);
    setErrors({});
    try {
      if (isNew) {
        const res = await gql(M_CREATE_OBJECTIVE, { input: { ...input, cycleId: f.cycleId } });
        writeDraft(draftKey, null);
        setBusy(false);
        onSaved(res.createObjective, f.cycleId);
      } else {
        await gql(M_UPDATE_OBJECTIVE, { id: objective.id, input, v: objective.version });
        setBusy(false);
        onSaved(objective, f.cycleId);
      }
    } catch (err) {
      setBusy(false);
      setErrors(errorsFrom(err, OBJ_FIELDS));
      if (err.field) focusField(err.field);
    }
  };

  return html`<form class="card editor-form objective-form" onSubmit=${submit} novalidate aria-labelledby="objective-form-title">
    <h2 id="objective-form-title" class="section-title">${t('editor.objective')}</h2>
    <div class="editor-main">
      <${HintedTitle}
        target="OBJECTIVE"
        id="obj-title"
        label=${t('editor.title') + ' *'}
        value=${f.title}
        onValue=${val('title')}
        error=${errors.title}
        maxlength=${LIMITS.title}
        autocomplete="off"
        aria-required="true"
        hint=${t('editor.titleHint')}
      />
      <${Field} id="obj-description" as="textarea" rows="3" maxlength=${LIMITS.description} label=${t('editor.description')} value=${f.description} onValue=${val('description')} error=${errors.description} />
    </div>
    <${ObjectiveHelp} />
    <div class="editor-grid">
      ${
        isNew
          ? html`<${Field} id="obj-cycle" as="select" label=${t('board.cycle')} value=${f.cycleId} onValue=${val('cycleId')} error=${errors.cycleId}>
            ${(cycles.value || []).map((c) => html`<option key=${c.id} value=${c.id}>${c.name}</option>`)}
          </${Field}>`
          : null
      }
      <${Field} id="obj-level" as="select" label=${t('editor.level')} value=${f.level} onValue=${val('level')} error=${errors.level}>
        ${LEVELS.map((l) => html`<option key=${l} value=${l}>${t('level.' + l)}</option>`)}
      </${Field}>
      <${Field} id="obj-team" as="select" label=${t('board.team') + (f.level === 'TEAM' ? ' *' : '')} value=${f.teamId} onValue=${val('teamId')} error=${errors.teamId}>
        <option value="">${t('editor.noTeam')}</option>
        ${teams.map((tm) => html`<option key=${tm.id} value=${tm.id}>${tm.name}</option>`)}
      </${Field}>
      <div class="field obj-owner">
        <span class="field-label">${t('editor.owner')}</span>
        <strong>${(f.owner || viewer.value || {}).displayName}</strong>
        <${PersonPicker} id="obj-owner" label=${t('editor.ownerPick')} exclude=${f.owner ? [f.owner.id] : []} onPick=${(u) => set({ owner: u })} />
        <${FieldError} id="obj-owner-error" message=${errors.ownerId} />
      </div>
      <${Field} id="obj-visibility" as="select" label=${t('editor.visibility')} value=${f.visibility} onValue=${val('visibility')} error=${errors.visibility}>
        ${VISIBILITIES.map((v) => html`<option key=${v} value=${v}>${t('visibility.' + v)}</option>`)}
      </${Field}>
    </div>
    <${AlignPicker} f=${f} set=${set} errors=${errors} selfId=${objective && objective.id} onTargets=${(l) => (targets.current = l)} />
    <${FormError} id="obj-error" message=${errors._form} />
    <div class="form-actions">
      <button type="submit" class="btn btn-primary" disabled=${busy}>${t(isNew ? 'editor.create' : 'form.save')}</button>
    </div>
  </form>`;
}

function focusField(field) {
  const ids = {
    ownerId: 'obj-owner',
    title: 'obj-title',
    description: 'obj-description',
    level: 'obj-level',
    teamId: 'obj-team',
    visibility: 'obj-visibility',
    cycleId: 'obj-cycle',
    parentId: 'obj-parent',
    sourceKeyResultId: 'obj-source-kr',
  };
  setTimeout(() => {
    const el = document.getElementById(ids[field]);
    if (el) el.focus();
  });
}

function KeyResultsEditor({ objective, onChanged }) {
  const [editing, setEditing] = useState(null); // kr id or 'new'
  const [error, setError] = useState(null);
  const krs = objective.keyResults || [];
  const archive = async (kr) => {
    setError(null);
    try {
      await gql(M_ARCHIVE_KR, { id: kr.id });
      onChanged();
    } catch (err) {
      setError(err.message);
    }
  };
  return html`<section class="card editor-form" aria-labelledby="krs-edit-title">
    <h2 id="krs-edit-title" class="section-title">${t('page.keyResults', { count: krs.length })}</h2>
    <ol class="kr-edit-list">
      ${krs.map((kr) =>
        editing === kr.id
          ? html`<li key=${kr.id} class="kr-edit-item"><${KrForm}
              kr=${kr}
              idPrefix=${'kr-' + kr.id}
              onSaved=${() => (setEditing(null), onChanged())}
              onCancel=${() => setEditing(null)}
            /></li>`
          : html`<li key=${kr.id} class="kr-edit-item" data-kr-id=${kr.id}>
              <div class="kr-edit-summary">
                <bdi class="kr-title">${kr.title}</bdi>
                <span class=${'tag kind kind-' + kr.kind}>${t('kind.' + kr.kind)}</span>
                <span class="muted num">${targetText(kr)}</span>
              </div>
              <div class="card-actions">
                <button type="button" class="btn btn-small" onClick=${() => setEditing(kr.id)} aria-label=${t('inline.edit', { field: kr.title })}>${t('inline.editShort')}</button>
                <button type="button" class="btn btn-small" onClick=${() => archive(kr)} aria-label=${t('editor.archiveKr', { title: kr.title })}>${t('editor.archive')}</button>
              </div>
            </li>`,
      )}
    </ol>
    <${FormError} id="krs-error" message=${error} />
    ${
      editing === 'new'
        ? html`<div class="kr-new"><h3 class="sub-title">${t('editor.newKr')}</h3><${KrForm}
          objectiveId=${objective.id}
          idPrefix="new-kr"
          onSaved=${() => (setEditing(null), onChanged())}
          onCancel=${() => setEditing(null)}
        /></div>`
        : html`<button type="button" class="btn add-kr" onClick=${() => setEditing('new')}><span aria-hidden="true">＋</span> ${t('editor.addKr')}</button>`
    }
  </section>`;
}

function WeightsAndPublish({ objective, onChanged, onPublished }) {
  const [typed, setTyped] = useState({});
  const [errors, setErrors] = useState({});
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(null);
  const krs = objective.keyResults || [];
  const values = krs.map((kr) => typed[kr.id] ?? String(kr.weight));
  const sum = weightSum(values);
  const problem = weightsProblem(values);
  const ready = problem === null;
  const dirty = krs.some((kr) => typed[kr.id] !== undefined && parseNumber(typed[kr.id]) !== kr.weight);
  const published = objective.state === 'PUBLISHED';

  const saveWeights = async () => {
    const w = krs.map((kr, i) => ({ keyResultId: kr.id, weight: parseNumber(values[i]) || 0 }));
    await gql(M_SET_WEIGHTS, { id: objective.id, w });
  };
  const run = async (what) => {
    if (busy) return;
    setBusy(true);
    setErrors({});
    setSaved(null);
    try {
      if (what === 'weights' || dirty) await saveWeights();
      if (what === 'publish') await gql(M_PUBLISH, { id: objective.id, v: objective.version });
      setTyped({});
      setBusy(false);
      setSaved(t(what === 'publish' ? 'editor.published' : 'editor.weightsSaved'));
      if (what === 'publish') onPublished();
      else onChanged();
    } catch (err) {
      setBusy(false);
      setErrors(err.field === 'weights' ? { weights: err.message } : { _form: err.message });
    }
  };

  const status = t(problem || 'weights.ready');
  return html`<section class="card editor-form" aria-labelledby="weights-title">
    <h2 id="weights-title" class="section-title">${t('weights.title')}</h2>
    <p class="muted">${t('weights.lead')}</p>
    <ul class="weights">
      ${krs.map(
        (kr, i) => html`<li key=${kr.id} class="weight-row">
          <label for=${'w-' + kr.id} class="weight-label">${kr.title}</label>
          <span class="weight-input">
            <input
              id=${'w-' + kr.id}
              type="text"
              inputmode="decimal"
              autocomplete="off"
              class="num"
              value=${values[i]}
              aria-describedby="weights-total"
              onInput=${(e) => setTyped({ ...typed, [kr.id]: e.currentTarget.value })}
            />
            <span aria-hidden="true">%</span>
          </span>
        </li>`,
      )}
    </ul>
    <p id="weights-total" class=${'weights-total ' + (ready ? 'is-ready' : 'not-ready')} aria-live="polite">
      <span aria-hidden="true">${ready ? '✓' : '✗'}</span>
      <span class="num">${t('weights.total', { sum: Number.isFinite(sum) ? formatNumber(sum) : '–' })}</span>
      <span>${status}</span>
    </p>
    <${FieldError} id="weights-error" message=${errors.weights} />
    <div class="form-actions form-actions-start">
      <button
        type="button"
        class="btn"
        disabled=${!krs.length || busy}
        onClick=${() => {
          const even = evenWeights(krs.length);
          setTyped(Object.fromEntries(krs.map((kr, i) => [kr.id, String(even[i])])));
        }}
      >
        ${t('weights.even')}
      </button>
      <button type="button" class="btn save-weights" disabled=${busy || !dirty || (published && !ready)} onClick=${() => run('weights')}>${t('weights.save')}</button>
    </div>
    <div class="publish">
      ${
        published
          ? null
          : html`<button type="button" class="btn btn-primary publish-btn" disabled=${busy || !ready} aria-describedby="publish-why" onClick=${() => run('publish')}>
              ${t('editor.publish')}
            </button>
            <p id="publish-why" class="field-hint">${ready ? t('editor.publishReady') : t('editor.publishBlocked')}</p>`
      }
      <${FormError} id="publish-error" message=${errors._form} />
      <${Notice} message=${saved || (published ? t('editor.isPublished') : null)} />
    </div>
  </section>`;
}

export function Editor({ id = null }) {
  const [data, error, reload] = useLoad(id ? Q_EDIT : null, { id }, [id]);
  if (id && !(data && data.objective)) {
    if (data) return html`<main id="main" class="page"><${PageMessage} error=${{ code: 'NOT_FOUND' }} /></main>`;
    return html`<main id="main" class="page"><${PageMessage} error=${error} onRetry=${reload} /></main>`;
  }
  const o = id ? data.objective : null;
  // (the board follows these changes on its own: it is live)
  const onSaved = (saved) => {
    if (!o) {
      navigate('/objective/' + encodeURIComponent(saved.id) + '/edit', { replace: true });
      say(t('editor.created'));
    } else {
      say(t('form.saved'));
      reload();
    }
  };
  const changed = () => reload();
  // publishing's own confirmation is the one message: not beside the draft's "created"
  const published = () => ((flash.value = null), reload());

  return html`<main id="main" class="page editor">
    <h1 class="page-title">${o ? t('editor.editTitle') : t('editor.newTitle')}</h1>
    ${o ? html`<p class="crumbs"><a href=${'/objective/' + encodeURIComponent(o.id)}>${t('editor.view')}</a></p>` : null}
    <${Notice} message=${flash.value && flash.value.path === location.pathname ? flash.value.text : null} />
    <${ObjectiveForm} key=${o ? o.id + ':' + o.version : 'new'} objective=${o} onSaved=${onSaved} />
    ${
      o
        ? html`<${KeyResultsEditor} objective=${o} onChanged=${changed} />
          <${WeightsAndPublish} objective=${o} onChanged=${changed} onPublished=${published} />`
        : html`<p class="muted next-step">${t('editor.nextStep')}</p>`
    }
  </main>`;
}
