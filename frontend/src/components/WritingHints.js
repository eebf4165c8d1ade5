// Writing hints while a title is typed (issue 17): the server's lint, asked at most every
// 300 ms; the words at fault underlined in the field (a wavy line, not colour alone) and each
// hint listed under it, tied to the field by aria-describedby. Advice only: it never blocks
// saving, and a failed request shows nothing. The static writing help (WritingHelp.js) stays.
import { html } from 'htm/preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { lang, t } from '../i18n/index.js';
import { gql } from '../api/client.js';
import { Q_WRITING_HINTS } from '../api/hints.js';
import { hintFeed, quoted, segments } from '../lib/hints.js';
import { Field } from './forms.js';

/** The hints on `request` ({ text, target, kind, dueDate, measured }) as they come. */
function useWritingHints(request) {
  const [hints, setHints] = useState([]);
  const feed = useMemo(() => hintFeed(async (r) => (await gql(Q_WRITING_HINTS, r)).writingHints, setHints), []);
  useEffect(() => () => feed.stop(), [feed]);
  useEffect(() => feed.want(request, lang.value)); // the same request again is ignored
  return hints;
}

/** The field's text again, beneath the transparent input, with the spans at fault underlined. */
function Underlay({ text, hints, box }) {
  return html`<div class="hint-underlay" aria-hidden="true" ref=${box}>
    ${segments(text, hints).map((s) => (s.marked ? html`<mark>${s.text}</mark>` : s.text))}
  </div>`;
}

function HintList({ id, text, hints }) {
  // always in the page: a live region announces what is added to it, and the field points here
  return html`<ul id=${id} class="writing-hints" aria-live="polite">
    ${hints.map((h, i) => {
      const at = quoted(text, h);
      return html`<li key=${h.code + i} class=${'writing-hint hint-' + h.severity} data-code=${h.code}>
        <span class="hint-icon" aria-hidden="true">${h.severity === 'WARNING' ? '⚠' : 'ℹ'}</span>
        <span><span class="sr-only">${t('hints.' + h.severity)}: </span>${at ? html`<q class="hint-at">${at}</q> ` : null}${h.message}</span>
      </li>`;
    })}
  </ul>`;
}

/**
 * A title field (props as Field's) with writing hints: `target` OBJECTIVE or KEY_RESULT, and for
 * a key result its `kind`, `dueDate` and whether the form holds its number (`measured`).
 */
export function HintedTitle({ target, kind = null, dueDate = null, measured = false, ...field }) {
  const text = field.value || '';
  const hints = useWritingHints({ text, target, kind, dueDate: dueDate || null, measured });
  const box = useRef(null);
  // a long title scrolls inside the input: the underlay follows
  const follow = () => {
    const input = document.getElementById(field.id);
    if (box.current && input) box.current.scrollLeft = input.scrollLeft;
  };
  useEffect(follow);
  return html`<div class="hinted-title">
    <${Field}
      ...${field}
      describedBy=${field.id + '-hints'}
      onScroll=${follow}
      onKeyUp=${follow}
      onClick=${follow}
      underlay=${html`<${Underlay} text=${text} hints=${hints} box=${box} />`}
    />
    <${HintList} id=${field.id + '-hints'} text=${text} hints=${hints} />
  </div>`;
}
