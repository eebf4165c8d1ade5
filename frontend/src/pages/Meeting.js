// /meeting/<id>: meeting mode. The agenda (built from the data, kept as it was), the facilitator's
// screen leading: the item they open and its objective are shown on every attendee's screen,
// followed live through meetingEvents; anyone may look at another item and rejoin with one tap.
// A timer per item, who is present, notes written by several people (a save that meets someone
// else's shows both texts), decisions, action items (tasks with an assignee). Whoever runs it
// (viewerCan.run: the facilitator, a lead of its team, an admin) changes its time and attendees,
// builds its agenda again until it ends, and corrects a decision's text. A wall screen shows
// agenda, item and notes side by side; a phone stacks them, the item first.
import { html } from 'htm/preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { t, formatInstant, formatPercent, formatNumber, formatDate, formatList } from '../i18n/index.js';
import { gql } from '../api/client.js';
import {
  Q_MEETING,
  Q_NOTES,
  M_START,
  M_END,
  M_FOCUS,
  M_NOTES,
  M_DECIDE,
  M_EDIT_DECISION,
  M_UNDECIDE,
  M_UPDATE_MEETING,
  M_REBUILD,
  M_ACTION,
  S_MEETING,
  S_MEETING_NUMBERS,
} from '../api/meeting.js';
import * as socket from '../socket.js';
import { PageMessage } from '../components/PageMessage.js';
import { Avatar } from '../components/Avatar.js';
import { StatusBadge } from '../components/StatusBadge.js';
import { ProgressBar } from '../components/ProgressBar.js';
import { ObjectiveLink } from '../components/ObjectiveLink.js';
import { PersonPicker } from '../components/People.js';
import { Count, FieldError, FormError, Notice } from '../components/forms.js';
import { LIMITS } from '../lib/limits.js';
import { Attendees, StateTag, localInput } from './Meetings.js';
import { agendaGroups, applyMeetingEvent, clock, itemSeconds, movesMeeting, shownItemId, stepItem } from '../lib/meeting.js';

/** The meeting, kept live: its query, then its events from the seq it reflects. */
function useMeeting(id) {
  const [state, setState] = useState({ data: null, error: null });
  const r = useRef({ data: null, req: 0, pending: null, timer: null }).current;
  const set = (data) => ((r.data = data), setState({ data, error: null }));
  const load = async () => {
    const n = ++r.req;
    r.pending = [];
    try {
      let data = (await gql(Q_MEETING, { id })).meeting;
      if (n !== r.req) return;
      if (!data) throw new Error(t('mtg.missing'));
      for (const ev of r.pending) data = applyMeetingEvent(data, ev).data;
      r.pending = null;
      set(data);
    } catch (error) {
      if (n === r.req) setState((s) => ({ data: s.data, error }));
    }
  };
  const later = () => {
    clearTimeout(r.timer);
    r.timer = setTimeout(load, 200 + Math.random() * 300); // a room of screens does not ask at once
  };
  useEffect(() => {
    load();
    return () => clearTimeout(r.timer);
  }, [id]);
  const live = !!state.data;
  useEffect(() => {
    if (!live) return undefined;
    return socket.subscribe(
      S_MEETING,
      () => ({ m: id, s: r.data ? r.data.seq : null }),
      (d) => {
        const ev = d.meetingEvents;
        if (r.pending) r.pending.push(ev);
        if (!r.data) return;
        const out = applyMeetingEvent(r.data, ev);
        if (out.data !== r.data) set(out.data);
        if (out.refetch) later();
      },
      later,
    );
  }, [id, live]);
  // the numbers move on the cycle's stream (someone checks in during the meeting): read again
  const cycleId = state.data && state.data.state !== 'ENDED' ? state.data.cycle.id : null;
  useEffect(() => {
    if (!cycleId) return undefined;
    let seq = r.data.seq; // the meeting's answer reflects the organization's seq: the board's too
    return socket.subscribe(
      S_MEETING_NUMBERS,
      () => ({ c: cycleId, s: seq }),
      (d) => {
        const ev = d.boardEvents;
        if (ev.__typename !== 'ResyncRequired') seq = Math.max(seq, ev.seq);
        if (r.data && movesMeeting(r.data, ev)) later();
      },
      later,
    );
  }, [id, cycleId]);
  const update = (fn) => r.data && set(fn(r.data));
  return [state.data, state.error, load, update];
}

