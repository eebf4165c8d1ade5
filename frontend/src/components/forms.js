// Small form pieces shared by the editor, the objective page and the check-in sheet.
// A server error names a field (extensions.field): it is shown next to that field and the
// field is marked invalid; an error without a known field is shown by the submit button.
import { html } from 'htm/preact';
import { t } from '../i18n/index.js';

/**
 * An ApiError (or local errors { field: messageKey }) → { [field]: message, _form?: message }.
 * `fields` are the fields this form shows; anything else goes to `_form`.
 */
export function errorsFrom(err, fields) {
  if (!err) return {};
  if (err instanceof Error || (err && err.message && err.code)) {
    return err.field && fields.includes(err.field) ? { [err.field]: err.message } : { _form: err.message };
  }
  const out = {};
  for (const [f, key] of Object.entries(err)) out[fields.includes(f) ? f : '_form'] = t(key);
  return out;
}

export function FieldError({ id, message }) {
  if (!message) return null;
  return html`<p class="field-error" id=${id} role="alert">
    <span class="form-error-icon" aria-hidden="true">!</span><span>${message}</span>
  </p>`;
}

/**
 * A labelled control: <input>, <textarea> or <select> (`as`), its hint and its error.
 * `value`/`onValue` are the text; `describedBy` names more elements that describe it (ids);
 * `underlay` is drawn beneath the control (which then has no background of its own);
 * everything else is passed to the control.
 */
export function Field({ id, label, as = 'input', value, onValue, error, hint, describedBy, underlay, children, class: cls, ...rest }) {
  const counted = rest.maxlength && counts(value, rest.maxlength);
  const described =
    [hint ? id + '-hint' : null, describedBy, counted ? id + '-count' : null, error ? id + '-error' : null].filter(Boolean).join(' ') ||
    undefined;
  const props = {
    id,
    name: rest.name || id,
    value: value ?? '',
    'aria-invalid': error ? 'true' : undefined,
    'aria-describedby': described,
    onInput: (e) => onValue && onValue(e.currentTarget.value),
    ...rest,
  };
  if (as === 'select') props.onChange = props.onInput;
  let control;
  if (as === 'textarea') control = html`<textarea ...${props}></textarea>`;
  else if (as === 'select') control = html`<select ...${props}>${children}</select>`;
  else control = html`<input ...${props} />`;
  return html`<div class=${'field' + (cls ? ' ' + cls : '')}>
    <label for=${id}>${label}</label>
    ${underlay ? html`<div class="underlaid">${underlay}${control}</div>` : control}
    ${hint ? html`<p class="field-hint" id=${id + '-hint'}>${hint}</p>` : null}
    ${counted ? html`<${Count} id=${id + '-count'} value=${value} max=${rest.maxlength} />` : null}
    <${FieldError} id=${id + '-error'} message=${error} />
  </div>`;
}

/** Shown from 80 % of a text's limit on, so that the limit (maxlength) cuts nothing unseen. */
const counts = (value, max) => (value || '').length >= 0.8 * max;

/** "n / max" under a text control limited to `max` characters, once it nears the limit. */
export function Count({ id, value, max }) {
  if (!counts(value, max)) return null;
  const n = (value || '').length;
  return html`<p class=${'field-count' + (n >= max ? ' at-limit' : '')} id=${id}>${n} / ${max}</p>`;
}

/** The error with no field of its own, next to the submit button. */
export function FormError({ id, message }) {
  return html`<div class="form-error" id=${id} role="alert" aria-live="assertive">
    ${message ? html`<span class="form-error-icon" aria-hidden="true">!</span><span>${message}</span>` : null}
  </div>`;
}

/** A polite announcement for screen readers (and a visible confirmation). */
export function Notice({ message, kind = 'ok' }) {
  if (!message) return null;
  return html`<p class=${'inline-notice inline-' + kind} role="status">
    <span aria-hidden="true">${kind === 'ok' ? '✓' : 'ℹ'}</span> ${message}
  </p>`;
}
