// Tasks of an objective and of each of its key results: one-tap status, inline create,
// assignee / collaborator pickers, due date, drag (or ↑/↓ keys, or buttons) to reorder,
// delete with undo. Live: other people's changes arrive through the cycle's boardEvents.
import { html } from 'htm/preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { t, formatDate } from '../i18n/index.js';
import { gql } from '../api/client.js';
import { viewer, orgZone } from '../store.js';
import { localDay } from '../lib/clock.js';
import * as socket from '../socket.js';
import { Avatar } from './Avatar.js';
import { InlineEdit } from './InlineEdit.js';
import { CommentThread } from './CommentThread.js';
import { taskOf, siblings, upsertTask, applyOrder, reorder, dropIndex, toggleStatus, overdue } from '../lib/worklogic.js';
import { Q_TASKS, M_CREATE_TASK, M_UPDATE_TASK, M_DELETE_TASK, M_RESTORE_TASK } from '../api/work.js';
import { S_TASKS } from '../api/live.js';
import { openThreads, openThread } from '../reveal.js';
import { PersonPicker } from './People.js';
import { Icon } from './Icon.js';
import { Count } from './forms.js';
import { LIMITS } from '../lib/limits.js';
import { newId } from '../lib/offline.js';

const STATUSES = ['TODO', 'DOING', 'DONE', 'BLOCKED'];
const ICON = { TODO: '○', DOING: '◐', DONE: '✓', BLOCKED: '⊘' };

/** The tasks of objective `objectiveId` (its own and its key results'), live; `onNumbers` when progress moved. */
export function useTasks(objectiveId, cycleId, onNumbers) {
  const [tasks, setTasks] = useState(null);
  const [notice, setNotice] = useState(null); // { list, text, error?, undo? }
  const [flash, setFlash] = useState(() => new Map());
  const numbers = useRef(onNumbers);
  // per list, the clientId of the task being created, kept until it is accepted: creating again
  // after an error that hid a commit (a dropped connection) does not write it twice
  const creating = useRef({});
  numbers.current = onNumbers;
  const seq = useRef(null); // the last event seq taken: a reconnection resumes after it
  const load = () =>
    gql(Q_TASKS, { t: objectiveId, c: cycleId }).then(
      (d) => {
        seq.current = d.boardSeq;
        setTasks(d.tasks.map(taskOf));
      },
      (e) => setNotice({ list: '*', text: e.message, error: true }),
    );
  useEffect(() => {
    if (!cycleId) return;
    let stop = null;
    load().then(() => {
      if (stop === false) return;
      stop = socket.subscribe(
        S_TASKS,
        () => ({ c: cycleId, s: seq.current }),
        (d) => {
          const ev = d.boardEvents;
          if (ev.__typename === 'ResyncRequired') return load(); // the stream ends; resumes from the new seq
          if (ev.seq <= seq.current) return; // already in what we loaded
          seq.current = ev.seq;
          if (ev.__typename !== 'TaskChanged' || ev.task.objectiveId !== objectiveId) return;
          const task = taskOf(ev.task);
          const mine = ev.actorId === (viewer.value || {}).id;
          setTasks((l) => l && (ev.order ? applyOrder(upsertTask(l, task), ev.order) : upsertTask(l, task)));
          if (!mine) setFlash((f) => new Map(f).set(task.id, (f.get(task.id) || 0) + 1));
          if ((ev.objectives || []).some((n) => n.objectiveId === objectiveId)) numbers.current(); // progress moved
        },
      );
    });
    return () => (stop ? stop() : (stop = false));
  }, [objectiveId, cycleId]);

  const put = (task) => setTasks((l) => upsertTask(l || [], task));
  const fail = (list, e) => {
    setNotice({ list, text: e.message, error: true });
    load();
  };
  const list = (task) => task.keyResultId || '';
  return {
    tasks,
    notice,
    flash,
    dismiss: () => setNotice(null),
    async create(krId, title) {
      const key = krId || '';
      const clientId = (creating.current[key] = creating.current[key] || newId());
      const input = krId ? { title, keyResultId: krId, clientId } : { title, objectiveId, clientId };
      try {
        put(taskOf((await gql(M_CREATE_TASK, { input })).createTask));
        delete creating.current[key];
        setNotice(null);
        return true;
      } catch (e) {
        setNotice({ list: krId || '', text: e.message, error: true });
        return false;
      }
    },
    /** Change fields; `optimistic` patches the row before the server answers. */
    async save(task, input, optimistic) {
      if (optimistic) put({ ...task, ...optimistic });
      try {
        put(taskOf((await gql(M_UPDATE_TASK, { id: task.id, input })).updateTask));
      } catch (e) {
        fail(list(task), e);
        throw e;
      }
    },
    async move(task, to) {
      const { tasks: next, order } = reorder(tasks, task.id, to);
      if (!order) return;
      setTasks(next);
      setNotice({ list: list(task), text: t('tasks.moved', { title: task.title, n: to + 1, count: order.length }) });
      try {
        put(taskOf((await gql(M_UPDATE_TASK, { id: task.id, input: { position: to } })).updateTask));
      } catch (e) {
        fail(list(task), e);
      }
    },
    async remove(task) {
      try {
        await gql(M_DELETE_TASK, { id: task.id });
        put({ ...task, deleted: true });
        setNotice({ list: list(task), text: t('tasks.deleted', { title: task.title }), undo: task });
      } catch (e) {
        fail(list(task), e);
      }
    },
    async restore(task) {
      try {
        put(taskOf((await gql(M_RESTORE_TASK, { id: task.id })).restoreTask));
        setNotice(null);
        load(); // its place among the others
      } catch (e) {
        fail(list(task), e);
      }
    },
  };
}

