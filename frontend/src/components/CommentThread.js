// A comment thread (an objective's, a key result's or a task's): live, with @-autocomplete.
// Bodies are rendered as text; the @mentions the server resolved become links.
import { html } from 'htm/preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../i18n/index.js';
import { gql } from '../api/client.js';
import { viewer, cycleId, filters, lastLike } from '../store.js';
import * as socket from '../socket.js';
import { Avatar } from './Avatar.js';
import { Count, FieldError } from './forms.js';
import { LIMITS } from '../lib/limits.js';
import { mentionAt, insertMention, segments, shownBody, mentionProblems, commentOf, upsertComment } from '../lib/worklogic.js';
import { Q_COMMENTS, Q_MENTIONS_IN, M_ADD_COMMENT, M_EDIT_COMMENT, M_DELETE_COMMENT } from '../api/work.js';
import { S_COMMENTS } from '../api/live.js';
import { usePeople, PeopleList, listKeys } from './People.js';
import { When } from './When.js';
import { Like } from './Like.js';
import { patchLikes } from '../lib/retro.js';
import { newId } from '../lib/offline.js';

/**
 * The mentions of a text being written that name nobody or several people, as sending would
 * resolve them (asked of the server a moment after typing stops).
 */
function useMentionProblems(text) {
  const [problems, setProblems] = useState([]);
  useEffect(() => {
    if (!/[@＠]/.test(text)) return setProblems([]);
    let on = true;
    const timer = setTimeout(
      () =>
        gql(Q_MENTIONS_IN, { text })
          .then((d) => on && setProblems(mentionProblems(d.mentionsIn)))
          .catch(() => on && setProblems([])),
      300,
    );
    return () => ((on = false), clearTimeout(timer));
  }, [text]);
  return problems;
}

function MentionProblems({ id, problems }) {
  if (!problems.length) return null;
  return html`<ul id=${id} class="mention-problems" aria-live="polite">
    ${problems.map(
      (p) => html`<li key=${p.text}>
        <mark class="mention-unresolved">${p.text}</mark>
        ${' '}${
          p.candidates.length
            ? t('comments.mentionAmbiguous', { names: p.candidates.map((u) => u.displayName).join(t('comments.or')) })
            : t('comments.mentionNobody')
        }
      </li>`,
    )}
  </ul>`;
}

/** A textarea where "@" + letters (a handle, a name, its pinyin) offers people to mention. */
export function MentionBox({ id, label, value, onValue, onSubmit, autoFocus }) {
  const [token, setToken] = useState(null);
  const [active, setActive] = useState(0);
  const composing = useRef(false);
  const box = useRef(null);
  const people = usePeople(token ? token.query : null);
  const problems = useMentionProblems(value);
  const open = !!token && people.length > 0;
  useEffect(() => {
    if (autoFocus && box.current) box.current.focus();
  }, []);

  const detect = () => {
    const el = box.current;
    if (!el || composing.current) return;
    const next = mentionAt(el.value, el.selectionStart);
    setToken((prev) => (prev && next && prev.query === next.query && prev.start === next.start ? prev : next));
    if (!next || !token || next.query !== token.query) setActive(0);
  };
  const pick = (u) => {
    const { text, caret } = insertMention(value, token, u.displayName);
    onValue(text);
    setToken(null);
    requestAnimationFrame(() => {
      const el = box.current;
      if (el) {
        el.focus();
        el.setSelectionRange(caret, caret);
      }
    });
  };
  return html`<div class="mention-box">
    <label class="sr-only" for=${id}>${label}</label>
    <textarea
      id=${id}
      ref=${box}
      rows="2"
      maxlength=${LIMITS.comment}
      placeholder=${t('comments.placeholder')}
      role="combobox"
      aria-autocomplete="list"
      aria-expanded=${open ? 'true' : 'false'}
      aria-controls=${id + '-people'}
      aria-activedescendant=${open ? id + '-people-' + active : undefined}
      aria-describedby=${problems.length ? id + '-mentions' : undefined}
      value=${value}
      onInput=${(e) => (onValue(e.currentTarget.value), detect())}
      onCompositionStart=${() => (composing.current = true)}
      onCompositionEnd=${() => ((composing.current = false), detect())}
      onClick=${detect}
      onKeyUp=${(e) => !open && /^Arrow|^Home|^End/.test(e.key || '') && detect()}
      onBlur=${() => setTimeout(() => setToken(null), 150)}
      onKeyDown=${(e) => {
        if (open && listKeys(e, people, active, setActive, pick, () => setToken(null))) return;
        if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && onSubmit) {
          e.preventDefault();
          onSubmit();
        }
      }}
    ></textarea>
    ${open ? html`<${PeopleList} id=${id + '-people'} people=${people} active=${active} onPick=${pick} />` : null}
    <${Count} id=${id + '-count'} value=${value} max=${LIMITS.comment} />
    <${MentionProblems} id=${id + '-mentions'} problems=${problems} />
  </div>`;
}

/** A body as text with links for the people mentioned (to their objectives on the board). */
export function Body({ c }) {
  return html`<p class="comment-body">
    ${segments(c.body, c.mentions).map((s) =>
      s.user
        ? html`<a
            class="mention"
            href=${cycleId.value ? '/board/' + encodeURIComponent(cycleId.value) : '/'}
            title=${s.user.displayName}
            onClick=${() => (filters.value = { q: '', teamId: '', status: '', ownerId: s.user.id })}
            >${s.text}</a
          >`
        : s.text,
    )}
  </p>`;
}

