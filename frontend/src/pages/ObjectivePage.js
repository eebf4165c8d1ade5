// /objective/<id>: one objective — its key results per kind with expected-progress markers and
// check-in history charts, what it aligns to and what aligns to it, edit in place; the owner's
// "I commit" (共识会), likes (互赞) live, and from the retrospective on its scores, peer reviews
// and lessons (the scoring sheet's part for this objective).
import { html } from 'htm/preact';
import { useState } from 'preact/hooks';
import { t, formatPercent, formatNumber } from '../i18n/index.js';
import { gql } from '../api/client.js';
import { objectiveExpected } from '../lib/okr.js';
import { ProgressBar } from '../components/ProgressBar.js';
import { StatusBadge, reasonsText } from '../components/StatusBadge.js';
import { Avatar } from '../components/Avatar.js';
import { Q_OBJECTIVE, M_UPDATE_OBJECTIVE, M_ARCHIVE } from '../api/okr.js';
import { InlineEdit } from '../components/InlineEdit.js';
import { KrFacts } from '../components/KrBits.js';
import { KrForm } from '../components/KrForm.js';
import { CheckInChart, CheckInHistory } from '../components/CheckInChart.js';
import { CheckInSheet } from '../components/CheckIn.js';
import { accepted } from '../outbox.js';
import { Notice } from '../components/forms.js';
import { TaskList, useTasks } from '../components/TaskList.js';
import { CommentThread } from '../components/CommentThread.js';
import { ActivityFeed } from '../components/ActivityFeed.js';
import { openThreads, openThread, useReveal } from '../reveal.js';
import { Icon } from '../components/Icon.js';
import { useLive } from '../components/useLive.js';
import { Like } from '../components/Like.js';
import { CommitButton } from './Consensus.js';
import { RetroSection } from '../components/RetroSection.js';
import { patchNode } from '../lib/retro.js';
import { hasScores } from '../lib/cycle.js';
import { viewer } from '../store.js';
import { PageMessage } from '../components/PageMessage.js';
import { ObjectiveLink } from '../components/ObjectiveLink.js';

function AlignedRow({ o }) {
  return html`<li class="aligned-row">
    <${ObjectiveLink} o=${o} />
    <span class="aligned-owner muted">${o.owner ? o.owner.displayName : ''}</span>
    <span class="aligned-progress"><${ProgressBar} value=${o.progress} status=${o.status} /></span>
    <${StatusBadge} status=${o.status} />
  </li>`;
}

/** "Comments" under a key result: opens its thread. */
function ThreadToggle({ id, title }) {
  const open = openThreads.value.has(id);
  return html`<button type="button" class="btn btn-ghost btn-small thread-toggle" aria-expanded=${open ? 'true' : 'false'} onClick=${() => openThread(id, !open)}>
      <${Icon} name="talk" /> <span aria-hidden="true">${t('comments.title')}</span><span class="sr-only">${t('comments.of', { title })}</span>
    </button>
    ${open ? html`<${CommentThread} targetId=${id} />` : null}`;
}

