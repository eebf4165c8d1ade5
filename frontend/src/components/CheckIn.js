// Check-ins from a phone: the sheet (value, confidence 0–10, note). What is typed is kept as a
// draft on the device; a check-in made offline waits in the outbox (outbox.js).
import { html } from 'htm/preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { t, formatNumber } from '../i18n/index.js';
import { checkInMode, checkInInput, implausibleValue, initialValue, sliderRange, parseNumber } from '../lib/krlogic.js';
import { drafts, online, submitCheckIn, uid } from '../outbox.js';
import { Count, errorsFrom, FieldError, FormError } from './forms.js';
import { LIMITS } from '../lib/limits.js';
import { valueText, targetText } from './KrBits.js';

const FIELDS = ['value', 'confidence', 'note'];

/** Ctrl+Enter (⌘+Enter on a Mac) sends the form from any of its fields, the note's too. */
function submitOnCtrlEnter(e) {
  if (e.key !== 'Enter' || !(e.ctrlKey || e.metaKey)) return;
  e.preventDefault();
  e.currentTarget.requestSubmit();
}

/** props: kr, onClose(result?) — result is { kr }, { sent } or { queued } after a check-in. */
export function CheckInSheet({ kr, onClose: done }) {
  const user = uid();
  const closed = useRef(false);
  const onClose = (result) => {
    if (closed.current) return;
    closed.current = true;
    done(result);
  };
  const ref = useRef(null);
  const [d, setD] = useState(() => {
    const saved = drafts.get(user, kr.id);
    return saved || { value: initialValue(kr), confidence: kr.confidence ?? 5, note: '' };
  });
  // a check-in the server refused while we were offline comes back with its message
  const [errors, setErrors] = useState(() => {
    const e = d.error;
    if (!e) return {};
    return FIELDS.includes(e.field) ? { [e.field]: e.message } : { _form: e.message };
  });
  const [busy, setBusy] = useState(false);
  // an implausible value is sent only once confirmed (the value that was confirmed)
  const [doubt, setDoubt] = useState(null);
  const mode = checkInMode(kr);
  const range = sliderRange(kr);
  const id = (f) => 'ci-' + f;

  useEffect(() => {
    const dlg = ref.current;
    if (dlg && !dlg.open && dlg.showModal) dlg.showModal();
    return () => dlg && dlg.open && dlg.close();
  }, []);

  const update = (patch) => {
    const next = { ...d, ...patch };
    delete next.error;
    setDoubt(null);
    setD(next);
    drafts.set(user, kr.id, next); // nothing typed is lost on reload
  };

  const step = (dir) => {
    const n = parseNumber(d.value);
    const base = Number.isFinite(n) ? n : Number(kr.currentValue ?? kr.startValue ?? 0);
    update({ value: String(Number((base + dir * range.step).toFixed(6))) });
  };

  const submit = async (ev) => {
    ev.preventDefault();
    if (busy) return;
    const { input, errors: local } = checkInInput(kr, d);
    if (Object.keys(local).length) {
      setErrors(errorsFrom(local, FIELDS));
      return;
    }
    const why = input.value === undefined || mode === 'toggle' ? null : implausibleValue(kr, input.value);
    if (why && doubt?.value !== input.value) {
      setDoubt({ value: input.value, why });
      return;
    }
    setBusy(true);
    setErrors({});
    try {
      const result = await submitCheckIn(input);
      setBusy(false);
      onClose(result);
    } catch (err) {
      setBusy(false);
      setErrors(errorsFrom(err, FIELDS));
      drafts.set(user, kr.id, d);
    }
  };

  const confidence = parseNumber(d.confidence);

  return html`<dialog
    class="sheet"
    ref=${ref}
    aria-labelledby=${id('title')}
    onClose=${() => onClose(null)}
    onCancel=${(e) => {
      e.preventDefault();
      onClose(null);
    }}
  >
    <form class="sheet-form" onSubmit=${submit} onKeyDown=${submitOnCtrlEnter} novalidate>
      <header class="sheet-head">
        <div class="sheet-heading">
          <h2 id=${id('title')} class="sheet-title">${t('checkin.title')}</h2>
          <p class="sheet-kr" dir="auto">${kr.title}</p>
          <p class="muted num sheet-now">${t('checkin.now', { value: valueText(kr), target: targetText(kr) })}</p>
        </div>
        <button type="button" class="btn btn-ghost sheet-close" aria-label=${t('form.close')} onClick=${() => onClose(null)}>✕</button>
      </header>

      <div class="sheet-body">
        ${online.value ? null : html`<p class="inline-notice inline-info" role="status"><span aria-hidden="true">⚡</span> ${t('checkin.offlineHint')}</p>`}

        ${
          mode === 'toggle'
            ? html`<fieldset class="field done-toggle" aria-describedby=${errors.value ? id('value-error') : undefined}>
              <legend>${t('checkin.isDone')}</legend>
              <div class="segmented">
                ${[
                  ['1', '✓', 'kr.done'],
                  ['0', '○', 'kr.notDone'],
                ].map(
                  ([v, icon, key]) => html`<label key=${v} class="segment">
                    <input type="radio" name="done" id=${v === '1' ? id('done') : id('notdone')} value=${v} checked=${String(d.value) === v} onChange=${() => update({ value: v })} />
                    <span><span aria-hidden="true">${icon}</span> ${t(key)}</span>
                  </label>`,
                )}
              </div>
              <${FieldError} id=${id('value-error')} message=${errors.value} />
            </fieldset>`
            : mode === 'number'
              ? html`<div class="field">
                <label for=${id('value')}>${t('checkin.value')}${kr.unit ? ` (${kr.unit})` : ''}</label>
                <div class="stepper">
                  <button type="button" class="btn step" aria-label=${t('checkin.less', { step: formatNumber(range.step) })} onClick=${() => step(-1)}>−</button>
                  <input
                    id=${id('value')}
                    type="text"
                    inputmode="decimal"
                    autocomplete="off"
                    class="num"
                    value=${d.value}
                    aria-invalid=${errors.value ? 'true' : undefined}
                    aria-describedby=${errors.value ? id('value-error') : id('value-hint')}
                    onInput=${(e) => update({ value: e.currentTarget.value })}
                  />
                  <button type="button" class="btn step" aria-label=${t('checkin.more', { step: formatNumber(range.step) })} onClick=${() => step(1)}>+</button>
                </div>
                <input
                  type="range"
                  class="slider"
                  min=${range.min}
                  max=${range.max}
                  step=${range.step}
                  value=${Number.isFinite(parseNumber(d.value)) ? parseNumber(d.value) : range.min}
                  aria-label=${t('checkin.valueSlider')}
                  onInput=${(e) => update({ value: e.currentTarget.value })}
                />
                <p class="field-hint num" id=${id('value-hint')}>${targetText(kr)}</p>
                <${FieldError} id=${id('value-error')} message=${errors.value} />
              </div>`
              : html`<div><p class="field-hint">${t('checkin.noValue')}</p><${FieldError} id=${id('value-error')} message=${errors.value} /></div>`
        }

        <div class="field">
          <label for=${id('confidence')}>
            ${t('checkin.confidence')}
            <output class="confidence-out num" for=${id('confidence')}>${Number.isFinite(confidence) ? confidence : '–'}/10</output>
          </label>
          <input
            id=${id('confidence')}
            type="range"
            class="slider"
            min="0"
            max="10"
            step="1"
            value=${Number.isFinite(confidence) ? confidence : 5}
            aria-valuetext=${Number.isFinite(confidence) ? t('checkin.confidenceText', { value: confidence }) : undefined}
            aria-invalid=${errors.confidence ? 'true' : undefined}
            aria-describedby=${id('confidence-hint')}
            onInput=${(e) => update({ confidence: e.currentTarget.value })}
          />
          <p class="field-hint scale" id=${id('confidence-hint')}><span>0 · ${t('checkin.conf0')}</span><span>10 · ${t('checkin.conf10')}</span></p>
          <${FieldError} id=${id('confidence-error')} message=${errors.confidence} />
        </div>

        <div class="field">
          <label for=${id('note')}>${t('checkin.note')}</label>
          <textarea
            id=${id('note')}
            rows="3"
            maxlength=${LIMITS.note}
            value=${d.note}
            placeholder=${t('checkin.notePlaceholder')}
            aria-invalid=${errors.note ? 'true' : undefined}
            onInput=${(e) => update({ note: e.currentTarget.value })}
          ></textarea>
          <${Count} id=${id('note-count')} value=${d.note} max=${LIMITS.note} />
          <${FieldError} id=${id('note-error')} message=${errors.note} />
        </div>
        <${FormError} id=${id('error')} message=${errors._form} />
        ${
          doubt
            ? html`<p class="inline-notice inline-info checkin-doubt" role="alert">
                <span aria-hidden="true">?</span> ${t(doubt.why === 'NEGATIVE' ? 'checkin.doubtNegative' : 'checkin.doubtFar', { value: formatNumber(doubt.value), target: targetText(kr) })}
              </p>`
            : null
        }
      </div>

      <footer class="sheet-foot">
        <button type="button" class="btn" onClick=${() => onClose(null)}>${t('form.cancel')}</button>
        <button type="submit" class="btn btn-primary sheet-submit" disabled=${busy} aria-keyshortcuts="Control+Enter">
          ${doubt ? t('checkin.confirm', { value: formatNumber(doubt.value) }) : online.value ? t('checkin.submit') : t('checkin.submitOffline')}
        </button>
      </footer>
    </form>
  </dialog>`;
}
