// /me: the signed-in person's objectives and key results, each with a check-in button that
// opens the sheet. Check-ins made offline are listed as pending until the server takes them.
import { html } from 'htm/preact';
import { useState } from 'preact/hooks';
import { t, formatNumber, formatDate } from '../i18n/index.js';
import { viewer, cycles, cycleId } from '../store.js';
import { ProgressBar } from '../components/ProgressBar.js';
import { StatusBadge } from '../components/StatusBadge.js';
import { Q_MINE } from '../api/okr.js';
import { valueText, targetText } from '../components/KrBits.js';
import { isBinary } from '../lib/krlogic.js';
import { CheckInSheet } from '../components/CheckIn.js';
import { outbox, accepted, online, flush, drafts } from '../outbox.js';
import { Notice } from '../components/forms.js';
import { useLoad } from '../components/useLoad.js';
import { useClock } from '../components/useClock.js';
import { PageMessage } from '../components/PageMessage.js';
import { ObjectiveLink } from '../components/ObjectiveLink.js';

function pendingText(kr, item) {
  const v = item.input.value;
  if (v === undefined) return t('me.pendingNote');
  return t('me.pending', { value: isBinary(kr.kind) ? t(v >= 1 ? 'kr.done' : 'kr.notDone') : formatNumber(v) });
}

function KrRow({ kr, onCheckIn, children }) {
  const pending = outbox.value.filter((i) => i.input.keyResultId === kr.id);
  const draft = viewer.value ? drafts.get(viewer.value.id, kr.id) : null;
  return html`<li class="me-kr" data-kr-id=${kr.id} data-kind=${kr.kind}>
    <div class="me-kr-head">
      <bdi class="kr-title">${kr.title}</bdi>
      <span class=${'tag kind kind-' + kr.kind}>${t('kind.' + kr.kind)}</span>
    </div>
    ${children}
    <p class="me-kr-value num"><strong>${valueText(kr)}</strong> <span class="muted">${targetText(kr)}</span></p>
    <div class="track">
      <${ProgressBar} value=${kr.progress} expected=${kr.expectedProgress} status=${kr.status} />
      <${StatusBadge} status=${kr.status} reasons=${kr.statusReasons} />
    </div>
    ${pending.map(
      (i) =>
        html`<p key=${i.id} class="chip chip-pending" data-pending=${i.id}><span aria-hidden="true">⏳</span> ${pendingText(kr, i)}</p>`,
    )}
    ${
      draft && draft.error
        ? html`<p class="chip chip-error" role="alert"><span aria-hidden="true">!</span> ${t('me.rejected', { message: draft.error.message })}</p>`
        : draft
          ? html`<p class="chip chip-draft"><span aria-hidden="true">✎</span> ${t('me.draft')}</p>`
          : null
    }
    ${
      !kr.viewerCan || kr.viewerCan.checkIn
        ? html`<button type="button" class="btn btn-primary btn-block checkin-btn" onClick=${() => onCheckIn(kr)} aria-label=${t('me.checkInOn', { title: kr.title })}>
            ${t(draft && draft.error ? 'me.fix' : 'checkin.open')}
          </button>`
        : null
    }
  </li>`;
}

/** A task assigned to me, linking to it on its objective's page. */
function TaskRow({ task }) {
  const href = '/objective/' + encodeURIComponent(task.objective.id) + '#' + encodeURIComponent(task.id);
  return html`<li class="me-task" data-task-id=${task.id} data-status=${task.status}>
    <a href=${href}><bdi>${task.title}</bdi></a>
    <span class="tag">${t('taskStatus.' + task.status)}</span>
    ${task.dueDate ? html`<span class="muted num">${formatDate(task.dueDate, { month: 'short', day: 'numeric' })}</span>` : null}
    <bdi class="muted">${task.objective.title}</bdi>
  </li>`;
}

function Outbox() {
  const n = outbox.value.length;
  if (!n)
    return online.value
      ? null
      : html`<p class="inline-notice inline-info offline-banner" role="status"><span aria-hidden="true">⚡</span> ${t('me.offline')}</p>`;
  return html`<div class="inline-notice inline-info outbox" role="status">
    <span aria-hidden="true">⏳</span>
    <span>${t(online.value ? 'me.outboxOnline' : 'me.outboxOffline', { count: n })}</span>
    ${online.value ? html`<button type="button" class="btn btn-small" onClick=${() => flush()}>${t('me.sendNow')}</button>` : null}
  </div>`;
}