/** Now, every second while `on`: the timers. */
function useNow(on) {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    if (!on) return undefined;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [on]);
  return now;
}

/** The agenda in the order it is shown and stepped through: grouped by kind. */
const inOrder = (agenda) => agendaGroups(agenda).flatMap(([, items]) => items);

const signed = (d) => (d > 0 ? '+' : d < 0 ? '−' : '±') + formatPercent(Math.abs(d));

/** What an agenda item is about, in a line: its numbers, problems or score. */
function ItemFacts({ item }) {
  const facts = [];
  if (item.status) facts.push(html`<${StatusBadge} status=${item.status} reasons=${item.statusReasons} />`);
  if (item.progress !== null && item.progress !== undefined) facts.push(html`<span class="num">${formatPercent(item.progress)}</span>`);
  if (item.delta !== null && item.delta !== undefined)
    facts.push(
      html`<span class=${'num mtg-delta ' + (item.delta < 0 ? 'down' : 'up')}>${t('mtg.delta', { delta: signed(item.delta) })}</span>`,
    );
  if (item.weightSum !== null && item.weightSum !== undefined)
    facts.push(html`<span class="num">${t('mtg.weightSum', { sum: formatNumber(item.weightSum) })}</span>`);
  if (item.hints.length) facts.push(html`<span class="mtg-hints">✎ ${formatList(item.hints.map((h) => t('mtg.hint.' + h)))}</span>`);
  if (item.kind === 'SCORE_KEY_RESULT')
    facts.push(
      html`<span class="num">${item.score === null ? t('mtg.notScored') : t('mtg.scored', { score: formatNumber(item.score) })}</span>`,
    );
  return facts.length ? html`<span class="mtg-facts">${facts}</span>` : null;
}

function Agenda({ m, shown, now, onPick }) {
  if (!m.agenda.length) return html`<p class="muted">${t('mtg.emptyAgenda')}</p>`;
  const open = m.focus && m.focus.agendaItemId;
  return html`${agendaGroups(m.agenda).map(
    ([kind, items]) => html`<section key=${kind} class="mtg-group" aria-labelledby=${'mtg-g-' + kind}>
      <h3 class="sub-title" id=${'mtg-g-' + kind}>${t('mtg.group.' + kind)} <span class="muted num">${items.length}</span></h3>
      <ol class="mtg-items">
        ${items.map((i) => {
          const secs = itemSeconds(i, m.focus, now);
          return html`<li key=${i.id}>
            <button
              type="button"
              class=${'mtg-item' + (i.id === shown ? ' shown' : '') + (i.id === open ? ' open' : '')}
              data-id=${i.id}
              aria-current=${i.id === open ? 'true' : undefined}
              aria-pressed=${i.id === shown ? 'true' : 'false'}
              onClick=${() => onPick(i.id)}
            >
              <span class="mtg-item-title">${i.title}</span>
              <span class="mtg-item-meta">
                ${i.owner ? html`<span class="muted">${i.owner.displayName}</span>` : null}
                <${ItemFacts} item=${i} />
                ${secs ? html`<span class="num muted mtg-spent" title=${t('mtg.timer')}>${clock(secs)}</span>` : null}
              </span>
            </button>
          </li>`;
        })}
      </ol>
    </section>`,
  )}`;
}