function Comment({ c, fresh, onChange }) {
  const me = viewer.value || {};
  const mine = c.author && c.author.id === me.id;
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(() => shownBody(c.body, c.mentions));
  const [error, setError] = useState(null);
  const run = async (fn) => {
    setError(null);
    try {
      await fn();
    } catch (e) {
      setError(e.message);
    }
  };
  const save = () =>
    run(async () => {
      const d = await gql(M_EDIT_COMMENT, { id: c.id, b: text });
      onChange(commentOf(d.editComment));
      setEditing(false);
    });
  const remove = () =>
    window.confirm(t('comments.confirmDelete')) &&
    run(async () => {
      await gql(M_DELETE_COMMENT, { id: c.id });
      onChange({ ...c, deleted: true });
    });
  return html`<li class=${'comment' + (fresh ? ' fresh' : '')} id=${c.id}>
    <${Avatar} user=${c.author} size="sm" />
    <div class="comment-main">
      <p class="comment-meta">
        <strong><bdi>${c.author.displayName}</bdi></strong> <${When} at=${c.createdAt} />
        ${c.editedAt ? html` <span class="muted edited" title=${new Date(c.editedAt).toLocaleString()}>${t('comments.edited')}</span>` : null}
        <${Like} id=${c.id} count=${c.likeCount || 0} liked=${!!c.likedByViewer} what=${t('comments.by', { name: c.author.displayName })} />
      </p>
      ${
        editing
          ? html`<${MentionBox} id=${'edit-' + c.id} label=${t('comments.edit')} value=${text} onValue=${setText} onSubmit=${save} autoFocus=${true} />
            <div class="form-actions">
              <button type="button" class="btn btn-small" onClick=${() => (setEditing(false), setText(shownBody(c.body, c.mentions)))}>${t('form.cancel')}</button>
              <button type="button" class="btn btn-small btn-primary" disabled=${!text.trim()} onClick=${save}>${t('form.save')}</button>
            </div>`
          : html`<${Body} c=${c} />`
      }
      <${FieldError} id=${c.id + '-error'} message=${error} />
      ${
        !editing && (mine || me.role === 'ADMIN')
          ? html`<div class="comment-actions">
            ${mine ? html`<button type="button" class="btn btn-ghost btn-small" onClick=${() => (setText(shownBody(c.body, c.mentions)), setEditing(true))}>${t('comments.edit')}</button>` : null}
            <button type="button" class="btn btn-ghost btn-small" onClick=${remove}>${t('comments.delete')}</button>
          </div>`
          : null
      }
    </div>
  </li>`;
}

/** The thread of `targetId` (obj_…, kr_…, task_…), live while shown. */
export function CommentThread({ targetId }) {
  const [list, setList] = useState(null);
  const [fresh, setFresh] = useState(() => new Set());
  const [draft, setDraft] = useState('');
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  // the clientId of the comment being posted, kept until it is accepted: posting again after an
  // error that hid a commit (a dropped connection) does not write it twice
  const sending = useRef(null);
  useEffect(() => {
    let on = true;
    const load = () =>
      gql(Q_COMMENTS, { t: targetId })
        .then((d) => on && setList(d.comments.map(commentOf)))
        .catch((e) => on && setError(e.message));
    load();
    const stop = socket.subscribe(
      S_COMMENTS,
      { t: targetId },
      (d) => {
        const c = commentOf(d.comments.comment);
        setList((l) => upsertComment(l || [], c));
        if (c.author.id !== (viewer.value || {}).id) setFresh((f) => new Set(f).add(c.id));
      },
      load,
    );
    // likes arrive on the cycle's streams (the board's, the page's): their counts, live
    const unlike = lastLike.subscribe((ev) => ev && setList((l) => l && patchLikes(l, ev, (viewer.value || {}).id)));
    return () => {
      on = false;
      stop();
      unlike();
    };
  }, [targetId]);

  const change = (c) => setList((l) => upsertComment(l, c));
  const post = async () => {
    if (busy || !draft.trim()) return;
    setBusy(true);
    setError(null);
    try {
      sending.current = sending.current || newId();
      const d = await gql(M_ADD_COMMENT, { t: targetId, b: draft, c: sending.current });
      sending.current = null;
      change(commentOf(d.addComment));
      setDraft('');
    } catch (e) {
      setError(e.message);
    }
    setBusy(false);
  };
  const fid = 'c-' + targetId;
  return html`<div class="thread" data-target=${targetId}>
    ${
      list === null
        ? html`<p class="muted">${error || t('app.loading')}</p>`
        : list.length
          ? html`<ol class="comments">${list.map((c) => html`<${Comment} key=${c.id} c=${c} fresh=${fresh.has(c.id)} onChange=${change} />`)}</ol>`
          : html`<p class="muted">${t('comments.none')}</p>`
    }
    <form class="comment-form" onSubmit=${(e) => (e.preventDefault(), post())}>
      <${MentionBox} id=${fid} label=${t('comments.add')} value=${draft} onValue=${setDraft} onSubmit=${post} />
      ${list !== null ? html`<${FieldError} id=${fid + '-error'} message=${error} />` : null}
      <div class="form-actions">
        <span class="muted field-hint">${t('comments.hint')}</span>
        <button type="submit" class="btn btn-primary btn-small" disabled=${busy || !draft.trim()}>${t('comments.post')}</button>
      </div>
    </form>
  </div>`;
}