function Person({ user, onRemove, label }) {
  return html`<span class="person-chip">
    <${Avatar} user=${user} size="sm" /><bdi>${user.displayName}</bdi>
    <button type="button" class="btn btn-ghost btn-icon" aria-label=${label} onClick=${onRemove}>✕</button>
  </span>`;
}

// what the viewer may do with a task (viewerCan); one that arrived live carries none: the server decides
const ANY = { edit: true, archive: true };

function TaskDetails({ task, work, index, count }) {
  const can = task.viewerCan || ANY;
  if (!can.edit)
    return html`<div class="task-details">${task.description ? html`<p class="task-desc">${task.description}</p>` : null}</div>`;
  const save = (input) => work.save(task, input).catch(() => {});
  const collabIds = task.collaborators.map((u) => u.id);
  const p = 'td-' + task.id;
  return html`<div class="task-details">
    <${InlineEdit} id=${p + '-title'} label=${t('tasks.title')} value=${task.title} onSave=${(v) => work.save(task, { title: v })} render=${(v) => html`<p class="task-full-title">${v}</p>`} />
    <${InlineEdit}
      id=${p + '-desc'}
      label=${t('tasks.description')}
      value=${task.description}
      multiline=${true}
      empty=${t('tasks.noDescription')}
      onSave=${(v) => work.save(task, { description: v })}
      render=${(v) => html`<p class="task-desc">${v}</p>`}
    />
    <div class="task-field">
      <span class="task-label">${t('tasks.assignee')}</span>
      ${
        task.assignee
          ? html`<${Person} user=${task.assignee} label=${t('tasks.unassign')} onRemove=${() => save({ assigneeId: null })} />`
          : html`<span class="muted">${t('tasks.nobody')}</span>`
      }
      <${PersonPicker} id=${p + '-assignee'} label=${t('tasks.assign')} exclude=${task.assignee ? [task.assignee.id] : []} onPick=${(u) => save({ assigneeId: u.id })} />
    </div>
    <div class="task-field">
      <span class="task-label">${t('tasks.collaborators')}</span>
      ${task.collaborators.map(
        (u) =>
          html`<${Person} key=${u.id} user=${u} label=${t('tasks.uninvite', { name: u.displayName })} onRemove=${() => save({ collaboratorIds: collabIds.filter((i) => i !== u.id) })} />`,
      )}
      <${PersonPicker} id=${p + '-collab'} label=${t('tasks.invite')} exclude=${collabIds} onPick=${(u) => save({ collaboratorIds: [...collabIds, u.id] })} />
    </div>
    <div class="task-field">
      <label class="task-label" for=${p + '-due'}>${t('tasks.due')}</label>
      <input id=${p + '-due'} type="date" value=${task.dueDate || ''} onChange=${(e) => save({ dueDate: e.currentTarget.value || null })} />
    </div>
    <div class="card-actions">
      <button type="button" class="btn btn-small" disabled=${index === 0} onClick=${() => work.move(task, index - 1)}>↑ ${t('tasks.up')}</button>
      <button type="button" class="btn btn-small" disabled=${index >= count - 1} onClick=${() => work.move(task, index + 1)}>↓ ${t('tasks.down')}</button>
      ${can.archive ? html`<button type="button" class="btn btn-small btn-danger" onClick=${() => work.remove(task)}>${t('tasks.delete')}</button>` : null}
    </div>
  </div>`;
}