/** An objective as it is now, with its key results (`krId`: the one the item is about). */
function FocusObjective({ o, krId }) {
  return html`<section class="mtg-objective" aria-label=${o.title}>
    <div class="mtg-objective-head">
      <${ObjectiveLink} o=${o} />
      <${StatusBadge} status=${o.status} reasons=${o.statusReasons} />
    </div>
    <${ProgressBar} value=${o.progress} status=${o.status} size="lg" />
    <h3 class="sub-title">${t('mtg.keyResults')}</h3>
    <ul class="mtg-krs">
      ${o.keyResults.map(
        (kr) => html`<li key=${kr.id} data-kr=${kr.id} class=${kr.id === krId ? 'shown' : ''}>
          <span class="mtg-kr-title">${kr.title}</span>
          <${ProgressBar} value=${kr.progress} status=${kr.status} size="sm" />
          ${kr.score !== null ? html`<span class="num muted">${t('mtg.scored', { score: formatNumber(kr.score) })}</span>` : null}
        </li>`,
      )}
    </ul>
  </section>`;
}

/** The item on this screen and the objective it is about; with no item, an objective the facilitator opened alone. */
function Stage({ m, item, alone, now }) {
  if (!item) {
    if (!alone) return html`<p class="muted mtg-nothing">${t('mtg.nothingOpen')}</p>`;
    return html`<article class="mtg-focus" data-objective=${alone.id} aria-live="polite"><${FocusObjective} o=${alone} krId=${null} /></article>`;
  }
  const order = inOrder(m.agenda);
  const n = order.findIndex((i) => i.id === item.id) + 1;
  return html`<article class="mtg-focus" data-item=${item.id} aria-live="polite">
    <p class="muted mtg-focus-where">${t('mtg.group.' + item.kind)} · ${t('mtg.itemOf', { n, total: order.length })}</p>
    <h2 class="mtg-focus-title">${item.title}</h2>
    <p class="mtg-focus-facts">
      ${item.owner ? html`<span class="owner"><${Avatar} user=${item.owner} size="sm" /> ${item.owner.displayName}</span>` : null}
      <${ItemFacts} item=${item} />
    </p>
    <p class="mtg-timer" aria-label=${t('mtg.timer')}>
      <span class="muted">${t('mtg.timer')}</span> <strong class="num">${clock(itemSeconds(item, m.focus, now))}</strong>
    </p>
    ${
      item.task
        ? html`<p class="mtg-task"><span class="tag">${t('mtg.task')}</span> ${item.task.title} ${item.task.assignee ? html`<span class="muted">· ${item.task.assignee.displayName}</span>` : null}</p>`
        : null
    }
    ${item.objective ? html`<${FocusObjective} o=${item.objective} krId=${item.keyResultId} />` : null}
  </article>`;
}

/** Its time (until it starts) and who attends, by whoever runs it. */
function Setup({ m, onDone }) {
  const scheduled = m.state === 'SCHEDULED';
  const [at, setAt] = useState(() => localInput(new Date(m.startsAt)));
  const [people, setPeople] = useState(m.attendees);
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const save = async (e) => {
    e.preventDefault();
    if (scheduled && !at) return setError(t('mtg.needTime'));
    setBusy(true);
    setError(null);
    try {
      const input = { attendeeIds: people.map((u) => u.id), ...(scheduled ? { startsAt: new Date(at).toISOString() } : {}) };
      await gql(M_UPDATE_MEETING, { id: m.id, i: input });
      onDone(true);
    } catch (err) {
      setError(err.message);
      setBusy(false);
    }
  };
  return html`<form class="card mtg-setup" aria-labelledby="mtg-setup-title" onSubmit=${save}>
    <h2 class="section-title" id="mtg-setup-title">${t('mtg.setup')}</h2>
    ${
      scheduled
        ? html`<div class="field">
          <label for="mtg-setup-time">${t('mtg.time')}</label>
          <input id="mtg-setup-time" type="datetime-local" value=${at} onInput=${(e) => setAt(e.currentTarget.value)} />
        </div>`
        : null
    }
    <div class="field">
      <span class="label">${t('mtg.attendees')}</span>
      <${Attendees} id="mtg-setup-attendee" people=${people} onChange=${setPeople} />
    </div>
    <div class="form-actions form-actions-start">
      <button type="submit" class="btn btn-primary" disabled=${busy}>${t('mtg.saveSetup')}</button>
      <button type="button" class="btn btn-ghost" onClick=${() => onDone(false)}>${t('mtg.cancel')}</button>
    </div>
    <${FormError} id="mtg-setup-error" message=${error} />
  </form>`;
}