export function MyOkrs() {
  const user = viewer.value;
  const [picked, setPicked] = useState(null);
  const [open, setOpen] = useState(null); // the KR whose sheet is open
  const [done, setDone] = useState(null);
  const cid = picked || cycleId.value;
  const tick = useClock(); // an hour on, or the organization's midnight: statuses that move with time
  const [data, error, reload] = useLoad(cid ? Q_MINE : null, { c: cid, o: user.id }, [cid, user.id, accepted.value, tick], { keep: true });
  const list = (data && data.objectives ? data.objectives : []).filter((o) => o.state !== 'ARCHIVED');
  // mine under someone else's objective (those under mine are listed with them)
  const elsewhere = ((data && data.keyResults) || []).filter((kr) => kr.objective.owner.id !== user.id);
  const tasks = (data && data.assignedTasks) || [];
  const sorted = [...(cycles.value || [])].sort((a, b) => (a.startsOn < b.startsOn ? 1 : -1));

  const close = (result) => {
    const kr = open;
    setOpen(null);
    if (result) setDone(t(result.queued ? 'checkin.queued' : 'checkin.done'));
    // back to the button that opened the sheet
    setTimeout(() => {
      const btn = kr && document.querySelector(`.me-kr[data-kr-id="${CSS.escape(kr.id)}"] .checkin-btn`);
      if (btn) btn.focus();
    });
  };

  return html`<main id="main" class="page me-page">
    <div class="page-head">
      <h1 class="page-title">${t('me.title')}</h1>
      <div class="cycle-picker">
        <label for="me-cycle">${t('board.cycle')}</label>
        <select id="me-cycle" value=${cid || ''} onChange=${(e) => setPicked(e.currentTarget.value)}>
          ${sorted.map((c) => html`<option key=${c.id} value=${c.id}>${c.name}</option>`)}
        </select>
      </div>
    </div>
    <${Outbox} />
    <${Notice} message=${done} />
    ${
      !data
        ? html`<${PageMessage} error=${error} onRetry=${reload} />`
        : !list.length && !elsewhere.length
          ? html`<div class="empty"><p>${t('me.empty')}</p><p><a class="btn" href="/new">${t('nav.new')}</a></p></div>`
          : list.map(
              (o) => html`<section key=${o.id} class="card me-objective" aria-labelledby=${'me-' + o.id}>
              <h2 class="me-obj-title" id=${'me-' + o.id}><${ObjectiveLink} o=${o} /></h2>
              <div class="track">
                <${ProgressBar} value=${o.progress} status=${o.status} />
                <${StatusBadge} status=${o.status} reasons=${o.statusReasons} />
              </div>
              ${
                (o.keyResults || []).length
                  ? html`<ul class="me-krs">
                    ${o.keyResults.map((kr) => html`<${KrRow} key=${kr.id} kr=${kr} onCheckIn=${(k) => (setDone(null), setOpen(k))} />`)}
                  </ul>`
                  : html`<p class="muted">${t('board.noKrs')}</p>`
              }
            </section>`,
            )
    }
    ${
      elsewhere.length
        ? html`<section class="card me-objective me-elsewhere" aria-labelledby="me-elsewhere">
            <h2 class="me-obj-title" id="me-elsewhere">${t('me.krsElsewhere')}</h2>
            <ul class="me-krs">
              ${elsewhere.map(
                (kr) => html`<${KrRow} key=${kr.id} kr=${kr} onCheckIn=${(k) => (setDone(null), setOpen(k))}>
                  <p class="muted me-kr-under">${t('me.krUnder', { title: kr.objective.title, name: kr.objective.owner.displayName })}</p>
                </${KrRow}>`,
              )}
            </ul>
          </section>`
        : null
    }
    ${
      data
        ? html`<section class="card me-tasks" aria-labelledby="me-tasks">
            <h2 class="me-obj-title" id="me-tasks">${t('me.tasks')}</h2>
            ${tasks.length ? html`<ul class="me-task-list">${tasks.map((task) => html`<${TaskRow} key=${task.id} task=${task} />`)}</ul>` : html`<p class="muted">${t('me.noTasks')}</p>`}
          </section>`
        : null
    }
    ${open ? html`<${CheckInSheet} key=${open.id} kr=${open} onClose=${close} />` : null}
  </main>`;
}