function TaskRow({ task, work, index, count, onDrag }) {
  const [open, setOpen] = useState(false);
  const can = task.viewerCan || ANY;
  const talk = openThreads.value.has(task.id);
  const done = task.status === 'DONE';
  const today = localDay(Date.now(), orgZone.value); // a task is overdue from the day after, where the organization is
  const n = work.flash.get(task.id);
  const keys = (e) => {
    const to = e.key === 'ArrowUp' ? index - 1 : e.key === 'ArrowDown' ? index + 1 : -1;
    if (to < 0 || to >= count) return;
    e.preventDefault();
    const refocus = () => document.getElementById('h-' + task.id)?.focus(); // the row moved in the DOM
    work.move(task, to).then(refocus);
    requestAnimationFrame(refocus);
  };
  return html`<li class=${'task task-' + task.status + (n ? ' flash-' + (n % 2) : '')} id=${task.id} data-status=${task.status}>
    <div class="task-row">
      ${
        can.edit
          ? html`<button
              type="button"
              class="task-check"
              aria-pressed=${done ? 'true' : 'false'}
              aria-label=${t(done ? 'tasks.reopen' : 'tasks.markDone', { title: task.title })}
              onClick=${() => work.save(task, { status: toggleStatus(task.status) }, { status: toggleStatus(task.status) }).catch(() => {})}
            >
              <span aria-hidden="true">${ICON[task.status]}</span>
            </button>`
          : html`<span class="task-check" aria-hidden="true">${ICON[task.status]}</span>`
      }
      <button type="button" class="task-title" aria-expanded=${open ? 'true' : 'false'} onClick=${() => setOpen(!open)}>${task.title}</button>
      <span class="task-meta">
        ${
          can.edit
            ? html`<select
                class="task-status"
                aria-label=${t('tasks.statusOf', { title: task.title })}
                value=${task.status}
                onChange=${(e) => work.save(task, { status: e.currentTarget.value }, { status: e.currentTarget.value }).catch(() => {})}
              >
                ${STATUSES.map((s) => html`<option value=${s}>${ICON[s]} ${t('taskStatus.' + s)}</option>`)}
              </select>`
            : html`<span class="task-status">${t('taskStatus.' + task.status)}</span>`
        }
        ${
          task.dueDate
            ? html`<span class=${'task-due num' + (overdue(task, today) ? ' overdue' : '')} title=${t('tasks.due')}>${formatDate(task.dueDate, { month: 'short', day: 'numeric' })}</span>`
            : null
        }
        ${task.assignee ? html`<${Avatar} user=${task.assignee} size="sm" labelled=${true} />` : null}
        <button
          type="button"
          class="btn btn-ghost btn-icon"
          aria-expanded=${talk ? 'true' : 'false'}
          aria-label=${t('comments.of', { title: task.title })}
          onClick=${() => openThread(task.id, !talk)}
        >
          <${Icon} name="talk" />
        </button>
        ${
          can.edit
            ? html`<button
                type="button"
                class="btn btn-ghost btn-icon task-handle"
                id=${'h-' + task.id}
                aria-label=${t('tasks.handle', { title: task.title })}
                onPointerDown=${(e) => onDrag(e, task, index)}
                onKeyDown=${keys}
              >
                <span aria-hidden="true">⠿</span>
              </button>`
            : null
        }
      </span>
    </div>
    ${open ? html`<${TaskDetails} task=${task} work=${work} index=${index} count=${count} />` : null}
    ${talk ? html`<${CommentThread} targetId=${task.id} />` : null}
  </li>`;
}