function Notes({ m, onSaved }) {
  const notes = m.notes;
  const editable = m.viewerCan.takeNotes && m.state !== 'ENDED';
  const [draft, setDraft] = useState(notes.text);
  const [dirty, setDirty] = useState(false);
  const [theirs, setTheirs] = useState(null); // notes saved meanwhile by someone else
  const [error, setError] = useState(null);
  const [done, setDone] = useState(null);
  const [busy, setBusy] = useState(false);
  // read by the effect below, which runs after the render that scheduled it: always the latest
  // (base: the version the draft starts from, or this screen's own save)
  const r = useRef({ base: notes.version, dirty: false, saving: false }).current;
  // saved elsewhere: followed while not writing; beside the draft while writing. A version up
  // to this screen's own save is its own (its event may arrive before the save's answer).
  useEffect(() => {
    if (r.saving || notes.version <= r.base) return;
    if (r.dirty) return setTheirs(notes);
    r.base = notes.version;
    setDraft(notes.text);
  }, [notes.version]);
  const save = async (e) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    r.saving = true;
    try {
      const d = await gql(M_NOTES, { id: m.id, n: draft, v: theirs ? theirs.version : r.base });
      const saved = d.setMeetingNotes.notes;
      Object.assign(r, { base: saved.version, dirty: false });
      setDirty(false);
      setTheirs(null);
      setDone(t('mtg.notesSaved'));
      onSaved(saved);
    } catch (err) {
      if (err.code === 'CONFLICT') {
        const now = await gql(Q_NOTES, { id: m.id }).then(
          (d) => d.meeting && d.meeting.notes,
          () => null,
        );
        if (now) setTheirs(now);
        setError(t('mtg.conflict'));
      } else setError(err.message);
    }
    r.saving = false;
    setBusy(false);
  };
  const by = notes.editedBy ? html`<p class="muted mtg-notes-by">${t('mtg.notesBy', { name: notes.editedBy.displayName })}</p>` : null;
  if (!editable)
    return html`<section class="card mtg-notes" aria-labelledby="mtg-notes-title">
      <h2 class="section-title" id="mtg-notes-title">${t('mtg.notes')}</h2>
      ${notes.text ? html`<p class="mtg-notes-text">${notes.text}</p>` : html`<p class="muted">${t('mtg.noNotes')}</p>`} ${by}
    </section>`;
  const edit = (v) => ((r.dirty = true), setDraft(v), setDirty(true), setDone(null));
  return html`<form class="card mtg-notes" aria-labelledby="mtg-notes-title" onSubmit=${save}>
    <h2 class="section-title"><label id="mtg-notes-title" for="mtg-notes-text">${t('mtg.notes')}</label></h2>
    <textarea id="mtg-notes-text" rows="8" maxlength=${LIMITS.meetingNotes} value=${draft} onInput=${(e) => edit(e.currentTarget.value)}></textarea>
    <${Count} id="mtg-notes-count" value=${draft} max=${LIMITS.meetingNotes} />
    ${
      theirs
        ? html`<div class="clash mtg-theirs" role="group" aria-label=${t('mtg.theirs', { name: theirs.editedBy ? theirs.editedBy.displayName : '' })}>
          <p class="clash-title">${t('mtg.theirs', { name: theirs.editedBy ? theirs.editedBy.displayName : '' })}</p>
          <p class="clash-text">${theirs.text}</p>
          <div class="form-actions form-actions-start">
            <button type="button" class="btn btn-small" onClick=${() => edit(theirs.text)}>${t('mtg.useTheirs')}</button>
            <button type="button" class="btn btn-small" onClick=${() => edit(draft + (draft && !draft.endsWith('\n') ? '\n' : '') + theirs.text)}>${t('mtg.appendTheirs')}</button>
          </div>
        </div>`
        : null
    }
    <div class="form-actions form-actions-start">
      <button type="submit" class="btn btn-primary" disabled=${busy || (!dirty && !theirs)}>${theirs ? t('mtg.saveMerged') : t('mtg.saveNotes')}</button>
    </div>
    ${by}
    <${FieldError} id="mtg-notes-error" message=${error} />
    <${Notice} message=${done} />
  </form>`;
}

