// A tiny GraphQL client: POST /graphql on the same origin with the session cookie.
// Server error messages come back in the UI's language (Accept-Language).
import { lang, t } from './i18n.js';

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

export async function gql(query, variables, { endpoint = '/graphql', signal } = {}) {
  let res;
  try {
    res = await fetch(endpoint, {
      method: 'POST',
      credentials: 'same-origin',
      headers: {
        'Content-Type': 'application/json',
        Accept: 'application/json',
        'Accept-Language': lang.value,
      },
      body: JSON.stringify(variables ? { query, variables } : { query }),
      signal,
    });
  } catch (e) {
    if (e && e.name === 'AbortError') throw e;
    throw new ApiError(t('error.network'), 'NETWORK');
  }

  let body = null;
  try {
    body = await res.json();
  } catch {
    /* not JSON: handled below */
  }

  const err = body && Array.isArray(body.errors) && body.errors[0];
  if (err) {
    const ext = err.extensions || {};
    const apiErr = new ApiError(err.message || t('error.unknown'), ext.code || 'INTERNAL', ext.field ?? null);
    if (apiErr.code === 'UNAUTHENTICATED') unauthenticatedListeners.forEach((fn) => fn(apiErr));
    throw apiErr;
  }
  if (!res.ok || !body || typeof body.data !== 'object' || body.data === null) {
    throw new ApiError(t('error.server', { status: res.status }), 'HTTP');
  }
  return body.data;
}

// ---- the operations this screen uses -------------------------------------------------

const USER_FIELDS = 'id displayName handle locale role';

export const Q_VIEWER = `query Viewer { viewer { ${USER_FIELDS} } }`;
export const M_SIGN_IN = `mutation SignIn($e: String!, $p: String!) { signIn(email: $e, password: $p) { ${USER_FIELDS} } }`;
export const M_SIGN_OUT = `mutation SignOut { signOut }`;
export const M_LOCALE = `mutation SetLocale($l: String!) { updateProfile(input: { locale: $l }) { id locale } }`;
export const Q_CYCLES = `query Cycles { cycles { id name startsOn endsOn phase } }`;
// The board and the event seq it reflects, in one request: subscribe with since = boardSeq.
export const Q_BOARD = `query Board($c: ID!) { boardSeq(cycleId: $c) teams { id name } objectives(cycleId: $c) {
  id title level state visibility progress status statusReasons score
  parent { id } owner { id displayName handle } team { id name }
  keyResults { id title kind unit weight progress rawProgress expectedProgress status statusReasons
    currentValue startValue targetValue rangeMin rangeMax dueDate confidence progressSource }
} }`;
