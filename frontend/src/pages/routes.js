// The screens besides the board: /me, /new, /objective/<id>, /objective/<id>/edit.
// Links are plain <a href="/…">; a click is turned into history navigation here.
import { html } from 'htm/preact';
import { navigate } from '../store.js';
import { ObjectivePage } from './ObjectivePage.js';
import { Editor } from './Editor.js';
import { MyOkrs } from './MyOkrs.js';

/** "/objective/obj_3/edit" → { name: 'edit', id: 'obj_3' }; a board path (or unknown) → null. */
export function routeOf(pathname) {
  const p = String(pathname || '').replace(/\/+$/, '') || '/';
  if (p === '/me') return { name: 'me' };
  if (p === '/new') return { name: 'new' };
  const m = /^\/objective\/([^/]+)(\/edit)?$/.exec(p);
  if (m) return { name: m[2] ? 'edit' : 'objective', id: decodeURIComponent(m[1]) };
  return null;
}

/** The page for the current path, or null for the board. */
export function routePage(pathname) {
  const r = routeOf(pathname);
  if (!r) return null;
  if (r.name === 'me') return html`<${MyOkrs} />`;
  if (r.name === 'new') return html`<${Editor} key="new" />`;
  if (r.name === 'edit') return html`<${Editor} key=${'edit:' + r.id} id=${r.id} />`;
  return html`<${ObjectivePage} key=${'obj:' + r.id} id=${r.id} />`;
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
