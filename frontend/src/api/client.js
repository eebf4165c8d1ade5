// A tiny GraphQL client: POST /graphql on the same origin with the session cookie.
// Server error messages come back in the UI's language (Accept-Language).
import { signal as makeSignal } from '@preact/signals';
import { lang, t } from '../i18n/index.js';
import { keptKey, keep as keepAnswer, kept, forgetKept } from '../lib/kept.js';
import { bodyOf, post, takeSent } from './early.js';

const store = typeof localStorage === 'undefined' ? null : localStorage;

/** When the screen shows answers this device kept because the server is out of reach (ISO time), else null. */
export const showingKept = makeSignal(null);

/** Forget the kept answers (on sign-out). */
export function forgetKeptAnswers() {
  if (store) forgetKept(store);
  showingKept.value = null;
}

export class ApiError extends Error {
  /**
   * @param {string} message  human text, already in the UI's language when the server sent it
   * @param {string} code     extensions.code (UNAUTHENTICATED, BAD_USER_INPUT, …) or NETWORK / HTTP
   * @param {string|null} field  extensions.field for input errors
   */
  constructor(message, code, field = null) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.field = field;
  }
}

/** Listeners told about UNAUTHENTICATED answers (the session expired elsewhere). */
const unauthenticatedListeners = new Set();
export function onUnauthenticated(fn) {
  unauthenticatedListeners.add(fn);
  return () => unauthenticatedListeners.delete(fn);
}

/**
 * `keep`: remember the answer on this device and, when the network is down, answer with the
 * last one kept instead of failing (the app then shows it marked as offline: `showingKept`).
 */
export async function gql(query, variables, { endpoint = '/graphql', signal, keep = false } = {}) {
  if (!keep || !store) return answer(query, variables, endpoint, signal);
  const key = keptKey(query, variables);
  try {
    const data = await answer(query, variables, endpoint, signal);
    // after this turn: the screen shows the answer first (a large one takes a while to write)
    setTimeout(() => keepAnswer(store, key, data));
    showingKept.value = null;
    return data;
  } catch (e) {
    const last = e.code === 'NETWORK' && kept(store, key);
    if (!last) throw e;
    showingKept.value = last.at;
    return last.data;
  }
}

async function answer(query, variables, endpoint, signal) {
  const body = bodyOf(query, variables);
  const ahead = endpoint === '/graphql' && !signal ? takeSent(body) : null;
  try {
    if (ahead) {
      try {
        return await ask(body, endpoint, signal, ahead);
      } catch {
        /* sent ahead and failed: ask again now (its error then speaks the language on screen) */
      }
    }
    return await ask(body, endpoint, signal);
  } catch (e) {
    if (e.code === 'UNAUTHENTICATED') unauthenticatedListeners.forEach((fn) => fn(e));
    throw e;
  }
}

/** `response`: one sent ahead (api/early.js); else the request is sent now. */
async function ask(body, endpoint, signal, response = null) {
  let res;
  try {
    res = await (response || post(endpoint, body, lang.value, signal));
  } catch (e) {
    if (e && e.name === 'AbortError') throw e;
    throw new ApiError(t('error.network'), 'NETWORK');
  }

  let reply = null;
  try {
    reply = await res.json();
  } catch {
    /* not JSON: handled below */
  }

  const err = reply && Array.isArray(reply.errors) && reply.errors[0];
  if (err) {
    const ext = err.extensions || {};
    throw new ApiError(err.message || t('error.unknown'), ext.code || 'INTERNAL', ext.field ?? null);
  }
  if (!res.ok || !reply || typeof reply.data !== 'object' || reply.data === null) {
    throw new ApiError(t('error.server', { status: res.status }), 'HTTP');
  }
  return reply.data;
}
