// The screens besides the board: /me, /new, /objective/<id>, /objective/<id>/edit, the cycle's
// (/cycles for admins; /cycle/<id>/consensus, scoring, reviews, report, carry, dashboard) and the
// settings (/settings/notifications, /settings/webhooks). Each is a chunk of its own, fetched the
// first time it is shown, so the first screen (sign-in, the board) does not carry them; the
// cycle's screens and the reach screens bring their parts of the dictionary. Links are plain
// <a href="/…">; a click is turned into history navigation here.
import { html } from 'htm/preact';
import { useEffect, useState } from 'preact/hooks';
import { t, needStrings } from '../i18n/index.js';
import { navigate } from '../store.js';
import { PageMessage } from '../components/PageMessage.js';

/** A page of the cycle's screens, with the cycle's strings. */
const cyclePage = (load) => () => Promise.all([load(), needStrings('cycle')]).then(([page]) => page);
/** A page of the reach screens (dashboard, notification settings, robots), with their strings. */
const reachPage = (load) => () => Promise.all([load(), needStrings('cycle'), needStrings('reach')]).then(([page]) => page);

const PAGES = {
  me: () => import('./MyOkrs.js').then((m) => m.MyOkrs),
  editor: () => import('./Editor.js').then((m) => m.Editor),
  objective: cyclePage(() => import('./ObjectivePage.js').then((m) => m.ObjectivePage)),
  cycles: cyclePage(() => import('./CyclePhases.js').then((m) => m.CyclePhases)),
  consensus: cyclePage(() => import('./Consensus.js').then((m) => m.Consensus)),
  scoring: cyclePage(() => import('./Scoring.js').then((m) => m.Scoring)),
  reviews: cyclePage(() => import('./Reviews.js').then((m) => m.Reviews)),
  report: cyclePage(() => import('./Report.js').then((m) => m.Report)),
  carry: cyclePage(() => import('./Carry.js').then((m) => m.Carry)),
  dashboard: reachPage(() => import('./Dashboard.js').then((m) => m.Dashboard)),
  notifications: reachPage(() => import('./Notifications.js').then((m) => m.Notifications)),
  webhooks: reachPage(() => import('./Webhooks.js').then((m) => m.Webhooks)),
};
const CYCLE_SCREENS = ['consensus', 'scoring', 'reviews', 'report', 'carry', 'dashboard'];
const SETTINGS = ['notifications', 'webhooks'];
const loaded = new Map(); // loader → its page, once fetched: shown at once the next time

/** The page `load` gives, with `props`; the loading state (or a retry) until it has arrived. */
function LazyPage({ load, ...props }) {
  const [Page, setPage] = useState(() => loaded.get(load) || null);
  const [failed, setFailed] = useState(false);
  const [tries, setTries] = useState(0);
  useEffect(() => {
    if (Page) return undefined;
    let live = true;
    load().then(
      (page) => {
        loaded.set(load, page);
        if (live) setPage(() => page);
      },
      () => live && setFailed(true),
    );
    return () => (live = false);
  }, [load, tries]);
  if (Page) return html`<${Page} ...${props} />`;
  const retry = () => (setFailed(false), setTries(tries + 1));
  return html`<main id="main" class="page">
    <${PageMessage} error=${failed ? { message: t('error.network') } : null} onRetry=${retry} />
  </main>`;
}

/** "/objective/obj_3/edit" → { name: 'edit', id: 'obj_3' }; a board path (or unknown) → null. */
export function routeOf(pathname) {
  const p =
    String(pathname || '')
      .replace(/[?#].*$/, '')
      .replace(/\/+$/, '') || '/';
  if (p === '/me') return { name: 'me' };
  if (p === '/new') return { name: 'new' };
  if (p === '/cycles') return { name: 'cycles' };
  const s = /^\/settings\/(\w+)$/.exec(p);
  if (s && SETTINGS.includes(s[1])) return { name: s[1] };
  const m = /^\/objective\/([^/]+)(\/edit)?$/.exec(p);
  if (m) return { name: m[2] ? 'edit' : 'objective', id: decodeURIComponent(m[1]) };
  const c = /^\/cycle\/([^/]+)\/(\w+)$/.exec(p);
  if (c && CYCLE_SCREENS.includes(c[2])) return { name: c[2], id: decodeURIComponent(c[1]) };
  return null;
}

/** The page for the current path, or null for the board. */
export function routePage(pathname) {
  const r = routeOf(pathname);
  if (!r) return null;
  if (r.name === 'me') return html`<${LazyPage} key="me" load=${PAGES.me} />`;
  if (r.name === 'new') return html`<${LazyPage} key="new" load=${PAGES.editor} />`;
  if (r.name === 'edit') return html`<${LazyPage} key=${'edit:' + r.id} load=${PAGES.editor} id=${r.id} />`;
  if (r.name === 'cycles' || SETTINGS.includes(r.name)) return html`<${LazyPage} key=${r.name} load=${PAGES[r.name]} />`;
  if (r.name !== 'objective') return html`<${LazyPage} key=${r.name + ':' + r.id} load=${PAGES[r.name]} cycleId=${r.id} />`;
  return html`<${LazyPage} key=${'obj:' + r.id} load=${PAGES.objective} id=${r.id} />`;
}

export function installRouting() {
  // In-app links: no reload (modified clicks, other targets and downloads keep the browser's way).
  document.addEventListener('click', (e) => {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    const a = e.target.closest && e.target.closest('a[href]');
    if (!a || a.target || a.hasAttribute('download') || a.origin !== location.origin) return;
    if (a.getAttribute('href').startsWith('#')) return; // in-page anchors (the skip link)
    e.preventDefault();
    const to = a.pathname + a.search;
    if (to === location.pathname + location.search) return;
    navigate(to);
    // a new screen starts at the top, with focus on its main region for keyboard users
    window.scrollTo(0, 0);
    setTimeout(() => {
      const main = document.getElementById('main');
      if (main && !main.contains(document.activeElement)) {
        main.setAttribute('tabindex', '-1');
        main.focus({ preventScroll: true });
      }
    });
  });
}