function KrCard({ kr, objective, onChanged, work }) {
  const [mode, setMode] = useState(null); // null | 'edit' | 'checkin'
  const can = kr.viewerCan || {};
  const [done, setDone] = useState(null);
  const why = reasonsText(kr.statusReasons);
  const close = (result) => {
    setMode(null);
    if (result) {
      setDone(t(result.queued ? 'checkin.queued' : 'checkin.done'));
      onChanged();
    }
  };
  return html`<li class="kr-card card" data-kr-id=${kr.id} data-kind=${kr.kind}>
    <div class="kr-card-head">
      <h3 class="kr-card-title" dir="auto">${kr.title}</h3>
      <span class=${'tag kind kind-' + kr.kind}>${t('kind.' + kr.kind)}</span>
      <span class="muted num">${t('kr.weight', { weight: formatNumber(kr.weight) + '%' })}</span>
      <${Like} id=${kr.id} count=${kr.likeCount} liked=${kr.likedByViewer} what=${kr.title} />
    </div>
    <${KrFacts} kr=${kr} />
    <div class="track">
      <${ProgressBar} value=${kr.progress} expected=${kr.expectedProgress} status=${kr.status} />
      <${StatusBadge} status=${kr.status} reasons=${kr.statusReasons} />
    </div>
    <p class="muted kr-card-meta num">
      ${t('kr.expected', { pct: formatPercent(kr.expectedProgress) })}
      ${kr.confidence !== null && kr.confidence !== undefined ? html` · ${t('kr.confidence', { value: kr.confidence })}` : null}
    </p>
    ${why ? html`<p class="reasons">${why}</p>` : null}
    <${CheckInChart} kr=${kr} cycle=${objective.cycle} checkIns=${kr.checkIns} />
    <${CheckInHistory} kr=${kr} checkIns=${kr.checkIns} me=${viewer.value?.id} canRetract=${!!can.checkIn} onChanged=${onChanged} />
    <${Notice} message=${done} />
    ${
      mode === 'edit'
        ? html`<${KrForm}
          kr=${kr}
          idPrefix=${'edit-' + kr.id}
          onSaved=${() => {
            setMode(null);
            setDone(t('form.saved'));
            onChanged();
          }}
          onCancel=${() => setMode(null)}
        />`
        : can.checkIn || can.edit
          ? html`<div class="card-actions">
              ${can.checkIn ? html`<button type="button" class="btn btn-primary checkin-btn" onClick=${() => (setDone(null), setMode('checkin'))}>${t('checkin.open')}</button>` : null}
              ${
                can.edit
                  ? html`<button type="button" class="btn edit-btn" onClick=${() => (setDone(null), setMode('edit'))} aria-label=${t('inline.edit', { field: kr.title })}>
                      <span aria-hidden="true">✎</span> ${t('inline.editShort')}
                    </button>`
                  : null
              }
            </div>`
          : null
    }
    ${mode === 'checkin' ? html`<${CheckInSheet} kr=${kr} onClose=${close} />` : null}
    <h4 class="sub-title">${t('tasks.title')}</h4>
    <${TaskList} work=${work} krId=${kr.id} canAdd=${!!can.manageTasks} hint=${kr.progressSource === 'TASKS' ? t('tasks.drives') : null} />
    <${ThreadToggle} id=${kr.id} title=${kr.title} />
  </li>`;
}

/** The page's objective with one event folded in: a commitment (likes come through useLive). */
const foldPage = (id) => (d, ev) =>
  ev.__typename === 'ObjectiveCommitted' && ev.objectiveId === id
    ? { data: patchNode(d, id, (o) => ({ ...o, committed: ev.committed, committedAt: ev.committedAt })), refetch: false }
    : { data: d, refetch: false };

/** Archive (asked to confirm) or restore: for whoever may edit the objective (the server decides). */
function ArchiveButton({ o, onDone }) {
  const [error, setError] = useState(null);
  const archived = o.state === 'ARCHIVED';
  const go = async () => {
    if (!archived && !window.confirm(t('page.archiveConfirm'))) return;
    try {
      await gql(M_ARCHIVE, { id: o.id, v: o.version, r: archived });
      onDone();
    } catch (err) {
      setError(err.message);
    }
  };
  return html`<button type="button" class="btn archive-objective" onClick=${go}>${t(archived ? 'page.restore' : 'page.archive')}</button>
    ${error ? html`<p class="field-error" role="alert">${error}</p>` : null}`;
}

