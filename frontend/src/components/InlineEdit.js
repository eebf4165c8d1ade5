// Edit one text in place: shows the text with an "Edit" button; editing shows the field with
// Save / Cancel. The server decides who may edit: a refusal (FORBIDDEN, or an input error)
// is shown under the field and what was typed stays.
import { html } from 'htm/preact';
import { useState, useRef, useEffect } from 'preact/hooks';
import { t } from '../i18n/index.js';
import { Count, FieldError } from './forms.js';
import { LIMITS } from '../lib/limits.js';

/**
 * props: id, label (names the field for the buttons), value, multiline, onSave(text) → Promise,
 * render(value) → the read-only view, empty (text when value is blank).
 */
export function InlineEdit({ id, label, value, multiline = false, onSave, render, empty = '' }) {
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(value || '');
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const field = useRef(null);
  const editBtn = useRef(null);
  const wasEditing = useRef(false);

  useEffect(() => {
    if (editing && field.current) field.current.focus();
    else if (!editing && wasEditing.current && editBtn.current) editBtn.current.focus();
    wasEditing.current = editing;
  }, [editing]);

  const start = () => {
    setText(value || '');
    setError(null);
    setEditing(true);
  };

  const save = async (ev) => {
    ev.preventDefault();
    if (busy) return;
    setBusy(true);
    try {
      await onSave(text);
      setBusy(false);
      setEditing(false);
    } catch (err) {
      setBusy(false);
      setError(err.message || t('error.unknown'));
    }
  };

  if (!editing) {
    return html`<div class="inline-edit">
      <div class="inline-view">${value ? render(value) : html`<p class="muted">${empty}</p>`}</div>
      <button type="button" class="btn btn-ghost btn-small inline-edit-btn" ref=${editBtn} onClick=${start} aria-label=${t('inline.edit', { field: label })}>
        <span aria-hidden="true">✎</span> ${t('inline.editShort')}
      </button>
    </div>`;
  }
  const max = multiline ? LIMITS.description : LIMITS.title;
  const props = {
    id,
    ref: field,
    value: text,
    'aria-invalid': error ? 'true' : undefined,
    'aria-describedby': error ? id + '-error' : undefined,
    onInput: (e) => setText(e.currentTarget.value),
    onKeyDown: (e) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        setEditing(false);
      }
    },
  };
  return html`<form class="inline-edit editing" onSubmit=${save} novalidate>
    <label class="sr-only" for=${id}>${label}</label>
    ${multiline ? html`<textarea rows="4" maxlength=${max} ...${props}></textarea>` : html`<input type="text" maxlength=${max} ...${props} />`}
    <${Count} id=${id + '-count'} value=${text} max=${max} />
    <${FieldError} id=${id + '-error'} message=${error} />
    <div class="form-actions">
      <button type="button" class="btn" onClick=${() => setEditing(false)}>${t('form.cancel')}</button>
      <button type="submit" class="btn btn-primary" disabled=${busy}>${t('form.save')}</button>
    </div>
  </form>`;
}
