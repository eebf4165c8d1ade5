// Application state as signals, and the actions that change it.
import { signal, computed, batch } from '@preact/signals';
import { gql, onUnauthenticated, Q_VIEWER, M_SIGN_IN, M_SIGN_OUT, M_LOCALE, Q_CYCLES, Q_OBJECTIVES } from './api.js';
import { lang, setLang, hasSavedLang, normalizeLang, t } from './i18n.js';
import { buildTree, parentIds, defaultCycle, cycleIdFromPath } from './okr.js';

// undefined = not known yet (booting), null = signed out, object = the signed-in user
export const viewer = signal(undefined);
export const bootError = signal(null);

export const cycles = signal(null); // null = not loaded
export const cyclesError = signal(null);
export const cycleId = signal(null);

export const objectives = signal(null); // null = not loaded (or loading)
export const objectivesError = signal(null);
export const objectivesLoading = signal(false);

/** Ids of objectives whose children are shown. */
export const expanded = signal(new Set());
/** Ids of objectives whose key results are shown inline. */
export const openKrs = signal(new Set());

export const tree = computed(() => buildTree(objectives.value || []));
export const currentCycle = computed(() => (cycles.value || []).find((c) => c.id === cycleId.value) || null);

// ---- routing: "/" and "/board/<cycleId>" ----------------------------------------------

export const path = signal(typeof location !== 'undefined' ? location.pathname : '/');

export function navigate(to, { replace = false } = {}) {
  if (to === location.pathname) return;
  if (replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  path.value = to;
}

if (typeof window !== 'undefined') {
  window.addEventListener('popstate', () => {
    path.value = location.pathname;
    const id = cycleIdFromPath(location.pathname);
    if (viewer.value && cycles.value) selectCycle(id || (defaultCycle(cycles.value) || {}).id, { push: false });
  });
}

// ---- session ------------------------------------------------------------------------------

onUnauthenticated(() => {
  if (viewer.value) resetSession();
});

function resetSession() {
  batch(() => {
    viewer.value = null;
    cycles.value = null;
    cycleId.value = null;
    objectives.value = null;
    objectivesError.value = null;
    cyclesError.value = null;
    expanded.value = new Set();
    openKrs.value = new Set();
  });
}

export async function boot() {
  try {
    const data = await gql(Q_VIEWER);
    adoptViewer(data.viewer);
  } catch (e) {
    // The API is unreachable or broken: show the sign-in page with the reason.
    bootError.value = e.message || t('error.unknown');
    viewer.value = null;
  }
}

function adoptViewer(user) {
  // A language chosen on this device wins; otherwise follow the one remembered server-side.
  if (user && !hasSavedLang()) {
    const l = normalizeLang(user.locale);
    if (l && l !== lang.value) setLang(l, false);
  }
  viewer.value = user || null;
  if (user) loadCycles();
}

/** Throws ApiError (message in the UI language, code, field) on failure. */
export async function signIn(email, password) {
  const data = await gql(M_SIGN_IN, { e: email, p: password });
  bootError.value = null;
  adoptViewer(data.signIn);
}

export async function signOut() {
  try {
    await gql(M_SIGN_OUT);
  } catch {
    /* already signed out or offline: forget the session locally anyway */
  }
  resetSession();
  navigate('/');
}

/** Switch the UI language; remember it on this device and, when signed in, on the server. */
export function switchLanguage(next) {
  setLang(next, true);
  if (viewer.value) {
    gql(M_LOCALE, { l: lang.value }).catch(() => {
      /* remembering server-side is best effort */
    });
  }
}

// ---- board data ---------------------------------------------------------------------------

export async function loadCycles() {
  cyclesError.value = null;
  try {
    const data = await gql(Q_CYCLES);
    cycles.value = data.cycles || [];
    const fromPath = cycleIdFromPath(location.pathname);
    const wanted = cycles.value.find((c) => c.id === fromPath) || defaultCycle(cycles.value);
    if (wanted) selectCycle(wanted.id, { push: false, force: true });
  } catch (e) {
    if (e.code !== 'UNAUTHENTICATED') cyclesError.value = e.message;
  }
}

let objectivesRequest = 0;

export function selectCycle(id, { push = true, force = false } = {}) {
  if (!id) return;
  if (!force && id === cycleId.value && objectives.value) return;
  const target = '/board/' + encodeURIComponent(id);
  if (push) navigate(target);
  else if (location.pathname !== '/' && location.pathname !== target) navigate(target, { replace: true });
  cycleId.value = id;
  loadObjectives();
}

export async function loadObjectives() {
  const id = cycleId.value;
  if (!id) return;
  const req = ++objectivesRequest;
  batch(() => {
    objectivesLoading.value = true;
    objectivesError.value = null;
  });
  try {
    const data = await gql(Q_OBJECTIVES, { c: id });
    if (req !== objectivesRequest) return; // a newer cycle was picked meanwhile
    const list = data.objectives || [];
    const firstLoad = objectives.value === null;
    batch(() => {
      objectives.value = list;
      // A fresh board opens the first two levels (company and team), so the tree reads at once.
      if (firstLoad || !list.some((o) => expanded.value.has(o.id))) expanded.value = defaultExpanded(tree.value);
      objectivesLoading.value = false;
    });
  } catch (e) {
    if (req !== objectivesRequest) return;
    batch(() => {
      if (e.code !== 'UNAUTHENTICATED') objectivesError.value = e.message;
      objectivesLoading.value = false;
    });
  }
}

function defaultExpanded(tr) {
  const ids = new Set();
  const visit = (node) => {
    if (node.depth < 2 && node.children.length) {
      ids.add(node.obj.id);
      node.children.forEach(visit);
    }
  };
  tr.roots.forEach(visit);
  return ids;
}

export function toggleExpanded(id) {
  const next = new Set(expanded.value);
  if (next.has(id)) next.delete(id);
  else next.add(id);
  expanded.value = next;
}

export function expandAll() {
  expanded.value = new Set(parentIds(tree.value));
}

export function collapseAll() {
  expanded.value = new Set();
}

export function toggleKrs(id) {
  const next = new Set(openKrs.value);
  if (next.has(id)) next.delete(id);
  else next.add(id);
  openKrs.value = next;
}
