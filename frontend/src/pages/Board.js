import { html } from 'htm/preact';
import { useEffect, useState } from 'preact/hooks';
import { t, formatDate } from '../i18n/index.js';
import { statusCounts, firstRows } from '../lib/okr.js';
import {
  cycles,
  cyclesError,
  cycleId,
  currentCycle,
  objectives,
  shownObjectives,
  meeting,
  objectivesError,
  objectivesLoading,
  tree,
  expanded,
  selectCycle,
  loadCycles,
  loadObjectives,
  expandAll,
  collapseAll,
} from '../store.js';
import { ObjectiveNode } from '../components/ObjectiveRow.js';
import { ConnectionStatus, Presence } from '../components/LiveStatus.js';
import { BoardFilters, useMeetingLayout } from '../components/BoardFilters.js';
import { WallBar, useWallScroll } from '../components/Wall.js';
import { PhaseBar } from '../components/PhaseBar.js';

const STATUS_ORDER = ['BEHIND', 'AT_RISK', 'ON_TRACK', 'NOT_STARTED', 'DONE'];
const ICONS = { ON_TRACK: '●', AT_RISK: '▲', BEHIND: '▼', DONE: '✓', NOT_STARTED: '○' };

function CyclePicker() {
  const list = cycles.value || [];
  const sorted = [...list].sort((a, b) => (a.startsOn < b.startsOn ? 1 : a.startsOn > b.startsOn ? -1 : 0));
  return html`<div class="cycle-picker">
    <label for="cycle-select">${t('board.cycle')}</label>
    <select id="cycle-select" value=${cycleId.value || ''} onChange=${(e) => selectCycle(e.currentTarget.value)}>
      ${sorted.map((c) => html`<option key=${c.id} value=${c.id}>${c.name} · ${t('phase.' + c.phase)}</option>`)}
    </select>
  </div>`;
}

function CycleDates() {
  const c = currentCycle.value;
  if (!c) return null;
  return html`<p class="cycle-dates muted">
    <span class="num">${formatDate(c.startsOn)} – ${formatDate(c.endsOn)}</span>
  </p>`;
}

function Summary() {
  const list = shownObjectives.value.filter((o) => o.state !== 'ARCHIVED');
  const counts = statusCounts(list);
  return html`<p class="summary" aria-live="polite">
    <span class="summary-total num">${t('board.summary', { count: list.length })}</span>
    ${STATUS_ORDER.filter((s) => counts[s] > 0).map(
      (s) => html`<span key=${s} class=${'summary-item status-' + s}>
        <span class="badge-icon" aria-hidden="true">${ICONS[s]}</span>
        <span class="num">${counts[s]}</span> ${t('status.' + s)}
      </span>`,
    )}
  </p>`;
}

function Toolbar() {
  const tr = tree.value;
  const anyParents = [...tr.byId.values()].some((n) => n.children.length);
  return html`<div class="toolbar">
    <div class="toolbar-cycle">
      <${CyclePicker} />
      <${CycleDates} />
      <div class="live-bar">
        <${ConnectionStatus} />
        <${Presence} />
      </div>
    </div>
    <${PhaseBar} />
    ${objectives.value ? html`<${BoardFilters} />` : null}
    <div class="toolbar-tree">
      ${objectives.value ? html`<${Summary} />` : null}
      <div class="tree-buttons">
        <button type="button" class="btn expand-all" onClick=${expandAll} disabled=${!anyParents}>${t('board.expandAll')}</button>
        <button type="button" class="btn collapse-all" onClick=${collapseAll} disabled=${!anyParents || expanded.value.size === 0}>
          ${t('board.collapseAll')}
        </button>
      </div>
    </div>
  </div>`;
}

function ColumnHeads() {
  return html`<div class="column-heads" aria-hidden="true">
    <span class="cell-toggle"></span>
    <span class="cell-title">${t('board.objective')}</span>
    <span class="cell-owner">${t('board.owner')}</span>
    <span class="cell-team">${t('board.team')}</span>
    <span class="cell-progress">${t('board.progress')}</span>
    <span class="cell-status">${t('board.status')}</span>
    <span class="cell-krs">${t('board.krColumn')}</span>
  </div>`;
}

function Notice({ message, onRetry }) {
  return html`<div class="notice" role="alert">
    <p>${message}</p>
    ${onRetry ? html`<button type="button" class="btn" onClick=${onRetry}>${t('board.retry')}</button>` : null}
  </div>`;
}

// No row is shorter (px): the first screen renders as many rows as the window holds of these.
const MIN_ROW_PX = 24;

/**
 * The ids of the rows to render now, or null for all: a large board's rows take a while to
 * build, so at first only those that fill the window, the rest once those are painted (effects
 * run after the frame). Again for each cycle shown.
 */
function useFirstScreen(tr) {
  const id = cycleId.value;
  const [whole, setWhole] = useState(null); // the cycle whose board is rendered in full
  const shown = tr.roots.length > 0 && !objectivesLoading.value; // (not the last cycle's, while the next loads)
  useEffect(() => {
    if (shown && whole !== id) setWhole(id);
  }, [shown, id, whole]);
  return shown && whole !== id ? firstRows(tr, expanded.value, Math.ceil(window.innerHeight / MIN_ROW_PX)) : null;
}

export function Board() {
  useMeetingLayout();
  useWallScroll();
  const only = useFirstScreen(tree.value);
  if (cyclesError.value) return html`<main id="main" class="board"><${Notice} message=${cyclesError.value} onRetry=${loadCycles} /></main>`;
  if (cycles.value === null) return html`<main id="main" class="board"><p class="loading">${t('app.loading')}</p></main>`;
  if (!cycles.value.length) return html`<main id="main" class="board"><p class="empty">${t('board.noCycles')}</p></main>`;

  const tr = tree.value;
  let body;
  if (objectivesError.value) body = html`<${Notice} message=${objectivesError.value} onRetry=${() => loadObjectives()} />`;
  else if (objectives.value === null) body = html`<p class="loading">${t('app.loading')}</p>`;
  else if (!tr.roots.length) body = html`<p class="empty">${t(objectives.value.length ? 'filter.noMatch' : 'board.empty')}</p>`;
  else
    body = html`<section class="tree-wrap" aria-labelledby="board-title">
      <${ColumnHeads} />
      <ul class="tree" role="list" aria-label=${t('board.treeLabel')}>
        ${tr.roots.map((n) => html`<${ObjectiveNode} key=${n.obj.id} node=${n} only=${only} />`)}
      </ul>
    </section>`;

  return html`<main id="main" class="board" aria-busy=${objectivesLoading.value ? 'true' : 'false'}>
    <h1 id="board-title" class="sr-only">${t('board.title')}</h1>
    ${meeting.value ? html`<${WallBar} />` : html`<${Toolbar} />`}
    ${body}
  </main>`;
}
