// Application state as signals, and the actions that change it.
import { signal, computed, batch } from '@preact/signals';
import { gql, onUnauthenticated, forgetKeptAnswers } from './api/client.js';
import { forgetSent, rememberDefaultCycle } from './api/early.js';
import { Q_VIEWER, M_SIGN_IN, M_SIGN_OUT, M_LOCALE } from './api/org.js';
import { Q_CYCLES, Q_BOARD, Q_OWN_HINTS } from './api/okr.js';
import { Q_ASKS } from './api/cycle.js';
import { lang, setLang, hasSavedLang, normalizeLang, t } from './i18n/index.js';
import { buildTree, parentIds, defaultCycle, cycleIdFromPath, isWallPath, isBoardPath, onBoard, filterObjectives } from './lib/okr.js';
import { boardFromQuery, applyEvent, applyEvents, changedObjectiveIds } from './lib/boardFold.js';
import { markerLines, ownHintsChanged } from './lib/boardHints.js';
import { nextRefresh, SPREAD_MS } from './lib/clock.js';
import * as socket from './socket.js';

// undefined = not known yet (booting), null = signed out, object = the signed-in user
export const viewer = signal(undefined);
export const bootError = signal(null);

export const cycles = signal(null); // null = not loaded
/** The IANA zone the organization's days are in: open screens re-read their numbers at its midnight. */
export const orgZone = signal('UTC');
export const cyclesError = signal(null);
export const cycleId = signal(null);

/** The live board (see lib/boardFold.js): { seq, objectives, teams, phase, … }; null = not loaded (or loading). */
export const board = signal(null);
export const objectives = computed(() => (board.value ? board.value.objectives : null));
export const objectivesError = signal(null);
export const objectivesLoading = signal(false);

/** Ids of objectives whose children are shown. */
export const expanded = signal(new Set());
/** Ids of objectives whose key results are shown inline. */
export const openKrs = signal(new Set());
/** Rows that just changed by a live update: id → a counter (its parity restarts the highlight). */
export const flashed = signal(new Map());

/** Writing hints of the viewer's own objectives on the board: objective id → the lines of its marker. */
export const ownHints = signal(new Map());

/** Board filters (see okr.js filterObjectives); empty strings = no filter. */
export const filters = signal({ q: '', teamId: '', ownerId: '', status: '' });

/** What each cycle's phase asks of me: { [cycleId]: [{ kind, count }] } (null = not known yet). */
export const asksByCycle = signal(null);
/** The last phase move of the board's cycle that arrived live: { cycleId, phase, previous, reason }. */
export const phaseNews = signal(null);
/** The last LikeChanged event from any subscription: every screen patches its items' counts. */
export const lastLike = signal(null);

/** Settles once the first screen's answers are in: the board's (or its error), or the news that
 * there is no board to show (signed out, no cycle, the cycles failed). */
let firstScreenIn;
export const firstScreenSettled = new Promise((done) => (firstScreenIn = done));

export const currentCycle = computed(() => (cycles.value || []).find((c) => c.id === cycleId.value) || null);

// ---- routing: "/" and "/board/<cycleId>" ----------------------------------------------

/** The address's path and query ("/cycle/c1/scoring?team=t2"): screens read their query from it. */
export const path = signal(typeof location !== 'undefined' ? location.pathname + location.search : '/');

/** The wall (/wall/<cycleId>): the board full-screen for the meeting room, large type, no controls. */
export const meeting = computed(() => isWallPath(path.value));

/** The board's objectives without the drafts this viewer is not to see (none on the wall). */
export const shownObjectives = computed(() => (objectives.value || []).filter((o) => onBoard(o, viewer.value, meeting.value)));
/** The board's alignment tree, filtered. */
export const tree = computed(() => buildTree(filterObjectives(shownObjectives.value, filters.value)));