export function ObjectivePage({ id }) {
  const [data, error, reload, update] = useLive(
    Q_OBJECTIVE,
    { id },
    [id, accepted.value],
    (d) => d.objective && d.objective.cycle.id,
    foldPage(id),
  );
  const o = data && data.objective;
  const work = useTasks(id, o ? o.cycle.id : null, reload);
  useReveal(o, !!work.tasks);
  if (data && !o) return html`<main id="main" class="page"><${PageMessage} error=${{ code: 'NOT_FOUND' }} /></main>`;
  if (!o) return html`<main id="main" class="page"><${PageMessage} error=${error} onRetry=${reload} /></main>`;

  // (the board follows on its own: it is live)
  const changed = () => reload();
  const saveField = (field) => async (text) => {
    await gql(M_UPDATE_OBJECTIVE, { id: o.id, input: { [field]: text }, v: o.version });
    changed();
  };
  const krs = o.keyResults || [];
  const why = reasonsText(o.statusReasons);
  const mine = o.owner.id === (viewer.value || {}).id;
  const can = o.viewerCan || {};
  // only what the server will accept is offered: someone else's objective reads as text
  const editable = (props) =>
    can.edit ? html`<${InlineEdit} ...${props} />` : props.value || props.empty ? props.render(props.value || props.empty) : null;

  return html`<main id="main" class="page objective-page" data-id=${o.id}>
    <nav class="crumbs" aria-label=${t('page.crumbs')}>
      <a href=${'/board/' + encodeURIComponent(o.cycle.id)}>${t('board.title')}</a>
      <span aria-hidden="true"> / </span>
      <bdi>${o.cycle.name}</bdi>
    </nav>

    <section class="card obj-head">
      <div class="obj-tags">
        <span class=${'tag level level-tag-' + o.level}>${t('level.' + o.level)}</span>
        ${o.state === 'DRAFT' ? html`<span class="tag draft">${t('board.draft')}</span>` : null}
        ${o.state === 'ARCHIVED' ? html`<span class="tag draft">${t('page.archived')}</span>` : null}
        <span class="tag">${t('visibility.' + o.visibility)}</span>
      </div>
      ${editable({
        id: 'obj-title',
        label: t('editor.title'),
        value: o.title,
        onSave: saveField('title'),
        render: (v) => html`<h1 class="obj-title" dir="auto">${v}</h1>`,
      })}
      <p class="obj-who">
        <${Avatar} user=${o.owner} size="sm" />
        <bdi>${o.owner.displayName}</bdi>
        ${o.team ? html`<span class="muted">· <bdi>${o.team.name}</bdi></span>` : null}
        <${Like} id=${o.id} count=${o.likeCount} liked=${o.likedByViewer} what=${o.title} />
      </p>
      <div class="track obj-track">
        <${ProgressBar} value=${o.progress} expected=${objectiveExpected(krs)} status=${o.status} />
        <${StatusBadge} status=${o.status} reasons=${o.statusReasons} />
      </div>
      ${why ? html`<p class="reasons">${why}</p>` : null}
      ${(o.hints || []).map((h) => html`<p class="hint" data-code=${h.code}><span aria-hidden="true">${h.severity === 'WARNING' ? '⚠' : 'ℹ'}</span> ${h.message}</p>`)}
      ${editable({
        id: 'obj-description',
        label: t('editor.description'),
        value: o.description,
        multiline: true,
        empty: t('page.noDescription'),
        onSave: saveField('description'),
        render: (v) => html`<p class="obj-description">${v}</p>`,
      })}
      <div class="card-actions">
        ${can.edit ? html`<a class="btn edit-all" href=${'/objective/' + encodeURIComponent(o.id) + '/edit'}>${t(o.state === 'DRAFT' ? 'page.editPublish' : 'page.editAll')}</a>` : null}
        ${can.archive ? html`<${ArchiveButton} o=${o} onDone=${changed} />` : null}
        ${mine ? html`<${CommitButton} o=${o} phase=${o.cycle.phase} onDone=${(c) => update((d) => patchNode(d, o.id, (x) => ({ ...x, ...c })))} />` : null}
      </div>
    </section>

    <section class="obj-section" aria-labelledby="krs-title">
      <h2 id="krs-title" class="section-title">${t('page.keyResults', { count: krs.length })}</h2>
      ${
        krs.length
          ? html`<ol class="kr-cards">${krs.map((kr) => html`<${KrCard} key=${kr.id} kr=${kr} objective=${o} onChanged=${changed} work=${work} />`)}</ol>`
          : html`<p class="muted">${t('board.noKrs')}</p>`
      }
    </section>

    ${hasScores(o.cycle.phase) && o.state === 'PUBLISHED' ? html`<${RetroSection} id=${o.id} phase=${o.cycle.phase} />` : null}

    <section class="obj-section" aria-labelledby="tasks-title">
      <h2 id="tasks-title" class="section-title">${t('tasks.title')}</h2>
      <${TaskList} work=${work} canAdd=${!!can.manageTasks} />
    </section>

    <section class="obj-section" aria-labelledby="talk-title">
      <h2 id="talk-title" class="section-title">${t('comments.title')}</h2>
      <${CommentThread} targetId=${o.id} />
    </section>

    <section class="obj-section" aria-labelledby="align-title">
      <h2 id="align-title" class="section-title">${t('page.alignment')}</h2>
      <h3 class="sub-title">${t('page.alignsTo')}</h3>
      ${
        o.parent
          ? html`<ul class="aligned-list"><${AlignedRow} o=${o.parent} /></ul>
            ${o.sourceKeyResult ? html`<p class="muted converted">${t('page.convertedFrom', { title: o.sourceKeyResult.title })}</p>` : null}`
          : html`<p class="muted">${t('page.noParent')}</p>`
      }
      <h3 class="sub-title">${t('page.children', { count: (o.children || []).length })}</h3>
      ${
        o.children && o.children.length
          ? html`<ul class="aligned-list">${o.children.map((c) => html`<${AlignedRow} key=${c.id} o=${c} />`)}</ul>`
          : html`<p class="muted">${t('page.noChildren')}</p>`
      }
    </section>

    <section class="obj-section" aria-labelledby="activity-title">
      <h2 id="activity-title" class="section-title">${t('activity.title')}</h2>
      <${ActivityFeed} objectiveId=${o.id} />
    </section>
  </main>`;
}