/** One list: a key result's tasks (`krId`), or the objective's own (krId null). */
/** `canAdd`: the viewer may add tasks here (viewerCan.manageTasks of the key result or objective). */
export function TaskList({ work, krId = null, hint, canAdd = true }) {
  const [title, setTitle] = useState('');
  const ol = useRef(null);
  const key = krId || '';
  if (!work.tasks) return html`<p class="muted">${t('app.loading')}</p>`;
  const list = siblings(work.tasks, krId);
  const notice = work.notice && (work.notice.list === key || work.notice.list === '*') ? work.notice : null;

  // Drag by the handle: the row follows the pointer, a line shows where it will land.
  const drag = (e, task, from) => {
    if (e.button !== 0 || !ol.current) return;
    const handle = e.currentTarget;
    const li = handle.closest('.task');
    const rows = [...ol.current.children].filter((r) => r !== li);
    const mids = rows.map((r) => {
      const b = r.getBoundingClientRect();
      return b.top + b.height / 2;
    });
    const y0 = e.clientY;
    let to = from;
    handle.setPointerCapture(e.pointerId);
    li.classList.add('dragging');
    const move = (ev) => {
      li.style.transform = `translateY(${ev.clientY - y0}px)`;
      to = dropIndex(mids, ev.clientY);
      rows.forEach((r, i) => {
        r.classList.toggle('drop-before', i === to);
        r.classList.toggle('drop-after', i === rows.length - 1 && to === rows.length);
      });
    };
    const end = (ev) => {
      handle.removeEventListener('pointermove', move);
      handle.removeEventListener('pointerup', end);
      handle.removeEventListener('pointercancel', end);
      li.classList.remove('dragging');
      li.style.transform = '';
      rows.forEach((r) => r.classList.remove('drop-before', 'drop-after'));
      if (ev.type === 'pointerup' && to !== from) work.move(task, to);
    };
    handle.addEventListener('pointermove', move);
    handle.addEventListener('pointerup', end);
    handle.addEventListener('pointercancel', end);
  };

  const add = async (e) => {
    e.preventDefault();
    if (title.trim() && (await work.create(krId, title.trim()))) setTitle('');
  };
  const fid = 'new-task-' + (krId || 'obj');
  return html`<div class="tasks" data-list=${key || 'objective'}>
    ${hint ? html`<p class="field-hint">${hint}</p>` : null}
    ${
      list.length
        ? html`<ol class="task-list" ref=${ol}>
          ${list.map((task, i) => html`<${TaskRow} key=${task.id} task=${task} work=${work} index=${i} count=${list.length} onDrag=${drag} />`)}
        </ol>`
        : html`<p class="muted">${t('tasks.none')}</p>`
    }
    ${
      notice
        ? html`<p class=${'inline-notice ' + (notice.error ? 'inline-error' : 'inline-ok')} role=${notice.error ? 'alert' : 'status'}>
          <span>${notice.text}</span>
          ${notice.undo ? html`<button type="button" class="btn btn-small" onClick=${() => work.restore(notice.undo)}>${t('tasks.undo')}</button>` : null}
          <button type="button" class="btn btn-ghost btn-icon" aria-label=${t('form.close')} onClick=${work.dismiss}>✕</button>
        </p>`
        : null
    }
    ${
      canAdd
        ? html`<form class="task-new" onSubmit=${add}>
            <label class="sr-only" for=${fid}>${t('tasks.new')}</label>
            <input id=${fid} type="text" maxlength=${LIMITS.title} placeholder=${t('tasks.new')} value=${title} onInput=${(e) => setTitle(e.currentTarget.value)} />
            <${Count} id=${fid + '-count'} value=${title} max=${LIMITS.title} />
            <button type="submit" class="btn btn-small" disabled=${!title.trim()}>${t('tasks.add')}</button>
          </form>`
        : null
    }
  </div>`;
}
