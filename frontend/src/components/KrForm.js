// The form of one key result, with the fields its kind needs (KINDS in krlogic.js), writing
// hints on its title as it is typed, and the worked example of that kind right under the kind
// picker. Creates or updates on submit.
import { html } from 'htm/preact';
import { useState } from 'preact/hooks';
import { t } from '../i18n/index.js';
import { gql } from '../api/client.js';
import { KINDS, isMeasured, kindFields, krInput, krForm, progressSources, requiredFields } from '../lib/krlogic.js';
import { M_CREATE_KR, M_UPDATE_KR } from '../api/okr.js';
import { Field, FormError, errorsFrom } from './forms.js';
import { LIMITS } from '../lib/limits.js';
import { KindExample } from './WritingHelp.js';
import { HintedTitle } from './WritingHints.js';

const FORM_FIELDS = ['title', 'kind', 'progressSource', 'startValue', 'targetValue', 'rangeMin', 'rangeMax', 'unit', 'dueDate'];

function label(field, kind) {
  if (field === 'targetValue') return t(kind === 'DECREASE' ? 'krf.ceiling' : kind === 'COUNT' ? 'krf.count' : 'krf.target');
  if (field === 'startValue' && kind === 'RANGE') return t('krf.startRange');
  if (field === 'dueDate' && kind === 'MILESTONE') return t('krf.milestoneDate');
  return t('krf.' + field);
}

/**
 * props: kr (null = new), objectiveId, weight (initial weight for a new KR), onSaved(kr), onCancel.
 */
export function KrForm({ kr = null, objectiveId, weight, onSaved, onCancel, idPrefix = 'krf' }) {
  const [form, setForm] = useState(() => krForm(kr));
  const [errors, setErrors] = useState({});
  const [busy, setBusy] = useState(false);
  const id = (f) => idPrefix + '-' + f;
  const set = (f) => (v) => setForm({ ...form, [f]: v });
  const kind = form.kind;
  const source = progressSources(kind).includes(form.progressSource) ? form.progressSource : 'MANUAL';
  const required = requiredFields(kind, source);

  const submit = async (ev) => {
    ev.preventDefault();
    if (busy) return;
    const { input, errors: local } = krInput(form);
    if (Object.keys(local).length) {
      setErrors(errorsFrom(local, FORM_FIELDS));
      const first = FORM_FIELDS.find((f) => local[f]);
      const el = first && document.getElementById(id(first));
      if (el) el.focus();
      return;
    }
    setBusy(true);
    setErrors({});
    try {
      let saved;
      // the version read: someone else's edit meanwhile is refused (CONFLICT), not overwritten
      if (kr) saved = (await gql(M_UPDATE_KR, { id: kr.id, input, v: kr.version })).updateKeyResult;
      else {
        const create = { ...input, objectiveId };
        if (weight !== undefined) create.weight = weight;
        saved = (await gql(M_CREATE_KR, { input: create })).createKeyResult;
      }
      setBusy(false);
      onSaved && onSaved(saved);
    } catch (err) {
      setBusy(false);
      const e = errorsFrom(err, FORM_FIELDS);
      setErrors(e);
      const el = err.field && document.getElementById(id(err.field));
      if (el) el.focus();
    }
  };

  const numberProps = { type: 'text', inputmode: 'decimal', autocomplete: 'off' };
  const fieldFor = (f) => {
    const common = {
      key: f,
      id: id(f),
      label: label(f, kind) + (required.includes(f) ? ' *' : ''),
      value: form[f],
      onValue: set(f),
      error: errors[f],
      'aria-required': required.includes(f) ? 'true' : undefined,
    };
    if (f === 'dueDate') return html`<${Field} ...${common} type="date" />`;
    if (f === 'unit')
      return html`<${Field} ...${common} maxlength=${LIMITS.unit} placeholder=${t('krf.unitPlaceholder')} class="field-narrow" />`;
    return html`<${Field} ...${common} ...${numberProps} class="field-narrow" />`;
  };

  return html`<form class="kr-form" onSubmit=${submit} novalidate aria-busy=${busy ? 'true' : undefined}>
    <${HintedTitle}
      target="KEY_RESULT"
      kind=${kind}
      dueDate=${form.dueDate}
      measured=${isMeasured(form)}
      id=${id('title')}
      label=${t('krf.title') + ' *'}
      value=${form.title}
      onValue=${set('title')}
      error=${errors.title}
      maxlength=${LIMITS.title}
      autocomplete="off"
      aria-required="true"
    />
    <div class="kr-form-kind">
      <${Field} id=${id('kind')} as="select" label=${t('krf.kind')} value=${kind} onValue=${set('kind')} error=${errors.kind}>
        ${KINDS.map((k) => html`<option key=${k} value=${k}>${t('kind.' + k)} — ${t('kindHint.' + k)}</option>`)}
      </${Field}>
      <${KindExample} kind=${kind} id=${id('example')} />
    </div>
    <div class="kr-form-grid">
      ${kindFields(kind).map(fieldFor)}
      <${Field}
        id=${id('progressSource')}
        as="select"
        label=${t('krf.progressSource')}
        value=${source}
        onValue=${set('progressSource')}
        error=${errors.progressSource}
        class="field-narrow"
      >
        ${progressSources(kind).map((s) => html`<option key=${s} value=${s}>${t('source.' + s)}</option>`)}
      </${Field}>
    </div>
    <${FormError} id=${id('error')} message=${errors._form} />
    <div class="form-actions">
      ${onCancel ? html`<button type="button" class="btn" onClick=${onCancel}>${t('form.cancel')}</button>` : null}
      <button type="submit" class="btn btn-primary" disabled=${busy}>${t(kr ? 'krf.save' : 'krf.add')}</button>
    </div>
  </form>`;
}
