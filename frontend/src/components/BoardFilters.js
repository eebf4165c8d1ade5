// Search and filters above the board, and the switch into the meeting layout.
import { html } from 'htm/preact';
import { useEffect } from 'preact/hooks';
import { t } from '../i18n/index.js';
import { objectives, filters, meeting, navigate, cycleId } from '../store.js';

const STATUSES = ['BEHIND', 'AT_RISK', 'ON_TRACK', 'NOT_STARTED', 'DONE'];

function options(list, key) {
  const seen = new Map();
  for (const o of list) if (o[key]) seen.set(o[key].id, o[key].name || o[key].displayName);
  return [...seen].sort((a, b) => String(a[1]).localeCompare(String(b[1])));
}

function set(name, value) {
  filters.value = { ...filters.value, [name]: value };
}

/** Onto the wall: its own address (a reload or a TV's auto-start stays there), full screen if allowed. */
export function enterMeeting() {
  navigate('/wall/' + encodeURIComponent(cycleId.value || ''));
  const root = document.documentElement;
  if (root.requestFullscreen) root.requestFullscreen().catch(() => {}); // the layout works without
}

export function leaveMeeting() {
  navigate('/board/' + encodeURIComponent(cycleId.value || ''));
  if (document.fullscreenElement && document.exitFullscreen) document.exitFullscreen().catch(() => {});
}

/** Keeps the meeting class on <html>; Escape leaves the wall. */
export function useMeetingLayout() {
  useEffect(() => {
    document.documentElement.classList.toggle('meeting', meeting.value);
    return () => document.documentElement.classList.remove('meeting');
  }, [meeting.value]);
  useEffect(() => {
    const onKey = (e) => e.key === 'Escape' && meeting.value && leaveMeeting();
    addEventListener('keydown', onKey);
    return () => removeEventListener('keydown', onKey);
  }, []);
}

export function BoardFilters() {
  const list = (objectives.value || []).filter((o) => o.state !== 'ARCHIVED');
  const f = filters.value;
  const active = f.q || f.teamId || f.ownerId || f.status;
  return html`<div class="board-filters" role="search">
    <label class="filter-search">
      <span class="sr-only">${t('filter.search')}</span>
      <input type="search" placeholder=${t('filter.search')} value=${f.q} onInput=${(e) => set('q', e.currentTarget.value)} />
    </label>
    <label>
      <span class="sr-only">${t('filter.team')}</span>
      <select value=${f.teamId} onChange=${(e) => set('teamId', e.currentTarget.value)} aria-label=${t('filter.team')}>
        <option value="">${t('filter.anyTeam')}</option>
        ${options(list, 'team').map(([id, name]) => html`<option key=${id} value=${id}>${name}</option>`)}
      </select>
    </label>
    <label>
      <span class="sr-only">${t('filter.owner')}</span>
      <select value=${f.ownerId} onChange=${(e) => set('ownerId', e.currentTarget.value)} aria-label=${t('filter.owner')}>
        <option value="">${t('filter.anyOwner')}</option>
        ${options(list, 'owner').map(([id, name]) => html`<option key=${id} value=${id}>${name}</option>`)}
      </select>
    </label>
    <label>
      <span class="sr-only">${t('filter.status')}</span>
      <select value=${f.status} onChange=${(e) => set('status', e.currentTarget.value)} aria-label=${t('filter.status')}>
        <option value="">${t('filter.anyStatus')}</option>
        ${STATUSES.map((s) => html`<option key=${s} value=${s}>${t('status.' + s)}</option>`)}
      </select>
    </label>
    ${
      active
        ? html`<button type="button" class="btn" onClick=${() => (filters.value = { q: '', teamId: '', ownerId: '', status: '' })}>
          ${t('filter.clear')}
        </button>`
        : null
    }
    <button type="button" class="btn meeting-toggle" onClick=${enterMeeting}>${t('meeting.enter')}</button>
  </div>`;
}