/** A decision's text corrected in place. */
function DecisionEdit({ d, onSaved, onCancel }) {
  const [text, setText] = useState(d.text);
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const save = async (e) => {
    e.preventDefault();
    if (!text.trim()) return setError(t('mtg.needText'));
    setBusy(true);
    setError(null);
    try {
      onSaved((await gql(M_EDIT_DECISION, { id: d.id, text })).updateMeetingDecision);
    } catch (err) {
      setError(err.message);
      setBusy(false);
    }
  };
  const field = 'mtg-decision-edit-' + d.id;
  return html`<form class="mtg-add mtg-decision-edit" onSubmit=${save}>
    <label class="sr-only" for=${field}>${t('mtg.decision')}</label>
    <input id=${field} maxlength=${LIMITS.decision} value=${text} onInput=${(e) => setText(e.currentTarget.value)} />
    <${Count} id=${field + '-count'} value=${text} max=${LIMITS.decision} />
    <button type="submit" class="btn btn-primary btn-small" disabled=${busy}>${t('mtg.saveDecision')}</button>
    <button type="button" class="btn btn-ghost btn-small" onClick=${onCancel}>${t('mtg.cancel')}</button>
    <${FieldError} id=${field + '-error'} message=${error} />
  </form>`;
}

function Decisions({ m, item, onAdded, onChanged, onRemoved }) {
  const [text, setText] = useState('');
  const [editing, setEditing] = useState(null); // the id of the decision being corrected
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const can = m.viewerCan.run && m.state !== 'ENDED';
  const add = async (e) => {
    e.preventDefault();
    if (!text.trim()) return setError(t('mtg.needText'));
    setBusy(true);
    setError(null);
    try {
      const d = await gql(M_DECIDE, { m: m.id, i: { text, agendaItemId: item ? item.id : null } });
      setText('');
      onAdded(d.addMeetingDecision);
    } catch (err) {
      setError(err.message);
    }
    setBusy(false);
  };
  const remove = (d) =>
    gql(M_UNDECIDE, { id: d.id }).then(
      () => onRemoved(d.id),
      (err) => setError(err.message),
    );
  const titleOf = (d) => (m.agenda.find((i) => i.id === d.agendaItemId) || {}).title;
  return html`<section class="card mtg-decisions" aria-labelledby="mtg-dec-title">
    <h2 class="section-title" id="mtg-dec-title">${t('mtg.decisions')} <span class="muted num">${m.decisions.length}</span></h2>
    ${
      m.decisions.length
        ? html`<ol class="mtg-list-plain">
          ${m.decisions.map(
            (d) => html`<li key=${d.id} class="mtg-decision" data-id=${d.id}>
              ${
                editing === d.id
                  ? html`<${DecisionEdit} d=${d} onCancel=${() => setEditing(null)} onSaved=${(dec) => (setEditing(null), onChanged(dec))} />`
                  : html`<span class="mtg-decision-text">${d.text}</span>
                    ${d.editedAt ? html`<span class="muted">${t('mtg.edited')}</span>` : null}`
              }
              ${titleOf(d) ? html`<span class="muted">${t('mtg.settles', { title: titleOf(d) })}</span>` : null}
              ${
                can && editing !== d.id
                  ? html`<button type="button" class="btn btn-ghost btn-small" onClick=${() => setEditing(d.id)}>${t('mtg.editDecision')}</button>
                    <button type="button" class="btn btn-ghost btn-small" onClick=${() => remove(d)}>${t('mtg.remove')}</button>`
                  : null
              }
            </li>`,
          )}
        </ol>`
        : html`<p class="muted">${t('mtg.noDecisions')}</p>`
    }
    ${
      can
        ? html`<form class="mtg-add" onSubmit=${add}>
          <label class="sr-only" for="mtg-decision">${t('mtg.decision')}</label>
          <input id="mtg-decision" placeholder=${t('mtg.decision')} maxlength=${LIMITS.decision} value=${text} onInput=${(e) => setText(e.currentTarget.value)} />
          <${Count} id="mtg-decision-count" value=${text} max=${LIMITS.decision} />
          ${item ? html`<span class="muted">${t('mtg.settles', { title: item.title })}</span>` : null}
          <button type="submit" class="btn btn-primary" disabled=${busy}>${t('mtg.decide')}</button>
          <${FieldError} id="mtg-decision-error" message=${error} />
        </form>`
        : null
    }
  </section>`;
}

