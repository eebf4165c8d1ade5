// The wall: the board full-screen in the meeting room. Its bar names the cycle and its phase and
// keeps the connection state in sight, with "Leave" beside them (never over a column). A board
// longer than the screen scrolls itself slowly, pausing while someone interacts; the row that
// just changed is brought into view (and flashes, as on every board).
import { html } from 'htm/preact';
import { useEffect } from 'preact/hooks';
import { t } from '../i18n/index.js';
import { currentCycle, flashed, meeting } from '../store.js';
import { ConnectionStatus, Presence } from './LiveStatus.js';
import { leaveMeeting } from './BoardFilters.js';
import { wallScroller } from '../lib/wallScroll.js';

export function WallBar() {
  const c = currentCycle.value;
  return html`<div class="wall-bar">
    <p class="wall-cycle">
      ${c ? html`<strong><bdi>${c.name}</bdi></strong> <span class="wall-phase">${t('phase.' + c.phase)}</span>` : null}
    </p>
    <div class="wall-live">
      <${ConnectionStatus} />
      <${Presence} />
    </div>
    <button type="button" class="btn meeting-exit" onClick=${leaveMeeting}>${t('meeting.leave')}</button>
  </div>`;
}

/** Scrolls the wall while it is shown (see lib/wallScroll.js) and shows each changed row. */
export function useWallScroll() {
  const on = meeting.value;
  useEffect(() => {
    if (!on) return undefined;
    const reduced = matchMedia('(prefers-reduced-motion: reduce)').matches;
    const scroller = wallScroller({
      now: () => performance.now(),
      viewport: () => innerHeight,
      height: () => document.documentElement.scrollHeight,
      at: () => scrollY,
      scrollTo: (y) => scrollTo({ top: y, behavior: reduced ? 'auto' : 'smooth' }),
    });
    const timer = setInterval(() => scroller.tick(), 1000);
    const touched = () => scroller.interacted();
    const events = ['pointerdown', 'wheel', 'keydown', 'touchstart'];
    events.forEach((e) => addEventListener(e, touched, { passive: true }));
    return () => {
      clearInterval(timer);
      events.forEach((e) => removeEventListener(e, touched));
    };
  }, [on]);
  const changed = flashed.value;
  useEffect(() => {
    if (!on || !changed.size) return;
    const newest = [...changed].sort((a, b) => b[1] - a[1])[0][0];
    const row = document.querySelector(`.node[data-id="${CSS.escape(newest)}"]`);
    if (row) row.scrollIntoView({ block: 'center', behavior: 'smooth' });
  }, [on, changed]);
}