export function navigate(to, { replace = false } = {}) {
  if (to === location.pathname + location.search) return;
  // a new screen (not a filter, nor a cycle picked in a select) takes the focus to its heading
  const screen = !replace && to.split('?')[0] !== location.pathname && !document.activeElement?.matches('select');
  if (replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  path.value = to;
  if (screen) focusHeading();
}

/**
 * Focus the main heading (h1) once the screen shows it: its chunk and data may still be on the
 * way. Someone who moved the focus meanwhile (opened a list, typed) keeps it.
 */
export function focusHeading(tries = 100, from = document.activeElement) {
  setTimeout(() => {
    const now = document.activeElement;
    if (now !== from && now !== document.body) return;
    const h = document.querySelector('#main h1');
    if (!h) return tries && focusHeading(tries - 1, from);
    h.tabIndex = -1;
    h.focus({ preventScroll: true });
  }, 50);
}

if (typeof window !== 'undefined') {
  window.addEventListener('popstate', () => {
    path.value = location.pathname + location.search;
    focusHeading();
    if (!isBoardPath(location.pathname)) return; // another screen: its own route renders
    const id = cycleIdFromPath(location.pathname);
    if (viewer.value && cycles.value) selectCycle(id || (defaultCycle(cycles.value) || {}).id, { push: false });
  });
}

// ---- session ------------------------------------------------------------------------------

onUnauthenticated(() => {
  forgetKeptAnswers();
  if (viewer.value) resetSession();
});

/** The session ended (here or elsewhere): back to sign-in, with `message` there when given. */
export function sessionEnded(message) {
  resetSession();
  bootError.value = message;
  navigate('/');
}

// A socket closed by the server: 4401, the session is gone unless this browser signed in again
// (then reconnect with the new one); 4403, rights changed: the viewer and the board reload.
socket.onAccessClose((code) => {
  gql(Q_VIEWER)
    .then((data) => {
      if (!data.viewer) {
        if (viewer.value) sessionEnded(t('session.ended'));
        return;
      }
      viewer.value = data.viewer;
      if (code === 4401) socket.restart();
      else if (cycleId.value) loadObjectives('resync');
    })
    .catch(() => {});
});

function resetSession() {
  socket.stop();
  forgetSent();
  objectivesRequest++;
  clearTimeout(refreshTimer);
  clearTimeout(asksTimer);
  refreshTimer = null;
  batch(() => {
    viewer.value = null;
    cycles.value = null;
    cycleId.value = null;
    board.value = null;
    flashed.value = new Map();
    objectivesError.value = null;
    cyclesError.value = null;
    expanded.value = new Set();
    openKrs.value = new Set();
    ownHints.value = new Map();
    asksByCycle.value = null;
    phaseNews.value = null;
  });
}

export async function boot() {
  try {
    const data = await gql(Q_VIEWER, null, { keep: true });
    if (!data.viewer) forgetSent(); // signed out: nothing asked ahead is for the next session
    adoptViewer(data.viewer);
  } catch (e) {
    // The API is unreachable or broken: show the sign-in page with the reason.
    forgetSent();
    bootError.value = e.message || t('error.unknown');
    viewer.value = null;
    firstScreenIn();
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
  else firstScreenIn();
}

/** Throws ApiError (message in the UI language, code, field) on failure. */
export async function signIn(email, password) {
  const data = await gql(M_SIGN_IN, { e: email, p: password });
  bootError.value = null;
  adoptViewer(data.signIn);
  focusHeading();
}

export async function signOut() {
  socket.stop(); // the socket closes with the session
  try {
    await gql(M_SIGN_OUT);
  } catch {
    /* already signed out or offline: forget the session locally anyway */
  }
  forgetKeptAnswers();
  resetSession();
  navigate('/');
}

/** Switch the UI language; remember it on this device and, when signed in, on the server. */
export async function switchLanguage(next) {
  await setLang(next, true);
  loadOwnHints(); // their messages are in the language
  if (viewer.value && lang.value === normalizeLang(next)) {
    gql(M_LOCALE, { l: lang.value }).then(
      (d) => viewer.value && (viewer.value = { ...viewer.value, locale: d.updateProfile.locale }),
      () => {
        /* remembering server-side is best effort */
      },
    );
  }
}

// ---- board data ---------------------------------------------------------------------------

export async function loadCycles() {
  cyclesError.value = null;
  try {
    const data = await gql(Q_CYCLES, null, { keep: true });
    if (data.organization) orgZone.value = data.organization.timeZone;
    cycles.value = data.cycles || [];
    const fromPath = cycleIdFromPath(location.pathname);
    const first = defaultCycle(cycles.value);
    const wanted = cycles.value.find((c) => c.id === fromPath) || first;
    if (wanted) selectCycle(wanted.id, { push: false, force: true });
    else firstScreenIn();
    if (first) rememberDefaultCycle(first.id);
  } catch (e) {
    if (e.code !== 'UNAUTHENTICATED') cyclesError.value = e.message;
    firstScreenIn();
  } finally {
    forgetSent(Q_BOARD); // one asked ahead and not taken (another cycle, or no cycles): never served later
  }
}

let objectivesRequest = 0;

export function selectCycle(id, { push = true, force = false } = {}) {
  if (!id) return;
  if (!force && id === cycleId.value && objectives.value) return;
  const target = (meeting.value ? '/wall/' : '/board/') + encodeURIComponent(id);
  if (push) navigate(target);
  // only the board's own URL follows the cycle: deep links to other screens stay put
  else if (isBoardPath(location.pathname) && location.pathname !== '/' && location.pathname !== target) navigate(target, { replace: true });
  cycleId.value = id;
  if (phaseNews.value && phaseNews.value.cycleId !== id) phaseNews.value = null;
  loadObjectives();
}

// ---- what the phase asks of me --------------------------------------------------------------

let asksTimer = null;

/** Read again what the phases ask of me (and the phases), after `delay` ms; calls meanwhile merge. */
export function refreshAsks(delay = 0) {
  clearTimeout(asksTimer);
  asksTimer = setTimeout(async () => {
    try {
      const d = await gql(Q_ASKS);
      const fresh = new Map(d.cycles.map((c) => [c.id, c]));
      batch(() => {
        asksByCycle.value = Object.fromEntries(d.cycles.map((c) => [c.id, c.viewerAsks]));
        const moved = (c) => fresh.has(c.id) && fresh.get(c.id).phase !== c.phase;
        if (cycles.value && cycles.value.some(moved))
          cycles.value = cycles.value.map((c) => (moved(c) ? { ...c, phase: fresh.get(c.id).phase } : c));
      });
    } catch {
      /* the bar keeps what it showed; the next event or load asks again */
    }
  }, delay);
}

/** Does a board event change what the phase asks of me (my own doing, my objectives, the phase)? */
function movesAsks(ev, me) {
  if (ev.actorId === me || ev.__typename === 'CyclePhaseChanged' || ev.__typename === 'ReviewersChanged') return true;
  return !!(ev.objective && ev.objective.owner && ev.objective.owner.id === me);
}

// Events that arrive while a refetch is in flight: folded again into its answer (those at or
// below its boardSeq are skipped), so nothing received meanwhile is lost.
let arrivedDuringRefetch = null;
let refreshTimer = null;

/**
 * Load the board of the current cycle with the seq it reflects, then (re)subscribe from there.
 *   'load'     first load, another cycle, "try again": shows the loading state
 *   'refresh'  an event said more than it carries: refetch quietly, keep the subscription
 *   'resync'   the server asked for it (ResyncRequired): refetch, resubscribe with the new seq
 */
export async function loadObjectives(mode = 'load') {
  const id = cycleId.value;
  if (!id) return;
  const req = ++objectivesRequest;
  const quiet = mode !== 'load' && board.value !== null;
  if (!quiet) {
    batch(() => {
      objectivesLoading.value = true;
      objectivesError.value = null;
    });
  }
  arrivedDuringRefetch = mode === 'refresh' ? [] : null;
  try {
    const data = await gql(Q_BOARD, { c: id }, { keep: true });
    if (req !== objectivesRequest) return; // a newer cycle was picked meanwhile
    const prev = board.value;
    const phase = (currentCycle.value || {}).phase || null;
    const next = applyEvents(boardFromQuery(data, phase), arrivedDuringRefetch || []);
    arrivedDuringRefetch = null;
    const firstLoad = prev === null;
    batch(() => {
      board.value = next;
      // A fresh board opens the first two levels (company and team), so the tree reads at once.
      if (firstLoad || !next.objectives.some((o) => expanded.value.has(o.id))) expanded.value = defaultExpanded(tree.value);
      if (quiet) flash(changedObjectiveIds(prev.objectives, next.objectives));
      objectivesLoading.value = false;
      objectivesError.value = null;
    });
    firstScreenIn();
    if (mode !== 'refresh') socket.watch(id, liveHooks);
    if (next.needsRefetch) scheduleRefresh();
    scheduleClockRefresh();
    loadOwnHints();
    refreshAsks();
  } catch (e) {
    if (req !== objectivesRequest) return;
    arrivedDuringRefetch = null;
    if (quiet) {
      // keep the board on screen; try again shortly (the socket status tells the story)
      if (e.code !== 'UNAUTHENTICATED') setTimeout(() => req === objectivesRequest && loadObjectives(mode), 3000);
      return;
    }
    batch(() => {
      if (e.code !== 'UNAUTHENTICATED') objectivesError.value = e.message;
      objectivesLoading.value = false;
    });
    firstScreenIn();
  }
}

let clockTimer = null;

/** Statuses that move with time alone (expected progress, staleness, overdue) carry no event: read the board
 * again at the next full hour or the organization's midnight, whichever comes first (lib/clock.js). */
function scheduleClockRefresh() {
  clearTimeout(clockTimer);
  const now = Date.now();
  clockTimer = setTimeout(
    () => board.value && loadObjectives('refresh'),
    nextRefresh(now, orgZone.value) - now + Math.random() * SPREAD_MS,
  );
}

function scheduleRefresh() {
  if (refreshTimer) return;
  // spread the refetches of a room full of screens over a second
  refreshTimer = setTimeout(
    () => {
      refreshTimer = null;
      if (board.value) loadObjectives('refresh');
    },
    150 + Math.random() * 850,
  );
}

/** One event from the subscription: fold it into the board, highlight what moved. */
export function receiveEvent(ev) {
  if (arrivedDuringRefetch) arrivedDuringRefetch.push(ev);
  const prev = board.value;
  if (!prev) return;
  if (ev.seq > prev.seq && movesAsks(ev, (viewer.value || {}).id)) refreshAsks(ev.__typename === 'CyclePhaseChanged' ? 0 : 800);
  if (ev.__typename === 'LikeChanged') lastLike.value = ev;
  if (ev.__typename === 'CyclePhaseChanged' && ev.seq > prev.seq) {
    phaseNews.value = { cycleId: cycleId.value, phase: ev.phase, previous: ev.previous, reason: ev.why };
  }
  const next = applyEvent(prev, ev);
  if (next === prev) return;
  batch(() => {
    board.value = next;
    flash(changedObjectiveIds(prev.objectives, next.objectives));
    if (next.phase && next.phase !== prev.phase && cycles.value) {
      cycles.value = cycles.value.map((c) => (c.id === cycleId.value ? { ...c, phase: next.phase } : c));
    }
  });
  if (next.needsRefetch && !arrivedDuringRefetch) scheduleRefresh();
  else if (viewer.value && ownHintsChanged(prev.objectives, next.objectives, viewer.value.id)) {
    clearTimeout(hintsTimer);
    hintsTimer = setTimeout(loadOwnHints, 1000); // one request for a burst of edits
  }
}

let hintsRequest = 0;
let hintsTimer = null;

/** The hints of the viewer's own objectives of the board's cycle; advice only, so a failure keeps the markers as they were. */
async function loadOwnHints() {
  const me = viewer.value;
  if (!me || !cycleId.value) return;
  const req = ++hintsRequest;
  try {
    const data = await gql(Q_OWN_HINTS, { c: cycleId.value, o: me.id });
    if (req === hintsRequest) ownHints.value = markerLines(data.objectives, (title, message) => t('hints.ofKr', { title, message }));
  } catch {
    /* the markers stay as they were */
  }
}

const liveHooks = {
  currentSeq: () => (board.value ? board.value.seq : null),
  onEvent: receiveEvent,
  onResync: () => loadObjectives('resync'),
};

let flashCount = 0;
function flash(ids) {
  if (!ids.length) return;
  const n = ++flashCount;
  const next = new Map(flashed.value);
  for (const id of ids) next.set(id, n);
  flashed.value = next;
  setTimeout(() => {
    const left = new Map(flashed.value);
    for (const id of ids) if (left.get(id) === n) left.delete(id);
    flashed.value = left;
  }, 1600);
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