function Actions({ m, item, onAdded }) {
  const [title, setTitle] = useState('');
  const [who, setWho] = useState(null);
  const [due, setDue] = useState('');
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const can = m.viewerCan.run && m.state !== 'ENDED';
  const add = async (e) => {
    e.preventDefault();
    if (!item) return setError(t('mtg.needItem'));
    if (!title.trim()) return setError(t('mtg.needText'));
    if (!who) return setError(t('mtg.needAssignee'));
    setBusy(true);
    setError(null);
    try {
      // under the item's key result when it is about one, else its objective (a task has one home)
      const home = item.keyResultId ? { keyResultId: item.keyResultId } : { objectiveId: item.objectiveId };
      const input = { title, assigneeId: who.id, ...home, dueDate: due || null };
      const d = await gql(M_ACTION, { m: m.id, i: input });
      setTitle('');
      setWho(null);
      setDue('');
      onAdded(d.addMeetingActionItem);
    } catch (err) {
      setError(err.message);
    }
    setBusy(false);
  };
  return html`<section class="card mtg-actions" aria-labelledby="mtg-act-title">
    <h2 class="section-title" id="mtg-act-title">${t('mtg.actions')} <span class="muted num">${m.actionItems.length}</span></h2>
    ${
      m.actionItems.length
        ? html`<ul class="mtg-list-plain">
          ${m.actionItems.map(
            (a) => html`<li key=${a.id} class="mtg-action">
              <span>${a.title}</span>
              <span class="muted">
                ${a.assignee ? a.assignee.displayName : ''}${a.dueDate ? ' · ' + formatDate(a.dueDate) : ''} · ${a.keyResult ? a.keyResult.title : a.objective.title}
              </span>
            </li>`,
          )}
        </ul>`
        : html`<p class="muted">${t('mtg.noActions')}</p>`
    }
    ${
      can
        ? html`<form class="mtg-add" onSubmit=${add}>
          <label class="sr-only" for="mtg-action">${t('mtg.actionTitle')}</label>
          <input id="mtg-action" placeholder=${t('mtg.actionTitle')} maxlength=${LIMITS.title} value=${title} onInput=${(e) => setTitle(e.currentTarget.value)} />
          <${Count} id="mtg-action-count" value=${title} max=${LIMITS.title} />
          ${
            who
              ? html`<span class="person-chip"><${Avatar} user=${who} size="sm" /><span>${who.displayName}</span>
                <button type="button" class="btn btn-ghost btn-icon" aria-label=${t('mtg.removeAttendee', { name: who.displayName })} onClick=${() => setWho(null)}>✕</button></span>`
              : html`<${PersonPicker} id="mtg-assignee" label=${t('mtg.assignee') + ': ' + t('mtg.findPerson')} onPick=${setWho} />`
          }
          <label class="sr-only" for="mtg-due">${t('mtg.due')}</label>
          <input id="mtg-due" type="date" value=${due} title=${t('mtg.due')} onInput=${(e) => setDue(e.currentTarget.value)} />
          ${item ? html`<span class="muted">${t('mtg.settles', { title: item.title })}</span>` : null}
          <button type="submit" class="btn btn-primary" disabled=${busy}>${t('mtg.addAction')}</button>
          <${FieldError} id="mtg-action-error" message=${error} />
        </form>`
        : null
    }
  </section>`;
}

