// The screens besides the board: /me, /new, /objective/<id>, /objective/<id>/edit, /security, the cycle's
// (/cycles for admins; /cycle/<id>/consensus, scoring, reviews, report, carry, meetings, dashboard),
// /meeting/<id> (meeting mode), the settings (/settings/notifications, /settings/webhooks), the
// admin area (/admin[/<tab>], with /admin/sso and /admin/import) and, signed out too, the
// e-mailed links' (/invite/<t>, /reset/<t>, /join/<key>, /forgot). Each is a chunk of its own,
// fetched the first time it is shown, so the first screen (sign-in, the board) does not carry
// them; each brings its part of the dictionary. Links are plain
// <a href="/…">; a click is turned into history navigation here.
import { html } from 'htm/preact';
import { useEffect, useState } from 'preact/hooks';
import { t, needStrings } from '../i18n/index.js';
import { navigate } from '../store.js';
import { PageMessage } from '../components/PageMessage.js';

/** A page with the parts of the dictionary it needs (besides the main one). */
const withStrings =
  (load, ...parts) =>
  () =>
    Promise.all([load(), ...parts.map(needStrings)]).then(([page]) => page);
const cyclePage = (load) => withStrings(load, 'cycle');
const setupPage = (load) => withStrings(load, 'setup');
const adminPage = (load) => withStrings(load, 'admin');
const reachPage = (load) => withStrings(load, 'cycle', 'reach');

const PAGES = {
  // signed-out visitors only: the board's first screen does not carry it
  signin: () => import('./SignIn.js').then((m) => m.SignIn),
  admin: adminPage(() => import('./Admin.js').then((m) => m.Admin)),
  account: adminPage(() => import('./Account.js').then((m) => m.Account)),
  me: withStrings(() => import('./MyOkrs.js').then((m) => m.MyOkrs), 'cycle', 'work'),
  sso: setupPage(() => import('./SsoSettings.js').then((m) => m.SsoSettings)),
  import: setupPage(() => import('./Import.js').then((m) => m.Import)),
  editor: withStrings(() => import('./Editor.js').then((m) => m.Editor), 'cycle', 'work'),
  objective: withStrings(() => import('./ObjectivePage.js').then((m) => m.ObjectivePage), 'cycle', 'work'),
  cycles: cyclePage(() => import('./CyclePhases.js').then((m) => m.CyclePhases)),
  consensus: cyclePage(() => import('./Consensus.js').then((m) => m.Consensus)),
  scoring: cyclePage(() => import('./Scoring.js').then((m) => m.Scoring)),
  reviews: cyclePage(() => import('./Reviews.js').then((m) => m.Reviews)),
  report: cyclePage(() => import('./Report.js').then((m) => m.Report)),
  carry: cyclePage(() => import('./Carry.js').then((m) => m.Carry)),
  meetings: withStrings(() => import('./Meetings.js').then((m) => m.Meetings), 'cycle', 'meeting'),
  meeting: withStrings(() => import('./Meeting.js').then((m) => m.Meeting), 'cycle', 'meeting'),
  security: withStrings(() => import('./Security.js').then((m) => m.Security), 'account'),
  dashboard: reachPage(() => import('./Dashboard.js').then((m) => m.Dashboard)),
  notifications: reachPage(() => import('./Notifications.js').then((m) => m.Notifications)),
  webhooks: reachPage(() => import('./Webhooks.js').then((m) => m.Webhooks)),
};
const CYCLE_SCREENS = ['consensus', 'scoring', 'reviews', 'report', 'carry', 'meetings', 'dashboard'];
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
  if (p === '/admin/sso') return { name: 'sso' };
  if (p === '/admin/import') return { name: 'import' };
  if (p === '/forgot') return { name: 'account', kind: 'forgot' };
  const a = /^\/(admin|invite|reset|join)(?:\/([^/]+))?$/.exec(p);
  if (a && a[1] === 'admin') return { name: 'admin', id: a[2] || 'org' };
  if (a && a[2]) return { name: 'account', kind: a[1], id: decodeURIComponent(a[2]) };
  const mt = /^\/meeting\/([^/]+)$/.exec(p);
  if (mt) return { name: 'meeting', id: decodeURIComponent(mt[1]) };
  if (p === '/security') return { name: 'security' };
  const s = /^\/settings\/(\w+)$/.exec(p);
  if (s && SETTINGS.includes(s[1])) return { name: s[1] };
  const m = /^\/objective\/([^/]+)(\/edit)?$/.exec(p);
  if (m) return { name: m[2] ? 'edit' : 'objective', id: decodeURIComponent(m[1]) };
  const c = /^\/cycle\/([^/]+)\/(\w+)$/.exec(p);
  if (c && CYCLE_SCREENS.includes(c[2])) return { name: c[2], id: decodeURIComponent(c[1]) };
  return null;
}

/** The page for the current path, or null for the board. */
/** The sign-in page (a chunk of its own). */
export function signInPage() {
  return html`<${LazyPage} key="signin" load=${PAGES.signin} />`;
}

export function routePage(pathname) {
  const r = routeOf(pathname);
  if (!r) return null;
  if (r.name === 'me') return html`<${LazyPage} key="me" load=${PAGES.me} />`;
  if (r.name === 'new') return html`<${LazyPage} key="new" load=${PAGES.editor} />`;
  if (r.name === 'edit') return html`<${LazyPage} key=${'edit:' + r.id} load=${PAGES.editor} id=${r.id} />`;
  if (r.name === 'cycles' || r.name === 'sso' || r.name === 'import' || SETTINGS.includes(r.name))
    return html`<${LazyPage} key=${r.name} load=${PAGES[r.name]} />`;
  if (r.name === 'admin') return html`<${LazyPage} key="admin" load=${PAGES.admin} tab=${r.id} />`;
  if (r.name === 'account') return html`<${LazyPage} key=${r.kind} load=${PAGES.account} kind=${r.kind} id=${r.id} />`;
  if (r.name === 'meeting') return html`<${LazyPage} key=${'meeting:' + r.id} load=${PAGES.meeting} id=${r.id} />`;
  if (r.name === 'security') return html`<${LazyPage} key="security" load=${PAGES.security} />`;
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
    navigate(to); // which focuses the new screen's heading
    window.scrollTo(0, 0); // a new screen starts at the top
  });
}
