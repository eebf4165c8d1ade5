import { html } from 'htm/preact';
import { t } from '../i18n/index.js';
import { objectiveExpected } from '../lib/okr.js';
import { expanded, openKrs, flashed, ownHints, toggleExpanded, toggleKrs, viewer } from '../store.js';
import { Avatar } from './Avatar.js';
import { ProgressBar } from './ProgressBar.js';
import { StatusBadge } from './StatusBadge.js';
import { KeyResultList } from './KeyResultList.js';
import { Like } from './Like.js';
import { ScoreBadge } from './Score.js';

/**
 * One objective of the alignment tree, with its key results (on demand) and its children.
 * Two controls per row: the chevron shows/hides the aligned children, the "N KRs" button
 * shows/hides the key results (a click or tap anywhere else on the row does the same).
 * From the keyboard the row is one tab stop (its controls are for the pointer): ↑/↓ move between
 * rows, → opens the children then the key results, ← closes them then goes to the parent,
 * Enter opens the objective, Space shows/hides its key results.
 * `only`: the ids of the rows to render now (the first screen's), or null for all.
 */
export function ObjectiveNode({ node, only }) {
  const o = node.obj;
  if (only && !only.has(o.id)) return null;
  const hasChildren = node.children.length > 0;
  const isOpen = hasChildren && expanded.value.has(o.id);
  const krsOpen = openKrs.value.has(o.id);
  const krs = o.keyResults || [];
  const childrenId = 'children-' + o.id;
  const krsId = 'krs-' + o.id;
  const n = krs.length;
  const flash = flashed.value.get(o.id);
  // writing hints, for the owner's eyes only
  const hints = viewer.value && o.owner && o.owner.id === viewer.value.id ? ownHints.value.get(o.id) : null;

  const onRowClick = (ev) => {
    // keep text selection usable, and let the buttons handle their own clicks
    if (ev.target.closest('button, a, .like') || String(window.getSelection && window.getSelection()).length) return;
    toggleKrs(o.id);
  };

  const onKey = (ev) => {
    const row = ev.currentTarget;
    if (ev.target !== row || ev.altKey || ev.ctrlKey || ev.metaKey) return;
    const k = ev.key;
    const rows = [...document.querySelectorAll('.tree .row')];
    const i = rows.indexOf(row);
    let to;
    if (k === 'ArrowDown' || k === 'ArrowUp') to = rows[i + (k === 'ArrowDown' ? 1 : -1)];
    else if (k === 'ArrowRight') {
      if (hasChildren && !isOpen) toggleExpanded(o.id);
      else if (!krsOpen) toggleKrs(o.id);
    } else if (k === 'ArrowLeft') {
      if (krsOpen) toggleKrs(o.id);
      else if (isOpen) toggleExpanded(o.id);
      else to = row.parentNode.parentNode.closest('.node')?.firstElementChild;
    } else if (k === ' ') toggleKrs(o.id);
    else if (k === 'Enter') row.querySelector('.open-objective').click();
    else return;
    ev.preventDefault();
    if (to) to.focus();
  };

  return html`<li
    class=${'node level-' + o.level + (isOpen ? ' is-open' : '') + (krsOpen ? ' krs-open' : '')}
    data-id=${o.id}
    data-level=${o.level}
    data-status=${o.status}
    data-depth=${node.depth}
    style=${{ '--depth': node.depth }}
  >
    <div class=${'row' + (flash ? ' flash-' + (flash % 2) : '')} tabindex="0" onClick=${onRowClick} onKeyDown=${onKey}>
      <span class="cell-toggle">
        ${
          hasChildren
            ? html`<button
              type="button"
              class="toggle"
              tabindex="-1"
              aria-expanded=${isOpen ? 'true' : 'false'}
              aria-controls=${childrenId}
              aria-label=${t(isOpen ? 'board.collapse' : 'board.expand', { title: o.title })}
              onClick=${() => toggleExpanded(o.id)}
            >
              <span class="chevron" aria-hidden="true"></span>
            </button>`
            : html`<span class="leaf-dot" aria-hidden="true"></span>`
        }
      </span>
      <span class="cell-title">
        <bdi class="title">${o.title}</bdi>${' '}
        <span class=${'tag level level-tag-' + o.level}>${t('level.' + o.level)}</span>
        ${o.state === 'DRAFT' ? html`${' '}<span class="tag draft">${t('board.draft')}</span>` : null}
        ${' '}<a class="open-objective" tabindex="-1" href=${'/objective/' + encodeURIComponent(o.id)} aria-label=${t('board.open', { title: o.title })}>↗</a>
        ${
          hints
            ? html`${' '}<a
                class="hint-marker"
                tabindex="-1"
                href=${'/objective/' + encodeURIComponent(o.id) + '/edit'}
                title=${hints.join('\n')}
                ><span aria-hidden="true">✎ ${hints.length}</span
                ><span class="sr-only">${t('hints.marker', { count: hints.length, list: hints.join(' ') })}</span></a
              >`
            : null
        }
        ${' '}<${ScoreBadge} score=${o.score} /><${Like} id=${o.id} count=${o.likeCount || 0} liked=${!!o.likedByViewer} what=${o.title} tab=${-1} />
      </span>
      <span class="cell-who">
        <span class="cell-owner">
          <${Avatar} user=${o.owner} size="sm" />
          <bdi class="owner-name">${o.owner ? o.owner.displayName : ''}</bdi>
        </span>
        ${o.team ? html`<bdi class="cell-team">${o.team.name}</bdi>` : null}
      </span>
      <span class="cell-progress">
        <${ProgressBar} value=${o.progress} expected=${objectiveExpected(krs)} status=${o.status} />
      </span>
      <span class="cell-status"><${StatusBadge} status=${o.status} reasons=${o.statusReasons} /></span>
      <span class="cell-krs">
        <button
          type="button"
          class="kr-toggle num"
          tabindex="-1"
          aria-expanded=${krsOpen ? 'true' : 'false'}
          aria-controls=${krsId}
          onClick=${() => toggleKrs(o.id)}
        >
          <span>${t(n === 1 ? 'board.krCountOne' : 'board.krCount', { count: n })}</span>
          <span class="sr-only">${t('board.krsOf', { title: o.title })}</span>
          <span class="chevron chevron-sm" aria-hidden="true"></span>
        </button>
      </span>
    </div>
    ${krsOpen ? html`<${KeyResultList} objective=${o} id=${krsId} />` : null}
    ${
      isOpen
        ? html`<ul class="children" id=${childrenId} role="list">
          ${node.children.map((c) => html`<${ObjectiveNode} key=${c.obj.id} node=${c} only=${only} />`)}
        </ul>`
        : null
    }
  </li>`;
}