export function Meeting({ id }) {
  const [m, error, reload, update] = useMeeting(id);
  const [own, setOwn] = useState(null); // the item this screen broke away to (null: following)
  const [busy, setBusy] = useState(false);
  const [runError, setRunError] = useState(null);
  const [setting, setSetting] = useState(false); // the time and attendees being changed
  const now = useNow(!!m && m.state === 'LIVE');
  if (!m) return html`<main id="main" class="page meeting-page"><${PageMessage} error=${error} onRetry=${reload} /></main>`;

  const live = m.state === 'LIVE';
  const leads = m.viewerCan.run && live; // this screen leads: picking an item opens it for everyone
  const shown = shownItemId(m, leads ? null : own);
  const item = shown ? m.agenda.find((i) => i.id === shown) || null : null;
  const following = live && !leads && own === null;
  const run = async (query, vars) => {
    setBusy(true);
    setRunError(null);
    try {
      await gql(query, { id: m.id, ...vars });
      if (query !== M_FOCUS) reload();
    } catch (err) {
      setRunError(err.message);
    }
    setBusy(false);
  };
  const focus = (itemId) => run(M_FOCUS, { item: itemId });
  // an ended meeting keeps the agenda it had: rebuilding is offered until it ends
  const rebuild = () => window.confirm(t('mtg.rebuildConfirm')) && run(M_REBUILD);
  const pick = (itemId) => (leads ? focus(itemId) : setOwn(itemId === (m.focus && m.focus.agendaItemId) && live ? null : itemId));
  const order = inOrder(m.agenda);
  const step = (by) => stepItem(order, shown, by);
  const cycleBase = '/cycle/' + encodeURIComponent(m.cycle.id);
  const fac = m.facilitator ? m.facilitator.displayName : '';

  return html`<main id="main" class="page meeting-page" data-state=${m.state} data-following=${following ? 'true' : 'false'}>
    <nav class="crumbs" aria-label=${t('page.crumbs')}>
      <a href=${'/board/' + encodeURIComponent(m.cycle.id)}>${m.cycle.name}</a>
      <span aria-hidden="true"> / </span>
      <a href=${cycleBase + '/meetings'}>${t('mtg.allMeetings')}</a>
    </nav>
    <div class="page-head mtg-head">
      <h1 class="page-title">${t('mtg.kind.' + m.kind)} · <bdi>${m.team ? m.team.name : t('mtg.company')}</bdi></h1>
      <${StateTag} state=${m.state} />
      <span class="muted">
        ${m.state === 'ENDED' ? t('mtg.endedAt', { when: formatInstant(m.endedAt) }) : m.state === 'SCHEDULED' ? t('mtg.startsAt', { when: formatInstant(m.startsAt) }) : t('mtg.ledBy', { name: fac })}
      </span>
      ${m.viewerCan.run && m.state === 'SCHEDULED' ? html`<button type="button" class="btn btn-primary mtg-start" disabled=${busy} onClick=${() => run(M_START)}>${t('mtg.start')}</button>` : null}
      ${m.viewerCan.run && live ? html`<button type="button" class="btn mtg-end" disabled=${busy} onClick=${() => run(M_END)}>${t('mtg.end')}</button>` : null}
      ${m.viewerCan.run && !setting ? html`<button type="button" class="btn btn-ghost mtg-setup-btn" onClick=${() => setSetting(true)}>${t('mtg.setup')}</button>` : null}
    </div>
    <${FieldError} id="mtg-run-error" message=${runError} />
    ${setting ? html`<${Setup} m=${m} onDone=${(saved) => (setSetting(false), saved && reload())} />` : null}
    <div class="mtg-layout">
      <section class="card mtg-stage" aria-labelledby="mtg-stage-title">
        <h2 class="sr-only" id="mtg-stage-title">${t('mtg.stage')}</h2>
        ${
          live && !leads
            ? html`<div class=${'mtg-follow' + (following ? '' : ' away')} role="status">
              ${
                following
                  ? html`<span><span class="live-dot" aria-hidden="true"></span> ${t('mtg.following', { name: fac })}</span>`
                  : html`<span>${t('mtg.brokeAway')}</span>
                    <button type="button" class="btn btn-primary mtg-rejoin" onClick=${() => setOwn(null)}>${t('mtg.rejoin')}</button>`
              }
            </div>`
            : null
        }
        ${
          leads
            ? html`<div class="mtg-lead">
              <button type="button" class="btn" disabled=${busy || !step(-1)} onClick=${() => focus(step(-1))}>← ${t('mtg.prev')}</button>
              <button type="button" class="btn btn-primary mtg-next" disabled=${busy || !step(1)} onClick=${() => focus(step(1))}>${t('mtg.next')} →</button>
              ${shown ? html`<button type="button" class="btn btn-ghost" disabled=${busy} onClick=${() => focus(null)}>${t('mtg.closeItem')}</button>` : null}
            </div>`
            : null
        }
        <${Stage} m=${m} item=${item} alone=${!shown && m.focus ? m.focus.objective : null} now=${now} />
      </section>
      <section class="card mtg-agenda" aria-labelledby="mtg-agenda-title">
        <h2 class="section-title" id="mtg-agenda-title">${t('mtg.agenda')}</h2>
        ${m.agendaBuiltAt ? html`<p class="muted mtg-built">${t('mtg.builtAt', { when: formatInstant(m.agendaBuiltAt) })}</p>` : null}
        ${m.viewerCan.run && m.state !== 'ENDED' ? html`<button type="button" class="btn btn-small mtg-rebuild" disabled=${busy} onClick=${rebuild}>${t('mtg.rebuild')}</button>` : null}
        <${Agenda} m=${m} shown=${shown} now=${now} onPick=${pick} />
      </section>
      <div class="mtg-side">
        <section class="card mtg-present" aria-labelledby="mtg-present-title">
          <h2 class="section-title" id="mtg-present-title">${live ? t('mtg.present', { count: m.present.length }) : t('mtg.attendees')}</h2>
          <ul class="mtg-people">
            ${(live ? m.present : m.attendees).map(
              (u) => html`<li key=${u.id} data-handle=${u.handle}>
                <${Avatar} user=${u} size="sm" /> ${u.displayName}
                ${m.facilitator && u.id === m.facilitator.id ? html`<span class="tag">${t('mtg.facilitator')}</span>` : null}
              </li>`,
            )}
          </ul>
        </section>
        <${Notes} m=${m} onSaved=${(notes) => update((d) => (notes.version > d.notes.version ? { ...d, notes } : d))} />
        <${Decisions}
          m=${m}
          item=${item}
          onAdded=${(dec) => update((d) => (d.decisions.some((x) => x.id === dec.id) ? d : { ...d, decisions: [...d.decisions, dec] }))}
          onChanged=${(dec) => update((d) => ({ ...d, decisions: d.decisions.map((x) => (x.id === dec.id ? dec : x)) }))}
          onRemoved=${(did) => update((d) => ({ ...d, decisions: d.decisions.filter((x) => x.id !== did) }))}
        />
        <${Actions} m=${m} item=${item} onAdded=${(a) => update((d) => (d.actionItems.some((x) => x.id === a.id) ? d : { ...d, actionItems: [...d.actionItems, a] }))} />
      </div>
    </div>
  </main>`;
}
