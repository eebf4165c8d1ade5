// Requests sent ahead. The first screen's leave from a script of their own (src/early.js, a
// bundle with its own copy of this module, run as soon as it arrives) while the app's code is
// still arriving; api/client.js hands each answer to the first gql() that asks the same query
// with the same variables, once. Few dependencies (the operations, the language picked at
// start), so that it is small.
import { initialLang } from '../i18n/pick.js';
import { cycleIdFromPath, isBoardPath } from '../lib/okr.js';
import { Q_VIEWER, Q_UNREAD } from './org.js';
import { Q_CYCLES, Q_BOARD } from './okr.js';

/** The body of a GraphQL request. */
export const bodyOf = (query, variables) => JSON.stringify(variables ? { query, variables } : { query });

/** POST a GraphQL request on the same origin with the session cookie (the server answers in `lang`). */
export function post(endpoint, body, lang, signal) {
  return fetch(endpoint, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'Accept-Language': lang },
    body,
    signal,
  });
}

// Shared by both copies of this module (the early script's, the app's): sent, request body →
// { query, response: Promise<Response> }; firstScreenSent: by either of them, once a page
const ahead = (globalThis.lodestarAhead ??= { sent: new Map(), firstScreenSent: false });
const sent = ahead.sent;

/** Send `query` now; the first gql() asking the same takes its response. */
export function sendAhead(query, variables) {
  const body = bodyOf(query, variables);
  if (sent.has(body)) return;
  const response = post('/graphql', body, initialLang());
  response.catch(() => {}); // a failed one is asked again by its taker, if any
  sent.set(body, { query, response });
}

/** The response on its way for `body` (taken: the next one asks again), or null. */
export function takeSent(body) {
  const s = sent.get(body);
  sent.delete(body);
  return s ? s.response : null;
}

/** Drop the responses sent ahead and not taken: those of `query`, or all (the session changed). */
export function forgetSent(query) {
  for (const [body, s] of sent) if (!query || s.query === query) sent.delete(body);
}

// The cycle "/" opened last time on this device: its board is asked for ahead, with the cycles.
const DEFAULT_CYCLE_KEY = 'lodestar.cycle';

export function rememberDefaultCycle(id) {
  try {
    localStorage.setItem(DEFAULT_CYCLE_KEY, id);
  } catch {
    /* private mode: "/" waits for the cycles next time */
  }
}

function rememberedCycle() {
  try {
    return localStorage.getItem(DEFAULT_CYCLE_KEY);
  } catch {
    return null;
  }
}

/**
 * The first screen's requests, all at once: who I am, the cycles, the bell's count and, on the
 * board, the board of the cycle the address names (or of the one "/" opened last time). Once a
 * page: by the early script or, when the app's code arrived first, by the app (then the early
 * script's would be answers nobody takes, or stale ones taken later).
 */
export function sendFirstScreen() {
  if (ahead.firstScreenSent) return;
  ahead.firstScreenSent = true;
  const id = isBoardPath(location.pathname) && (cycleIdFromPath(location.pathname) || rememberedCycle());
  if (id) sendAhead(Q_BOARD, { c: id }); // the longest to answer: first
  sendAhead(Q_VIEWER);
  sendAhead(Q_CYCLES);
  sendAhead(Q_UNREAD);
}
